"""Figures of a training run: the loss curve with its baseline, clipping events and, when early stopping
ended the run, the step whose model was kept."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures.decimate import drawn_indices
from rnnviz.figures.style import LAPTOP, LEGEND_MAX_PX, Style

LOSS_LABELS = {"title": "Loss", "x": "training step", "y": "loss", "train": "train", "val": "validation",
               "baseline": "best constant guess", "clip": "gradient clipped", "this_step": "this step",
               "kept": "model kept (step {step})"}
MARKED_VALIDATIONS = 100        # validation points marked while this few (each mark is an element to redraw)
CLIP_AXIS_RANGE = [0.25, 16]    # the clipping band (0/1) fills the lowest ~5% of the plot; its 0 lies below it
# compact (the Train page's live chart): the narrowest it is drawn, the main column of a 1024-pixel projected
# page; its legend wraps at this width, not at a column's
COMPACT_CHART_PX = 500
# below the plot: the step labels and the axis title, in font sizes and pixels (measured in Chromium: with
# less, Plotly grows the margin itself and draws each refresh twice; 13 px type needs 67 px, 20 px 90)
COMPACT_BOTTOM, COMPACT_BOTTOM_PX = 3.5, 24
COMPACT_TOP_PX = 24             # above the legend's rows (16 px let Plotly grow the top by 6 px at 13 px type)


def loss_figure(history: list[dict] | tuple, baseline_loss: float | None = None, log_y: bool = False,
                labels: dict | None = None, style: Style = LAPTOP, max_points: int | None = None,
                mark_last: bool = False, compact: bool = False) -> go.Figure:
    """Train and validation loss against step; the baseline as a horizontal line (a model below it has
    learned something); steps whose gradient was clipped marked by a band along the bottom.

    `max_points` (for a live chart) draws each curve with at most that many of its points, chosen by
    min-max decimation so the picture is the same at screen resolution; None draws every point.
    `mark_last` marks the newest step's loss (after "One step": what that step did, not an empty chart).
    A record with kept_step (early stopping stopped there, rnnviz/train.py) marks step kept_step: a vertical
    line and its validation loss, the minimum whose model was kept.
    `compact` (the Train page's live chart, below its buttons on a 768-pixel projector): no title (the page
    says what it shows), no legend entry for a clipping band not drawn, and a lower bottom margin, so the
    plot keeps most of the chart's height (a titled chart 360 px tall kept a plot 112 px tall).
    """
    labels = {**LOSS_LABELS, **(labels or {})}
    # numpy arrays, not lists: plotly checks a list element by element in Python (15 of a live refresh's
    # 20 ms at 2000 points a curve) and sends an array as exact binary doubles, a third smaller than text
    steps = np.array([r["step"] for r in history], dtype=np.int64)                          # (N,)
    train_loss = np.array([r["train_loss"] for r in history], dtype=np.float64)             # (N,)
    kept = drawn_indices(train_loss, max_points)
    traces = [go.Scatter(x=steps[kept], y=train_loss[kept], name=labels["train"], mode="lines",
                         line=dict(color=style.color(0), width=style.line_width, dash=style.dash(0)))]
    validated = [r for r in history if r.get("val_loss") is not None]
    val_steps = np.array([r["step"] for r in validated], dtype=np.int64)                    # (V,)
    val_loss = np.array([r["val_loss"] for r in validated], dtype=np.float64)               # (V,)
    kept = drawn_indices(val_loss, max_points)
    traces.append(go.Scatter(x=val_steps[kept], y=val_loss[kept], name=labels["val"],
                             mode="lines+markers" if len(kept) <= MARKED_VALIDATIONS else "lines",
                             line=dict(color=style.color(1), width=style.line_width, dash=style.dash(1)),
                             marker=dict(size=style.marker_size, symbol="circle")))
    # clipping as a band along the bottom, on a hidden axis: 1 from a clipped step to the next step, else 0
    # (below the visible range). One SVG path however many steps were clipped; a mark per event was one
    # element per event for the browser to restyle on every redraw of a live chart.
    clipped = np.array([bool(r.get("clipped")) for r in history], dtype=np.int8)            # (N,)
    kept = drawn_indices(clipped, max_points)       # every clipped stretch stays visible
    traces.append(go.Scatter(x=steps[kept], y=clipped[kept], yaxis="y2",
                             name=labels["clip"], mode="lines", fill="tozeroy", hoverinfo="skip",
                             visible=True if clipped.any() else "legendonly",
                             # compact: in the legend only once a step was clipped (a key to no band costs a row)
                             showlegend=bool(clipped.any()) or not compact,
                             line=dict(shape="hv", color=style.color(3), width=1)))
    if baseline_loss is not None:
        traces.append(go.Scatter(x=[int(steps[0]) if len(steps) else 0, int(steps[-1]) if len(steps) else 1],
                                 y=[baseline_loss, baseline_loss], name=labels["baseline"], mode="lines",
                                 line=dict(color="#555555", width=style.line_width, dash="dot")))
    if mark_last and len(steps):
        traces.append(go.Scatter(x=steps[-1:], y=train_loss[-1:], name=labels["this_step"], mode="markers",
                                 marker=dict(color=style.color(0), size=3 * style.marker_size, symbol="circle-open",
                                             line=dict(width=style.line_width))))
    kept_step = next((r["kept_step"] for r in reversed(history) if "kept_step" in r), None)
    kept_loss = next((r["val_loss"] for r in validated if r["step"] == kept_step), None)
    if kept_loss is not None:
        traces.append(go.Scatter(x=[kept_step], y=[kept_loss], name=labels["kept"].format(step=kept_step),
                                 mode="markers", marker=dict(color=style.color(1), size=2.5 * style.marker_size,
                                                             symbol="star", line=dict(width=1, color="#000000"))))
    # the layout set whole, not through update_layout/update_yaxes (a few ms each: see Style.apply)
    fig = go.Figure(data=traces)
    if kept_loss is not None:            # from the bottom of the plot to its top, whatever the axis
        fig.layout.shapes = [dict(type="line", x0=kept_step, x1=kept_step, yref="paper", y0=0, y1=1,
                                  line=dict(color=style.color(1), width=style.line_width, dash="dot"))]
    fig.layout.xaxis = dict(title=dict(text=labels["x"]))
    fig.layout.yaxis = dict(title=dict(text=labels["y"]), type="log" if log_y else "linear")
    fig.layout.yaxis2 = dict(overlaying="y", range=CLIP_AXIS_RANGE, visible=False, fixedrange=True)
    if not compact:
        return style.apply(fig, labels["title"], axes_room=True)
    style.apply(fig, None, axes_room=True)
    margin = fig.layout.margin
    # room for the legend's rows alone (no title above them); they wrap at the plot's width, the chart's less
    # its side margins
    legend_row = 1.5 * min(style.font_size, LEGEND_MAX_PX)
    margin.t = round(legend_row + COMPACT_TOP_PX + style.legend_room(fig, COMPACT_CHART_PX - margin.l - margin.r))
    margin.b = round(COMPACT_BOTTOM * style.font_size + COMPACT_BOTTOM_PX)
    return fig

