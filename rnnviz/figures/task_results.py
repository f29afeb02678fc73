"""Figures of what each task is for: a forecast against reality, a predicted sequence, a confusion
matrix, class probabilities, the adding problem's answers and the copy task's recall.

Pure functions: arrays in, go.Figure out (rnnviz.task_results computes the arrays). Each takes `labels`
(English defaults, the dashboard passes translations) and a Style.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures.style import LAPTOP, SEQUENTIAL, Style

FORECAST_LABELS = {"title": "Forecast on the test span", "x": "time t", "y": "value", "series": "real series",
                   "forecast": "network's forecast", "clean": "sine without noise"}
SEQUENCE_LABELS = {"title": "Next number, step by step", "x": "term", "y": "value", "true": "true sequence",
                   "predicted": "network's guess"}
CONFUSION_LABELS = {"title": "Confusion matrix (test set)", "x": "predicted class", "y": "true class",
                    "count": "sequences"}
PROBABILITY_LABELS = {"title": "What the network thinks", "x": "probability"}
ADDING_LABELS = {"title": "Answers on the test set", "x": "true sum", "y": "network's answer",
                 "predictions": "test sequences", "perfect": "perfect answer", "baseline": "best constant guess"}
COPY_LABELS = {"title": "Symbols to remember and symbols recalled", "x": "position", "shown": "shown",
               "recalled": "recalled", "sequence": "sequence {i}", "correct": "right", "wrong": "wrong"}

CORRECT_COLOR, WRONG_COLOR, SHOWN_COLOR = "#009E73", "#D55E00", "#E8E8E8"   # Okabe-Ito green, vermillion


def _labels(defaults: dict, labels: dict | None) -> dict:
    return {**defaults, **(labels or {})}


def _finish(fig: go.Figure, title: str, style: Style) -> go.Figure:
    """The style's look, with room above the plot for both the title and the horizontal legend."""
    style.apply(fig, title)
    fig.update_layout(margin_t=45 + 3 * style.font_size + style.legend_room(fig))
    return fig


def forecast_figure(series_times, series, forecast_times, forecast, clean=None, labels: dict | None = None,
                    style: Style = LAPTOP) -> go.Figure:
    """The real series over the test span as a line, the network's one-step-ahead forecasts over it;
    the noiseless sine, if given, hidden until clicked in the legend (no forecaster can see it)."""
    labels = _labels(FORECAST_LABELS, labels)
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=np.asarray(series_times), y=np.asarray(series), name=labels["series"],
                             mode="lines", line=dict(color=style.color(0), width=style.line_width)))
    fig.add_trace(go.Scatter(x=np.asarray(forecast_times), y=np.asarray(forecast), name=labels["forecast"],
                             mode="lines", line=dict(color=style.color(1), width=style.line_width,
                                                     dash=style.dash(1))))
    if clean is not None:
        fig.add_trace(go.Scatter(x=np.asarray(series_times), y=np.asarray(clean), name=labels["clean"],
                                 mode="lines", visible="legendonly",
                                 line=dict(color="#555555", width=style.line_width / 2, dash="dot")))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"])
    return _finish(fig, labels["title"], style)


def sequence_figure(terms, predicted, labels: dict | None = None, style: Style = LAPTOP) -> go.Figure:
    """The true sequence (terms 0..T) and the network's guess of each next term (terms 1..T)."""
    labels = _labels(SEQUENCE_LABELS, labels)
    terms, predicted = np.asarray(terms), np.asarray(predicted)
    if len(predicted) != len(terms) - 1:
        raise ValueError(f"predicted must have one value fewer than terms: got {len(predicted)} and {len(terms)}")
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=np.arange(len(terms)), y=terms, name=labels["true"], mode="lines+markers",
                             line=dict(color=style.color(0), width=style.line_width),
                             marker=dict(size=style.marker_size)))
    fig.add_trace(go.Scatter(x=np.arange(1, len(terms)), y=predicted, name=labels["predicted"], mode="markers",
                             marker=dict(color=style.color(1), size=style.marker_size + 2, symbol="x")))
    fig.update_xaxes(title=labels["x"], dtick=1 if len(terms) <= 30 else None)
    fig.update_yaxes(title=labels["y"])
    return _finish(fig, labels["title"], style)


def confusion_figure(matrix, class_names: Sequence[str], labels: dict | None = None,
                     style: Style = LAPTOP) -> go.Figure:
    """An annotated heatmap of counts: rows the true class (top to bottom), columns the predicted class."""
    labels = _labels(CONFUSION_LABELS, labels)
    matrix = np.asarray(matrix)
    names = list(class_names)
    if matrix.shape != (len(names), len(names)):
        raise ValueError(f"matrix {matrix.shape} does not match {len(names)} class names")
    fig = go.Figure(go.Heatmap(z=matrix, x=names, y=names, text=matrix, texttemplate="%{text}",
                               textfont=dict(size=style.font_size + 4), colorscale=SEQUENTIAL,
                               zmin=0, colorbar=dict(title=labels["count"]),
                               hovertemplate=f"{labels['y']}: %{{y}}<br>{labels['x']}: %{{x}}<br>"
                                             f"{labels['count']}: %{{z}}<extra></extra>"))
    fig.update_xaxes(title=labels["x"], side="bottom")
    fig.update_yaxes(title=labels["y"], autorange="reversed")    # the first class at the top, as a table reads
    return _finish(fig, labels["title"], style)


def probability_figure(probabilities, class_names: Sequence[str], labels: dict | None = None,
                       style: Style = LAPTOP) -> go.Figure:
    """One horizontal bar per class, its probability written on it; the most likely class highlighted."""
    labels = _labels(PROBABILITY_LABELS, labels)
    probabilities = np.asarray(probabilities, dtype=float)
    best = int(np.argmax(probabilities))
    colors = [style.color(1) if i == best else style.color(0) for i in range(len(probabilities))]
    fig = go.Figure(go.Bar(x=probabilities, y=list(class_names), orientation="h", marker_color=colors,
                           text=[f"{p:.1%}" for p in probabilities], textposition="auto"))
    fig.update_xaxes(title=labels["x"], range=[0, 1], tickformat=".0%")
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(height=150 + 60 * len(probabilities), showlegend=False)
    return _finish(fig, labels["title"], style)


def adding_figure(target, predicted, baseline: float | None = 1.0, labels: dict | None = None,
                  style: Style = LAPTOP) -> go.Figure:
    """Network's answer against the true sum, one point per test sequence: on the diagonal is perfect,
    a flat cloud at the baseline means the network ignores the marked values."""
    labels = _labels(ADDING_LABELS, labels)
    target, predicted = np.asarray(target), np.asarray(predicted)
    low = float(min(target.min(initial=0.0), predicted.min(initial=0.0)))
    high = float(max(target.max(initial=2.0), predicted.max(initial=2.0)))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=target, y=predicted, name=labels["predictions"], mode="markers",
                             marker=dict(color=style.color(0), size=style.marker_size - 2, opacity=0.6)))
    fig.add_trace(go.Scatter(x=[low, high], y=[low, high], name=labels["perfect"], mode="lines",
                             line=dict(color=style.color(2), width=style.line_width, dash="dash")))
    if baseline is not None:
        fig.add_trace(go.Scatter(x=[low, high], y=[baseline, baseline], name=labels["baseline"], mode="lines",
                                 line=dict(color="#555555", width=style.line_width, dash="dot")))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"])
    return _finish(fig, labels["title"], style)


def copy_figure(shown, recalled, vocab: Sequence[str], labels: dict | None = None,
                style: Style = LAPTOP) -> go.Figure:
    """For each sequence two rows of 10 cells: the symbols shown (grey), then the symbols recalled, green
    where right and vermillion where wrong."""
    labels = _labels(COPY_LABELS, labels)
    shown, recalled = np.asarray(shown), np.asarray(recalled)
    if shown.shape != recalled.shape or shown.ndim != 2:
        raise ValueError(f"shown {shown.shape} and recalled {recalled.shape} must be the same (n, 10) shape")
    n, width = shown.shape
    # z codes a cell's colour: 0 shown, 1 recalled right, 2 recalled wrong
    z = np.empty((2 * n, width))
    text = np.empty((2 * n, width), dtype=object)
    rows = []
    for i in range(n):
        z[2 * i] = 0
        z[2 * i + 1] = np.where(recalled[i] == shown[i], 1, 2)
        text[2 * i] = [vocab[s] for s in shown[i]]
        text[2 * i + 1] = [vocab[s] for s in recalled[i]]
        sequence = labels["sequence"].format(i=i + 1)
        rows += [f"{sequence}: {labels['shown']}", f"{sequence}: {labels['recalled']}"]
    colorscale = [[0.0, SHOWN_COLOR], [0.33, SHOWN_COLOR], [0.34, CORRECT_COLOR], [0.66, CORRECT_COLOR],
                  [0.67, WRONG_COLOR], [1.0, WRONG_COLOR]]
    fig = go.Figure(go.Heatmap(z=z, x=np.arange(1, width + 1), y=rows, text=text, texttemplate="%{text}",
                               textfont=dict(size=style.font_size + 3), colorscale=colorscale, zmin=0, zmax=2,
                               showscale=False, xgap=2, ygap=2, hoverinfo="skip"))
    # the colours' meaning, as legend entries (a heatmap has none of its own)
    for name, color in ((labels["correct"], CORRECT_COLOR), (labels["wrong"], WRONG_COLOR)):
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name,
                                 marker=dict(color=color, size=style.marker_size + 4, symbol="square")))
    fig.update_xaxes(title=labels["x"], dtick=1, showgrid=False)
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_layout(height=max(220, 60 + 34 * 2 * n))
    return _finish(fig, labels["title"], style)
