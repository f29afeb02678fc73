"""What a browser reads from the app: when a script run has finished, and the Train page's loss chart and
progress bar (JavaScript for Playwright's page.evaluate); opening a page and keeping a screenshot."""
from __future__ import annotations

from pathlib import Path

from testkit.streamlit_server import ROOT

ARTIFACTS = ROOT / "artifacts"                       # screenshots (git-ignored)
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

# The Train page's loss chart as the learner sees it: the newest drawn chart of its live stack
# (rnnviz/ui/patches/live_chart.py keeps the previous figure under the new one until the new one is drawn)
LOSS_PLOT = """[...document.querySelectorAll('[class*="st-key-rnnviz-live-stack-train-loss_chart"] .js-plotly-plot')]
    .filter(plot => plot._fullData).pop()"""
# Read from what Plotly drew (_fullData), whichever form the arrays were sent in. The newest step its train
# trace draws (= steps trained when it was drawn; a live chart thins its points, so their count is not the
# step count); 0 while empty, -1 before the chart exists:
POINTS = """() => {
    const plot = %s;
    if (!(plot && plot._fullData && plot._fullData[0])) return -1;
    const x = plot._fullData[0].x;
    return x.length ? x[x.length - 1] : 0;
}""" % LOSS_PLOT
# every train loss the chart holds, as doubles; null before the chart exists
TRAIN_Y = """() => {
    const plot = %s;
    return plot && plot._fullData && plot._fullData[0] ? Array.from(plot._fullData[0].y) : null;
}""" % LOSS_PLOT
# "linear" or "log"; null before the chart exists
AXIS_TYPE = """() => {
    const plot = %s;
    return plot && plot.layout ? plot.layout.yaxis.type : null;
}""" % LOSS_PLOT
# the progress bar's text ("Step 12 of 300 · ..."); empty before it exists
PROGRESS_TEXT = """() => {
    const bar = document.querySelector('[data-testid="stProgress"]');
    return bar ? bar.innerText : '';
}"""


def open_app(page, url: str, path: str = "") -> None:
    """Load a page of the app and wait until its script has finished running."""
    page.goto(f"{url}/{path}")
    page.wait_for_selector(IDLE, timeout=60_000)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def training_learner(context, url: str):
    """A page of `context` on the Train page of `url`, training the default experiment at full speed (100 000
    steps: it outlasts any test), once its chart has a point."""
    learner = context.new_page()
    learner.goto(f"{url}/train?lang=en&steps=100000&pace=max")
    learner.wait_for_selector(IDLE, timeout=120_000)
    learner.get_by_role("button", name="Start", exact=True).click()
    learner.wait_for_function(f"({POINTS})() > 0", timeout=120_000)
    return learner


def model_uploader(context, url: str):
    """A page of `context` on the Data page of `url`, its "Your model" tab open, and that tab's file input."""
    page = context.new_page()
    page.goto(f"{url}/data?lang=en")
    page.wait_for_selector(IDLE, timeout=120_000)
    page.get_by_role("tab", name="Your model").click()
    return page, page.locator('.st-key-data-model-file input[type="file"]')
