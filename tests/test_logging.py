"""A deployer sees what the learner was shown: errors a page catches reach the 'rnnviz' log, unforeseen
ones with their traceback."""
import logging

from streamlit.testing.v1 import AppTest

from rnnviz.ui import uploads
from rnnviz.uploads import UploadProblem


def test_an_unforeseen_error_is_logged_with_its_traceback(caplog):
    def broken():
        raise RuntimeError("nobody saw this coming")

    with caplog.at_level(logging.INFO, logger="rnnviz"):
        outcome = uploads._outcome(broken)
    assert isinstance(outcome, RuntimeError)
    [record] = [r for r in caplog.records if r.name == "rnnviz.ui.uploads"]
    assert record.levelno == logging.ERROR and record.exc_info[1] is outcome


def test_a_refused_upload_is_logged_as_information(caplog):
    def refused():
        raise UploadProblem("empty", "the file is empty")

    with caplog.at_level(logging.INFO, logger="rnnviz"):
        uploads._outcome(refused)
    [record] = [r for r in caplog.records if r.name == "rnnviz.ui.uploads"]
    assert record.levelno == logging.INFO and "the file is empty" in record.getMessage()


def test_the_app_sends_rnnviz_records_to_the_server_log():
    logger = logging.getLogger("rnnviz")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    AppTest.from_file("../app.py", default_timeout=60).run()
    assert any(isinstance(h, logging.StreamHandler) for h in logger.handlers)
    assert logger.getEffectiveLevel() <= logging.INFO
