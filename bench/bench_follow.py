"""Training while a page follows it (issue 19), measured in one run:

  (a) training steps per second while headless Chromium shows the Inside page with "Follow training" on
      (the animation re-traced from the current weights at every refresh), against the Trainer alone on
      the same config in this process (torch.set_num_threads(1) on both sides)             goal >= 0.7
  (b) the same for the Gradients page following (||dL/dh_t|| now measured again at every refresh)
  (c) refreshes per second each page draws while following                                   goal >= 2
  (d) without Streamlit: what one refresh of each page computes (a copy of the weights, the trace or the
      gradients, the figure) against one training step, for the default model

(a)-(c) come from an in-page sampler: every 20 ms it reads the training step the newest drawing was made
at (the Inside page's "The model at training step N", the Gradients chart's "now (step N)"); each change
is one refresh, and steps gained / seconds is the worker's rate as the learner sees it. The run trains at
full pace (pace=max). The Trainer alone is timed before and after the browser runs (their mean is the
reference), so load on this shared machine hits both sides alike. Prints, never asserts.

    python -m bench.bench_follow [--window 10]
"""
from __future__ import annotations

import argparse
import copy
import time
from urllib.parse import urlencode

import torch

from bench.bench_dashboard import PARAMS, browser_cpu_seconds, trainer_alone_rate
from bench.browser_kit import ThreadCPU, launch_chromium, loadavg, redraw_rates, start_training_page
from testkit.app_page import IDLE, POINTS
from testkit.streamlit_server import StreamlitServer

FOLLOW_PARAMS = {**PARAMS, "pace": "max"}
# the training step the newest drawing of each page was made at (-1 before there is one)
DRAWN_STEP = {
    "Inside the network": """() => {
        const found = /training step (\\d+)/.exec(document.body.innerText);
        return found ? Number(found[1]) : -1;
    }""",
    "Gradients": """() => {
        const plot = [...document.querySelectorAll('[class*="st-key-rnnviz-live-stack-gradients-now"] .js-plotly-plot')]
            .filter(plot => plot._fullLayout).pop();
        const found = plot && /step (\\d+)/.exec(plot._fullLayout.xaxis2.title.text);
        return found ? Number(found[1]) : -1;
    }""",
}
SAMPLER = """(drawn) => {
    window.__follow_log = [];
    const step = eval(drawn);
    let most = -2;
    window.__follow_timer = setInterval(() => {
        const n = step();
        if (n > most) { window.__follow_log.push([performance.now(), n]); most = n; }
    }, 20);
}"""


def following_rates(browser, page_name: str, window: float) -> dict:
    """Steps/s of the session's worker and refreshes/s while `page_name` follows its training."""
    server = StreamlitServer("app.py")
    try:
        server.wait_ready()
        context, page = start_training_page(browser, f"{server.url}/train?{urlencode(FOLLOW_PARAMS)}", POINTS)
        page.get_by_role("link", name=page_name).click()
        page.wait_for_selector(IDLE)
        page.get_by_text("Follow training", exact=True).click()
        page.wait_for_function(f"({DRAWN_STEP[page_name]})() > 0", timeout=30_000)
        time.sleep(2.0)                                 # past the first redraws, as the Trainer's warm-up
        page.evaluate(SAMPLER, DRAWN_STEP[page_name])
        cpu, browser_cpu, start = ThreadCPU(server.pid), browser_cpu_seconds(server.pid), time.perf_counter()
        time.sleep(window)
        log = page.evaluate("() => { clearInterval(window.__follow_timer); return window.__follow_log; }")
        cpu = cpu.stop()
        cpu["browser"] = (browser_cpu_seconds(server.pid) - browser_cpu) / (time.perf_counter() - start)
        context.close()
    finally:
        server.stop()
    return {**redraw_rates(log, window, f"the {page_name} page"), "cpu": cpu}


def refresh_costs(repeats: int = 20) -> dict:
    """Milliseconds of one training step and of what one following refresh computes, default model."""
    from rnnviz import model_gradients
    from rnnviz.config import from_query_params
    from rnnviz.experiment import Experiment
    from rnnviz.figures.animation import states_animation_figure
    from rnnviz.gradients import PROBE_SIZE
    from rnnviz.inside import look_inside, sample_from_test_set

    config, _ = from_query_params(PARAMS)
    experiment = Experiment.build(config)
    for _ in range(20):
        experiment.trainer.step()
    start = time.perf_counter()
    for _ in range(200):
        experiment.trainer.step()
    step_ms = (time.perf_counter() - start) / 200 * 1000
    sample = sample_from_test_set(experiment.data, 0)

    def inside():
        model = copy.deepcopy(experiment.model).eval()
        look = look_inside(model, experiment.data, sample, 0, 0)
        states_animation_figure(look.states, inputs=sample.x[0].numpy(), output=look.output,
                                projection=look.projection, at=0, animated=False).to_json()

    def gradients():
        model = copy.deepcopy(experiment.model).eval()
        model_gradients.probe_grad_norms(model, experiment.data, PROBE_SIZE)

    costs = {"step": step_ms}
    for name, refresh in (("inside", inside), ("gradients", gradients)):
        refresh()
        start = time.perf_counter()
        for _ in range(repeats):
            refresh()
        costs[name] = (time.perf_counter() - start) / repeats * 1000
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--window", type=float, default=10.0, help="seconds of each rate measurement")
    args = parser.parse_args()
    torch.set_num_threads(1)
    from playwright.sync_api import sync_playwright

    print(f"load average at start: {loadavg()}")
    alone_before = trainer_alone_rate(args.window)
    print(f"Trainer alone (before): {alone_before:.0f} steps/s")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        rates = {name: following_rates(browser, name, args.window) for name in DRAWN_STEP}
        browser.close()
    alone_after = trainer_alone_rate(args.window)
    print(f"Trainer alone (after):  {alone_after:.0f} steps/s")
    alone = (alone_before + alone_after) / 2
    for label, name in (("(a)", "Inside the network"), ("(b)", "Gradients")):
        rate = rates[name]
        print(f"{label} steps/s while {name} follows training: {rate['steps_per_second']:.0f}; ratio / Trainer "
              f"alone = {rate['steps_per_second'] / alone:.2f}   goal >= 0.7   [load {loadavg()}]")
        cpu = rate["cpu"]
        print(f"    CPU in cores: worker thread {cpu['worker']:.2f}, script runs {cpu['transient']:.2f}, event loop "
              f"{cpu['main']:.2f}, other server threads {cpu['other_lasting']:.2f}; browser {cpu['browser']:.2f}")
    for name, rate in rates.items():
        print(f"(c) {name}: {rate['refreshes_per_second']:.2f} refreshes/s (longest gap "
              f"{rate['largest_gap_s']:.2f} s)   goal >= 2")
    costs = refresh_costs()
    print(f"(d) without Streamlit, default model: one training step {costs['step']:.2f} ms; one refresh computes "
          f"{costs['inside']:.1f} ms (Inside: copy, trace, figure, JSON) and {costs['gradients']:.1f} ms "
          f"(Gradients: copy, ||dL/dh_t||); at 2 refreshes/s that is {costs['inside'] * 2 / 10:.1f}% and "
          f"{costs['gradients'] * 2 / 10:.1f}% of one core")


if __name__ == "__main__":
    main()
