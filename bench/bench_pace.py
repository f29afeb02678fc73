"""The Train page at a human pace (issue 19), measured in one run in headless Chromium:

  (a) the default run at the default pace: the loss chart's refreshes until the loss levels off, and how
      many of them showed a falling loss                          goal: over ~10-30 s, >= 10 falling
  (b) Start → first point drawn, on a warm server (torch imported, a page served), clicked once the page
      has drawn its empty loss chart (half a second after its first screen)            goal <= 0.5 s
  (c) the same on a fresh server (the click lands on the stand-in while torch loads): what the click shows
      at once, and when the first point is drawn
  (d) steps/s at full pace with the page live, against the Trainer alone (bench_dashboard's (a))
                                                                                        goal >= 0.8
  (e) steps/s at full pace while the Inside page follows training, against the Trainer alone
      (bench_follow's (a) and (c))                                                      goal >= 0.7

(a) A refresh is a change of the newest step the chart draws. It "shows a falling loss" when the mean of
the last SMOOTH train losses it draws is below that of the refresh before (one step's loss is noisy: a
batch of 128 sequences). The loss has levelled off at the first refresh whose smoothed loss has covered
90% of its fall from the first point to the run's plateau (the smoothed loss over the last LEVEL_STEPS
steps watched). Prints, never asserts.

(d) and (e) share one Trainer-alone reference, timed before and after them.

    python -m bench.bench_pace [--watch 45] [--window 10] [--starts 5] [--fresh 2]
"""
from __future__ import annotations

import argparse
import statistics
import time

import torch

from bench.bench_dashboard import dashboard_rates, trainer_alone_rate
from bench.bench_follow import following_rates
from bench.browser_kit import launch_chromium, loadavg
from rnnviz.live.speed import DEFAULT_PACE
from testkit.app_page import IDLE, LOSS_PLOT, POINTS
from testkit.streamlit_server import StreamlitServer

SMOOTH = 10          # train losses averaged into one refresh's "loss shown"
LEVEL_STEPS = 50     # the plateau: the mean train loss of the last this many steps watched
START = '[class*="st-key-train-start"] button'
LOSS_CHART = '[class*="st-key-rnnviz-live-stack-train-loss_chart"]'

# at each refresh (the newest step drawn grew): [ms since Start was clicked, newest step, mean of the last
# SMOOTH train losses drawn]
SAMPLER = """(smooth) => {
    window.__refreshes = [];
    const start = performance.now();
    let newest = 0;
    window.__timer = setInterval(() => {
        const plot = %s;
        if (!(plot && plot._fullData && plot._fullData[0])) return;
        const x = plot._fullData[0].x, y = Array.from(plot._fullData[0].y);
        const step = x.length ? x[x.length - 1] : 0;
        if (step > newest) {
            const tail = y.slice(-smooth);
            window.__refreshes.push([performance.now() - start, step, tail.reduce((a, b) => a + b, 0) / tail.length]);
            newest = step;
        }
    }, 20);
    document.querySelector('%s').click();
}""" % (LOSS_PLOT, START)

# clicks Start and returns the page's clock at the click (ms since the epoch)
CLICK = """() => { const t = performance.timeOrigin + performance.now(); document.querySelector('%s').click();
    return t; }""" % START
# the page's clock at the first animation frame at which `condition` holds
SEEN = "arg => (%s)(arg) && performance.timeOrigin + performance.now()"


def seen_at(page, condition: str, arg=None) -> float:
    return page.wait_for_function(SEEN % condition, arg=arg, polling="raf", timeout=60_000).json_value()


def new_page(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    return context, page


def watch_default_run(browser, server, seconds: float) -> list:
    """(a): the default experiment at the default pace, from Start, for `seconds`."""
    context, page = new_page(browser, f"{server.url}/train?lang=en")
    page.wait_for_selector(IDLE)
    page.get_by_text("Ready to start").wait_for()
    page.wait_for_selector(f"{LOSS_CHART} .main-svg")           # as in (b)
    page.wait_for_selector(IDLE)
    page.evaluate(SAMPLER, SMOOTH)
    time.sleep(seconds)
    refreshes = page.evaluate("() => { clearInterval(window.__timer); return window.__refreshes; }")
    context.close()
    return refreshes


def report_default_run(refreshes: list, seconds: float) -> None:
    if len(refreshes) < 3:
        print(f"(a) only {len(refreshes)} refreshes in {seconds:.0f} s")
        return
    times = [r[0] / 1000 for r in refreshes]
    steps = [r[1] for r in refreshes]
    shown = [r[2] for r in refreshes]
    plateau = statistics.fmean(r[2] for r in refreshes if r[1] > steps[-1] - LEVEL_STEPS)
    fall = shown[0] - plateau
    level = next((i for i, loss in enumerate(shown) if loss - plateau <= 0.1 * fall), len(shown) - 1)
    falling = sum(1 for before, now in zip(shown[:level], shown[1:level + 1]) if now < before)
    print(f"(a) default run (sum-sign, pace {DEFAULT_PACE} steps/s), watched {seconds:.0f} s: {len(refreshes)} "
          f"refreshes, up to step {steps[-1]}")
    print(f"    the smoothed loss fell from {shown[0]:.3f} (step {steps[0]}, {times[0]:.2f} s after Start) to its "
          f"plateau {plateau:.3f}; levelled off (90% of the fall) at step {steps[level]}, {times[level]:.1f} s "
          f"after Start")
    print(f"    refreshes until it levelled off: {level}, of which {falling} showed a falling loss   "
          f"goal: over ~10-30 s, >= 10 falling")


def warm_starts(browser, server, count: int) -> list[float]:
    """(b): seconds from the Start click to the first point drawn, in `count` new sessions."""
    seconds = []
    for _ in range(count):
        context, page = new_page(browser, f"{server.url}/train?lang=en")
        page.wait_for_selector(IDLE)
        page.get_by_text("Ready to start").wait_for()
        # the empty loss chart, drawn half a second after the first screen (Plotly loaded): a learner takes
        # longer than that to find Start and click it
        page.wait_for_selector(f"{LOSS_CHART} .main-svg")
        page.wait_for_selector(IDLE)
        clicked = page.evaluate(CLICK)
        seconds.append((seen_at(page, f"() => ({POINTS})() > 0") - clicked) / 1000)
        context.close()
    return seconds


def fresh_starts(browser, count: int) -> list[tuple[float, float, str]]:
    """(c): on a fresh server, Start clicked as soon as the stand-in shows it: seconds to the stand-in
    saying it starts once PyTorch is in, seconds to the first point, and that text."""
    results = []
    for _ in range(count):
        server = StreamlitServer()
        try:
            server.wait_ready()
            context, page = new_page(browser, f"{server.url}/train?lang=en")
            page.wait_for_selector(START)
            page.wait_for_selector(IDLE)
            clicked = page.evaluate(CLICK)
            said = seen_at(page, "() => document.body.innerText.includes('starts as soon as it is in') "
                                 f"|| ({POINTS})() > 0")
            text = page.evaluate("() => document.querySelector('[data-testid=\"stProgress\"]').innerText")
            drawn = seen_at(page, f"() => ({POINTS})() > 0")
            results.append(((said - clicked) / 1000, (drawn - clicked) / 1000, text))
            context.close()
        finally:
            server.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--watch", type=float, default=45.0, help="seconds of the default run watched in (a)")
    parser.add_argument("--window", type=float, default=10.0, help="seconds of each rate measurement in (d)")
    parser.add_argument("--starts", type=int, default=5, help="Start clicks on a warm server in (b)")
    parser.add_argument("--fresh", type=int, default=2, help="fresh servers in (c)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    from playwright.sync_api import sync_playwright

    print(f"load average at start: {loadavg()}")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        server = StreamlitServer()
        try:
            server.wait_ready()
            warm = warm_starts(browser, server, 1 + args.starts)[1:]     # the first session warms the server
            refreshes = watch_default_run(browser, server, args.watch)
        finally:
            server.stop()
        report_default_run(refreshes, args.watch)
        print(f"(b) Start → first point drawn, warm server: {', '.join(f'{s:.2f}' for s in warm)} s -> median "
              f"{statistics.median(warm):.2f} s   goal <= 0.5 s   [load {loadavg()}]")
        if args.fresh:
            fresh = fresh_starts(browser, args.fresh)
            for said, drawn, text in fresh:
                print(f"(c) fresh server: {said:.2f} s after the click the page said {text!r}; the first point "
                      f"was drawn {drawn:.2f} s after the click")
        alone_before = trainer_alone_rate(args.window)
        live = dashboard_rates(browser, args.window)
        inside = following_rates(browser, "Inside the network", args.window)
        alone = (alone_before + trainer_alone_rate(args.window)) / 2
        print(f"(d) full pace: {live['steps_per_second']:.0f} steps/s with the page live, Trainer alone "
              f"{alone:.0f} steps/s: ratio {live['steps_per_second'] / alone:.2f}   goal >= 0.8   [load {loadavg()}]")
        print(f"(e) full pace while Inside follows training: {inside['steps_per_second']:.0f} steps/s "
              f"({inside['refreshes_per_second']:.2f} refreshes/s), ratio {inside['steps_per_second'] / alone:.2f}   "
              f"goal >= 0.7   [load {loadavg()}]")
        browser.close()


if __name__ == "__main__":
    main()
