"""What the Gradients page's sections share: a figure with its explanation (beside it on a laptop, below
it on a projector), results remembered per session, the marker captions of a log axis, curve names, and
a widget shown at a value set by the page.
"""
import numpy as np
import streamlit as st

from rnnviz.config import ExperimentConfig
from rnnviz.figures import gradients as figures
from rnnviz.ui import session
from rnnviz.ui.session import tr
from rnnviz.ui.session_cache import remember

FIGURE_WIDTHS = [3, 1]         # figure, explanation beside it


def latest(name: str, key, compute):
    """compute(), remembered under `name` until `key` changes: one entry each, so no replaced worker is kept."""
    return remember(f"gradients.cache.{name}", key, compute, keep=1)


def figure_and_words():
    """A figure and its explanation: beside it on a laptop, below it on a projector, where a quarter of the
    page holds a word a line."""
    if session.projector():
        return st.container(), st.container()
    return st.columns(FIGURE_WIDTHS)


def curve_names(config: ExperimentConfig) -> list[str]:
    return figures.layer_names(config.layers, 2 if config.bidirectional else 1, {"layer": tr("gradients.layer")})


def log_labels(cell: str) -> dict:
    """Zero and overflow marker labels; a ReLU RNN's exact zeros may also be switched-off units."""
    zero = tr("gradients.zero_relu") if cell == "rnn-relu" else tr("gradients.zero")
    return {"zero": zero, "not_finite": tr("gradients.not_finite")}


def marker_captions(*arrays) -> None:
    """Say how many values a log axis cannot show (exact zeros, non-finite) and how they are marked."""
    values = np.concatenate([np.ravel(a) for a in arrays]) if arrays else np.zeros(0)
    zeros, not_finite = int((values == 0).sum()), int((~np.isfinite(values)).sum())
    if zeros:
        st.caption(tr("gradients.zeros", count=zeros, total=values.size))
    if not_finite:
        st.caption(tr("gradients.not_finite_caption", count=not_finite, total=values.size))


def model_now(worker):
    """A copy of the model and the step it was taken at, read together under the worker's lock."""
    with worker.lock:
        return worker.model_copy(), worker.experiment.trainer.step_count


def show(key: str, value) -> None:
    """Make a widget show `value` on this run: set through session state before it is drawn, the one
    way the browser updates a widget it already shows (a changed value= or a new key does not)."""
    if st.session_state.get(key) != value:
        st.session_state[key] = value
