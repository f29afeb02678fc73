"""A chart its fragment redraws on a timer, without the blink between two figures.

Streamlit 1.67 derives a Plotly chart's element id from its figure (st.plotly_chart hashes the spec even
when it has a key), and the browser keys the chart's React element by that id. A chart whose data changed
is therefore a new element: the old chart is unmounted, an empty box is mounted in its place, and Plotly
draws into it some frames later. Refreshed 2.5 times a second, the Train page's loss chart was an empty box
in 38 of the 155 frames a screencast of training painted. Upstream: streamlit/streamlit PR #16052
("Plotly chart state restoration and identity", open) gives keyed charts a stable, key-based identity; it
closes issues #8782 (plotly_chart flickers when updated), #8882 and #11424.

Until then two slots take turns in one grid cell. A fragment run first re-sends the figure its previous
run drew, in the slot it drew it in: same figure and key, same id, so the browser keeps that chart as it is.
Then it sends the new figure in the other slot, after it. CSS takes a slot out of view once a later slot in
the cell has drawn, so the previous figure shows until the new one is drawn, never an empty box.

The previous figure is re-sent only into a page that still shows it: drawn in this full run of the app or
in one of its fragment runs, or (for a full run) in the full run just before. A figure kept from another
page, or from before a Reset that showed no chart, is never shown again. app.py counts the full runs, and
sends the stylesheet first thing in each. A full run can still leave the box empty for a frame now and then
(in one of about six, Streamlit had not yet shown the previous chart again).

On a Streamlit other than 1.67.x the gate (gate.py) turns the stack off: live_chart is then a plain keyed
st.plotly_chart and full_run_started sends no stylesheet. Pages call live_chart(fig, key=...) either way.
Canary: tests/test_live_chart.py::test_canary_streamlit_still_derives_a_keyed_charts_id_from_its_figure
fails once a keyed chart keeps its id across figures; then check that a plain keyed chart no longer blinks
in a polling fragment (tests/browser/test_train_live.py) and replace live_chart by st.plotly_chart.
"""
from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from rnnviz.ui.patches import gate

WRITTEN_FOR = "1.67."                    # the Streamlit versions it was checked against (gate.py)
CANARY = "tests/test_live_chart.py::test_canary_streamlit_still_derives_a_keyed_charts_id_from_its_figure"

_FULL_RUNS = "live_chart.full_runs"
STACK_PREFIX = "rnnviz-live-stack."      # the stacks' container keys; their CSS class is st-key-rnnviz-live-stack-...
# Both slots in one grid cell; a slot leaves the layout once a later one shows its chart (merely invisible,
# it would still be laid out at every refresh). Not counted: a slot that Streamlit keeps mounted but
# undisplayed (data-retained), and a chart Streamlit still hides (inline visibility: hidden, until drawn).
_STACK_CSS = """<style>
[class*="st-key-rnnviz-live-stack-"] { display: grid; grid-template-columns: minmax(0, 1fr); }
[class*="st-key-rnnviz-live-stack-"] > * { grid-area: 1 / 1; }
[class*="st-key-rnnviz-live-stack-"] > :has(~ :not([data-retained="true"]) .js-plotly-plot:not([style*="visibility: hidden"]) .main-svg) {
    display: none; }
</style>"""


def full_run_started() -> None:
    """Count a full run of the app, and send the stacks' stylesheet: app.py calls it first thing.

    A full run replaces the stylesheet the run before sent. Sent where the chart is drawn, late in the run,
    it was missing for a moment at every full run: both slots showed, one above the other."""
    if not gate.fits(__name__):
        return
    st.session_state[_FULL_RUNS] = st.session_state.get(_FULL_RUNS, 0) + 1
    st.html(_STACK_CSS)                  # only a style: Streamlit sends it outside the page's layout


def live_chart(fig: go.Figure, key: str, theme: str | None = "streamlit") -> None:
    """st.plotly_chart(fig, theme=theme) for a chart in a polling fragment: the slots are keyed `key`.a and
    `key`.b, and the newest figure is always the last chart in the stack. On a Streamlit the patch was not
    written for: st.plotly_chart keyed `key`."""
    if not gate.fits(__name__):
        st.plotly_chart(fig, key=key, theme=theme)
        return
    memory, (first, second) = f"live_chart.{key}", slot_keys(key)
    run = st.session_state.get(_FULL_RUNS, 0)
    previous = st.session_state.get(memory)          # (slot key, figure, full run it was drawn in, theme)
    if previous is not None and previous[2] != (run if _fragment_run() else run - 1):
        previous = None                  # the page no longer shows it
    with st.container(key=STACK_PREFIX + key, gap=None):
        if previous is not None:
            st.plotly_chart(previous[1], key=previous[0], theme=previous[3])
        slot = second if previous is not None and previous[0] == first else first
        st.plotly_chart(fig, key=slot, theme=theme)
    st.session_state[memory] = (slot, fig, run, theme)


def slot_keys(key: str) -> tuple[str, str]:
    """The widget keys of the two slots of the live chart `key`."""
    return f"{key}.a", f"{key}.b"


def _fragment_run() -> bool:
    """True in a run of one fragment alone (a timer's refresh, a widget inside it), not the full page."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)
