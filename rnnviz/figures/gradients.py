"""Figures of gradients through time: ||dL/dh_t|| on a log axis (now and at initialisation, or beside
the Pascanu bound), the same recorded during training as a step x timestep heatmap, input attribution
||dy/dx_t||, and each training step's gradient norm against the clipping threshold.

Pure functions: arrays in, go.Figure out (rnnviz.gradients and rnnviz.model_gradients compute the
arrays). Each takes `labels` (English defaults, the dashboard passes translations) and a Style.

Honest log scales: gradients underflow to exactly 0 (and may overflow to inf), which a log axis cannot
show. Such timesteps are never dropped silently: the line breaks there, and a row of markers pinned to
the bottom (x: exactly 0, drawn at y = 0 on an invisible linear overlay axis) or the top (triangle: not
finite) of the plot marks each one, with its own legend entry and hover text. In heatmaps they get
their own colour.
Figures hold float32 (as the models compute), so a float64 value beyond float32's range counts as 0 or
as not finite.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.figures.decimate import drawn_indices
from rnnviz.figures.style import LAPTOP, SEQUENTIAL, Style

GRAD_LABELS = {"title": "‖dL/dh_t‖ through time", "x": "time t", "y": "‖dL/dh_t‖",
               "zero": "exactly 0 (underflow)", "not_finite": "not finite (overflow)",
               "bound": "Pascanu bound (tanh RNN)", "layer": "layer {n}", "forward": "→", "backward": "←"}
HEATMAP_LABELS = {"title": "‖dL/dh_t‖ during training", "x": "time t", "y": "training step",
                  "colorbar": "log10 ‖dL/dh_t‖", "value": "‖dL/dh_t‖", "zero": "exactly 0 (underflow)",
                  "not_finite": "not finite (overflow)"}
ATTRIBUTION_LABELS = {"title": "Which inputs the last output depends on", "x": "input step t",
                      "y": "‖dy/dx_t‖", "curve": "‖dy/dx_t‖", "zero": "exactly 0 (underflow)",
                      "not_finite": "not finite (overflow)"}
STEP_NORM_LABELS = {"title": "Gradient norm of each training step", "x": "training step",
                    "y": "‖gradient‖ before clipping", "norm": "gradient norm", "clip": "gradient clipped",
                    "threshold": "clipping threshold {clip:g}", "zero": "exactly 0 (underflow)",
                    "not_finite": "not finite (overflow)"}

ZERO_COLOR, NOT_FINITE_COLOR = "#CC79A7", "#000000"   # heatmap cells outside Cividis' blue-to-yellow
BOUND_COLOR = "#555555"
MARKER_SYMBOLS = {"zero": "x", "not_finite": "triangle-up"}
MARKER_LEGEND_COLOR = "#444444"
MARKER_ROW = 0.04         # share of the plot's height between the marker rows of successive curves
SHOW_POINTS_UP_TO = 60    # shorter curves show a dot at every timestep
MARKED_CLIPS = 200        # clipped steps marked one by one while this few are drawn (each mark is an SVG element)


def _labels(defaults: dict, labels: dict | None) -> dict:
    return {**defaults, **(labels or {})}


def _axis(letter: str, panel: int) -> str:
    return letter if panel == 0 else f"{letter}{panel + 1}"


def layer_names(num_layers: int, num_directions: int = 1, labels: dict | None = None) -> list[str]:
    """One name per layer-direction in PyTorch's order (layer * num_directions + direction)."""
    labels = _labels(GRAD_LABELS, labels)
    if num_directions not in (1, 2) or num_layers < 1:
        raise ValueError(f"num_layers={num_layers}, num_directions={num_directions} is invalid: "
                         f"allowed is num_layers >= 1 and num_directions 1 or 2")
    arrows = [""] if num_directions == 1 else [" " + labels["forward"], " " + labels["backward"]]
    return [labels["layer"].format(n=layer + 1) + arrow for layer in range(num_layers) for arrow in arrows]


def _nonnegative(values, what: str) -> np.ndarray:
    """A float array; negative values (a norm can't be) are a ValueError. nan and inf are allowed."""
    array = np.asarray(values)
    if array.dtype.kind not in "fiu":
        raise TypeError(f"{what} must be numbers, got dtype {array.dtype}")
    if np.any(array[np.isfinite(array)] < 0):
        raise ValueError(f"{what} must be >= 0 (they are norms)")
    return array


def _log_panels(n: int, rows: int = 1) -> go.Figure:
    """1 x n panels sharing one log y axis; each panel has `rows` invisible overlay axes, one per curve,
    on which that curve's exact zeros sit at y = 0 and its non-finite values at y = 1, pinned near the
    bottom and the top of the plot (a little further in for each row, so rows don't overlap)."""
    fig = make_subplots(rows=1, cols=n, shared_yaxes=True, horizontal_spacing=0.04)
    fig.update_yaxes(type="log", exponentformat="power")
    for panel in range(n):
        for row in range(rows):
            inset = MARKER_ROW * (row + 0.6)              # 0 -> inset from the bottom, 1 -> from the top
            low = -inset / (1 - 2 * inset)
            fig.update_layout({f"yaxis{_pin_number(n, rows, panel, row)}": dict(
                overlaying=_axis("y", panel), anchor=_axis("x", panel), range=[low, low + 1 / (1 - 2 * inset)],
                type="linear", visible=False, fixedrange=True)})
    return fig


def _pin_number(n: int, rows: int, panel: int, row: int) -> int:
    return n + 1 + panel * rows + row


def _point_sizes(drawn: np.ndarray, style: Style) -> np.ndarray:
    """Dots at every point of short curves, and always at isolated points a line would not show."""
    present = np.isfinite(drawn)
    before = np.concatenate([[False], present[:-1]])
    after = np.concatenate([present[1:], [False]])
    size = max(2, round(style.marker_size * 0.6))
    every = present if len(drawn) <= SHOW_POINTS_UP_TO else present & ~before & ~after
    return np.where(every, size, 0).astype(np.int8)


def _add_log_curve(fig: go.Figure, panel: int, pin_axis: int, x: np.ndarray, values, *, name: str,
                   color: str, dash: str, labels: dict, style: Style, shown: set,
                   text: Sequence[str] | None = None) -> None:
    """A curve on the log axis of `panel`; its zeros (y = 0) and non-finite values (y = 1) as marker
    rows on its overlay axis number `pin_axis`, so an exported table still says 0 where it was 0.

    The legend lists each curve once, and each kind of marker once (one grey entry that shows or hides
    all of them); `shown` holds what it lists.
    """
    with np.errstate(over="ignore", under="ignore"):
        values = _nonnegative(values, name).astype(np.float32)           # what the figure can hold
    drawn = np.where(np.isfinite(values) & (values > 0), values, np.nan).astype(np.float32)
    x_axis, y_axis, pin_axis = _axis("x", panel), _axis("y", panel), f"y{pin_axis}"
    where = "t = %{x}" + (" · %{text}" if text is not None else "")
    fig.add_trace(go.Scatter(
        x=x, y=drawn, name=name, mode="lines+markers", connectgaps=False, legendgroup=name,
        showlegend=name not in shown, text=text, xaxis=x_axis, yaxis=y_axis,
        line=dict(color=color, width=style.line_width, dash=dash),
        marker=dict(color=color, size=_point_sizes(drawn, style)),
        hovertemplate=where + "<br>%{y:.3e}<extra>" + name + "</extra>"))
    shown.add(name)
    for mask, key, height in ((values == 0, "zero", 0.0), (~np.isfinite(values), "not_finite", 1.0)):
        steps = np.flatnonzero(mask)
        if not len(steps):
            continue
        marker = dict(size=style.marker_size, symbol=MARKER_SYMBOLS[key])
        if ("marker", key) not in shown:     # the legend entry for every marker of this kind
            shown.add(("marker", key))
            fig.add_trace(go.Scatter(x=[None], y=[None], name=labels[key], mode="markers", legendgroup=key,
                                     marker=dict(marker, color=MARKER_LEGEND_COLOR), xaxis=x_axis, yaxis=pin_axis))
        fig.add_trace(go.Scatter(
            x=x[steps], y=np.full(len(steps), height, dtype=np.float32), name=f"{name}: {labels[key]}",
            mode="markers", legendgroup=key, showlegend=False, cliponaxis=False, xaxis=x_axis, yaxis=pin_axis,
            text=None if text is None else [text[i] for i in steps], marker=dict(marker, color=color),
            hovertemplate=where + ": " + labels[key] + "<extra>" + name + "</extra>"))


def _finish(fig: go.Figure, title: str, x_titles: Sequence[str], y_title: str, style: Style) -> go.Figure:
    """The style's look, axis titles (one per panel), and room above the plot for the title and legend."""
    for panel, x_title in enumerate(x_titles):
        fig.update_layout({f"xaxis{panel + 1 if panel else ''}": dict(title=x_title)})
    fig.update_yaxes(title=y_title, col=1)
    style.apply(fig, title)
    fig.update_layout(margin_t=45 + 4 * style.font_size + style.legend_room(fig), hovermode="closest")
    return fig


def grad_norms_figure(panels: Mapping[str, object], names: Sequence[str] | None = None, bound=None,
                      labels: dict | None = None, style: Style = LAPTOP) -> go.Figure:
    """||dL/dh_t|| against t on a log axis, one panel per entry of `panels` (title -> (K, T) norms,
    e.g. "at initialisation" and "now", named under each panel's x axis), one curve per
    layer-direction (Okabe-Ito colour and dash).

    bound: an optional (T,) curve (the Pascanu bound) drawn dotted in grey in the last panel; where it
    is 0 or not finite (outside float32) it has a gap.
    """
    labels = _labels(GRAD_LABELS, labels)
    if not panels:
        raise ValueError("panels is empty: give at least one title -> (K, T) array of norms")
    arrays = {title: np.atleast_2d(_nonnegative(norms, f"panel {title!r}")) for title, norms in panels.items()}
    shapes = {array.shape for array in arrays.values()}
    if len(shapes) != 1 or len(next(iter(shapes))) != 2:
        raise ValueError(f"every panel must hold a (K, T) array of the same shape, got {sorted(shapes)}")
    K, T = next(iter(shapes))
    names = list(names) if names is not None else layer_names(K, 1, labels)
    if len(names) != K:
        raise ValueError(f"names has {len(names)} entries for {K} curves")
    x = np.arange(T)
    fig, shown = _log_panels(len(arrays), K), set()
    for panel, norms in enumerate(arrays.values()):
        for k in range(K):
            _add_log_curve(fig, panel, _pin_number(len(arrays), K, panel, k), x, norms[k], name=names[k],
                           color=style.color(k),
                           dash=style.dash(k), labels=labels, style=style, shown=shown)
    if bound is not None:
        bound = np.asarray(bound, dtype=np.float64)
        if bound.shape != (T,):
            raise ValueError(f"bound must have shape ({T},), got {bound.shape}")
        with np.errstate(over="ignore", under="ignore"):
            drawn = bound.astype(np.float32)                              # outside float32: inf or 0
        drawn[~(np.isfinite(drawn) & (drawn > 0))] = np.nan
        last = len(arrays) - 1
        fig.add_trace(go.Scatter(x=x, y=drawn, name=labels["bound"], mode="lines", connectgaps=False,
                                 xaxis=_axis("x", last), yaxis=_axis("y", last),
                                 line=dict(color=BOUND_COLOR, width=style.line_width, dash="dot"),
                                 hovertemplate="t = %{x}<br>%{y:.3e}<extra>" + labels["bound"] + "</extra>"))
    # a panel's name under the axis's name: side by side on one line, neighbouring titles overlapped
    x_titles = [labels["x"] if len(arrays) == 1 else f"{labels['x']}<br>{title}" for title in arrays]
    return _finish(fig, labels["title"], x_titles, labels["y"], style)


def _visible(token: str) -> str:
    """Whitespace tokens made visible in hover text and tick labels."""
    return {" ": "␣", "\n": "↵", "\t": "⇥", "": "∅"}.get(token, token)


def attribution_figure(attribution, tokens: Sequence[str] | None = None, labels: dict | None = None,
                       style: Style = LAPTOP) -> go.Figure:
    """||dy/dx_t|| against input step t on a log axis (zeros marked); tokens, if given, in the hover
    text and, for short sequences, as the tick labels."""
    labels = _labels(ATTRIBUTION_LABELS, labels)
    attribution = _nonnegative(attribution, "attribution")
    if attribution.ndim != 1:
        raise ValueError(f"attribution must be one value per input step (T,), got shape {attribution.shape}")
    T = len(attribution)
    text = None if tokens is None else [_visible(str(token)) for token in tokens]
    if text is not None and len(text) != T:
        raise ValueError(f"tokens has {len(text)} entries for {T} input steps")
    x = np.arange(T)
    fig = _log_panels(1)
    _add_log_curve(fig, 0, _pin_number(1, 1, 0, 0), x, attribution, name=labels["curve"], color=style.color(0),
                   dash=style.dash(0), labels=labels, style=style, shown=set(), text=text)
    if text is not None and T <= 40:
        fig.update_xaxes(tickvals=x, ticktext=text)
    return _finish(fig, labels["title"], [labels["x"]], labels["y"], style)


def grad_heatmap_figure(steps, norms, labels: dict | None = None, style: Style = LAPTOP) -> go.Figure:
    """||dL/dh_t|| of one layer-direction recorded during training: training step (rows) x time t.

    Colour is log10 of the norm (Cividis); exactly-0 cells (underflow) are masked out of it and drawn
    in their own colour, as are non-finite ones, each with a legend entry. Hover gives the exact value.
    """
    labels = _labels(HEATMAP_LABELS, labels)
    steps = np.asarray(steps)
    norms = _nonnegative(norms, "norms")
    if norms.ndim != 2 or len(steps) != len(norms):
        raise ValueError(f"norms must be (S, T) with S = len(steps) = {len(steps)}, got shape {norms.shape}")
    positive = np.isfinite(norms) & (norms > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_norms = np.where(positive, np.log10(np.where(positive, norms, 1)), np.nan).astype(np.float32)
    where = labels["y"] + " %{y}, t = %{x}"
    fig = go.Figure(go.Heatmap(
        x=np.arange(norms.shape[1]), y=steps, z=log_norms, customdata=norms.astype(np.float32),
        colorscale=SEQUENTIAL, hoverongaps=False, name=labels["colorbar"],              # z is log10
        colorbar=dict(title=dict(text=labels["colorbar"], side="right")),
        hovertemplate=where + "<br>" + labels["value"] + " = %{customdata:.3e}<extra></extra>"))
    for mask, key, color in ((norms == 0, "zero", ZERO_COLOR), (~np.isfinite(norms), "not_finite", NOT_FINITE_COLOR)):
        if not mask.any():
            continue
        fig.add_trace(go.Heatmap(
            x=np.arange(norms.shape[1]), y=steps, z=np.where(mask, 0, np.nan).astype(np.float32),
            colorscale=[[0, color], [1, color]], zmin=0, zmax=1, showscale=False, hoverongaps=False,
            name=labels[key], hovertemplate=where + ": " + labels[key] + "<extra></extra>"))
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=labels[key], showlegend=True,
                                 marker=dict(symbol="square", size=style.marker_size + 3, color=color)))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"])
    if len(steps) <= 12:                      # few recordings: label each one, not fractions between
        fig.update_yaxes(tickvals=steps)
    style.apply(fig, labels["title"])
    fig.update_layout(margin_t=45 + 4 * style.font_size + style.legend_room(fig))
    return fig


def grad_norm_steps_figure(history, clip: float = 0.0, labels: dict | None = None,
                           style: Style = LAPTOP, max_points: int | None = None) -> go.Figure:
    """Each training step's gradient norm (before clipping, from Trainer.history) on a log axis, the
    clipping threshold as a line (when clip > 0) and the clipped steps marked: every step above the
    line had its gradient scaled down onto it.

    A step is clipped exactly when its norm is above the threshold. While at most MARKED_CLIPS of the steps
    drawn were clipped, each is marked; beyond that the curve is drawn in the clipping colour wherever it
    runs above the line (one SVG path instead of a mark per step, which made a live page crawl).

    `max_points` draws the curve at most that many of its steps, chosen by min-max decimation
    (rnnviz/figures/decimate.py): the same picture at screen resolution. None draws every step."""
    labels = _labels(STEP_NORM_LABELS, labels)
    steps = np.array([r["step"] for r in history], dtype=np.int64)
    norms = np.array([r["grad_norm"] for r in history], dtype=np.float64)
    kept = drawn_indices(norms, max_points)
    steps, norms = steps[kept], norms[kept]
    clipped = np.array([bool(history[i].get("clipped")) for i in kept], dtype=bool)
    fig = _log_panels(1)
    _add_log_curve(fig, 0, _pin_number(1, 1, 0, 0), steps, norms, name=labels["norm"], color=style.color(0),
                   dash=style.dash(0), labels=labels, style=style, shown=set())
    hover = labels["x"] + " %{x}<br>%{y:.3e}<extra>" + labels["clip"] + "</extra>"
    if clipped.sum() <= MARKED_CLIPS:
        fig.add_trace(go.Scatter(x=steps[clipped], y=norms[clipped].astype(np.float32), name=labels["clip"],
                                 mode="markers", visible=True if clipped.any() else "legendonly", hovertemplate=hover,
                                 marker=dict(color=style.color(3), size=style.marker_size, symbol="x")))
    else:
        fig.add_trace(go.Scatter(x=steps, y=np.where(clipped, norms, np.nan).astype(np.float32), name=labels["clip"],
                                 mode="lines", connectgaps=False, hovertemplate=hover,
                                 line=dict(color=style.color(3), width=style.line_width)))
    if clip > 0:
        ends = [int(steps[0]), int(steps[-1])] if len(steps) else [0, 1]
        name = labels["threshold"].format(clip=clip)
        fig.add_trace(go.Scatter(x=ends, y=[clip, clip], name=name, mode="lines", hoverinfo="name",
                                 line=dict(color=BOUND_COLOR, width=style.line_width, dash="dot")))
    return _finish(fig, labels["title"], [labels["x"]], labels["y"], style)
