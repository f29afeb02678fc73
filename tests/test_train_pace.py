"""The Train page's pace under AppTest: the control, the pace in the shared link, One step's marker and
update size, keep-going training."""
import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.live.speed import DEFAULT_PACE, FULL_SPEED
from rnnviz.live.status import PAUSED, RUNNING
from testkit.plotly_spec import values
from testkit.waiting import wait_for
from test_app import figure


@pytest.fixture
def app():
    at = AppTest.from_file("../app.py", default_timeout=60).switch_page("views/train.py")
    at.session_state["lang"] = "en"
    yield at
    if "worker" in at.session_state:
        at.session_state["worker"].stop()


def test_the_pace_control_sets_the_workers_pace_and_the_link(app):
    app.run()
    control = app.selectbox(key="train.pace")
    assert control.value == DEFAULT_PACE and control.options[-1] == "Pace: full speed"
    assert "pace" not in app.query_params                       # the default goes unsaid
    control.set_value(FULL_SPEED).run()
    assert not app.exception
    assert app.session_state["worker"].pace == FULL_SPEED
    assert app.query_params["pace"] == "max"
    app.selectbox(key="train.pace").set_value(10).run()
    assert app.session_state["worker"].pace == 10 and app.query_params["pace"] == "10"


def test_the_pace_changes_while_training(app):
    app.query_params["steps"] = "100000"
    app.query_params["pace"] = "1"                               # a link with a slow pace
    app.run()
    app.button(key="train.start").click().run()
    worker = app.session_state["worker"]
    assert worker.pace == 1 and worker.snapshot().status == RUNNING
    app.selectbox(key="train.pace").set_value(FULL_SPEED).run()
    assert wait_for(lambda: worker.snapshot().step > 50)        # at 1 step/s that would take 50 s
    app.button(key="train.pause").click().run()


def test_a_link_keeps_its_pace_across_pages(app):
    app.query_params["pace"] = "20"
    app.run()
    assert app.selectbox(key="train.pace").value == 20
    app.switch_page("views/inside.py").run()                     # the control is not drawn there
    assert app.query_params["pace"] == "20"
    app.switch_page("views/train.py").run()
    assert app.selectbox(key="train.pace").value == 20


def test_an_invalid_pace_in_a_link_is_ignored_with_a_notice(app):
    app.query_params["pace"] = "fast"
    app.run()
    assert not app.exception
    # as read (Markdown escaped), in the learner's words
    assert "“Pace (steps per second)” = “fast” is not a valid value" in app.warning[0].value.replace("\\", "")
    assert app.selectbox(key="train.pace").value == DEFAULT_PACE


def test_one_step_marks_its_loss_and_says_how_far_the_weights_moved(app):
    app.run()
    app.button(key="train.step").click().run()
    worker = app.session_state["worker"]
    assert wait_for(lambda: worker.snapshot().status == PAUSED and worker.snapshot().step == 1)
    app.run()
    assert not app.exception
    spec = figure(app, "train.loss_chart")
    [marker] = [t for t in spec["data"] if t["name"] == "this step"]
    assert values(marker["x"]).tolist() == [1]
    assert values(marker["y"]).tolist() == [worker.snapshot().history[-1]["train_loss"]]
    [update] = [m for m in app.metric if m.label.startswith("Weight change")]
    assert float(update.value) == pytest.approx(worker.snapshot().update_norm, rel=1e-2) and float(update.value) > 0
    assert f"this step moved the weights ‖Δθ‖ = {update.value}" in app.get("progress")[0].proto.text


def test_keep_going_trains_past_the_budget_and_says_so(app):
    app.query_params["steps"] = "5"
    app.query_params["pace"] = "max"
    app.run()
    app.toggle(key="train.keep_going").set_value(True).run()
    app.button(key="train.start").click().run()
    worker = app.session_state["worker"]
    assert wait_for(lambda: worker.snapshot().step > 10)
    app.run()
    assert "goes on until “Pause” (at most 10 min)" in app.get("progress")[0].proto.text
    app.button(key="train.pause").click().run()
    assert worker.snapshot().status == PAUSED
    app.switch_page("views/inside.py").run()                     # the toggle is not drawn there
    app.switch_page("views/train.py").run()
    assert app.toggle(key="train.keep_going").value and worker.snapshot().keep_going
