"""The cell, opened: the textbook drawing of the RNN / LSTM / GRU cell computing one step of a test sequence
with the session's model as it is now (issue 20).

Numbers from rnnviz.cell_steps (every stage of the cell at t, from the exact trace), the drawing from
rnnviz.figures.cell_diagram. A teacher walks a projector through it with the keyboard: ← and → one step,
space plays or pauses (st.button's `shortcut`, Streamlit's own). Playing and following training are a
fragment on a timer: playing moves t one step each run, following recomputes the steps from a copy of the
weights at each training step (model_at_step), as the Inside page does.
"""
import streamlit as st

from rnnviz.cell_steps import cell_steps
from rnnviz.figures.cell_diagram import cell_diagram_figure, diagram_labels
from rnnviz.inside import sample_from_test_set, visible
from rnnviz.live.pace import poll_seconds
from rnnviz.live.status import RUNNING
from rnnviz.live.training_threads import training_now
from rnnviz.tracing import trace_model
from rnnviz.ui import session
from rnnviz.ui.patches.live_chart import live_chart
from rnnviz.ui.page_errors import guarded
from rnnviz.ui.session import tr
from rnnviz.ui.session_cache import cached, model_at_step
from rnnviz.ui.states_animation import clamp
from rnnviz.ui.training_stops import polls, rerun_when_stopped

CACHE = "cell.cache"
PLAY_SECONDS = 1.0         # playing: one step a second, time for a teacher to point at what changed
FOLLOW_SECONDS = 0.5       # following training: new weights twice a second (less often under load)


def steps_of(model, data, index: int, layer: int, direction: int):
    """Every CellStep of test sequence `index` for one layer and direction, and the tokens it reads."""
    sample = sample_from_test_set(data, index)
    model_trace = trace_model(model, sample.x, sample.y)
    return cell_steps(model.rnn, model_trace.rnn, layer, direction), sample.tokens


# --- walking through t ------------------------------------------------------------------------------------

def _move(delta: int, length: int) -> None:
    st.session_state["cell.t"] = (st.session_state.get("cell.t", 0) + delta) % length
    st.session_state["cell.touched"] = True


def _toggle_play() -> None:
    st.session_state["cell.playing"] = not st.session_state.get("cell.playing", False)
    st.session_state["cell.restart"] = True      # run_every is set by the full run: start or stop the timer


def choice_problem(error: Exception) -> str | None:
    """The page's words for a choice the model no longer has (a ValueError of the steps): said in the learner's
    words, the library's English detail in the log (guarded logs it), the model kept."""
    return tr("cell.problem") if isinstance(error, ValueError) else None


@guarded("cell.diagram", explain=choice_problem)
def diagram(worker, choice, following: bool) -> None:
    """The controls of t and the drawing at t; while playing, each run of this fragment on its timer is a step."""
    index, layer, direction, unit = choice
    store = model_at_step(worker, CACHE)
    steps, tokens = cached(store, ("steps", index, layer, direction),
                           lambda model: steps_of(model, worker.experiment.data, index, layer, direction))
    length, playing = len(steps), st.session_state.get("cell.playing", False)
    fresh = st.session_state.pop("cell.full_run", False) or st.session_state.pop("cell.touched", False)
    clamp("cell.t", 0, length - 1)
    st.session_state.setdefault("cell.t", 0)
    if playing and not fresh:
        st.session_state["cell.t"] = (st.session_state["cell.t"] + 1) % length
    t = st.slider(tr("cell.t"), 0, length - 1, key="cell.t", help=tr("cell.t.help"),
                  on_change=lambda: st.session_state.update({"cell.touched": True}))
    with st.container(horizontal=True, key="cell.buttons"):
        st.button(tr("cell.previous"), icon=":material/chevron_left:", shortcut="Left", key="cell.previous",
                  on_click=_move, args=(-1, length))
        st.button(tr("cell.pause") if playing else tr("cell.play"), shortcut="Space", key="cell.play",
                  icon=":material/pause:" if playing else ":material/play_arrow:", on_click=_toggle_play)
        st.button(tr("cell.next"), icon=":material/chevron_right:", shortcut="Right", key="cell.next",
                  on_click=_move, args=(1, length))
    if st.session_state.pop("cell.restart", False):
        st.rerun()                               # the whole page, so the fragment's timer starts or stops
    step = steps[t]
    token = visible(tokens[t]) if tokens else None
    figure = cached(store, ("figure", index, layer, direction, unit, t, session.lang(), session.projector()),
                    lambda _: cell_diagram_figure(step, unit=unit, labels=diagram_labels(session.lang()),
                                                  style=session.style(), token=token))
    live_chart(figure, key="cell.diagram", theme=session.chart_theme())
    st.caption(tr("cell.model_at", step=store["step"]) + " " + tr("cell.keys", last=step.hidden_size - 1))
    rerun_when_stopped("cell.diagram", following and worker.snapshot().status == RUNNING)


# --- the page ---------------------------------------------------------------------------------------------------

st.title(tr("cell.title"))
config = session.config()
worker = session.worker_for_page()
st.markdown(tr("cell.intro"))
if config is not None and config != worker.experiment.config:
    st.info(tr("inside.config_changed"), icon=":material/info:")     # the model shown is the one trained
store = model_at_step(worker, CACHE)
if store["step"] == 0:
    st.info(tr("inside.untrained"), icon=":material/info:")
data, rnn = worker.experiment.data, store["model"].rnn

# which sequence, layer, direction and unit
count = len(data.test[0])
index_column, layer_column, direction_column, unit_column = st.columns(4)
clamp("cell.index", 0, count - 1)
index = int(index_column.number_input(tr("inside.index"), min_value=0, max_value=count - 1, step=1, key="cell.index",
                                      help=tr("inside.index.help", count=count)))
layer = direction = 0
if rnn.num_layers > 1:
    clamp("cell.layer", 1, rnn.num_layers)
    layer = layer_column.slider(tr("inside.layer"), 1, rnn.num_layers, key="cell.layer",
                                help=tr("inside.layer.help")) - 1
if rnn.bidirectional:
    direction = int(direction_column.toggle(tr("inside.backward"), key="cell.backward", help=tr("inside.backward.help")))
clamp("cell.unit", 0, rnn.hidden_size - 1)
unit = int(unit_column.number_input(tr("cell.unit"), min_value=0, max_value=rnn.hidden_size - 1, step=1, key="cell.unit",
                                    help=tr("cell.unit.help", count=rnn.hidden_size)))
if direction:
    st.caption(tr("cell.reverse"))

# Streamlit names the play button's key in English ("Space") beside its label: the learner's word instead
st.html(f'<style>.st-key-cell-play kbd {{ font-size: 0; }} .st-key-cell-play kbd::after {{ content: "{tr("cell.space")}"; '
        'font-size: 0.75rem; }</style>')

# the drawing at t, in a fragment that runs on a timer while playing or following training
following = st.toggle(tr("cell.follow"), key="cell.follow", help=tr("cell.follow.help"))
running = following and worker.snapshot().status == RUNNING
if following and not running:
    st.caption(tr("cell.follow.waiting"))
playing = st.session_state.get("cell.playing", False)
polls("cell.diagram", running)
st.session_state["cell.full_run"] = True
every = PLAY_SECONDS if playing else (poll_seconds(FOLLOW_SECONDS, training_now()) if running else None)
st.fragment(diagram, run_every=every)(worker, (index, layer, direction, unit), following)
