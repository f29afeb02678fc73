"""Figures of the learner's own data: their series cut into the spans the network trains, validates and
is tested on. Pure functions: arrays in, a go.Figure out."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures.style import LAPTOP, Style

SERIES_LABELS = {"title": "Your series, split by time", "x": "t", "y": "value",
                 "train": "train", "val": "validation", "test": "test"}


def series_split_figure(values, spans: Sequence[tuple[int, int]], times=None, labels: dict | None = None,
                        style: Style = LAPTOP) -> go.Figure:
    """One line per split (train, validation, test) in its own colour and dash, so the learner sees that
    the network is tested on the future of what it trained on.

    values: (N,) the series; spans: the (start, stop) of train, validation and test; times: (N,) dates
    (datetime64) for the x axis, or None for the step number.
    """
    labels = {**SERIES_LABELS, **(labels or {})}
    values = np.asarray(values, dtype=np.float32)                         # float32: half the payload
    x = np.arange(len(values)) if times is None else np.asarray(times)
    if len(x) != len(values):
        raise ValueError(f"times and values must have the same length, got {len(x)} and {len(values)}")
    if len(spans) != 3 or any(not 0 <= start <= stop <= len(values) for start, stop in spans):
        raise ValueError(f"spans must be three (start, stop) ranges inside 0..{len(values)}, got {spans}")
    fig = go.Figure()
    for i, (name, (start, stop)) in enumerate(zip(("train", "val", "test"), spans)):
        fig.add_trace(go.Scatter(x=x[start:stop], y=values[start:stop], name=labels[name], mode="lines",
                                 line=dict(color=style.color(i), dash=style.dash(i), width=style.line_width)))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"])
    return style.apply(fig, labels["title"])
