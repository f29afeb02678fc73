"""Resident memory of the whole `streamlit run app.py` process with one session (issue 6, Community Cloud):
goal under 400 MB (Community Cloud's limit is about 1 GB per app, shared by every visitor).

One headless Chromium session opens the default experiment (/train?lang=en: sum-sign, 1000 steps), presses
Start, waits for "Finished", then visits every page once through the sidebar's links (one session
throughout: a link keeps the session, a new URL would start another). VmRSS of the server process is
read after each page has finished drawing and sampled every 0.2 s throughout for the peak.

Then where the memory goes: each import the app needs, added one after the other in a fresh Python
process, with the resident memory after each (file-backed pages are code of the shared libraries,
anonymous pages are the heap). Prints, never asserts.

    python -m bench.memory
"""
from __future__ import annotations

import subprocess
import sys
import time

from bench.browser_kit import Sampler, launch_chromium, loadavg, proc_status
from testkit.app_page import IDLE, PROGRESS_TEXT
from testkit.streamlit_server import ROOT, StreamlitServer

PAGES = ["Train", "Inside the network", "Gradients", "RNN vs LSTM vs GRU", "From scratch", "Your data and models"]
SETTLE = 2.0           # seconds after a page has drawn, for work it starts in the background
GOAL_MB = 400

# one process importing what the app imports, in this order, printing its resident memory after each step
IMPORT_STEPS = [
    ("python", "pass"),
    ("streamlit", "import streamlit"),
    ("numpy", "import numpy"),
    ("plotly (+ a figure to JSON)", "import plotly.graph_objects as go; go.Figure(go.Scatter(y=[1.0])).to_json()"),
    ("torch", "import torch; torch.set_num_threads(1)"),
    ("rnnviz.ui and the figures", "import rnnviz.ui.session, rnnviz.ui.sidebar, rnnviz.ui.url, rnnviz.ui.runs, "
                                  "rnnviz.ui.task_results, rnnviz.ui.export, rnnviz.figures.training"),
    ("a training step (rnnviz.optim.Adam)", "from rnnviz.experiment import Experiment; "
     "from rnnviz.config import ExperimentConfig; Experiment.build(ExperimentConfig()).trainer.step()"),
    ("pandas (tables, uploads; imports pyarrow)", "import pandas"),
    ("torch.optim.Adam's step: torch._dynamo (the app avoids it)",
     "m = torch.nn.LSTM(4, 8); torch.optim.Adam(m.parameters()).step()"),
]
MEASURE = """
import re, sys
def status():
    text = open('/proc/self/status').read()
    return [int(re.search(key + r':\\s+(\\d+)', text).group(1)) / 1024 for key in ('VmRSS', 'RssAnon', 'RssFile')]
for name, code in {steps!r}:
    exec(code)
    rss, anon, file = status()
    print(f"{{name}}\\t{{rss:.0f}}\\t{{anon:.0f}}\\t{{file:.0f}}\\t{{len(sys.modules)}}\\t{{'pyarrow' in sys.modules}}")
"""


def session_memory() -> list[tuple[str, float]]:
    """(moment, server VmRSS in MB) through one session's life; the peak sample last."""
    from playwright.sync_api import sync_playwright

    server = StreamlitServer("app.py")
    readings = []
    try:
        server.wait_ready()
        sampler = Sampler(server.pid, every=0.2)
        readings.append(("server up, no session", proc_status(server.pid)["rss_mb"]))
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
            page = context.new_page()
            page.set_default_timeout(120_000)
            page.goto(f"{server.url}/train?lang=en")
            page.wait_for_selector(IDLE)
            readings.append(("Train page drawn, before training", proc_status(server.pid)["rss_mb"]))
            start = time.perf_counter()
            page.get_by_role("button", name="Start", exact=True).click()
            page.wait_for_function(f"({PROGRESS_TEXT})().includes('Finished')", timeout=600_000)
            page.wait_for_selector(IDLE)
            readings.append((f"trained ({page.evaluate(PROGRESS_TEXT)}, {time.perf_counter() - start:.0f} s)",
                             proc_status(server.pid)["rss_mb"]))
            for title in PAGES:
                page.locator('[data-testid="stSidebarNav"] a').filter(has_text=title).first.click()
                page.wait_for_timeout(300)            # let the navigation start before waiting for its end
                page.wait_for_selector(IDLE)
                time.sleep(SETTLE)
                page.wait_for_selector(IDLE)
                heading = page.locator("h1").first.inner_text().strip()     # proves the page changed
                readings.append((f"after visiting {title} (its heading: {heading!r})", proc_status(server.pid)["rss_mb"]))
            context.close()
            browser.close()
        sampler.stop()
        readings.append(("peak (sampled every 0.2 s)", sampler.peak_rss()))
    finally:
        log = server.output()
        server.stop()
    if "Traceback" in log:
        print(f"the server logged {log.count('Traceback')} tracebacks")
    return readings


def import_breakdown() -> list[list[str]]:
    code = MEASURE.format(steps=IMPORT_STEPS)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    if result.returncode:
        raise RuntimeError(result.stderr)
    return [line.split("\t") for line in result.stdout.strip().splitlines()]


def main() -> None:
    print(f"load average at start: {loadavg()}")
    readings = session_memory()
    print("server process VmRSS, one session with the default experiment:")
    for moment, rss in readings:
        print(f"    {rss:6.0f} MB  {moment}")
    peak, final = readings[-1][1], readings[-2][1]
    print(f"peak {peak:.0f} MB, final {final:.0f} MB   goal < {GOAL_MB} MB: "
          f"{'met' if peak < GOAL_MB else 'NOT met'}   [load {loadavg()}]")

    print("\nwhere it goes: one fresh process importing what the app imports, one step after the other")
    print(f"    {'step':52s} {'RSS MB':>7s} {'+MB':>5s} {'anon':>6s} {'file':>6s} {'modules':>8s}")
    previous = 0.0
    for name, rss, anon, file, modules, pyarrow in import_breakdown():
        rss = float(rss)
        print(f"    {name:52s} {rss:7.0f} {rss - previous:+5.0f} {float(anon):6.0f} {float(file):6.0f} {modules:>8s}"
              + ("   (pyarrow loaded)" if pyarrow == "True" and "pandas" in name else ""))
        previous = rss


if __name__ == "__main__":
    main()
