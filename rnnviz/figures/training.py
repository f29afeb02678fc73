"""Figures of a training run: the loss curve with its baseline and clipping events."""
from __future__ import annotations

import plotly.graph_objects as go

from rnnviz.figures.decimate import minmax_indices, spread_events
from rnnviz.figures.style import LAPTOP, Style

LOSS_LABELS = {"title": "Loss", "x": "training step", "y": "loss", "train": "train", "val": "validation",
               "baseline": "best constant guess", "clip": "gradient clipped"}


def loss_figure(history: list[dict] | tuple, baseline_loss: float | None = None, log_y: bool = False,
                labels: dict | None = None, style: Style = LAPTOP, max_points: int | None = None) -> go.Figure:
    """Train and validation loss against step; the baseline as a horizontal line (a model below it has
    learned something); steps whose gradient was clipped marked as ticks along the bottom.

    `max_points` (for a live chart) draws each curve with at most that many of its points, chosen by
    min-max decimation so the picture is the same at screen resolution; None draws every point.
    """
    labels = {**LOSS_LABELS, **(labels or {})}
    steps = [r["step"] for r in history]
    train = _thinned(history, "train_loss", max_points)
    # plain lists, not numpy arrays: plotly sends arrays as binary, and the browser then re-created the
    # chart often when the log axis was switched (a visible flash; with lists it was seen once, in CI)
    traces = [go.Scatter(x=[r["step"] for r in train], y=[r["train_loss"] for r in train], name=labels["train"],
                         mode="lines", line=dict(color=style.color(0), width=style.line_width, dash=style.dash(0)))]
    validated = _thinned([r for r in history if r.get("val_loss") is not None], "val_loss", max_points)
    traces.append(go.Scatter(x=[r["step"] for r in validated], y=[r["val_loss"] for r in validated],
                             name=labels["val"], mode="lines+markers",
                             line=dict(color=style.color(1), width=style.line_width, dash=style.dash(1)),
                             marker=dict(size=style.marker_size, symbol="circle")))
    # clip events as a rug of ticks along the bottom (on a hidden 0..1 axis): readable even when
    # most steps are clipped, and independent of the loss scale
    clipped = [r["step"] for r in history if r.get("clipped")]
    if max_points and steps:
        clipped = spread_events(clipped, steps[0], steps[-1], max_points)
    traces.append(go.Scatter(x=clipped, y=[0.03] * len(clipped), yaxis="y2", name=labels["clip"], mode="markers",
                             visible=True if clipped else "legendonly", hovertemplate="%{x}<extra></extra>",
                             marker=dict(color=style.color(3), size=style.marker_size + 3, symbol="line-ns-open",
                                         line=dict(width=max(1.0, style.line_width / 2)))))
    if baseline_loss is not None:
        traces.append(go.Scatter(x=[steps[0] if steps else 0, steps[-1] if steps else 1],
                                 y=[baseline_loss, baseline_loss], name=labels["baseline"], mode="lines",
                                 line=dict(color="#555555", width=style.line_width, dash="dot")))
    # the layout set whole, not through update_layout/update_yaxes (a few ms each: see Style.apply)
    fig = go.Figure(data=traces)
    fig.layout.xaxis = dict(title=dict(text=labels["x"]))
    fig.layout.yaxis = dict(title=dict(text=labels["y"]), type="log" if log_y else "linear")
    fig.layout.yaxis2 = dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True)
    return style.apply(fig, labels["title"])


def _thinned(records: list | tuple, key: str, max_points: int | None) -> list:
    """The records to draw for curve `key`: all of them, or a min-max decimation to `max_points`."""
    if not max_points or len(records) <= max_points:
        return list(records)
    return [records[i] for i in minmax_indices([r[key] for r in records], max_points)]
