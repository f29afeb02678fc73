"""A client that sends a widget value of the wrong kind (a number for a multiselect's list, issue 23's
"TypeError: 'int' object is not iterable" raised inside Streamlit's on_script_will_rerun) gets its page, not
a traceback: the value is ignored and the widget keeps what it had (rnnviz/ui/patches/widget_kinds.py).

The states are crafted as a hostile client would send them: the page's own widget states, with one value
field replaced, handed to AppTest's run as the websocket's rerun message would carry them."""
from pathlib import Path

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.state.session_state import SessionState
from streamlit.testing.v1 import AppTest

from rnnviz.config import ExperimentConfig
from tests.app_pages import sidebar_values

ROOT = Path(__file__).resolve().parents[1]


def crafted(at, key: str, set_wrong) -> WidgetStates:
    """The page's widget states as its frontend would send them, the widget `key`'s value replaced."""
    states = WidgetStates()
    states.widgets.extend(at._tree.get_widget_states().widgets)
    target = [state for state in states.widgets if state.id.endswith(key)]
    assert len(target) == 1, f"no widget {key} on the page"
    set_wrong(target[0])
    return states


def as_int(state):
    state.int_value = 3


def as_string(state):
    state.string_value = "3"


@pytest.fixture
def app():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    yield at
    for key in ("compare.race_runner", "compare.sweep_runner", "worker"):
        if key in at.session_state:
            at.session_state[key].stop()


def opened(at, page: str, lang: str = "en", **query):
    at.session_state["experiment"] = sidebar_values(ExperimentConfig.for_task("sum-sign", hidden_size=6))
    at.session_state["lang"] = lang
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page, key, kind, query", [
    ("views/compare.py", "compare.sweep_lengths", "button_group", {}),       # multi-select pills
    ("views/lesson.py", "lesson.class_link.hide", "button_group", {"lesson": "1"}),   # multi-select pills
])
@pytest.mark.parametrize("set_wrong", [as_int, as_string])
def test_a_list_widget_sent_another_kind_keeps_its_value(app, page, key, kind, query, set_wrong):
    at = opened(app, page, **query)
    before = at.get(kind)
    before = [w for w in before if w.key == key][0].value
    at._run(crafted(at, key, set_wrong))
    assert not at.exception, at.exception
    assert [w for w in at.get(kind) if w.key == key][0].value == before
    assert at.session_state[key] == before


@pytest.mark.parametrize("key, set_wrong", [("cfg.hidden_size", as_string), ("cfg.bidirectional", as_int),
                                            ("cfg.cell", as_int)])
def test_a_sidebar_knob_sent_another_kind_keeps_its_value(app, key, set_wrong):
    """The sidebar's knobs copy a new value into the experiment in on_change: a refused value must not
    reach it (a string hidden size would pass the number input's deserializer)."""
    at = opened(app, "views/train.py")
    before = dict(at.session_state["experiment"])
    at._run(crafted(at, key, set_wrong))
    assert not at.exception, at.exception
    assert at.session_state["experiment"] == before
    assert at.session_state["config"] == ExperimentConfig.for_task("sum-sign", hidden_size=6)


def test_inside_pills_sent_an_int_keep_their_value(app):
    """Inside's panels (st.pills, selection_mode="multi": a list too), drawn for a session's trained model."""
    from rnnviz.experiment import Experiment
    from rnnviz.live.worker import TrainingWorker

    config = ExperimentConfig.for_task("sum-sign", hidden_size=6)
    worker = TrainingWorker(Experiment.build(config))
    worker.experiment.trainer.step()
    app.session_state["worker"] = worker
    at = opened(app, "views/inside.py")
    [pills] = [w for w in at.button_group if w.key.startswith("inside.panels.")]
    before = pills.value
    at._run(crafted(at, pills.key, as_int))
    assert not at.exception, at.exception
    assert [w for w in at.button_group if w.key == pills.key][0].value == before


def test_a_right_kind_still_changes_the_widget(app):
    """The patch refuses only what the widget cannot read: a learner's real choice goes through."""
    at = opened(app, "views/compare.py")
    lengths = at.pills(key="compare.sweep_lengths")
    choice = lengths.options[-1]
    lengths.set_value([int(choice)]).run()
    assert not at.exception, at.exception
    assert at.session_state["compare.sweep_lengths"] == [int(choice)]


CANARY_APP = """
import streamlit as st
st.multiselect("lengths", [10, 50, 100], default=[10], key="lengths")
"""


def test_canary_streamlit_still_raises_on_a_wrong_kind(monkeypatch):
    """Bare Streamlit 1.67 raises the issue's TypeError for a number sent to a multiselect: once it no
    longer does, delete rnnviz/ui/patches/widget_kinds.py."""
    unpatched = getattr(SessionState.set_widgets_from_proto, "__wrapped__", SessionState.set_widgets_from_proto)
    monkeypatch.setattr(SessionState, "set_widgets_from_proto", unpatched)
    at = AppTest.from_string(CANARY_APP, default_timeout=30).run()
    at._run(crafted(at, "lengths", as_int))
    assert at.exception and "'int' object is not iterable" in at.exception[0].message
