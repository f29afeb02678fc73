"""Several learners on one server: each session trains its own experiment and nothing else (its loss
history is exactly a solo run's), and when the learners leave, their training workers end.

A smaller version of bench/load_test.py (which also reports memory and latency under 20 sessions). It
starts its own server, so that other tests' sessions cannot move its thread count.
"""
from urllib.parse import urlencode

from testkit.app_page import IDLE, LOSS_PLOT, PROGRESS_TEXT, TRAIN_Y
from testkit.solo_run import solo_losses
from testkit.streamlit_server import StreamlitServer, quiet_thread_count, thread_count

SESSIONS = 5
STEPS = 60
FINISHED = """(steps) => {
    const bar = document.querySelector('[data-testid="stProgress"]');
    const plot = %s;
    return !!bar && bar.innerText.includes('Finished') && !!plot && !!plot._fullData && plot._fullData[0].y.length === steps;
}""" % LOSS_PLOT

POINTS_DRAWN = """() => { const plot = %s; return plot && plot._fullData ? plot._fullData[0].y.length : null; }""" % LOSS_PLOT


def session_params(i: int) -> dict[str, str]:
    return {"task": "sum-sign", "cell": "rnn" if i % 2 == 0 else "gru", "hidden_size": "16",
            "steps": str(STEPS), "seed": str(i), "lang": "en", "pace": "max"}    # the heaviest load: full speed


def open_session(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    page.wait_for_selector(IDLE)
    # the page draws its empty loss chart in a rerun of its own half a second after the first screen
    # (views/train.py, PRELOAD_AFTER): Start is pressed once that is done, as a learner sees it
    page.wait_for_function(f"() => !!({LOSS_PLOT})")
    return context, page


def test_sessions_train_apart_and_their_workers_end_with_them(browser):
    expected = [solo_losses(session_params(i)) for i in range(SESSIONS)]
    app = StreamlitServer()
    try:
        app.wait_ready()
        pid = app.process.pid
        # baseline: after one session came and went (a first session makes Streamlit start threads it keeps,
        # and torch, imported once its first screen is drawn, one more)
        context, page = open_session(browser, f"{app.url}/train?{urlencode(session_params(0))}")
        page.get_by_text("Ready to start").wait_for()
        context.close()
        _, baseline = quiet_thread_count(app)

        sessions = []
        for i in range(SESSIONS):
            context, page = open_session(browser, f"{app.url}/train?{urlencode(session_params(i))}")
            page.get_by_role("button", name="Start", exact=True).click()
            sessions.append((context, page))
        assert thread_count(pid) >= baseline + SESSIONS, "each open session has its own training worker"
        for i, (_, page) in enumerate(sessions):
            try:
                page.wait_for_function(FINISHED, arg=STEPS, timeout=90_000)
            except Exception as timeout:      # say what each page shows, to tell a lost click from a lost redraw
                shown = [(p.evaluate(PROGRESS_TEXT), p.evaluate(POINTS_DRAWN)) for _, p in sessions]
                raise AssertionError(f"session {i} did not finish; (progress, points drawn) of each: {shown}") from timeout
        histories = [page.evaluate(TRAIN_Y) for _, page in sessions]
        for i, history in enumerate(histories):
            assert history == expected[i], f"session {i}'s losses differ from a solo run of its config"
        assert len({tuple(h) for h in histories}) == SESSIONS, "different seeds and cells train differently"

        for context, _ in sessions:
            context.close()
        assert quiet_thread_count(app, at_most=baseline)[1] <= baseline, "the workers end when their sessions close"
    finally:
        app.stop()
