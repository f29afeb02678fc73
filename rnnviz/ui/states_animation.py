"""Widgets of the states animation, shared by the Inside page and the uploaded model on the Data page:
which layer, direction and units to show, and the animation's labels in the learner's language."""
from __future__ import annotations

import streamlit as st

from rnnviz.ui.session import tr

DEFAULT_UNITS = 32


def clamp(key: str, low, high) -> None:
    """Pull a remembered widget value back into [low, high]: a new model may have fewer units or layers."""
    value = st.session_state.get(key)
    if isinstance(value, tuple):
        st.session_state[key] = tuple(min(max(v, low), high) for v in value)
    elif value is not None and not low <= value <= high:
        st.session_state[key] = min(max(value, low), high)


def layer_picker(rnn) -> tuple[int, int, list[int]]:
    """(layer, direction, units) chosen with a selectbox per choice the network offers and a units range."""
    layers, directions = rnn.num_layers, 2 if rnn.bidirectional else 1
    layer_column, direction_column, units_column = st.columns([1, 1, 2])
    layer = direction = 0
    if layers > 1:
        clamp("inside.layer", 1, layers)
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
    clamp("inside.units", 0, hidden_size - 1)
    st.session_state.setdefault("inside.units", (0, min(hidden_size, DEFAULT_UNITS) - 1))
    first, last = container.slider(tr("inside.units"), 0, hidden_size - 1, key="inside.units",
                                   help=tr("inside.units.help", count=hidden_size))
    return list(range(first, last + 1))


def animation_labels() -> dict:
    """Every label of rnnviz.figures.animation.states_animation_figure, in the learner's language."""
    keys = ("input", "output.probability", "output.target_probability", "output.regression", "prediction",
            "target", "predicted", "pca", "pc", "path", "now", "play", "pause", "title")
    labels = {key: tr(f"inside.fig.{key}") for key in keys}
    labels.update({f"panel.{name}": tr(f"inside.fig.panel.{name}") for name in
                   ("forget", "input", "candidate", "cell", "output", "hidden", "reset", "update")})
    labels.update(time="t", unit=tr("axis.unit"), step="t = ")
    return labels
