"""Figures of the inside of a network: colour scales by meaning, gate saturation bars, text coloured by one
unit's activation (Karpathy, Johnson & Fei-Fei 2015, "Visualizing and understanding recurrent networks"),
and the play / pause / slider controls of an animation. The animated states figure itself is in
rnnviz/figures/animation.py.

Pure functions: arrays in, a go.Figure or an HTML string out (rnnviz.inside computes the arrays).
"""
from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import numpy as np
import plotly.colors
import plotly.graph_objects as go

from rnnviz.figures.style import DIVERGING, LAPTOP, SEQUENTIAL, Style

SATURATION_LABELS = {"title": "Gate saturation over {n} test sequences", "y": "share of values",
                     "low": "near 0 (closed); tanh: near −1", "high": "near 1 (open); tanh: near +1"}
GATE_LABELS = {"input": "input gate", "forget": "forget gate", "candidate": "candidate",
               "output": "output gate", "reset": "reset gate", "update": "update gate", "hidden": "h (tanh)"}


# --- colour scales that say what the values mean -------------------------------------------------

def color_range(kind: str, values) -> tuple[str, float, float]:
    """(colour scale, low, high) for values of a kind (see rnnviz.inside.LayerStates.kind).

    gate: sequential 0..1.  tanh: diverging -1..1, white at 0.  cell: diverging, symmetric around 0 out to
    the largest |c| of these values.  relu: sequential 0..the largest value (ReLU states are >= 0 and
    unbounded). An all-zero cell or relu state gets a range of 1, so the scale is never empty.
    """
    values = np.asarray(values, dtype=np.float64)
    if kind == "gate":
        return SEQUENTIAL, 0.0, 1.0
    if kind == "tanh":
        return DIVERGING, -1.0, 1.0
    if kind == "cell":
        largest = float(np.nanmax(np.abs(values), initial=0.0)) or 1.0
        return DIVERGING, -largest, largest
    if kind == "relu":
        return SEQUENTIAL, 0.0, float(np.nanmax(values, initial=0.0)) or 1.0
    raise ValueError(f"kind={kind!r} is invalid: allowed is one of gate, tanh, cell, relu")


def _rgb(color: str) -> np.ndarray:
    """'#rrggbb' or 'rgb(r, g, b)' -> (3,) floats 0..255."""
    if color.startswith("#"):
        return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)], dtype=float)
    return np.array([float(c) for c in color[color.index("(") + 1:-1].split(",")[:3]])


def activation_color(value: float, low: float = -1.0, high: float = 1.0, scale: str = DIVERGING) -> str:
    """The '#rrggbb' colour of `value` on `scale` stretched over low..high (values outside are clipped).

    With the default diverging scale over -1..1, 0 is the scale's middle (near white), -1 full blue and
    +1 full red: the same colours the heatmaps use for tanh values.
    """
    if not high > low:
        raise ValueError(f"the colour range must have high > low, got low={low!r}, high={high!r}")
    stops = plotly.colors.get_colorscale(scale)                        # [[position, colour], ...]
    positions = np.array([p for p, _ in stops])
    colors = np.array([_rgb(c) for _, c in stops])                    # (S, 3)
    where = float(np.clip((value - low) / (high - low), 0.0, 1.0)) if np.isfinite(value) else 0.5
    rgb = [np.interp(where, positions, colors[:, channel]) for channel in range(3)]
    return "#" + "".join(f"{int(round(c)):02x}" for c in rgb)


def text_color(background: str) -> str:
    """Black or white, whichever reads better on `background` (relative luminance, ITU-R BT.709)."""
    r, g, b = _rgb(background) / 255
    return "#000000" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.5 else "#ffffff"


def activation_html(tokens: Sequence[str], values, low: float = -1.0, high: float = 1.0,
                    scale: str = DIVERGING, separator: str = "",
                    hover: str | Callable[[int, float], str] = "t={t}: {value:.4g}",
                    style: Style = LAPTOP) -> str:
    """The tokens as HTML spans, each on the colour of its value (one value per token).

    Text is escaped, so any typed input is safe to show. `separator` goes between tokens (" " for words,
    "" for characters); line breaks inside a token are kept. `hover` is each span's tooltip, formatted with
    t (the step) and value, or a function of them (a page writing the value in its learner's language).
    """
    values = np.asarray(values, dtype=np.float64)
    if len(tokens) != len(values):
        raise ValueError(f"tokens and values must have the same length, got {len(tokens)} and {len(values)}")
    spans = []
    for t, (token, value) in enumerate(zip(tokens, values)):
        background = activation_color(value, low, high, scale)
        tooltip = html.escape(hover(t, value) if callable(hover) else hover.format(t=t, value=value), quote=True)
        spans.append(f'<span title="{tooltip}" style="background-color:{background};color:{text_color(background)};'
                     f'padding:0.1em 0.05em;border-radius:2px">{html.escape(token)}</span>')
    return (f'<div style="font-family:monospace;font-size:{style.font_size + 3}px;line-height:1.9;'
            f'white-space:pre-wrap">{html.escape(separator).join(spans)}</div>')


# --- gate saturation -------------------------------------------------------------------------------

def saturation_figure(names: Sequence[str], low, high, sequences: int, labels: dict | None = None,
                      style: Style = LAPTOP) -> go.Figure:
    """Stacked bars per gate: the share of its values near the low end and near the high end of its range.

    A gate that is mostly saturated works like a switch (and passes almost no gradient through its
    sigmoid); a gate in the middle blends. `names` are gate names (shown through labels["gate.<name>"]).
    """
    labels = {**SATURATION_LABELS, **{f"gate.{k}": v for k, v in GATE_LABELS.items()}, **(labels or {})}
    low, high = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    if not len(names) == len(low) == len(high):
        raise ValueError(f"names, low and high must have the same length, got {len(names)}, {len(low)}, {len(high)}")
    shown = [labels.get(f"gate.{name}", name) for name in names]
    fig = go.Figure()
    for i, (key, shares) in enumerate((("low", low), ("high", high))):
        fig.add_trace(go.Bar(x=shown, y=shares, name=labels[key], marker_color=style.color(i),
                             text=[f"{s:.1%}" for s in shares], textposition="inside",
                             hovertemplate=f"%{{x}}<br>{labels[key]}: %{{y:.2%}}<extra></extra>"))
    fig.update_layout(barmode="stack", legend_traceorder="normal", height=300 + 20 * style.font_size)
    fig.update_yaxes(title=labels["y"], range=[0, 1], tickformat=".0%")
    style.apply(fig, labels["title"].format(n=sequences))
    fig.update_layout(margin_t=45 + 3 * style.font_size + style.legend_room(fig))
    return fig


# --- animation controls ------------------------------------------------------------------------------------

def animation_controls(fig: go.Figure, frame_names: Sequence[str], labels: dict, frame_ms: int = 600,
                       active: int = 0, font_size: int = LAPTOP.font_size) -> go.Figure:
    """Play and pause buttons and a slider with one step per frame (labelled by its name), below the plot;
    the slider starts at frame number `active` (the figure's own data must show that frame).

    The buttons sit at the left of the slider's top row, its current value ("t = 3") at the right, and the
    slider runs the whole width under them: beside the slider, at a fixed share of the width, the buttons
    covered its start on a narrow or projected chart. labels: "play", "pause" and "step" (the slider's
    prefix, e.g. "t = "). The plot needs a bottom margin of controls_height(font_size) pixels for them.
    """
    still = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    play = {"frame": {"duration": frame_ms, "redraw": True}, "fromcurrent": True, "transition": {"duration": 0}}
    below_ticks = _below_axis(font_size)
    button_px = round(1.25 * font_size + 12)            # a button's height, which the value's row must match
    fig.update_layout(
        updatemenus=[dict(type="buttons", direction="left", x=0.0, y=0.0, xanchor="left", yanchor="top",
                          pad=dict(t=below_ticks, r=10), showactive=False,
                          buttons=[dict(label="▶ " + labels["play"], method="animate", args=[None, play]),
                                   dict(label="❚❚ " + labels["pause"], method="animate", args=[[None], still])])],
        sliders=[dict(active=active, x=0.0, len=1.0, y=0.0, yanchor="top", pad=dict(t=below_ticks),
                      currentvalue=dict(prefix=labels["step"], xanchor="right",
                                        offset=max(10, button_px - round(1.3 * font_size) + 8)),
                      steps=[dict(method="animate", label=name, args=[[name], still]) for name in frame_names])])
    return fig


def _below_axis(font_size: int) -> int:
    """Pixels under the plot that the bottom x axis's tick labels and title take."""
    return round(4 * font_size + 10)


def controls_height(font_size: int = LAPTOP.font_size) -> int:
    """Pixels under the plot that animation_controls' buttons and slider take (151 at the laptop's 13 px)."""
    return _below_axis(font_size) + round(4.5 * font_size + 30)
