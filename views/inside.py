"""Inside the network: one sequence step by step (h_t, c_t and every gate, animated), the h_t trajectory
by PCA, gate saturation over the test set, and for text tasks the text coloured by one unit.

Every number comes from rnnviz.inside (exact trace of the model as it is now); figures from
rnnviz.figures.animation and rnnviz.figures.inside. The model is copied once per training step and
results are cached per (worker, step, inputs) in the session (rnnviz.ui.session_cache), so moving a
widget back and forth recomputes nothing.

"Follow training" redraws the animation from a polling fragment while the worker trains: each run traces
the chosen sequence again from a copy of the weights at that moment. Plotly would go back to the first
frame at every redraw, so while following the figure shows one step, chosen with a slider of the page.
The saturation and the coloured text follow too, from fragments of their own (the saturation, a pass over
the test set, less often), and each section says the training step of the model it shows.
"""
from dataclasses import replace

import streamlit as st

from rnnviz.figures.animation import states_animation_figure
from rnnviz.figures.inside import activation_html, color_range, saturation_figure
from rnnviz.i18n import t
from rnnviz.inside import (MAX_TEXT_CHARS, TextProblem, fit_units, look_inside, sample_from_test_set,
                           saturation_over_test_set, text_sample, visible)
from rnnviz.live.pace import poll_seconds
from rnnviz.live.status import RUNNING
from rnnviz.live.training_threads import training_now
from rnnviz.ui import session
from rnnviz.ui.page_errors import guarded
from rnnviz.ui.patches.live_chart import live_chart
from rnnviz.ui.session import tr
from rnnviz.ui.session_cache import cached, model_at_step
from rnnviz.ui.states_animation import animation_labels, clamp, layer_picker
from rnnviz.ui.task_results import class_name
from rnnviz.ui.training_stops import polls, rerun_when_stopped
from rnnviz.ui.uploads import own_model_states, show_own_model_instead

CACHE = "inside.cache"
FOLLOW_SECONDS = 0.5       # following training: a new trace twice a second (less often under load)
SATURATION_SECONDS = 2.0   # and the saturation over the test set every 2 s (~70 ms of CPU, 5x a step)


# --- which sequence ----------------------------------------------------------------------------------------

def default_text(data) -> str:
    """A task's example sentence; for one that reads characters, the first line of its training text."""
    if data.spec.reads_text == "words":
        return tr(f"inside.text.example.{data.name}")
    return next(line for line in data.text.splitlines() if line.strip())[:60]


def sample_picker(data):
    """A test sequence by its number, or for text tasks the learner's own text. Returns (cache key, sample),
    or None after saying, in a warning, why the typed text cannot be read."""
    # a toggle, not a radio: widgets whose options go through tr() cannot be driven by AppTest in English
    if data.spec.reads_text and st.toggle(tr("inside.typed"), key="inside.typed", help=tr("inside.typed.help")):
        return typed_sample(data)
    count = len(data.test[0])
    clamp("inside.index", 0, count - 1)
    st.session_state.setdefault("inside.index", 0)
    index = int(st.columns([1, 3])[0].number_input(tr("inside.index"), min_value=0, max_value=count - 1, step=1,
                                                   key="inside.index", help=tr("inside.index.help", count=count)))
    return ("test", index), sample_from_test_set(data, index)


def typed_sample(data):
    """The learner's own text as a sample, or None after a warning saying what cannot be read."""
    key = f"inside.text.{data.name}"
    st.session_state.setdefault(key, default_text(data))
    words = data.spec.reads_text == "words"
    limit = data.seq_len if words else MAX_TEXT_CHARS
    text = st.text_input(tr("inside.text"), key=key, help=tr(f"inside.text.help.{data.name}", count=limit))
    try:
        sample = text_sample(data, text)
    except TextProblem as problem:
        allowed = "" if words else "`" + "".join(visible(c) for c in data.vocab) + "`"
        st.warning(tr(f"inside.text.{problem.kind}", items=" ".join(repr(c) for c in problem.items),
                      allowed=allowed), icon=":material/help:")
        return None
    if sample.unknown:
        st.warning(tr("inside.text.unknown_words", words=", ".join(sample.unknown)), icon=":material/help:")
    if sample.dropped:
        st.info(tr(f"inside.text.dropped.{data.name}", count=limit, dropped=sample.dropped))
    return ("text", text), sample


# --- labels in the learner's language -----------------------------------------------------------------------

def saturation_labels() -> dict:
    labels = {key: tr(f"inside.saturation.{key}") for key in ("title", "y", "low", "high")}
    labels.update({f"gate.{name}": tr(f"inside.fig.panel.{name}") for name in
                   ("input", "forget", "candidate", "output", "reset", "update")})
    labels["gate.hidden"] = tr("inside.saturation.gate.hidden")
    return labels


# --- text coloured by one unit --------------------------------------------------------------------------------

def text_colouring(states, tokens: list[str], words: bool) -> None:
    """The tokens on the colours of one chosen unit of h_t (Karpathy, Johnson & Fei-Fei 2015)."""
    hidden_size = states.hidden.shape[1]
    token = tr("inside.text_color.token.words") if words else tr("inside.text_color.token.chars")
    st.markdown(tr("inside.text_color.explain", token=token))
    clamp("inside.text_unit", 0, hidden_size - 1)
    st.session_state.setdefault("inside.text_unit", 0)
    unit = int(st.columns([1, 3])[0].number_input(tr("inside.text_color.unit"), min_value=0,
                                                  max_value=hidden_size - 1, step=1, key="inside.text_unit"))
    values = states.hidden[:, unit]                                     # (T,)
    scale, low, high = color_range(states.kind("hidden"), values)
    st.html(activation_html([visible(t) for t in tokens], values, low, high, scale, separator=" " if words else "",
                            hover=lambda t, value: f"t={t}: {session.num(value, '.4g')}", style=session.style()))
    if states.kind("hidden") == "relu":
        st.caption(tr("inside.text_color.sequential", top=high))
    else:
        st.caption(tr("inside.text_color.diverging"))


# --- the animation of the model now (a fragment that polls while following training) ----------------------

@guarded("inside.animation")
def animation(worker, sample_key, sample, choice, following: bool) -> None:
    """The states animation of the model at its current step. Following training, the figure shows the
    learner's step t (a slider here, kept across redraws) and is redrawn without a blink (live_chart)."""
    store = model_at_step(worker, CACHE)
    data = worker.experiment.data
    layer, direction, units = choice
    look = cached(store, ("look", sample_key, layer, direction),
                  lambda model: look_inside(model, data, sample, layer, direction))
    st.caption(tr("inside.model_at", step=store["step"]))
    every, language = list(look.states.panels()), session.lang()     # format_func may run after this run
    panels = st.pills(tr("inside.panels"), every, selection_mode="multi", default=every,
                      key=f"inside.panels.{look.states.mode}", help=tr("inside.panels.help"),
                      format_func=lambda name: t(f"inside.fig.panel.{name}", language))
    shown = fit_units(units, sample.length, max(1, len(panels)))
    if len(shown) < len(units):
        st.info(tr("inside.units.cut", shown=len(shown), asked=len(units)))
    at = None
    if following:
        clamp("inside.t", 0, sample.length - 1)
        at = st.slider(tr("inside.follow.step"), 0, sample.length - 1, key="inside.t",
                       help=tr("inside.follow.step.help"))
        st.caption(tr("inside.follow.explain") if worker.snapshot().status == RUNNING else tr("inside.follow.waiting"))
    output = replace(look.output, class_name=class_name(data, look.output.class_name))
    figure = cached(store, ("figure", sample_key, layer, direction, tuple(shown), tuple(panels), at, session.lang(),
                            session.projector()),
                    lambda _: states_animation_figure(
                        look.states, units=shown, inputs=None if sample.tokens else sample.x[0].numpy(),
                        tokens=sample.tokens, output=output, projection=look.projection,
                        labels=animation_labels(), style=session.style(), at=at, animated=not following,
                        panels=panels))
    if following:
        live_chart(figure, key="inside.animation", theme=session.chart_theme())
    else:
        st.plotly_chart(figure, key="inside.animation", theme=session.chart_theme())
    rerun_when_stopped("inside.animation", following and worker.snapshot().status == RUNNING)


# --- the sections below the animation, of the model now (fragments that poll while following training) ------

@guarded("inside.saturation")
def saturation_section(worker, layer: int, direction: int, following: bool) -> None:
    """Gate saturation over the test set, at the model's current step (redrawn without a blink while following)."""
    store = model_at_step(worker, CACHE)
    saturation = cached(store, ("saturation", layer, direction),
                        lambda model: saturation_over_test_set(model, worker.experiment.data, layer, direction))
    if not saturation.names:
        st.info(tr("inside.saturation.none"))
        return
    st.markdown(tr("inside.saturation.explain", n=saturation.sequences))
    st.caption(tr("inside.model_at", step=store["step"]))
    figure = saturation_figure(saturation.names, saturation.low, saturation.high, saturation.sequences,
                               labels=saturation_labels(), style=session.style())
    (live_chart if following else st.plotly_chart)(figure, key="inside.saturation", theme=session.chart_theme())


@guarded("inside.text")
def text_section(worker, sample_key, sample, layer: int, direction: int) -> None:
    """The typed or chosen text coloured by one unit of h_t, at the model's current step."""
    store = model_at_step(worker, CACHE)
    data = worker.experiment.data
    look = cached(store, ("look", sample_key, layer, direction),
                  lambda model: look_inside(model, data, sample, layer, direction))
    st.caption(tr("inside.model_at", step=store["step"]))
    text_colouring(look.states, sample.tokens, words=data.spec.reads_text == "words")


def every(seconds: float, following: bool):
    """A fragment's run_every: `seconds` (longer under load) while following a run, else None."""
    return poll_seconds(seconds, training_now()) if following and worker.snapshot().status == RUNNING else None


# --- the page ---------------------------------------------------------------------------------------------------

st.title(tr("inside.title"))
config = session.config()
worker = session.worker_for_page()
st.markdown(tr("inside.intro"))
with guarded("own_model.states"):
    show_own_model_instead("inside", own_model_states)    # or the uploaded model, if asked
if config is not None and config != worker.experiment.config:
    st.info(tr("inside.config_changed"), icon=":material/info:")

store = model_at_step(worker, CACHE)
if store["step"] == 0:
    st.info(tr("inside.untrained"), icon=":material/info:")
data, rnn = worker.experiment.data, store["model"].rnn

# which sequence, which layer and direction, which units
picked = sample_picker(data)
if picked is None:
    st.stop()              # the picker said what is wrong with the typed text
sample_key, sample = picked
layer, direction, units = layer_picker(rnn)
look = None                # the trace failed: said, and the sections that do not need it still drawn
with guarded("inside.trace"):
    look = cached(store, ("look", sample_key, layer, direction),
                  lambda model: look_inside(model, data, sample, layer, direction))

# the animation: input, h_t heatmap and answer on one time axis, the PCA trajectory, the gates as bars
st.subheader(tr("inside.animation.header"))
if look is not None:
    st.markdown(tr(f"inside.animation.explain.{look.states.mode}"))
following = st.toggle(tr("inside.follow"), key="inside.follow", help=tr("inside.follow.help"))
running = following and worker.snapshot().status == RUNNING
polls("inside.animation", running)
if look is not None:
    st.fragment(animation, run_every=poll_seconds(FOLLOW_SECONDS, training_now()) if running else None)(
        worker, sample_key, sample, (layer, direction, units), following)
notes = [tr("inside.pca.explain")]
if not data.many_to_many:
    notes.append(tr("inside.animation.many_to_one"))
if rnn.bidirectional:
    notes.append(tr("inside.animation.bidirectional"))
if look is not None and look.states.reverse:
    notes.append(tr("inside.animation.reverse"))
st.caption(" ".join(notes))

# gate saturation over the test set
st.subheader(tr("inside.saturation.header"))
st.fragment(saturation_section, run_every=every(SATURATION_SECONDS, following))(worker, layer, direction, following)

# text tasks: the input coloured by one unit
if sample.tokens is not None:
    st.subheader(tr("inside.text_color.header"))
    st.fragment(text_section, run_every=every(FOLLOW_SECONDS, following))(worker, sample_key, sample, layer, direction)
