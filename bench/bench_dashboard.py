"""The dashboard's cost, measured in one run (issue 4):

  (a) training steps per second while headless Chromium shows the Train page live, against the Trainer
      alone on the same config in this process (torch.set_num_threads(1) on both sides)    goal >= 0.8
  (b) refreshes per second of the live loss chart in the browser                          goal >= 2
  (c) seconds from launching `streamlit run app.py` to the first interactive render (the script has
      finished and the Start button is visible, seen from the page's first animation frame that shows
      both), against a one-line Streamlit app measured the same way in the same run; median of 3
      launches each, alternating                                                        goal <= 1.2x
      On a fresh server that first screen is drawn before torch imports (rnnviz/ui/warm_up.py), so
      the dashboard's time to complete (torch in, the real Train page drawn) is printed beside it.
      Two more apps show the floors: the one-line app plus `import torch` and one Plotly chart (what
      the dashboard drew first before), and the dashboard's first screen without rnnviz (the same
      navigation, kinds and number of sidebar widgets, Train controls).
      Measured twice: in a browser launched once beforehand (its launch excluded from both sides), and
      in a fresh Chromium launched when the server answers, as `streamlit run` opens the learner's
      browser (its launch included on both sides, as the issue measured its trivial app: about 4 s).

(a) and (b) come from one in-page sampler: every 20 ms it reads the newest step the chart's train trace
draws (the live chart thins its points to 2000, so it is not their count); each change is one refresh,
and steps gained / seconds is the
worker's step rate as the learner sees it. The Trainer alone is timed before and after the browser run
(their mean is the reference), so load on this shared machine hits both sides alike. Prints, never asserts.

    python -m bench.bench_dashboard [--window 10] [--launches 3]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import torch

from bench.browser_kit import (ThreadCPU, descendants, launch_chromium, loadavg, process_cpu_seconds,
                               redraw_rates, start_training_page)
from rnnviz.config import from_query_params
from rnnviz.experiment import Experiment
from testkit.app_page import IDLE, POINTS, PROGRESS_TEXT
from testkit.streamlit_server import ROOT, StreamlitServer

# a run long enough to outlast the window, at full speed (the page's default pace is a slow motion for a class
# to follow); the default sum-sign experiment otherwise
PARAMS = {"task": "sum-sign", "steps": "100000", "seed": "0", "lang": "en", "pace": "max"}
ONE_LINE_APP = 'import streamlit as st; st.button("Start")\n'
# the same plus what any dashboard's first screen has and the one-line app lacks: torch imported and one
# Plotly chart drawn (the browser loads Plotly.js for it): where the floor of (c) lies for this kind of app
TORCH_CHART_APP = ('import streamlit as st, plotly.graph_objects as go, torch; st.button("Start"); '
                   'st.plotly_chart(go.Figure(go.Scatter(y=[3, 1, 2])))\n')

# the dashboard's first screen without rnnviz: the same navigation, a sidebar with the same kinds and
# number of widgets, the Train page's controls; no torch imported behind it
FIRST_SCREEN_APP = {
    "first_screen.py": """import streamlit as st
st.set_page_config(page_title="rnnviz", page_icon=":material/repeat:", layout="wide")
with st.sidebar:
    st.radio("Language", ["Español", "English"], index=1, horizontal=True)
    st.toggle("Projector")
    st.selectbox("Task", ["sum-sign", "sine", "adding"])
    st.selectbox("Cell", ["rnn-tanh", "lstm", "gru"])
    st.slider("Hidden units", 1, 256, 16)
    st.slider("Layers", 1, 4, 1)
    st.toggle("Bidirectional")
    st.number_input("Sequence length", 1, 1000, 20)
    st.select_slider("Learning rate", [0.001, 0.01, 0.1], 0.01)
    st.selectbox("Optimizer", ["adam", "sgd"])
    st.slider("Batch size", 1, 256, 32)
    st.number_input("Steps", 1, 100000, 300)
    st.number_input("Clip", 0.0, 10.0, 1.0)
    st.number_input("Seed", 0, 1000, 0)
pages = [st.Page("train.py", title="Train", icon=":material/model_training:", default=True)]
pages += [st.Page(f"page{i}.py", title=f"Page {i}", icon=":material/visibility:") for i in range(5)]
st.navigation(pages).run()
""",
    "train.py": """import streamlit as st
st.title("Train")
row = st.container(horizontal=True)
for label in ("Start", "Pause", "One step", "Reset"):
    row.button(label)
st.progress(0.0, text="Step 0 of 300")
metrics = st.container(horizontal=True)
metrics.metric("Train loss", "–")
metrics.metric("Validation loss", "–")
st.toggle("Log y axis")
""",
    **{f"page{i}.py": "import streamlit as st\nst.write('page')\n" for i in range(5)},
}

# records (ms since the sampler started, newest step drawn) each time it grows (a value that drops for a
# moment while Plotly swaps the figure in is not a refresh)
SAMPLER = """() => {
    window.__chart_log = [];
    const points = %s;
    let most = -2;
    window.__chart_timer = setInterval(() => {
        const n = points();
        if (n > most) { window.__chart_log.push([performance.now(), n]); most = n; }
    }, 20);
}""" % POINTS


def trainer_alone_rate(window: float) -> float:
    """Steps per second of Experiment.build(config).trainer.step() in this process, over `window` s."""
    config, notices = from_query_params(PARAMS)
    assert not notices, notices
    trainer = Experiment.build(config).trainer
    for _ in range(20):                                  # warm-up: first calls allocate
        trainer.step()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < window:
        trainer.step()
        steps += 1
    return steps / (time.perf_counter() - start)


def dashboard_rates(browser, window: float, flags: tuple[str, ...] = ()) -> dict:
    """Steps/s and chart refreshes/s of the Train page training live in the browser."""
    server = StreamlitServer("app.py", *flags)
    try:
        server.wait_ready()
        context, page = start_training_page(browser, f"{server.url}/train?{urlencode(PARAMS)}", POINTS)
        time.sleep(2.0)                                 # past the first redraws, as the Trainer's warm-up
        page.evaluate(SAMPLER)
        cpu = ThreadCPU(server.pid)
        browser_cpu = browser_cpu_seconds(server.pid)
        first_step, start = step_in_progress(page.evaluate(PROGRESS_TEXT)), time.perf_counter()
        time.sleep(window)
        log = page.evaluate("() => { clearInterval(window.__chart_timer); return window.__chart_log; }")
        progress = page.evaluate(PROGRESS_TEXT)
        progress_rate = (step_in_progress(progress) - first_step) / (time.perf_counter() - start)
        cpu = cpu.stop()
        cpu["browser"] = (browser_cpu_seconds(server.pid) - browser_cpu) / (time.perf_counter() - start)
        context.close()
    finally:
        server.stop()
    rates = redraw_rates(log, window, "the chart")
    return {**rates, "points_at_end": rates["last_step"], "progress": progress, "progress_rate": progress_rate,
            "cpu": cpu}


def browser_cpu_seconds(server_pid: int) -> float:
    """CPU seconds used so far by this script's children other than the server: Playwright and Chromium."""
    return sum(process_cpu_seconds(p) for p in descendants(os.getpid()) if p != server_pid)


def step_in_progress(text: str) -> int:
    """The step count in the progress bar's text ("Step 1294 of 100000 · ...")."""
    found = re.search(r"Step (\d+) of", text)
    if not found:
        raise RuntimeError(f"no step count in the progress text {text!r}")
    return int(found.group(1))


# true once the script has finished and a visible button reads "Start" (after its icon's ligature, if
# any): the first interactive render
INTERACTIVE = r"""() => document.querySelector('%s') !== null && [...document.querySelectorAll('button')].some(
    b => /(^|\n)Start$/.test(b.innerText.trim()) && b.getBoundingClientRect().width > 0)""" % IDLE
# true once the page shows the text `complete`
SHOWS = "text => document.body.innerText.includes(text)"


def seen_at(page, condition: str, arg=None) -> float:
    """The wall-clock time (time.time()) of the first animation frame at which `condition` holds.

    Checked in the page at every frame, not by Playwright's own waiting, which polls only every 0.5 s
    after the first few tries: that step alone blurred a launch's time by up to half a second."""
    found = page.wait_for_function(f"arg => ({condition})(arg) && performance.timeOrigin + performance.now()",
                                   arg=arg, polling="raf", timeout=60_000)
    return found.json_value() / 1000


def seconds_to_interactive(script: str, cwd: Path, flags: tuple[str, ...] = (), browser=None,
                           playwright=None, complete: str | None = None) -> tuple[float, float, float | None]:
    """(health check answers, script finished with Start visible, the text `complete` shown), in seconds
    since launch (the last None without `complete`).

    With `browser` the page opens in that running browser (its launch excluded); otherwise a fresh
    Chromium is launched as soon as the server answers, as `streamlit run` opens the learner's browser
    itself (its launch included)."""
    server = StreamlitServer(script, *flags, cwd=cwd)
    fresh = None
    try:
        healthy = server.wait_ready()
        launched = time.time() - (time.perf_counter() - server.started)     # the launch, on the page's clock
        if browser is None:
            browser = fresh = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        page = context.new_page()
        page.goto(f"{server.url}/train?lang=en", wait_until="commit")
        interactive = seen_at(page, INTERACTIVE) - launched
        done = seen_at(page, SHOWS, complete) - launched if complete else None
        context.close()
    finally:
        if fresh is not None:
            fresh.close()
        server.stop()
    return healthy, interactive, done


def start_up(playwright, browser, launches: int, flags: tuple[str, ...]) -> None:
    """(c): each app launched `launches` times, in turn, with the browser's launch excluded and included."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "one_line.py").write_text(ONE_LINE_APP)
        (Path(folder) / "torch_chart.py").write_text(TORCH_CHART_APP)
        (Path(folder) / "first_screen").mkdir()
        for name, source in FIRST_SCREEN_APP.items():
            (Path(folder) / "first_screen" / name).write_text(source)
        # the real Train page says "Ready to start" once torch is in and its worker built
        apps = {"app.py": ("app.py", ROOT, flags, "Ready to start"),
                "one-line app": ("one_line.py", Path(folder), (), None),
                "torch + 1 chart": ("torch_chart.py", Path(folder), (), None),
                "no rnnviz": ("first_screen.py", Path(folder) / "first_screen", (), None)}
        runs = {(name, own): [] for own in (False, True) for name in apps}
        for _ in range(launches):                        # alternate, so load hits all alike
            for own in (False, True):
                for name, (script, cwd, app_flags, complete) in apps.items():
                    runs[name, own].append(seconds_to_interactive(script, cwd, app_flags, None if own else browser,
                                                                  playwright, complete))
    for own, how in ((False, "a browser already running (its launch excluded)"),
                     (True, "a fresh browser launched when the server answers, as `streamlit run` does "
                            "(its launch included, as the issue measured)")):
        print(f"(c) seconds from `streamlit run` to first interactive render, {how}:")
        medians = {}
        for name in apps:
            values = runs[name, own]
            medians[name] = statistics.median(v[1] for v in values)
            completed = (f"; complete {', '.join(f'{v[2]:.2f}' for v in values)} -> median "
                         f"{statistics.median(v[2] for v in values):.2f} s" if values[0][2] is not None else "")
            print(f"    {name:15s} interactive {', '.join(f'{v[1]:.2f}' for v in values)} -> median "
                  f"{medians[name]:.2f} s (health check answered: median "
                  f"{statistics.median(v[0] for v in values):.2f} s){completed}")
        print(f"    ratio app.py / one-line app = {medians['app.py'] / medians['one-line app']:.2f}   goal <= 1.2   "
              f"[load {loadavg()}]")
        print(f"    (floor: a one-line app that imports torch and draws one chart is "
              f"{medians['torch + 1 chart'] / medians['one-line app']:.2f}x the one-line app; the dashboard's "
              f"first screen without rnnviz is {medians['no rnnviz'] / medians['one-line app']:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--window", type=float, default=10.0, help="seconds of each rate measurement")
    parser.add_argument("--launches", type=int, default=3, help="launches of each app for (c); 0 skips (c)")
    parser.add_argument("--streamlit-flags", default="", help="extra `streamlit run` flags for app.py, to try "
                        "a setting, e.g. \"--runner.postScriptGC false\"")
    args = parser.parse_args()
    torch.set_num_threads(1)
    from playwright.sync_api import sync_playwright

    print(f"load average at start: {loadavg()}")
    alone_before = trainer_alone_rate(args.window)
    print(f"Trainer alone (before): {alone_before:.0f} steps/s")
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        flags = tuple(args.streamlit_flags.split())
        if flags:
            print(f"app.py runs with the extra flags {' '.join(flags)}")
        live = dashboard_rates(browser, args.window, flags)
        alone_after = trainer_alone_rate(args.window)
        print(f"Trainer alone (after):  {alone_after:.0f} steps/s")
        alone = (alone_before + alone_after) / 2
        print(f"(a) steps/s with the Train page live in the browser: {live['steps_per_second']:.0f} from the "
              f"chart's newest step, {live['progress_rate']:.0f} from the progress bar's step count "
              f"(its text at the end: {live['progress']!r})")
        print(f"    ratio live / Trainer alone = {live['steps_per_second'] / alone:.2f}   goal >= 0.8   "
              f"[load {loadavg()}]")
        print(f"(b) loss chart refreshes/s: {live['refreshes_per_second']:.2f} (longest gap "
              f"{live['largest_gap_s']:.2f} s, {live['points_at_end']} steps drawn at the end)   goal >= 2")
        cpu = live["cpu"]
        print(f"    server CPU while live, in cores: worker thread {cpu['worker']:.2f}, script runs "
              f"({cpu['transient_threads']} short-lived threads) {cpu['transient']:.2f}, event loop "
              f"{cpu['main']:.2f}, other threads {cpu['other_lasting']:.2f}; browser (Playwright + Chromium) "
              f"{cpu['browser']:.2f}")

        if args.launches >= 1:
            start_up(playwright, browser, args.launches, flags)
        browser.close()

if __name__ == "__main__":
    main()
