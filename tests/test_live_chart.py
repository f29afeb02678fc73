"""rnnviz/ui/patches/live_chart.py: a polling fragment's chart re-sends the previous figure unchanged (the browser
keeps that chart as drawn) before the new one, so the page never shows an empty box between two figures.
The browser side, no blank frame while training, is checked in tests/browser/test_train_live.py."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.ui.patches import live_chart


def script():
    import plotly.graph_objects as go
    import streamlit as st

    from rnnviz.ui.patches.live_chart import live_chart

    refresh = st.session_state.get("refresh", 0)
    live_chart(go.Figure(go.Scatter(y=[3, 1, refresh])), key="demo")
    st.session_state["refresh"] = refresh + 1


def charts(app) -> list[tuple[str, list]]:
    """(element id, the train trace's y) of each chart drawn, in page order."""
    return [(c.proto.id, json.loads(c.proto.spec)["data"][0]["y"]) for c in app.get("plotly_chart")]


@pytest.fixture
def fragment_runs(monkeypatch):
    """Every AppTest run counts as a run of the chart's fragment alone (AppTest runs whole scripts)."""
    monkeypatch.setattr(live_chart, "_fragment_run", lambda: True)


def test_a_fragment_run_sends_the_previous_chart_unchanged_then_the_new_one(fragment_runs):
    app = AppTest.from_function(script).run()
    [(first_id, first_y)] = charts(app)
    assert first_y == [3, 1, 0] and first_id.endswith("-demo.a")

    app.run()
    (kept_id, kept_y), (new_id, new_y) = charts(app)
    assert (kept_id, kept_y) == (first_id, first_y), "the previous chart must keep its id, or the browser re-creates it"
    assert new_y == [3, 1, 1] and new_id.endswith("-demo.b")

    app.run()                            # the slots take turns: the newest figure is always last
    (kept_id, kept_y), (new_id, new_y) = charts(app)
    assert kept_y == [3, 1, 1] and kept_id.endswith("-demo.b")
    assert new_y == [3, 1, 2] and new_id.endswith("-demo.a")
    assert not app.exception


def app_script():
    """As app.py runs a page: count the full run first; the chart is drawn unless the session says not."""
    import plotly.graph_objects as go
    import streamlit as st

    from rnnviz.ui.patches import live_chart

    live_chart.full_run_started()
    refresh = st.session_state.get("refresh", 0)
    if st.session_state.get("show", True):
        live_chart.live_chart(go.Figure(go.Scatter(y=[3, 1, refresh])), key="demo")
    st.session_state["refresh"] = refresh + 1


def test_a_full_run_stacks_over_the_chart_the_run_before_drew():
    """A rerun of the same page (Pause, a new polling pace) must not blink either."""
    app = AppTest.from_function(app_script).run()
    [(first_id, _)] = charts(app)
    app.run()
    (kept_id, kept_y), (_, new_y) = charts(app)
    assert kept_id == first_id and (kept_y, new_y) == ([3, 1, 0], [3, 1, 1])


def themed_script():
    """As app_script, in the chart theme the session asks for (the projector switch changes it)."""
    import plotly.graph_objects as go
    import streamlit as st

    from rnnviz.ui.patches import live_chart

    live_chart.full_run_started()
    refresh = st.session_state.get("refresh", 0)
    live_chart.live_chart(go.Figure(go.Scatter(y=[3, 1, refresh])), key="demo", theme=st.session_state["theme"])
    st.session_state["refresh"] = refresh + 1


def test_the_previous_chart_keeps_the_theme_it_was_drawn_in():
    """Switching projector mode changes the chart theme: the previous figure is re-sent in its own theme
    (its id depends on it, and a new id is a new, empty chart), the new one in the new theme."""
    app = AppTest.from_function(themed_script)
    app.session_state["theme"] = "streamlit"
    app.run()
    [first] = app.get("plotly_chart")
    app.session_state["theme"] = None
    app.run()
    kept, new = app.get("plotly_chart")
    assert (kept.proto.id, kept.proto.theme) == (first.proto.id, "streamlit")
    assert new.proto.theme == "" and not app.exception


@pytest.mark.parametrize("fragment", [False, True])
def test_a_figure_the_page_no_longer_shows_is_never_sent_again(fragment, monkeypatch):
    """After a full run without the chart (another page, a Reset that shows no chart yet), the kept figure is
    stale: neither the next full run nor a fragment run sends it."""
    app = AppTest.from_function(app_script).run()                 # drew [3, 1, 0]
    app.session_state["show"] = False
    app.run()                                                     # a full run without the chart
    app.session_state["show"] = True
    monkeypatch.setattr(live_chart, "_fragment_run", lambda: fragment)
    app.run()
    assert [y for _, y in charts(app)] == [[3, 1, 2]]


def test_a_full_run_draws_the_chart_alone_without_app_counting():
    """Without app.py's count (a bare script), only fragment runs stack."""
    app = AppTest.from_function(script).run()
    app.run()
    [(chart_id, y)] = charts(app)
    assert y == [3, 1, 1] and chart_id.endswith("-demo.a")


def test_canary_streamlit_still_derives_a_keyed_charts_id_from_its_figure():
    """Why live_chart exists. When this fails, Streamlit gives a keyed chart a stable identity (upstream PR
    #16052): check whether a plain keyed st.plotly_chart still blinks in a polling fragment, and if not,
    drop live_chart."""
    def keyed():
        import plotly.graph_objects as go
        import streamlit as st

        refresh = st.session_state.get("refresh", 0)
        st.plotly_chart(go.Figure(go.Scatter(y=[3, 1, refresh])), key="demo")
        st.session_state["refresh"] = refresh + 1

    app = AppTest.from_function(keyed).run()
    before = app.get("plotly_chart")[0].proto.id
    app.run()
    assert app.get("plotly_chart")[0].proto.id != before
