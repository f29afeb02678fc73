"""One sequence, step by step: a Plotly animation that plays in the browser.

Top left, on one shared time axis: the input x_t, a heatmap of h_t (units x time) and the network's answer
at each step beside the target. Top right: the h_t trajectory on its first two principal components.
Below: one bar chart per gate and state (LSTM: f, i, g, c, o, h; GRU: r, z, n, h; RNN: h) with the values
at the current step. Play, pause and the slider walk through the steps in the order the chosen direction
reads them; the current column is outlined on the time axis and the current point marked on the trajectory.

Colours say what values mean: diverging, white at 0, for tanh values and the cell; sequential 0..1 for
gates; sequential 0..max for a ReLU RNN's h. Arrays go in as float32 to keep the payload small.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from rnnviz.figures.inside import animation_controls, color_range, controls_height
from rnnviz.figures.style import LAPTOP, Style
from rnnviz.inside import LayerStates, OutputSeries, Projection, visible

ANIMATION_LABELS = {
    "title": "Inside the network, step by step", "time": "t", "unit": "unit", "input": "input",
    "channel": "x[{i}]", "state": "h", "output.probability": "P({name})", "output.target_probability":
    "P(right token)", "output.regression": "output", "prediction": "network's answer", "target": "target",
    "predicted": "predicted", "pca": "Trajectory of h_t (PCA)", "pc": "PC{k} ({share:.0%} of variance)",
    "path": "h_t at every step", "now": "h_t now", "play": "Play", "pause": "Pause", "step": "t = ",
    "panel.forget": "forget gate", "panel.input": "input gate", "panel.candidate": "candidate",
    "panel.cell": "cell", "panel.output": "output gate", "panel.hidden": "hidden state",
    "panel.reset": "reset gate", "panel.update": "update gate",
}
SYMBOLS = {"forget": "f", "input": "i", "cell": "c", "output": "o", "hidden": "h", "reset": "r", "update": "z"}
CANDIDATE_SYMBOL = {"LSTM": "g", "GRU": "n"}
DEFAULT_UNITS = 32          # units shown unless asked otherwise
BAR_COLUMNS = 3
HIGHLIGHT = dict(color="#222222", width=2)

# vertical layout in pixels: strips, then rows of bar charts (each with room for its title)
INPUT_PX, OUTPUT_PX, BAR_PX, STRIP_GAP_PX, TITLE_GAP_PX = 70, 120, 190, 8, 90
STRIPS_X, PCA_X = (0.0, 0.62), (0.78, 1.0)


def default_units(hidden_size: int) -> list[int]:
    """Every unit if there are at most 32, else the first 32."""
    return list(range(min(hidden_size, DEFAULT_UNITS)))


def symbol(name: str, mode: str) -> str:
    """A panel's symbol in the equations, e.g. f_t, or g_t / n_t for the LSTM / GRU candidate."""
    letter = CANDIDATE_SYMBOL.get(mode, "g") if name == "candidate" else SYMBOLS[name]
    return f"{letter}<sub>t</sub>"


def _check_units(units, hidden_size: int) -> list[int]:
    units = default_units(hidden_size) if units is None else [int(u) for u in units]
    if not units or any(not 0 <= u < hidden_size for u in units) or units != sorted(set(units)):
        raise ValueError(f"units must be distinct increasing unit numbers in [0, {hidden_size - 1}], got {units}")
    return units


def _column_x(t: int) -> list[float]:
    """x of the outline of column t (a closed path of 5 points)."""
    return [t - 0.5, t + 0.5, t + 0.5, t - 0.5, t - 0.5]


def _rectangle(t: int, low: float, high: float) -> dict:
    """x and y of the outline of column t from low to high."""
    return dict(x=_column_x(t), y=[low, low, high, high, low])


def _padded(values, pad: float = 0.08) -> tuple[float, float]:
    """A fixed axis range around finite values, so nothing rescales while the animation plays."""
    values = np.asarray(values, dtype=np.float64)
    values = values[np.isfinite(values)]
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
    margin = (high - low) * pad or 0.5
    return low - margin, high + margin


def _domains(n_units: int, bar_rows: int, font_size: int) -> tuple[dict, int]:
    """y domains (fractions, bottom to top) of the strips and bar rows, and the plot height in pixels. The
    gaps above the bar rows (an axis title, then a panel title) grow with the type."""
    heatmap_px = min(420, max(150, 13 * n_units))
    heights = [INPUT_PX, heatmap_px, OUTPUT_PX] + [BAR_PX] * bar_rows
    title_gap = round(TITLE_GAP_PX * max(1.0, font_size / LAPTOP.font_size))
    strip_gap = max(STRIP_GAP_PX, font_size)     # the labels at the strips' facing edges jut into the gap
    gaps = [strip_gap, strip_gap] + [title_gap] * bar_rows
    total = sum(heights) + sum(gaps)
    domains, top = {}, total
    for i, height in enumerate(heights):
        domains[i] = ((top - height) / total, top / total)
        top -= height + (gaps[i] if i < len(gaps) else 0)
    return domains, total


def _axis_names(fig: go.Figure, row: int, col: int) -> tuple[str, str]:
    subplot = fig.get_subplot(row, col)
    return subplot.xaxis.plotly_name, subplot.yaxis.plotly_name


def states_animation_figure(states: LayerStates, units: Sequence[int] | None = None, inputs=None,
                            tokens: Sequence[str] | None = None, output: OutputSeries | None = None,
                            projection: Projection | None = None, labels: dict | None = None,
                            style: Style = LAPTOP, frame_ms: int = 600, at: int | None = None,
                            animated: bool = True, panels: Sequence[str] | None = None) -> go.Figure:
    """The animated look inside one layer and direction (see the module docstring).

    states: rnnviz.inside.LayerStates; units: which units to draw (default: all if H <= 32, else the first
    32); inputs: (T, I) vectors or tokens: T strings, what the network read; output: the per-step answer
    (rnnviz.inside.OutputSeries); projection: the PCA of h_t. One animation frame per step, T in all.
    at: the step drawn first (default: the first step read), with the slider on it. animated=False draws
    step `at` alone, without frames or controls: a page that redraws the figure as the network trains
    moves through time with its own slider, since Plotly would go back to the first frame at each redraw.
    panels: which of states.panels() get a bar chart (default: all), so a projected screen can hold the
    figure: an LSTM's six panels make it ~1250 px tall.
    """
    labels = {**ANIMATION_LABELS, **(labels or {})}
    T, H = states.hidden.shape
    units = _check_units(units, H)
    every = states.panels()
    unknown = set(panels or ()) - set(every)
    if unknown:
        raise ValueError(f"panels {sorted(unknown)} are not drawn for this cell: it has {', '.join(every)}")
    panels = every if panels is None else {name: every[name] for name in every if name in panels}
    order = list(range(T - 1, -1, -1)) if states.reverse else list(range(T))
    bar_rows = math.ceil(len(panels) / BAR_COLUMNS)
    specs = [[{"colspan": 2}, None, {"rowspan": 3}], [{"colspan": 2}, None, None], [{"colspan": 2}, None, None]]
    specs += [[{} if row * BAR_COLUMNS + col < len(panels) else None for col in range(BAR_COLUMNS)]
              for row in range(bar_rows)]
    fig = make_subplots(rows=3 + bar_rows, cols=BAR_COLUMNS, specs=specs)
    domains, plot_px = _domains(len(units), bar_rows, style.font_size)
    x_time, _ = _axis_names(fig, 3, 1)

    def place(row: int, col: int, x_domain, y_domain) -> None:
        x_name, y_name = _axis_names(fig, row, col)
        fig.layout[x_name].domain, fig.layout[y_name].domain = x_domain, y_domain

    for row in range(3):
        place(row + 1, 1, STRIPS_X, domains[row])
    # the PCA panel's top a legend row lower than the strips': its title beside the legend overlapped it
    place(1, 3, PCA_X, (domains[2][0], domains[0][1] - (1.5 * style.font_size + 10) / plot_px))

    # --- static traces: the input, the heatmap, the answer, the trajectory ---
    input_range = _input_strip(fig, inputs, tokens, T, labels, style)
    heat = states.hidden[:, units].astype(np.float32)                  # (T, U)
    kind = states.kind("hidden")
    scale, low, high = color_range(kind, heat)
    unit_rows = np.broadcast_to(np.asarray(units, dtype=np.int32)[:, None], (len(units), T))   # (U, T)
    fig.add_trace(go.Heatmap(
        z=heat.T, x=np.arange(T), y=np.arange(len(units)), customdata=unit_rows, colorscale=scale,
        zmin=low, zmax=high, zmid=0.0 if kind != "relu" else None,
        colorbar=dict(title=dict(text=symbol("hidden", states.mode)), x=STRIPS_X[1] + 0.01, xanchor="left",
                      y=sum(domains[1]) / 2, len=domains[1][1] - domains[1][0], thickness=12),
        hovertemplate=f"{labels['unit']} %{{customdata}}<br>{labels['time']} = %{{x}}<br>"
                      f"{symbol('hidden', states.mode)} = %{{z:.4g}}<extra></extra>"), row=2, col=1)
    # a label every few units, so that each has 1.6 lines of its type (at 20 px every other unit's overlapped)
    heatmap_px = (domains[1][1] - domains[1][0]) * plot_px
    step_ticks = max(1, math.ceil(len(units) * 1.6 * style.font_size / heatmap_px))
    fig.update_yaxes(tickvals=np.arange(0, len(units), step_ticks), ticktext=[str(u) for u in units[::step_ticks]],
                     title=labels["unit"], range=[-0.5, len(units) - 0.5], row=2, col=1)
    output_range = _output_strip(fig, output, T, labels, style)
    for row in (1, 2, 3):
        fig.update_xaxes(range=[-0.5, T - 0.5], row=row, col=1, showticklabels=row == 3,
                         matches=None if row == 3 else x_time.replace("axis", ""))
    fig.update_xaxes(title=labels["time"], row=3, col=1)
    pca_ranges = _pca_panel(fig, projection, T, labels, style)

    # --- animated traces: the outlines, the current point, the bars ---
    ranges = [input_range, (-0.5, len(units) - 0.5), output_range]
    if at is not None and not 0 <= at < T:
        raise ValueError(f"at must be a step in [0, {T - 1}], got {at}")
    first = order[0] if at is None else int(at)
    frame_makers = []
    for row, (y_low, y_high) in enumerate(ranges, start=1):
        fig.add_trace(go.Scatter(**_rectangle(first, y_low, y_high), mode="lines", line=HIGHLIGHT,
                                 fill="toself" if row != 2 else None, fillcolor="rgba(0,0,0,0.08)",
                                 hoverinfo="skip", showlegend=False), row=row, col=1)
        frame_makers.append((len(fig.data) - 1, lambda t: dict(type="scatter", x=_column_x(t))))   # y stays
    if projection is not None:
        points = projection.points
        fig.add_trace(go.Scatter(x=points[first:first + 1, 0], y=points[first:first + 1, 1], mode="markers",
                                 name=labels["now"], marker=dict(size=style.marker_size + 8, color=style.color(1),
                                                                 line=dict(color="#222222", width=1.5)),
                                 hovertemplate=f"{labels['time']} = {first}<extra></extra>", showlegend=False),
                      row=1, col=3)
        frame_makers.append((len(fig.data) - 1, lambda t: dict(
            type="scatter", x=points[t:t + 1, 0], y=points[t:t + 1, 1],
            hovertemplate=f"{labels['time']} = {t}<extra></extra>")))
    for i, (name, values) in enumerate(panels.items()):
        row, col = 4 + i // BAR_COLUMNS, 1 + i % BAR_COLUMNS
        shown = values[:, units].astype(np.float32)                     # (T, U)
        frame_makers.append(_bar_panel(fig, name, shown, units, states, row, col, first, domains[3 + i // BAR_COLUMNS],
                                   labels, style))

    # frames as plain dicts, validated once when assigned (go objects would be validated twice: 2x slower)
    controls_px = controls_height(style.font_size) if animated else 40     # the play button and slider, below
    if animated:
        traces = [index for index, _ in frame_makers]
        fig.frames = [dict(name=str(t), data=[make(t) for _, make in frame_makers], traces=traces) for t in order]
        animation_controls(fig, [str(t) for t in order], labels, frame_ms, active=order.index(first),
                           font_size=style.font_size)
    style.apply(fig, labels["title"])
    fig.update_layout(height=plot_px + controls_px + 10 + 3 * style.font_size,
                      margin=dict(t=50 + 3 * style.font_size + style.legend_room(fig), b=controls_px), legend=dict(x=0, y=1.0, yanchor="bottom"))
    if pca_ranges is not None:
        fig.update_xaxes(range=pca_ranges[0], row=1, col=3)
        fig.update_yaxes(range=pca_ranges[1], row=1, col=3)
    return fig


def _input_strip(fig: go.Figure, inputs, tokens, T: int, labels: dict, style: Style) -> tuple[float, float]:
    """Row 1: the tokens as text, or each input channel as a line. Returns its fixed y range."""
    if tokens is not None:
        if len(tokens) != T:
            raise ValueError(f"tokens must have one entry per step: got {len(tokens)} for T = {T}")
        shown = [visible(token) for token in tokens]
        fig.add_trace(go.Scatter(x=np.arange(T), y=np.zeros(T, dtype=np.float32), mode="text", text=shown,
                                 textfont=dict(size=style.font_size + 1), showlegend=False,
                                 hovertemplate=f"{labels['time']} = %{{x}}: %{{text}}<extra></extra>"), row=1, col=1)
        fig.update_yaxes(range=[-1, 1], showticklabels=False, showgrid=False, zeroline=False,
                         title=labels["input"], row=1, col=1)
        return -1.0, 1.0
    if inputs is None:
        fig.update_yaxes(range=[-1, 1], showticklabels=False, title=labels["input"], row=1, col=1)
        return -1.0, 1.0
    inputs = np.asarray(inputs, dtype=np.float32)
    if inputs.ndim not in (1, 2) or len(inputs) != T:
        raise ValueError(f"inputs must be (T,) or (T, I) with T = {T}, got shape {inputs.shape}")
    inputs = inputs.reshape(T, -1)                                      # (T, I)
    for i in range(inputs.shape[1]):
        name = labels["channel"].format(i=i)
        fig.add_trace(go.Scatter(x=np.arange(T), y=inputs[:, i], mode="lines+markers", name=name,
                                 showlegend=inputs.shape[1] > 1, line=dict(color=style.color(4 + i), width=1.5),
                                 marker=dict(size=style.marker_size - 2),
                                 hovertemplate=f"{labels['time']} = %{{x}}<br>{name} = %{{y:.4g}}<extra></extra>"),
                      row=1, col=1)
    low, high = _padded(inputs)
    # as many labels as the strip holds at 1.6 lines of type each (three overlapped on a projector)
    fig.update_yaxes(range=[low, high], title=labels["input"], nticks=max(2, min(3, int(INPUT_PX / (1.6 * style.font_size)))),
                     row=1, col=1)
    return low, high


def _output_strip(fig: go.Figure, output: OutputSeries | None, T: int, labels: dict,
                  style: Style) -> tuple[float, float]:
    """Row 3: the network's answer at every step and the target where there is one."""
    if output is None:
        fig.update_yaxes(range=[0, 1], showticklabels=False, row=3, col=1)
        return 0.0, 1.0
    steps = np.arange(T)
    title = labels[f"output.{output.kind}"].format(name=output.class_name)
    hover = None
    if output.predicted_labels is not None:
        hover = [f"{labels['predicted']}: {visible(p)}" + (f" · {labels['target']}: {visible(y)}" if y else "")
                 for p, y in zip(output.predicted_labels, output.target_labels)]
    fig.add_trace(go.Scatter(x=steps, y=output.prediction.astype(np.float32), mode="lines+markers",
                             name=labels["prediction"], hovertext=hover,
                             line=dict(color=style.color(0), width=style.line_width),
                             marker=dict(size=style.marker_size - 1),
                             hovertemplate=f"{labels['time']} = %{{x}}<br>{title} = %{{y:.4g}}"
                                           + ("<br>%{hovertext}" if hover else "") + "<extra></extra>"),
                  row=3, col=1)
    has_target = np.isfinite(output.target)
    if has_target.any():
        marker = dict(color=style.color(3), size=style.marker_size + 3, symbol="x-thin",
                      line=dict(width=3, color=style.color(3)))
        fig.add_trace(go.Scatter(x=steps[has_target], y=output.target[has_target].astype(np.float32), mode="markers",
                                 name=labels["target"], marker=marker,
                                 hovertemplate=f"{labels['time']} = %{{x}}<br>{labels['target']} = %{{y:.4g}}"
                                               "<extra></extra>"),
                      row=3, col=1)
    low, high = (-0.05, 1.05) if output.kind != "regression" else _padded(
        np.concatenate([output.prediction, output.target]))
    fig.update_yaxes(range=[low, high], title=title, nticks=4, row=3, col=1)
    return low, high


def _pca_panel(fig: go.Figure, projection: Projection | None, T: int, labels: dict, style: Style):
    """The whole trajectory, faint, with its steps in the hover (the current point is animated)."""
    if projection is None:
        return None
    points = projection.points.astype(np.float32)                     # (T, 2)
    fig.add_trace(go.Scatter(x=points[:, 0], y=points[:, 1], mode="lines+markers", name=labels["path"],
                             line=dict(color="#999999", width=1), showlegend=False,
                             marker=dict(size=style.marker_size - 1, color=np.arange(T), colorscale="Greys",
                                         cmin=-T / 2, cmax=T),
                             hovertemplate=f"{labels['time']} = %{{marker.color}}<extra></extra>"), row=1, col=3)
    # each title on two lines ("PC1" over "(68% of variance)"), as wide as the narrow panel; the y axis on
    # the right, where the figure's margin grows to hold it: on the left its labels and title lay over the
    # heatmap's colour bar
    def pc_title(k: int) -> str:
        return labels["pc"].format(k=k, share=projection.explained[k - 1]).replace(" (", "<br>(", 1)

    fig.update_xaxes(title=pc_title(1), automargin=True, row=1, col=3)
    fig.update_yaxes(title=pc_title(2), side="right", automargin=True, row=1, col=3)
    x_name, y_name = _axis_names(fig, 1, 3)
    fig.add_annotation(text=f"<b>{labels['pca']}</b>", xref=f"{x_name.replace('axis', '')} domain",
                       yref=f"{y_name.replace('axis', '')} domain", x=0.5, y=1.0, yanchor="bottom",
                       showarrow=False)
    return _padded(points[:, 0]), _padded(points[:, 1])


def _bar_panel(fig: go.Figure, name: str, values: np.ndarray, units: list[int], states: LayerStates, row: int,
               col: int, first: int, y_domain, labels: dict, style: Style):
    """One bar per unit, coloured and scaled by what the values mean; returns (trace index, frame maker)."""
    kind = states.kind(name)
    scale, low, high = color_range(kind, values)
    sym = symbol(name, states.mode)
    x_name, y_name = _axis_names(fig, row, col)
    column = col - 1
    width = (1.0 - 0.06 * (BAR_COLUMNS - 1)) / BAR_COLUMNS
    fig.layout[x_name].domain = (column * (width + 0.06), column * (width + 0.06) + width)
    fig.layout[y_name].domain = y_domain
    marker = dict(colorscale=scale, cmin=low, cmax=high)

    def bars(t: int) -> dict:
        return dict(type="bar", y=values[t], marker=dict(color=values[t]),   # frames keep the trace's colour scale
                    hovertemplate=f"{labels['unit']} %{{x}}<br>{labels['time']} = {t}<br>{sym} = %{{y:.4g}}"
                                  "<extra></extra>")

    fig.add_trace(go.Bar(bars(first)).update(x=np.asarray(units, dtype=np.int32), marker=marker, showlegend=False),
                  row=row, col=col)
    # room above the top value for its label, which otherwise juts into the panel's title
    pad = 0.08 * (high - low)
    fig.update_yaxes(range=[low - (pad if kind == "cell" else 0.0), high + pad], row=row, col=col)
    fig.update_xaxes(title=labels["unit"], row=row, col=col)
    fig.add_annotation(text=f"<b>{labels[f'panel.{name}']} {sym}</b>", xref=f"{x_name.replace('axis', '')} domain",
                       yref=f"{y_name.replace('axis', '')} domain", x=0.5, y=1.0, yanchor="bottom", showarrow=False)
    return len(fig.data) - 1, bars
