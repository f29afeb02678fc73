"""The network unrolled in time with the backward pass drawn on it: one row of cells per network (RNN,
LSTM, GRU side by side, or one network at initialisation and now), x_t entering each cell from below,
h_t passing right, the loss entering at the top, and the gradient flowing back leftwards as arrows whose
width and colour are ||dL/dh_t|| on a log scale. Vanishing is a signal that fades on its way back,
exploding one that swells. An LSTM's row has a second path along its top, the cell state c_t, whose
arrows are ||dL/dc_t||: the path the forget gate keeps open (or shuts).

Pure: arrays in (rnnviz.model_gradients.unrolled_gradients computes them), go.Figure out. Exact zeros
(underflow) have no width to draw: their arrow is a thin dotted line ending in a cross; non-finite values
end in a black triangle. Long sequences are drawn at MAX_CELLS evenly spaced steps (the first and last
among them), and the figure says so; the hover text gives every drawn value exactly.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from rnnviz.figures.gradients import MARKER_SYMBOLS, NOT_FINITE_COLOR, ZERO_COLOR
from rnnviz.figures.style import LAPTOP, Style

UNROLLED_LABELS = {"title": "The gradient flowing back through time", "x": "time t",
                   "hidden": "‖∂L/∂h_t‖", "cell": "‖∂L/∂c_t‖", "hidden_path": "h_t", "cell_path": "c_t", "colorbar": "gradient norm",
                   "forward": "forward pass", "loss": "loss L", "zero": "exactly 0 (underflow)",
                   "not_finite": "not finite (overflow)",
                   "decimated": "{shown} of {T} steps drawn (one every ~{every}); hover for the exact values"}
MAX_CELLS = 32            # cells drawn per row at most: a bounded figure for T up to 1000 and beyond
WIDTH_CLASSES = 8         # arrows are drawn in this many widths and shades, a trace each
MIN_WIDTH, MAX_WIDTH = 1.0, 10.0   # pixels, scaled by the style's line width (2 on a laptop)
COLORSCALE = [[0.0, "#c6dbef"], [0.5, "#4292c6"], [1.0, "#08306b"]]   # one hue: pale = faded, dark = strong
FORWARD_COLOR, BOX_COLOR, BOX_FILL = "#9a9a9a", "#7a7a7a", "#f4f4f4"
ROW_HEIGHT = 3.4          # data units between rows (a cell box is 1.4 high)

# vertical places inside a row, relative to its centre: (forward line, backward line) of each path
PATHS = {"cell": (0.48, 0.22), "hidden": (-0.12, -0.4)}
PLAIN_PATHS = {"hidden": (0.15, -0.25)}
BOX, INPUT, LOSS = 0.7, 1.25, 1.3      # box half height, x_t's start below, the loss node above


def drawn_steps(T: int, max_cells: int = MAX_CELLS) -> np.ndarray:
    """The timesteps drawn: all of them up to max_cells, else max_cells evenly spaced ones, first and last
    included."""
    if T < 1 or max_cells < 2:
        raise ValueError(f"T={T}, max_cells={max_cells} is invalid: allowed is T >= 1 and max_cells >= 2")
    if T <= max_cells:
        return np.arange(T)
    return np.unique(np.round(np.linspace(0, T - 1, max_cells)).astype(np.int64))


def _field(row, name: str):
    return row.get(name) if isinstance(row, Mapping) else getattr(row, name, None)


def _norms(values, what: str) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{what} must be one norm per timestep (T,), got shape {array.shape}")
    if np.any(array[np.isfinite(array)] < 0):
        raise ValueError(f"{what} must be >= 0 (they are norms)")
    return array


def _log_range(arrays) -> tuple[float, float]:
    """log10 of the smallest and largest positive finite value over every array (one scale for all rows)."""
    values = np.concatenate([a[np.isfinite(a) & (a > 0)] for a in arrays]) if arrays else np.zeros(0)
    if not values.size:
        return 0.0, 1.0
    low, high = float(np.log10(values.min())), float(np.log10(values.max()))
    return (low, high) if high > low else (low - 0.5, high + 0.5)


def _colour(share: float) -> str:
    """The colour scale at `share` in [0, 1], as an rgb string (linear between its stops)."""
    for (a, ca), (b, cb) in zip(COLORSCALE, COLORSCALE[1:]):
        if share <= b:
            w = (share - a) / (b - a)
            rgb = [round((1 - w) * int(ca[i:i + 2], 16) + w * int(cb[i:i + 2], 16)) for i in (1, 3, 5)]
            return f"rgb({rgb[0]},{rgb[1]},{rgb[2]})"
    return COLORSCALE[-1][1]


def _power_ticks(low: float, high: float) -> dict:
    """Colour bar labels at powers of ten (10⁻¹⁵, not -15): at most six, a whole number of decades apart."""
    first, last = math.ceil(low), math.floor(high)
    if last < first:
        return {}
    step = max(1, math.ceil((last - first) / 5))
    exponents = range(first, last + 1, step)
    return dict(tickvals=list(exponents), ticktext=[f"10<sup>{e}</sup>" for e in exponents])


def unrolled_figure(rows: Mapping[str, object], labels: dict | None = None, style: Style = LAPTOP,
                    max_cells: int = MAX_CELLS) -> go.Figure:
    """The unrolled chain of each entry of `rows` (name -> an object or dict with `hidden`: (T,)
    ||dL/dh_t||, optional `cell_state`: (T,) ||dL/dc_t||, optional `loss_at_every_step`: bool), top
    to bottom on one time axis and one log colour scale, with the gradient flowing back along it."""
    labels = {**UNROLLED_LABELS, **(labels or {})}
    if not rows:
        raise ValueError("rows is empty: give at least one name -> gradient norms")
    parsed = []
    for name, row in rows.items():
        hidden = _norms(_field(row, "hidden"), f"{name}: hidden")
        cell = _field(row, "cell_state")
        cell = None if cell is None else _norms(cell, f"{name}: cell_state")
        if cell is not None and cell.shape != hidden.shape:
            raise ValueError(f"{name}: cell_state has shape {cell.shape}, hidden {hidden.shape}")
        parsed.append((str(name), hidden, cell, bool(_field(row, "loss_at_every_step"))))
    T = {len(p[1]) for p in parsed}
    if len(T) != 1:
        raise ValueError(f"every row must cover the same sequence length, got {sorted(T)}")
    T = T.pop()
    steps = drawn_steps(T, max_cells)
    spacing = float(np.diff(steps).mean()) if len(steps) > 1 else 1.0
    half = 0.2 * spacing                                     # half a box's width, in timesteps
    low, high = _log_range([p[1] for p in parsed] + [p[2] for p in parsed if p[2] is not None])

    def share(value: float) -> float:
        return min(1.0, max(0.0, (math.log10(value) - low) / (high - low)))

    segments = [[] for _ in range(WIDTH_CLASSES)]           # per width class: x, y with None between
    zero_lines, forward, boxes, inputs = [], [], [], []
    heads = []          # (x, y, value, symbol, hover) of every arrowhead
    centres, loss_x, loss_y, path_x, path_y, path_text = [], [], [], [], [], []
    for r, (name, hidden, cell, every_step) in enumerate(parsed):
        y0 = -r * ROW_HEIGHT
        centres.append(y0)
        paths = {"hidden": hidden} if cell is None else {"cell": cell, "hidden": hidden}
        places = PLAIN_PATHS if cell is None else PATHS
        for i, t in enumerate(steps):
            left, right = t - half, t + half
            boxes.append(([left, right, right, left, left, None], [y0 - BOX, y0 - BOX, y0 + BOX, y0 + BOX, y0 - BOX, None]))
            inputs.append(([t, t, None], [y0 - INPUT, y0 - BOX, None]))
            for path, values in paths.items():
                ahead, back = places[path]
                value, what = values[t], labels[path]
                hover = f"{name} · t = {t}<br>{what} = {value:.3e}"
                if i + 1 < len(steps):
                    nxt = steps[i + 1] - half
                    forward.append(([right, nxt, None], [y0 + ahead, y0 + ahead, None]))
                    line = ([nxt, right, None], [y0 + back, y0 + back, None])
                    head = (right, y0 + back, "triangle-left")
                elif path == "hidden":                     # the last step's gradient comes down from the loss
                    line = ([t, t, None], [y0 + LOSS - 0.15, y0 + BOX, None])
                    head = (t, y0 + BOX, "triangle-down")
                else:                                      # the last c_t hears the loss through h_t only
                    line, head = None, (right, y0 + back, "triangle-left")
                if np.isfinite(value) and value > 0:
                    if line is not None:
                        k = min(WIDTH_CLASSES - 1, int(share(value) * WIDTH_CLASSES))
                        segments[k].append(line)
                    heads.append((*head[:2], value, head[2], hover))
                else:
                    key = "zero" if value == 0 else "not_finite"
                    if line is not None:
                        zero_lines.append(line)
                    heads.append((*head[:2], value, MARKER_SYMBOLS[key], f"{hover} ({labels[key]})"))
        for path in paths:                                  # the paths named right of the last cell
            path_x.append(float(steps[-1] + 2.4 * half)), path_y.append(y0 + places[path][1])
            path_text.append(labels[f"{path}_path"])
        for t in (steps if every_step else steps[-1:]):   # where the loss reads an output
            loss_x.append(float(t)), loss_y.append(y0 + LOSS)

    fig = go.Figure()

    def joined(parts):
        return [v for part in parts for v in part[0]], [v for part in parts for v in part[1]]

    bx, by = joined(boxes)
    fig.add_trace(go.Scatter(x=bx, y=by, mode="lines", fill="toself", fillcolor=BOX_FILL, hoverinfo="skip",
                             line=dict(color=BOX_COLOR, width=1), showlegend=False))
    fx, fy = joined(forward + inputs)
    fig.add_trace(go.Scatter(x=fx, y=fy, mode="lines", name=labels["forward"], hoverinfo="skip",
                             line=dict(color=FORWARD_COLOR, width=max(1.0, style.line_width / 2))))
    scale = style.line_width / 2
    for k, parts in enumerate(segments):
        if parts:
            sx, sy = joined(parts)
            fig.add_trace(go.Scatter(x=sx, y=sy, mode="lines", hoverinfo="skip", showlegend=False,
                                     line=dict(color=_colour((k + 0.5) / WIDTH_CLASSES),
                                               width=scale * (MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * k / (WIDTH_CLASSES - 1)))))
    if zero_lines:
        zx, zy = joined(zero_lines)
        fig.add_trace(go.Scatter(x=zx, y=zy, mode="lines", hoverinfo="skip", showlegend=False,
                                 line=dict(color=ZERO_COLOR, width=1, dash="dot")))
    positive = [h for h in heads if np.isfinite(h[2]) and h[2] > 0]
    if positive:
        fig.add_trace(go.Scatter(
            x=[h[0] for h in positive], y=[h[1] for h in positive], mode="markers", showlegend=False,
            hovertext=[h[4] for h in positive], hoverinfo="text",
            marker=dict(symbol=[h[3] for h in positive], size=style.marker_size + 3, cmin=low, cmax=high,
                        color=[math.log10(h[2]) for h in positive], colorscale=COLORSCALE,
                        colorbar=dict(title=dict(text=labels["colorbar"], side="right"), thickness=14,
                                      **_power_ticks(low, high)))))
    for key, colour in (("zero", ZERO_COLOR), ("not_finite", NOT_FINITE_COLOR)):
        marks = [h for h in heads if h[3] == MARKER_SYMBOLS[key] and not (np.isfinite(h[2]) and h[2] > 0)]
        if marks:
            fig.add_trace(go.Scatter(x=[h[0] for h in marks], y=[h[1] for h in marks], mode="markers",
                                     name=labels[key], hovertext=[h[4] for h in marks], hoverinfo="text",
                                     marker=dict(symbol=MARKER_SYMBOLS[key], size=style.marker_size + 3, color=colour)))
    fig.add_trace(go.Scatter(x=loss_x, y=loss_y, mode="markers", name=labels["loss"], hoverinfo="name",
                             marker=dict(symbol="diamond", size=style.marker_size + 4, color="#D55E00")))
    fig.add_trace(go.Scatter(x=path_x, y=path_y, mode="text", text=path_text, textposition="middle right",
                             hoverinfo="skip", showlegend=False, cliponaxis=False, textfont=dict(size=max(11, style.font_size - 2))))
    if len(steps) < T:
        fig.add_annotation(text=labels["decimated"].format(shown=len(steps), T=T, every=round(spacing)),
                           xref="paper", yref="paper", x=0, y=0, yshift=-4 * style.font_size, xanchor="left",
                           yanchor="top", showarrow=False, font=dict(size=max(11, style.font_size - 2)))
    fig.update_xaxes(title=labels["x"], range=[-half * 2, T - 1 + half + 1.3 * spacing], showgrid=False, zeroline=False)
    for centre, (name, *_) in zip(centres, parsed):       # above its row, not beside it: the cells keep the width
        fig.add_annotation(text=f"<b>{name}</b>", x=-half * 2, y=centre + LOSS, xanchor="left", yanchor="middle",
                           showarrow=False, font=dict(size=style.font_size))
    fig.update_yaxes(range=[-(len(parsed) - 1) * ROW_HEIGHT - INPUT - 0.2, LOSS + 0.4], showgrid=False,
                     zeroline=False, fixedrange=True, showticklabels=False, showline=False, ticks="")
    style.apply(fig, labels["title"])
    row_px = 5.5 * style.font_size + 50                      # 3 rows fit a 768-pixel projected screen
    fig.update_layout(height=round(row_px * len(parsed) + 12 * style.font_size), hovermode="closest",
                      margin_t=45 + 4 * style.font_size + style.legend_room(fig),
                      margin_b=(6 if len(steps) < T else 4) * style.font_size, margin_l=10)
    return fig
