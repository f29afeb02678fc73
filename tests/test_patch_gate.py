"""rnnviz/ui/patches/gate.py: a patch of Streamlit internals runs on the Streamlit it was written for (1.67.x)
only; on another version it is left out, with one warning naming the patch and its canary."""
import logging

import pytest
import streamlit
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue
from streamlit.runtime.state.session_state import SessionState
from streamlit.testing.v1 import AppTest

from rnnviz.ui import patches
from rnnviz.ui.patches import gate, live_chart, no_delay, queue_fix, widget_kinds


@pytest.fixture
def another_streamlit(monkeypatch):
    """Pretend Streamlit 1.68.0 is running, with no warning logged yet."""
    monkeypatch.setattr(streamlit, "__version__", "1.68.0")
    monkeypatch.setattr(gate, "_warned", set())


@pytest.mark.parametrize("patch", [no_delay, queue_fix, live_chart, widget_kinds])
def test_each_patch_declares_its_versions_and_an_existing_canary(patch):
    assert patch.WRITTEN_FOR == "1.67."
    test_file, test_name = patch.CANARY.split("::")
    source = (gate.__file__.rsplit("rnnviz", 1)[0] + test_file)
    assert f"def {test_name}(" in open(source).read()
    assert patch.CANARY in patch.__doc__.replace("\n", " ")


def test_a_patch_fits_the_streamlit_it_was_written_for(monkeypatch, caplog):
    monkeypatch.setattr(streamlit, "__version__", "1.67.3")
    with caplog.at_level(logging.WARNING, logger=gate.__name__):
        assert gate.fits(queue_fix.__name__)
    assert not caplog.records


def test_on_another_streamlit_a_patch_is_left_out_with_one_warning(another_streamlit, caplog):
    with caplog.at_level(logging.WARNING, logger=gate.__name__):
        assert not gate.fits(queue_fix.__name__)
        assert not gate.fits(queue_fix.__name__)
    [record] = caplog.records                        # once per process, not at every run
    assert "rnnviz.ui.patches.queue_fix" in record.getMessage() and "1.68.0" in record.getMessage()
    assert queue_fix.CANARY in record.getMessage()


def test_install_applies_the_patches_on_1_67(monkeypatch):
    monkeypatch.setattr(ForwardMsgQueue, "clear", queue_fix._original_clear)
    monkeypatch.setattr(no_delay, "_done", False)
    patches.install()
    assert ForwardMsgQueue.clear is queue_fix._clear_keeping_finished_runs and no_delay._done
    assert SessionState.set_widgets_from_proto.ignores_wrong_kinds


def test_install_leaves_them_out_on_another_streamlit(another_streamlit, monkeypatch, caplog):
    monkeypatch.setattr(ForwardMsgQueue, "clear", queue_fix._original_clear)
    monkeypatch.setattr(no_delay, "_done", False)
    with caplog.at_level(logging.WARNING, logger=gate.__name__):
        patches.install()
    assert ForwardMsgQueue.clear is queue_fix._original_clear and not no_delay._done
    assert {"no_delay", "queue_fix", "widget_kinds"} == {r.getMessage().split()[0].rsplit(".", 1)[1]
                                                         for r in caplog.records}


def chart_page():
    import plotly.graph_objects as go
    import streamlit as st

    from rnnviz.ui.patches import live_chart

    live_chart.full_run_started()
    refresh = st.session_state.get("refresh", 0)
    live_chart.live_chart(go.Figure(go.Scatter(y=[3, 1, refresh])), key="demo")
    st.session_state["refresh"] = refresh + 1


def test_on_another_streamlit_a_live_chart_is_a_plain_keyed_chart(another_streamlit):
    app = AppTest.from_function(chart_page).run()
    app.run()
    [chart] = app.get("plotly_chart")                # no stack: the previous figure is not re-sent
    assert chart.proto.id.endswith("-demo") and not app.get("html") and not app.exception


def test_on_1_67_a_live_chart_stacks():
    app = AppTest.from_function(chart_page).run()
    app.run()
    kept, new = app.get("plotly_chart")
    assert kept.proto.id.endswith("-demo.a") and new.proto.id.endswith("-demo.b") and app.get("html")
