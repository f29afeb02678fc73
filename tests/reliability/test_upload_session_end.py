"""Issue 24: "closing the uploader's tab did not stop it". On a real server, while another learner trains
(so the upload work rests between its chunks and takes many seconds), a learner uploads the heaviest model
the dashboard accepts and closes the tab while the page works on it: the work stops at its next check (the
server says so in its log) rather than running to completion. (tests/test_uploads_work.py and
tests/test_uploads_page.py check, in-process, which chunks ran and that no thread is left behind.)"""
from testkit.app_page import POINTS, model_uploader, training_learner
from testkit.state_dicts import deflated, saved, zeros_state
from testkit.streamlit_server import StreamlitServer
from testkit.waiting import wait_for

RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'
STOPPED = "upload work stopped: its session ended"
GUARD_SECONDS = 180      # only a bound so a broken test ends: the condition is the log line, not a time


def test_closing_the_tab_stops_an_uploads_work_at_its_next_check(tmp_path, browser):
    model = tmp_path / "worst.pt"
    model.write_bytes(deflated(saved(zeros_state("lstm", 500, 512, 3, bidirectional=True, biases=True))))
    server = StreamlitServer()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    try:
        server.wait_ready()
        learner = training_learner(context, server.url)
        uploader, file_input = model_uploader(context, server.url)
        file_input.set_input_files(str(model))
        uploader.wait_for_selector(RUNNING, timeout=60_000)        # the page works on the model ...
        uploader.close()                                           # ... when the learner closes the tab
        assert wait_for(lambda: STOPPED in server.output(), timeout=GUARD_SECONDS), server.output()[-3000:]
        assert server.output().count(STOPPED) == 1
        assert learner.evaluate(f"({POINTS})()") > 0               # the other learner's session is untouched
    finally:
        context.close()
        server.stop()
