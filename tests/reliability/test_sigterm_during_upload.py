"""Issue 24: SIGTERM did not stop a server drawing a hostile upload (SIGKILL did). Here a learner uploads
the heaviest model the dashboard accepts (an LSTM of 500 inputs, 512 units, 3 layers, both directions: 67 MB
of weights deflated into a 70 kB file) and the issue's 2.4-million-input file while another learner trains
(so the upload work rests between its chunks, rnnviz/live/upload_work.py), and the server is sent SIGTERM
while the page works on them: it exits within 10 s."""
import signal
import subprocess

import pytest

from testkit.app_page import IDLE, model_uploader, training_learner
from testkit.state_dicts import deflated, saved, zeros_state
from testkit.streamlit_server import StreamlitServer

EXIT_SECONDS = 10
RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'


def deflated_zeros(cell: str, input_size: int, hidden_size: int, num_layers: int, bidirectional: bool) -> bytes:
    """The state_dict of such a module, zeros, deflated: the compute of the largest model, in a tiny file."""
    return deflated(saved(zeros_state(cell, input_size, hidden_size, num_layers, bidirectional, biases=True)))


WORST_ACCEPTED = dict(cell="lstm", input_size=500, hidden_size=512, num_layers=3, bidirectional=True)
ISSUES_FILE = dict(cell="rnn", input_size=2_400_000, hidden_size=1, num_layers=1, bidirectional=False)


def test_the_server_exits_on_sigterm_while_the_heaviest_uploads_are_worked_on(tmp_path, browser):
    files = {name: tmp_path / f"{name}.pt" for name in ("worst", "issue")}
    files["worst"].write_bytes(deflated_zeros(**WORST_ACCEPTED))
    files["issue"].write_bytes(deflated_zeros(**ISSUES_FILE))
    server = StreamlitServer()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    try:
        server.wait_ready()
        training_learner(context, server.url)                     # another learner trains meanwhile
        page, uploader = model_uploader(context, server.url)
        uploader.set_input_files(str(files["issue"]))
        page.wait_for_selector(IDLE, timeout=120_000)
        page.get_by_text("at most 500 are accepted here").wait_for(timeout=120_000)   # refused, at once
        uploader.set_input_files(str(files["worst"]))
        page.wait_for_selector(RUNNING, timeout=60_000)            # the page works on the model ...
        server.process.send_signal(signal.SIGTERM)                 # ... when the server is told to stop
        try:
            server.process.wait(EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the server was still running {EXIT_SECONDS} s after SIGTERM:\n"
                        f"{server.output()[-3000:]}")
    finally:
        context.close()
        if server.process.poll() is None:
            server.process.kill()
            server.process.wait(5)
