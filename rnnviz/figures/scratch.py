"""The From-scratch page's layout and figures (its numbers come from rnnviz.scratch_check).

- `latex_matrix`, `time_table`: numbers laid out to sit beside the equations.
- `loss_comparison_figure`, `bptt_figure`: arrays in, go.Figure out.

References: Karpathy, min-char-rnn.py (2015); Werbos (1990), Backpropagation through time.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.figures.style import DIVERGING, LAPTOP, Style


def latex_matrix(values, digits: int = 3, decimal_mark: str = ".") -> str:
    """A vector or matrix as a LaTeX bmatrix (a vector as a column), each number with `digits` digits after
    `decimal_mark` ("{,}" writes a Spanish decimal comma in LaTeX, without the space of a list's comma)."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 0:
        return f"{values:.{digits}f}".replace(".", decimal_mark)
    if values.ndim == 1:
        values = values[:, None]
    if values.ndim != 2:
        raise ValueError(f"latex_matrix takes a vector or a matrix, got shape {values.shape}")
    rows = [" & ".join(f"{v:.{digits}f}".replace(".", decimal_mark) for v in row) for row in values]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def time_table(values, unit: str = "unit {i}", time: str = "t") -> pd.DataFrame:
    """(T, H) values as a table: one row per step t = 1..T, one column per unit 1..H."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"time_table takes a (T, H) array, got shape {values.shape}")
    frame = pd.DataFrame(values, columns=[unit.format(i=i + 1) for i in range(values.shape[1])])
    frame.index = pd.RangeIndex(1, len(values) + 1, name=time)
    return frame


# --- figures -----------------------------------------------------------------------------------------

LOSS_LABELS = {"title": "NumPy and PyTorch, same weights, same batches", "x": "training step",
               "y": "loss", "numpy": "NumPy (BPTT by hand)", "torch": "PyTorch (autograd)"}
BPTT_LABELS = {"title": "Forward and backward, one sample", "hidden": "h_t (forward)",
               "gradient": "dL/dh_t (backward)", "x": "time t", "y": "unit"}


def loss_comparison_figure(numpy_losses, torch_losses, labels: dict | None = None,
                           style: Style = LAPTOP) -> go.Figure:
    """Both loss curves against the step: NumPy solid, PyTorch dashed on top, so a coincidence shows."""
    labels = {**LOSS_LABELS, **(labels or {})}
    fig = go.Figure()
    for i, (name, losses) in enumerate((("numpy", numpy_losses), ("torch", torch_losses))):
        losses = np.asarray(losses, dtype=np.float64)
        fig.add_trace(go.Scatter(x=np.arange(1, len(losses) + 1, dtype=np.int32), y=losses.astype(np.float32),
                                 name=labels[name], mode="lines",
                                 line=dict(color=style.color(i), dash=style.dash(i),
                                           width=style.line_width * (1.6 if i == 0 else 1.0))))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"])
    style.apply(fig, labels["title"])
    return fig.update_layout(margin_t=45 + 3 * style.font_size + style.legend_room(fig))


def bptt_figure(hidden, hidden_grads, labels: dict | None = None, style: Style = LAPTOP) -> go.Figure:
    """Two heatmaps (unit x time) side by side: h_t of the forward pass and dL/dh_t of BPTT, each on a
    diverging scale centred at 0 (h_t in [-1, 1]; the gradient symmetric about its largest |value|)."""
    labels = {**BPTT_LABELS, **(labels or {})}
    hidden = np.asarray(hidden, dtype=np.float64)              # (T, H)
    grads = np.asarray(hidden_grads, dtype=np.float64)        # (T, H)
    if hidden.shape != grads.shape or hidden.ndim != 2:
        raise ValueError(f"hidden and hidden_grads must be (T, H) of one shape, got {hidden.shape}, {grads.shape}")
    T, H = hidden.shape
    t, units = np.arange(1, T + 1, dtype=np.int32), np.arange(1, H + 1, dtype=np.int32)
    g_max = float(np.max(np.abs(grads))) or 1.0
    hover = "t=%{x}, " + labels["y"] + " %{y}: "
    # one unit axis for both, labelled on the left only, and a gap that holds the first colour bar and its
    # labels: the second panel's unit labels and title lay over them
    fig = make_subplots(rows=1, cols=2, subplot_titles=(labels["hidden"], labels["gradient"]),
                        horizontal_spacing=0.2, shared_yaxes=True)
    fig.add_trace(go.Heatmap(z=hidden.T.astype(np.float32), x=t, y=units, colorscale=DIVERGING,
                             zmin=-1, zmax=1, colorbar=dict(x=0.41, xanchor="left", len=0.9, thickness=12), name=labels["hidden"],
                             hovertemplate=hover + "%{z:.4f}<extra></extra>"), row=1, col=1)
    fig.add_trace(go.Heatmap(z=grads.T.astype(np.float32), x=t, y=units, colorscale=DIVERGING,
                             zmin=-g_max, zmax=g_max, colorbar=dict(x=1.01, xanchor="left", len=0.9, thickness=12), name=labels["gradient"],
                             hovertemplate=hover + "%{z:.3e}<extra></extra>"), row=1, col=2)
    fig.update_xaxes(title=labels["x"], dtick=1)
    fig.update_yaxes(dtick=1, autorange="reversed")
    fig.update_yaxes(title=labels["y"], col=1)
    style.apply(fig, labels["title"])
    return fig.update_layout(margin_t=45 + 3 * style.font_size + style.legend_room(fig))
