"""A page computation that fails (rnnviz/ui/page_errors.py): under AppTest each page's computation is made to
raise (MemoryError, PyTorch's allocator error, any RuntimeError); the page shows a message in the learner's
language naming what could not be drawn, no traceback, the rest of the page still drawn, and the session's
trained model (its state_dict) unchanged."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.i18n import t
from rnnviz.live.worker import TrainingWorker
from testkit.state_dicts import saved, zeros_state
from tests.app_pages import sidebar_values

from page_failures import ERRORS, IDS, raising, said_and_kept

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ExperimentConfig.for_task("sum-sign", hidden_size=6, batch_size=16, steps=50)
@pytest.fixture
def trained():
    """A session's worker with a few steps of training in it, and its weights as they were."""
    worker = TrainingWorker(Experiment.build(CONFIG))
    for _ in range(3):
        worker.experiment.trainer.step()
    weights = {k: v.clone() for k, v in worker.experiment.model.state_dict().items()}
    yield worker, weights
    worker.stop()


def open_page(worker, page: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["experiment"] = sidebar_values(CONFIG)
    at.session_state["lang"] = lang
    at.session_state["worker"] = worker
    at.run()
    at.switch_page(page).run()
    return at


def charts(at) -> list[str]:
    return [chart.proto.id for chart in at.get("plotly_chart")]


# page, what breaks, the part that says so, a chart that must still be drawn
CASES = [
    ("views/inside.py", "rnnviz.inside.saturation_over_test_set", "inside.saturation", "inside.animation"),
    ("views/inside.py", "rnnviz.inside.look_inside", "inside.trace", "inside.saturation"),
    ("views/gradients.py", "rnnviz.model_gradients.sample_attribution", "gradients.attribution", "gradients.now"),
    ("views/gradients.py", "rnnviz.model_gradients.probe_grad_norms", "gradients.now", "gradients.loss"),
    ("views/cell.py", "rnnviz.cell_steps.cell_steps", "cell.diagram", None),
]


@pytest.mark.parametrize("page, target, what, still", CASES)
@pytest.mark.parametrize("error, lang, kind", ERRORS, ids=IDS)
def test_a_page_computation_that_fails_is_a_message(monkeypatch, trained, page, target, what, still, error,
                                                    lang, kind):
    worker, weights = trained
    monkeypatch.setattr(target, raising(error))
    at = open_page(worker, page, lang)
    said_and_kept(at, worker, weights, lang, what, kind)
    if still is not None:
        assert any(still in key for key in charts(at)), charts(at)
    if page == "views/cell.py":                       # the page's choices are still there to change
        assert at.number_input(key="cell.index") is not None


def test_a_choice_the_model_no_longer_has_keeps_its_own_words(monkeypatch, trained):
    """The Cell page's own message for a ValueError of its steps, as before the guard."""
    worker, weights = trained
    monkeypatch.setattr("rnnviz.cell_steps.cell_steps", raising(ValueError("layer 3 of 1")))
    for lang in ("es", "en"):
        at = open_page(worker, "views/cell.py", lang)
        assert not at.exception, at.exception
        assert any(t("cell.problem", lang) in error.value for error in at.error)
        assert not any("layer 3 of 1" in error.value for error in at.error)     # the English detail: the log's


@pytest.mark.parametrize("error, lang, kind", ERRORS[:2], ids=IDS[:2])
def test_data_page_an_uploaded_model_whose_drawing_fails(monkeypatch, trained, error, lang, kind):
    worker, weights = trained
    monkeypatch.setattr("rnnviz.ui.uploads.own_model_states", raising(error))
    at = open_page(worker, "views/data.py", lang)
    at.file_uploader(key="data.model.file").set_value(
        ("gru.pt", saved(zeros_state("gru", 2, 6, biases=True)), "application/octet-stream"))
    at.run()
    said_and_kept(at, worker, weights, lang, "own_model.states", kind)
    assert any("own" in key or "data" in key for key in charts(at)), charts(at)   # its gradients still drawn
