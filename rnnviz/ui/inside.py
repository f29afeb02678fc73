"""Streamlit helpers of the "Inside the network" page: the model now, cached results, and the widgets that
pick a sequence, a layer, a direction and units. The numbers come from rnnviz.inside and the figures from
rnnviz.figures; this file only wires widgets to them and says what went wrong in the learner's language.

The model is copied once per training step and results are cached per (worker, step, inputs) in the
session, so moving a widget back and forth recomputes nothing.
"""
from __future__ import annotations


import streamlit as st

from rnnviz import i18n
from rnnviz.figures.inside import activation_html, color_range
from rnnviz.inside import MAX_TEXT_CHARS, Sample, TextProblem, sample_from_test_set, text_sample, visible
from rnnviz.ui.model_cache import model_at_step
from rnnviz.ui.session import style, tr

MAX_BAR_VALUES = 80_000     # bar values over all frames (T x units x panels): with T = 1000 the animation stays ~2 MB
DEFAULT_UNITS = 32
_CACHE = "inside.cache"


# --- the model now and what was computed from it ---------------------------------------------------------

def current(worker) -> dict:
    """This page's copy of the model at the worker's current step (see rnnviz.ui.model_cache)."""
    return model_at_step(worker, _CACHE)


def _clamp(key: str, low, high) -> None:
    """Pull a remembered widget value back into [low, high]: a new model may have fewer units or layers."""
    value = st.session_state.get(key)
    if isinstance(value, tuple):
        st.session_state[key] = tuple(min(max(v, low), high) for v in value)
    elif value is not None and not low <= value <= high:
        st.session_state[key] = min(max(value, low), high)


# --- which sequence ----------------------------------------------------------------------------------------

def default_text(data) -> str:
    """A task's example sentence; for one that reads characters, the first line of its training text."""
    if data.spec.reads_text == "words":
        return tr(f"inside.text.example.{data.name}")
    return next(line for line in data.text.splitlines() if line.strip())[:60]


def sample_picker(data) -> tuple[tuple, Sample] | None:
    """A test sequence by its number, or for text tasks the learner's own text. Returns (cache key, sample),
    or None after saying, in a warning, why the typed text cannot be read."""
    # a toggle, not a radio: widgets whose options go through tr() cannot be driven by AppTest in English
    if data.spec.reads_text and st.toggle(tr("inside.typed"), key="inside.typed", help=tr("inside.typed.help")):
        return _typed_sample(data)
    count = len(data.test[0])
    _clamp("inside.index", 0, count - 1)
    st.session_state.setdefault("inside.index", 0)
    index = int(st.columns([1, 3])[0].number_input(tr("inside.index"), min_value=0, max_value=count - 1, step=1,
                                                   key="inside.index", help=tr("inside.index.help", count=count)))
    return ("test", index), sample_from_test_set(data, index)


def _typed_sample(data) -> tuple[tuple, Sample] | None:
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


# --- layer, direction, units --------------------------------------------------------------------------------

def layer_picker(rnn) -> tuple[int, int, list[int]]:
    """(layer, direction, units) chosen with a selectbox per choice the network offers and a units range."""
    layers, directions = rnn.num_layers, 2 if rnn.bidirectional else 1
    layer_column, direction_column, units_column = st.columns([1, 1, 2])
    layer = direction = 0
    if layers > 1:
        _clamp("inside.layer", 1, layers)
        st.session_state.setdefault("inside.layer", 1)
        layer = layer_column.slider(tr("inside.layer"), 1, layers, key="inside.layer", help=tr("inside.layer.help")) - 1
    if directions > 1:
        direction = int(direction_column.toggle(tr("inside.backward"), key="inside.backward",
                                                help=tr("inside.backward.help")))
    return layer, direction, unit_picker(units_column, rnn.hidden_size)


def unit_picker(container, hidden_size: int) -> list[int]:
    """A range of units (default: all if H <= 32, else the first 32)."""
    if hidden_size == 1:
        return [0]
    _clamp("inside.units", 0, hidden_size - 1)
    st.session_state.setdefault("inside.units", (0, min(hidden_size, DEFAULT_UNITS) - 1))
    first, last = container.slider(tr("inside.units"), 0, hidden_size - 1, key="inside.units",
                                   help=tr("inside.units.help", count=hidden_size))
    return list(range(first, last + 1))


def fit_units(units: list[int], steps: int, panels: int) -> list[int]:
    """The first units that keep the animation's bar values within MAX_BAR_VALUES (at least one)."""
    return units[:max(1, MAX_BAR_VALUES // max(1, steps * panels))]


# --- labels in the learner's language -----------------------------------------------------------------------

def class_name(data, name: str | None) -> str | None:
    """A class name in the learner's language (the Train page's translations), else the task's own."""
    if name is None or not data.class_names or name not in data.class_names:
        return name
    key = f"results.class.{data.name}.{data.class_names.index(name)}"
    return tr(key) if key in i18n.STRINGS else name


def animation_labels() -> dict:
    keys = ("input", "output.probability", "output.target_probability", "output.regression", "prediction",
            "target", "predicted", "pca", "pc", "path", "now", "play", "pause", "title")
    labels = {key: tr(f"inside.fig.{key}") for key in keys}
    labels.update({f"panel.{name}": tr(f"inside.fig.panel.{name}") for name in
                   ("forget", "input", "candidate", "cell", "output", "hidden", "reset", "update")})
    labels.update(time="t", unit=tr("axis.unit"), step="t = ")
    return labels


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
    _clamp("inside.text_unit", 0, hidden_size - 1)
    st.session_state.setdefault("inside.text_unit", 0)
    unit = int(st.columns([1, 3])[0].number_input(tr("inside.text_color.unit"), min_value=0,
                                                  max_value=hidden_size - 1, step=1, key="inside.text_unit"))
    values = states.hidden[:, unit]                                     # (T,)
    scale, low, high = color_range(states.kind("hidden"), values)
    st.html(activation_html([visible(t) for t in tokens], values, low, high, scale, separator=" " if words else "",
                            hover="t={t}: {value:.4g}", style=style()))
    if states.kind("hidden") == "relu":
        st.caption(tr("inside.text_color.sequential", top=high))
    else:
        st.caption(tr("inside.text_color.diverging"))
