"""The Compare page's computations behind rnnviz/ui/page_errors.guarded (issue 23): the contestants table,
the race's loss and gradient panels, its results table and the sweep's results each fail alone, under
AppTest, with MemoryError, PyTorch's allocator error or a bug; the page shows a message in the learner's
language naming what could not be drawn, no traceback, the rest of the page, and the session's trained model
unchanged."""
import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.live.worker import TrainingWorker
from tests.app_pages import sidebar_values
from testkit.waiting import wait_for

from page_failures import ERRORS, IDS, raising, said_and_kept

CONFIG = ExperimentConfig.for_task("sum-sign", hidden_size=6, batch_size=16, steps=20)


@pytest.fixture
def trained():
    """A session's worker with a few steps in it, its weights as they were, and the page's runners stopped
    after the test."""
    worker = TrainingWorker(Experiment.build(CONFIG))
    for _ in range(3):
        worker.experiment.trainer.step()
    weights = {k: v.clone() for k, v in worker.experiment.model.state_dict().items()}
    pages = []
    yield worker, weights, pages
    for at in pages:
        for key in ("compare.race_runner", "compare.sweep_runner"):
            if key in at.session_state:
                at.session_state[key].stop()
    worker.stop()


def open_compare(trained, lang: str) -> AppTest:
    worker, _, pages = trained
    at = AppTest.from_file("../app.py", default_timeout=180)
    pages.append(at)
    at.session_state["experiment"] = sidebar_values(CONFIG)
    at.session_state["lang"] = lang
    at.session_state["worker"] = worker
    at.run()
    at.switch_page("views/compare.py").run()
    assert not at.exception, at.exception
    return at


def race(at) -> None:
    """Run the page's race to its end (a few steps) and redraw the page."""
    at.button(key="compare.start").click().run()
    runner = at.session_state["compare.race_runner"]
    assert wait_for(lambda: not runner.alive, timeout=300)
    at.run()


def sweep(at) -> None:
    at.pills(key="compare.sweep_lengths").set_value([5, 10]).run()
    at.number_input(key="compare.sweep_steps").set_value(5).run()
    at.button(key="compare.sweep_start").click().run()
    runner = at.session_state["compare.sweep_runner"]
    assert wait_for(lambda: not runner.alive, timeout=300)
    at.run()


def charts(at) -> list[str]:
    return [chart.proto.id for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("error, lang, kind", ERRORS, ids=IDS)
def test_the_contestants_table_that_fails_is_a_message(monkeypatch, trained, error, lang, kind):
    monkeypatch.setattr("rnnviz.compare.contestants", raising(error))
    at = open_compare(trained, lang)
    said_and_kept(at, *trained[:2], lang, "compare.contestants", kind)
    assert {"compare.start", "compare.sweep_start"} <= {b.key for b in at.button}     # the page goes on
    race(at)                                           # and its race still runs and draws
    assert any("compare.loss_chart" in key for key in charts(at)), charts(at)


@pytest.mark.parametrize("error, lang, kind", ERRORS, ids=IDS)
@pytest.mark.parametrize("target, what, still", [
    ("rnnviz.figures.compare.grad_norms_figure", "compare.gradients", "compare.loss_chart"),
    ("rnnviz.figures.compare.loss_curves_figure", "compare.loss", "compare.grad_chart"),
])
def test_a_race_panel_that_fails_is_a_message(monkeypatch, trained, target, what, still, error, lang, kind):
    at = open_compare(trained, lang)
    monkeypatch.setattr(target, raising(error))
    race(at)
    said_and_kept(at, *trained[:2], lang, what, kind)
    assert any(still in key for key in charts(at)), charts(at)
    assert len(at.dataframe) == 2                      # the contestants and the results still drawn


@pytest.mark.parametrize("error, lang, kind", ERRORS[:2], ids=IDS[:2])
def test_the_results_table_that_fails_is_a_message(monkeypatch, trained, error, lang, kind):
    at = open_compare(trained, lang)
    real = __import__("rnnviz.ui.number_tables", fromlist=["readable"]).readable
    calls = []

    def fails_after_the_contestants(frame, *args, **kwargs):    # the contestants' table first, then results
        calls.append(1)
        if len(calls) > 1:
            raise error
        return real(frame, *args, **kwargs)
    race(at)
    monkeypatch.setattr("rnnviz.ui.number_tables.readable", fails_after_the_contestants)
    at.run()
    said_and_kept(at, *trained[:2], lang, "compare.results", kind)
    assert len(at.dataframe) == 1 and any("compare.grad_chart" in key for key in charts(at)), charts(at)


@pytest.mark.parametrize("error, lang, kind", ERRORS, ids=IDS)
def test_the_sweep_results_that_fail_are_a_message(monkeypatch, trained, error, lang, kind):
    at = open_compare(trained, lang)
    monkeypatch.setattr("rnnviz.figures.compare.sweep_figure", raising(error))
    sweep(at)
    said_and_kept(at, *trained[:2], lang, "compare.sweep", kind)
    assert at.session_state["compare.sweep_runner"].snapshot().points       # the sweep itself went on
    assert len(at.get("progress")) >= 1
