"""Browser tests: a real `streamlit run app.py` server on a free loopback port, driven by Playwright in
Debian's Chromium (/usr/bin/chromium; no browser is ever downloaded), or over its websocket alone
(bench/wire_session.py).

Without Chromium the tests that need it are skipped with the reason, except under CI=true, where that is
a failure; the others still run. Screenshots go to artifacts/ (git-ignored).
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts"
# flags for a sandboxed, offline machine: no background connections that this network would refuse
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
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


def solo_losses(params: dict[str, str]) -> list[float]:
    """The train losses of a solo run, in this process, of the config the URL parameters `params` describe:
    what a session on those parameters must show, whatever else the server runs."""
    from rnnviz.config import from_query_params
    from rnnviz.experiment import Experiment

    config, notices = from_query_params(params)
    if notices:
        raise ValueError(f"the URL parameters were not all taken: {notices}")
    trainer = Experiment.build(config).trainer
    return [record["train_loss"] for record in trainer.run(config.steps)]


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.fixturenames:       # directly or through `page`
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """`streamlit run <script> [extra flags]` on 127.0.0.1:<free port> (cwd `cwd`), until stop(). Its output
    goes to a log file, not a pipe: nobody reads a pipe during a long run, and a full one would block the
    server. The benchmarks (bench/browser_kit.py) use this same server."""

    def __init__(self, script: str = "app.py", *extra: str, cwd: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log", delete=False)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.port),
             "--browser.gatherUsageStats", "false", *extra],
            cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, text=True)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 60.0, poll: float = 0.05) -> float:
        """Block until the server answers its health check; seconds since it was launched."""
        while time.perf_counter() - self.started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(poll)
        raise TimeoutError(f"streamlit did not answer on {self.url} within {timeout} s")

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.log.close()
        os.unlink(self.log.name)


# Starlette serves static files from AnyIO's thread pool, which retires a thread idle 10 s, when next asked
POOL_IDLE = 10.5


def thread_count(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("Threads:"))


def quiet_thread_count(server: StreamlitServer, at_most: int | None = None, timeout: float = 40.0) -> tuple[int, int]:
    """(the server's thread count before AnyIO's idle pool threads are retired, the count once they are and
    it has held for 2 s and is <= at_most, if given; bounded by `timeout`). The wait lets the pool's
    threads idle POOL_IDLE s and a closed session's worker outlive it by its grace period (plus its
    once-a-second check: a reconnecting browser keeps its training); then a plain GET of the page, served
    from the pool, retires its idle threads."""
    from rnnviz.live.session_watch import GRACE_SECONDS

    time.sleep(max(POOL_IDLE, GRACE_SECONDS + 2.0))
    before = thread_count(server.pid)
    with urllib.request.urlopen(f"{server.url}/", timeout=30) as response:
        response.read()
    start = time.monotonic()
    count, since = thread_count(server.pid), start
    while time.monotonic() - start < timeout:
        time.sleep(0.25)
        now = thread_count(server.pid)
        if now != count:
            count, since = now, time.monotonic()
        elif (at_most is None or count <= at_most) and time.monotonic() - since >= 2.0:
            break
    return before, count


def launch_chromium(playwright):
    """Debian's headless Chromium with the flags above (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def chromium_or_skip() -> None:
    if not os.path.exists(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM} (install it: apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; under CI=true the browser tests must run")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server():
    app = StreamlitServer()
    app.wait_ready()
    yield app
    app.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def open_app(page, url: str, path: str = "") -> None:
    """Load a page of the app and wait until its script has finished running."""
    page.goto(f"{url}/{path}")
    page.wait_for_selector(IDLE, timeout=60_000)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
