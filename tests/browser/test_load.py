"""Several learners on one server: each session trains its own experiment and nothing else (its loss
history is exactly a solo run's), and when the learners leave, their training workers end.

A smaller version of bench/load_test.py (which also reports memory and latency under 20 sessions). It
starts its own server, so that other tests' sessions cannot move its thread count.
"""
import time
import urllib.request
from urllib.parse import urlencode

from conftest import IDLE, TRAIN_Y, StreamlitServer

from rnnviz.config import from_query_params
from rnnviz.experiment import Experiment
from rnnviz.ui.worker import GRACE_SECONDS

SESSIONS = 5
STEPS = 60
POOL_IDLE = 10.5   # Starlette's AnyIO thread pool retires a thread idle 10 s, when next asked for one
FINISHED = """(steps) => {
    const bar = document.querySelector('[data-testid="stProgress"]');
    const plot = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
    return !!bar && bar.innerText.includes('Finished') && !!plot && !!plot._fullData && plot._fullData[0].y.length === steps;
}"""


def session_params(i: int) -> dict[str, str]:
    return {"task": "sum-sign", "cell": "rnn" if i % 2 == 0 else "gru", "hidden_size": "16",
            "steps": str(STEPS), "seed": str(i), "lang": "en"}


def solo_losses(params: dict[str, str]) -> list[float]:
    """Independent reference: the same config trained alone in this process."""
    config, notices = from_query_params(params)
    assert not notices, notices
    trainer = Experiment.build(config).trainer
    return [record["train_loss"] for record in trainer.run(config.steps)]


def threads(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("Threads:"))


def quiet_threads(app: StreamlitServer, at_most: int | None = None, timeout: float = 40.0) -> int:
    """The server's thread count once AnyIO's idle pool threads are retired (a plain GET of the page, after
    they have idled POOL_IDLE s) and the count holds for 2 s, or is <= at_most; bounded by `timeout`."""
    pid, start = app.process.pid, time.monotonic()
    # the pool's idle threads retire, and a closed session's worker outlives it by the grace period
    # (plus its once-a-second check) that lets a reconnecting browser keep its training
    time.sleep(max(POOL_IDLE, GRACE_SECONDS + 2.0))
    with urllib.request.urlopen(f"{app.url}/", timeout=10) as response:
        response.read()
    count, since = threads(pid), time.monotonic()
    while time.monotonic() - start < timeout:
        time.sleep(0.25)
        now = threads(pid)
        if now != count:
            count, since = now, time.monotonic()
        elif (at_most is not None and count <= at_most) or time.monotonic() - since >= 2.0:
            break
    return count


def open_session(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    page.wait_for_selector(IDLE)
    return context, page


def test_sessions_train_apart_and_their_workers_end_with_them(browser):
    expected = [solo_losses(session_params(i)) for i in range(SESSIONS)]
    app = StreamlitServer()
    try:
        app.wait_ready()
        pid = app.process.pid
        # baseline: after one session came and went (a first session makes Streamlit start threads it keeps)
        context, _ = open_session(browser, f"{app.url}/?{urlencode(session_params(0))}")
        context.close()
        baseline = quiet_threads(app)

        sessions = []
        for i in range(SESSIONS):
            context, page = open_session(browser, f"{app.url}/?{urlencode(session_params(i))}")
            page.get_by_role("button", name="Start", exact=True).click()
            sessions.append((context, page))
        assert threads(pid) >= baseline + SESSIONS, "each open session has its own training worker"
        for _, page in sessions:
            page.wait_for_function(FINISHED, arg=STEPS, timeout=90_000)
        histories = [page.evaluate(TRAIN_Y) for _, page in sessions]
        for i, history in enumerate(histories):
            assert history == expected[i], f"session {i}'s losses differ from a solo run of its config"
        assert len({tuple(h) for h in histories}) == SESSIONS, "different seeds and cells train differently"

        for context, _ in sessions:
            context.close()
        assert quiet_threads(app, at_most=baseline) <= baseline, "the workers end when their sessions close"
    finally:
        app.stop()
