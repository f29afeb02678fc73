"""Figures of the cell comparison: loss curves overlaid, ||dL/dh_t|| overlaid, metric against T.

Pure functions: arrays in, go.Figure out (rnnviz.compare computes the arrays). Every cell keeps one
colour (Okabe-Ito) and one dash pattern in every figure, so it can be told apart in grey too.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from rnnviz.config import CELLS
from rnnviz.figures.decimate import SCREEN_POINTS, minmax_indices
from rnnviz.figures.style import LAPTOP, Style
from rnnviz.figures.training import MARKED_VALIDATIONS

CELL_NAMES = {"rnn": "RNN (tanh)", "rnn-relu": "RNN (ReLU)", "lstm": "LSTM", "gru": "GRU"}
LOSS_LABELS = {"title": "Loss of each cell, same batches", "x": "training step", "y": "loss",
               "train": "{cell} (train)", "val": "{cell}", "baseline": "best constant guess"}
GRAD_LABELS = {"title": "||dL/dh_t|| on the same probe batch", "x": "time t", "y": "||dL/dh_t||",
               "zero": "exactly 0 (underflow)"}
SWEEP_LABELS = {"title": "Metric against sequence length", "x": "sequence length T", "y": "metric",
                "baseline": "best constant guess"}


def _labels(defaults: dict, labels: dict | None) -> dict:
    return {**defaults, **(labels or {})}


def _cell_name(cell: str, labels: dict) -> str:
    return labels.get(f"cell.{cell}", CELL_NAMES.get(cell, cell))


def _cell_line(cell: str, style: Style, width: float | None = None) -> dict:
    """The cell's colour and dash, the same in every figure (indexed by its place in CELLS)."""
    i = CELLS.index(cell) if cell in CELLS else len(CELLS)
    return dict(color=style.color(i), dash=style.dash(i), width=style.line_width if width is None else width)


def _f32(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64).astype(np.float32)


def _finish(fig: go.Figure, title: str, style: Style) -> go.Figure:
    style.apply(fig, title)
    fig.update_layout(margin_t=45 + 3 * style.font_size + style.legend_room(fig))
    return fig


def loss_curves_figure(curves: Mapping[str, Mapping[str, np.ndarray]], baseline_loss: float | None = None,
                       log_y: bool = False, labels: dict | None = None, style: Style = LAPTOP) -> go.Figure:
    """Per cell: the training loss of each step as a thin line, the validation loss as a bold line with
    markers (one legend entry per cell toggles both); the input-blind baseline as a grey dotted line.

    curves: cell -> {"step", "train_loss", "val_step", "val_loss"} arrays (rnnviz.compare.history_arrays).
    Train curves longer than SCREEN_POINTS are thinned by min-max decimation, which keeps every spike
    (rnnviz/figures/decimate.py). Validation points are never thinned, and are marked while there are at
    most MARKED_VALIDATIONS per cell (a long race marked thousands, each an SVG element redrawn at every refresh).
    """
    labels = _labels(LOSS_LABELS, labels)
    fig = go.Figure()
    last_step = 1
    for cell, curve in curves.items():
        name = _cell_name(cell, labels)
        steps, losses = np.asarray(curve["step"]), np.asarray(curve["train_loss"])
        kept = minmax_indices(losses, SCREEN_POINTS)
        fig.add_trace(go.Scatter(x=steps[kept].astype(np.int32), y=_f32(losses[kept]),
                                 name=labels["train"].format(cell=name), mode="lines", opacity=0.45,
                                 legendgroup=cell, showlegend=False,
                                 line=_cell_line(cell, style, style.line_width / 2)))
        fig.add_trace(go.Scatter(x=np.asarray(curve["val_step"]).astype(np.int32), y=_f32(curve["val_loss"]),
                                 name=labels["val"].format(cell=name), legendgroup=cell,
                                 mode="lines+markers" if len(curve["val_step"]) <= MARKED_VALIDATIONS else "lines",
                                 line=_cell_line(cell, style), marker=dict(size=style.marker_size)))
        last_step = max(last_step, int(steps[-1]) if len(steps) else 1)
    if baseline_loss is not None:
        fig.add_trace(go.Scatter(x=[0, last_step], y=[baseline_loss, baseline_loss], name=labels["baseline"],
                                 mode="lines", line=dict(color="#555555", width=style.line_width, dash="dot")))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"], type="log" if log_y else "linear")
    return _finish(fig, labels["title"], style)


def grad_norms_figure(norms: Mapping[str, np.ndarray], labels: dict | None = None,
                      style: Style = LAPTOP) -> go.Figure:
    """||dL/dh_t|| against t on a log axis, one line per cell.

    norms: cell -> (T,) array. A log axis cannot show 0, and gradients that underflowed are exactly 0:
    the line has a gap there and an x marker sits on the bottom edge (a tenth of the smallest nonzero
    value drawn), in the cell's colour, with "exactly 0" on hover. That trace is always present.
    """
    labels = _labels(GRAD_LABELS, labels)
    arrays = {cell: np.asarray(values, dtype=np.float64).reshape(-1) for cell, values in norms.items()}
    positive = np.concatenate([a[a > 0] for a in arrays.values()] + [np.zeros(0)])
    floor = float(positive.min()) / 10 if positive.size else 1e-30
    floor = floor if np.float32(floor) > 0 else float(np.finfo(np.float32).smallest_subnormal)
    fig = go.Figure()
    zero_t, zero_colors, zero_text = [], [], []
    for cell, values in arrays.items():
        t = np.arange(len(values), dtype=np.int32)
        zero = values == 0
        drawn = np.where(zero, np.nan, values)               # a gap where the gradient is exactly 0
        name = _cell_name(cell, labels)
        fig.add_trace(go.Scatter(x=t, y=_f32(drawn), name=name, mode="lines+markers", legendgroup=cell,
                                 line=_cell_line(cell, style), marker=dict(size=style.marker_size / 2),
                                 hovertemplate="t=%{x}<br>%{y:.3e}<extra>" + name + "</extra>"))
        zero_t += t[zero].tolist()
        zero_colors += [_cell_line(cell, style)["color"]] * int(zero.sum())
        zero_text += [name] * int(zero.sum())
    fig.add_trace(go.Scatter(x=np.array(zero_t, dtype=np.int32), y=_f32(np.full(len(zero_t), floor)),
                             name=labels["zero"], mode="markers", text=zero_text,
                             visible=True if zero_t else "legendonly",
                             marker=dict(symbol="x", size=style.marker_size + 2,
                                         color=zero_colors or style.color(0)),
                             hovertemplate="t=%{x}: 0<extra>%{text}</extra>"))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"], type="log", exponentformat="power")
    return _finish(fig, labels["title"], style)


def sweep_figure(seq_lens: Mapping[str, np.ndarray], values: Mapping[str, np.ndarray],
                 baseline: tuple[np.ndarray, np.ndarray] | None = None, log_x: bool = False,
                 labels: dict | None = None, style: Style = LAPTOP) -> go.Figure:
    """The metric (or loss) each cell reached at each sequence length, as lines with markers; the
    input-blind baseline at each length as a grey dotted line.

    seq_lens, values: cell -> (N,) arrays of the lengths done so far and the value at each.
    baseline: (lengths, values) of the baseline, or None.
    """
    labels = _labels(SWEEP_LABELS, labels)
    fig = go.Figure()
    for cell, lengths in seq_lens.items():
        order = np.argsort(np.asarray(lengths), kind="stable")
        fig.add_trace(go.Scatter(x=np.asarray(lengths)[order].astype(np.int32), y=_f32(np.asarray(values[cell])[order]),
                                 name=_cell_name(cell, labels), mode="lines+markers", legendgroup=cell,
                                 line=_cell_line(cell, style), marker=dict(size=style.marker_size)))
    if baseline is not None:
        lengths, base = np.asarray(baseline[0]), np.asarray(baseline[1])
        order = np.argsort(lengths, kind="stable")
        fig.add_trace(go.Scatter(x=lengths[order].astype(np.int32), y=_f32(base[order]), name=labels["baseline"],
                                 mode="lines+markers", marker=dict(symbol="diamond", size=style.marker_size),
                                 line=dict(color="#555555", width=style.line_width, dash="dot")))
    drawn = sorted({int(T) for lengths in seq_lens.values() for T in np.asarray(lengths)})
    fig.update_xaxes(title=labels["x"], type="log" if log_x else "linear", tickvals=drawn)  # ticks at the lengths run
    fig.update_yaxes(title=labels["y"])
    return _finish(fig, labels["title"], style)
