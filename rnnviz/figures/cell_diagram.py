"""The cell as the textbooks draw it, computing: one step of an RNN, LSTM or GRU with its real numbers.

    from rnnviz.cell_steps import cell_steps
    from rnnviz.figures.cell_diagram import cell_diagram_figure, diagram_labels
    step = cell_steps(rnn, rnnviz.trace(rnn, x), layer=0, direction=0)[t]
    cell_diagram_figure(step, unit=0, labels=diagram_labels("es"))

The layout is Colah's ("Understanding LSTM Networks", 2015): the cell state runs along the top, the previous
hidden state and x_t come in at the bottom and feed a row of layers (σ or tanh boxes), whose outputs meet in
pointwise × and + nodes. The GRU draws its reset, update and candidate; the plain RNN its single tanh (or ReLU).
Beside every arrow: the chosen unit's number (a = the pre-activation going into a box) and, under it, the
whole vector as a small colour strip with that unit outlined. Hovering a box gives its equation with this
step's numbers filled in, stage by stage; hovering a node, its product or sum; hovering a strip, each unit.

Drawn in data coordinates 0..16 by 0..10 (boxes, lines) with pixel-sized nodes, so it stretches to any
width without distorting a circle. The figure is a few kilobytes: one step, no animation frames.
"""
from __future__ import annotations

import html
import re

import numpy as np
import plotly.graph_objects as go

from rnnviz.cell_steps import CellStep
from rnnviz.figures.style import DIVERGING, LAPTOP, SEQUENTIAL, Style
from rnnviz.i18n import STRINGS, t as translate

WIDTH, HEIGHT = 16.0, 10.0          # the drawing's coordinates
BOX_W, BOX_H = 1.6, 0.8             # a σ / tanh box: "tanh" fits it at 20 px on a projected page
STRIP_W, STRIP_H = 1.5, 0.28        # a vector's colour strip
MIN_PX_PER_UNIT = 31               # the drawing's 16 units on a 500-pixel chart: a projected 1024-pixel page
LINE = "#5b5b5b"
BOX_FILL = "#F6D78B"                # Colah's yellow layers, light enough for black text
NODE_FILL = "#F4C6DA"               # and his pink pointwise operations
BODY_FILL = "#EEF3EC"
OUTLINE = "#111111"
MINUS = "\u2212"

# the letter of each gate in the equations, per cell
LETTERS = {"LSTM": {"input": "i", "forget": "f", "candidate": "g", "output": "o"},
           "GRU": {"reset": "r", "update": "z", "candidate": "n"},
           "RNN_TANH": {"hidden": ""}, "RNN_RELU": {"hidden": ""}}
FUNCTION = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU"}
CELL_NAMES = {"LSTM": "LSTM", "GRU": "GRU", "RNN_TANH": "RNN (tanh)", "RNN_RELU": "RNN (ReLU)"}


def diagram_labels(lang: str = "en") -> dict:
    """Every label of the diagram in `lang` ("es" or "en"), from rnnviz/i18n/cell.py, keyed without the
    "cell.fig." prefix: what cell_diagram_figure takes as `labels`."""
    prefix = "cell.fig."
    return {key[len(prefix):]: translate(key, lang) for key in STRINGS if key.startswith(prefix)}


def number(value: float, digits: int = 3) -> str:
    """A value as the diagram prints it, with a true minus sign."""
    text = f"{value:.{digits}f}"
    return text.replace("-", MINUS) if not text.strip("-0.") == "" else text.lstrip("-")


def _sub(letter: str, index: str) -> str:
    return f"{letter}<sub>{index}</sub>"


class _Drawing:
    """Shapes, annotations and traces of one diagram, in its data coordinates."""

    def __init__(self, style: Style):
        self.style = style
        self.shapes, self.annotations, self.traces = [], [], []
        self.line_width = 1.5 if style.font_size < 16 else 2.5

    def line(self, *points, arrow: bool = True) -> None:
        """A polyline through points; an arrowhead at its end."""
        path = "M " + " L ".join(f"{x},{y}" for x, y in points)
        self.shapes.append(dict(type="path", path=path, line=dict(color=LINE, width=self.line_width), layer="below",
                                fillcolor="rgba(0,0,0,0)", opacity=1))
        if arrow:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            self.annotations.append(dict(x=x1, y=y1, ax=x1 - 0.01 * np.sign(x1 - x0), ay=y1 - 0.01 * np.sign(y1 - y0),
                                         xref="x", yref="y", axref="x", ayref="y", text="", showarrow=True,
                                         arrowhead=2, arrowsize=1.1, arrowwidth=self.line_width, arrowcolor=LINE))

    def box(self, x: float, y: float, text: str, hover: str) -> None:
        """A layer: a box with its nonlinearity written in it, its equation on hover."""
        self.shapes.append(dict(type="rect", x0=x - BOX_W / 2, x1=x + BOX_W / 2, y0=y - BOX_H / 2, y1=y + BOX_H / 2,
                                fillcolor=BOX_FILL, line=dict(color=LINE, width=self.line_width), layer="below",
                                opacity=1))
        self.annotations.append(dict(x=x, y=y, text=f"<b>{text}</b>", showarrow=False,
                                     font=dict(size=self.style.font_size)))
        self._hover(x, y, hover, size=3 * self.style.font_size)

    def node(self, x: float, y: float, symbol: str, hover: str) -> None:
        """A pointwise operation: a circle of constant pixel size with its symbol, its numbers on hover."""
        size = round(1.9 * self.style.font_size)
        self.traces.append(go.Scatter(x=[x], y=[y], mode="markers+text", text=[f"<b>{symbol}</b>"],
                                      textfont=dict(size=self.style.font_size + 1), textposition="middle center",
                                      marker=dict(size=size, color=NODE_FILL, line=dict(color=LINE, width=self.line_width)),
                                      hovertemplate=hover + "<extra></extra>", showlegend=False, cliponaxis=False))

    def _hover(self, x: float, y: float, hover: str, size: int) -> None:
        self.traces.append(go.Scatter(x=[x], y=[y], mode="markers", marker=dict(size=size, color="rgba(0,0,0,0)",
                                      symbol="square"), hovertemplate=hover + "<extra></extra>", showlegend=False))

    def value(self, x: float, y: float, symbol: str, value: float, anchor: str = "left", vector=None,
              kind: str = "tanh", unit: int = 0, hover_name: str = "", strip: str = "below") -> None:
        """A number on the diagram: `symbol` above the chosen unit's value (two short lines fit a projector),
        and the whole vector as a colour strip `strip` them ("below", "above" or "right")."""
        self.annotations.append(dict(x=x, y=y, text=f"{symbol}<br>{number(value)}", showarrow=False,
                                     xanchor=anchor, yanchor="middle", align=anchor if anchor != "center" else "center",
                                     font=dict(size=self.style.font_size), bgcolor="rgba(255,255,255,0.85)"))
        if vector is not None:
            left = {"left": x, "right": x - STRIP_W, "center": x - STRIP_W / 2}[anchor]
            if strip == "right":
                self.strip(x + self.label_width(symbol, value), y, vector, kind, unit, hover_name or symbol)
            else:
                self.strip(left, y - 0.85 if strip == "below" else y + 0.85, vector, kind, unit, hover_name or symbol)

    def label_width(self, symbol: str, value: float) -> float:
        """The width of a two-line label in drawing units, on the narrowest chart it is drawn on (a projected
        1024-pixel page: MIN_PX_PER_UNIT), with a little room after it."""
        characters = max(len(re.sub(r"<[^>]+>", "", symbol)), len(number(value)))
        return characters * 0.58 * self.style.font_size / MIN_PX_PER_UNIT + 0.25

    def strip(self, left: float, y: float, vector, kind: str, unit: int | None, name: str) -> None:
        """The whole vector as one row of coloured cells from `left`, STRIP_W wide; `unit`'s cell outlined."""
        vector = np.asarray(vector, dtype=np.float64)
        n = len(vector)
        dx = STRIP_W / n
        low, high, scale = colour_range(kind, vector)
        text = [[f"{name}[{k}] = {number(v, 4)}" for k, v in enumerate(vector)]]
        self.traces.append(go.Heatmap(z=vector[None].astype(np.float32), x0=left + dx / 2, dx=dx, y0=y, dy=STRIP_H,
                                      zmin=low, zmax=high, colorscale=scale, showscale=False, text=text,
                                      hovertemplate="%{text}<extra></extra>", xgap=0, ygap=0))
        self.shapes.append(dict(type="rect", x0=left, x1=left + STRIP_W, y0=y - STRIP_H / 2, y1=y + STRIP_H / 2,
                                line=dict(color=LINE, width=0.5), layer="above"))
        if unit is not None:             # x_t's entries are not units: nothing to outline
            self.shapes.append(dict(type="rect", x0=left + unit * dx, x1=left + (unit + 1) * dx,
                                    y0=y - STRIP_H / 2 - 0.06, y1=y + STRIP_H / 2 + 0.06,
                                    line=dict(color=OUTLINE, width=2), layer="above"))

    def text(self, x: float, y: float, text: str, anchor: str = "left", size_delta: int = 0, color: str | None = None):
        self.annotations.append(dict(x=x, y=y, text=text, showarrow=False, xanchor=anchor, yanchor="middle", align=anchor,
                                     font=dict(size=self.style.font_size + size_delta, **({"color": color} if color else {}))))


def colour_range(kind: str, vector) -> tuple[float, float, str]:
    """(low, high, colour scale) of a strip: gates 0..1 sequential, tanh values -1..1 diverging, unbounded
    values (the cell, x_t, sums) diverging around 0 over their largest size, ReLU 0..max sequential."""
    if kind == "gate":
        return 0.0, 1.0, SEQUENTIAL
    if kind == "tanh":
        return -1.0, 1.0, DIVERGING
    size = float(np.max(np.abs(vector))) if len(vector) else 1.0
    size = max(size, 1e-6)
    if kind == "relu":
        return 0.0, size, SEQUENTIAL
    return -size, size, DIVERGING


# --- the equations, stage by stage, for a hover ---------------------------------------------------------------

def gate_equation(step: CellStep, name: str, unit: int, labels: dict) -> str:
    """The gate's equation with this step's numbers for `unit`: W·x_t, U·h_prev, + b, the pre-activation,
    then the nonlinearity of it (the GRU candidate: with r ⊙ (U·h + b_hn))."""
    gate = step.gates[name]
    letter = LETTERS[step.mode][name]
    prev = "t+1" if step.reverse else f"t{MINUS}1"
    result = _sub(letter or "h", "t")
    w, u, b = (_sub(m, letter) if letter else m for m in ("W", "U", "b"))
    f = FUNCTION[gate.activation]
    k = unit
    lines = [f"<b>{labels[f'gate.{name}']}</b> · {labels['unit'].format(unit=k, count=step.hidden_size)}"]
    x_t, h_prev = _sub("x", "t"), _sub("h", prev)
    if gate.reset is None:
        lines.append(f"{result} = {f}({w}·{x_t} + {u}·{h_prev} + {b})")
        lines += [f"{w}·{x_t} = {number(gate.from_input[k], 4)}",
                  f"{u}·{h_prev} = {number(gate.from_hidden[k], 4)}",
                  f"+ {b} = {number(gate.bias[k], 4)}"]
    else:
        r = _sub("r", "t")
        b_in, b_hn = _sub("b", "in"), _sub("b", "hn")
        lines.append(f"{result} = {f}({w}·{x_t} + {b_in} + {r} ⊙ ({u}·{h_prev} + {b_hn}))")
        lines += [f"{w}·{x_t} = {number(gate.from_input[k], 4)}", f"+ {b_in} = {number(gate.bias_input[k], 4)}",
                  f"{u}·{h_prev} + {b_hn} = {number(gate.from_hidden[k], 4)} + {number(gate.bias_hidden[k], 4)}",
                  f"{r} ⊙ (…) = {number(gate.reset[k], 4)} × {number(gate.from_hidden[k] + gate.bias_hidden[k], 4)}"
                  f" = {number(gate.hidden_part[k], 4)}"]
    lines.append(f"= {number(gate.preactivation[k], 4)} ({labels['pre']})")
    lines.append(f"{f}({number(gate.preactivation[k], 4)}) = <b>{number(gate.value[k], 4)}</b>")
    return "<br>".join(lines)


def _product(title: str, left: str, a: float, right: str, b: float, op: str = "×") -> str:
    return f"<b>{title}</b><br>{left} {'⊙' if op == '×' else op} {right}<br>= {number(a, 4)} {op} {number(b, 4)} " \
           f"= <b>{number(a * b if op == '×' else a + b, 4)}</b>"


# --- the three layouts -----------------------------------------------------------------------------------------

TOP, BUS, ROW, MID = 8.4, 1.6, 4.0, 6.6     # heights: the state line on top, the input line, the layers, the × row
UP = 5.65                                    # where a gate's value is written on its way up


def _input(d: _Drawing, step: CellStep, labels: dict, token: str | None, x_at: float) -> None:
    """x_t coming up from below at x_at into the input line: its value (one number, or its length for a
    vector) with its name (and the token it reads) beside it, and for a vector its strip, left of the line."""
    name = labels["input"] if step.layer == 0 else labels["input.below"].format(layer=step.layer)
    if token:
        name += f" «{html.escape(token)}»"       # a token such as <unk> is text, not a tag
    single = len(step.x) == 1
    symbol = _sub("x", "t") if single else f"‖{_sub('x', 't')}‖"
    d.line((x_at, 0.0), (x_at, BUS))
    d.value(x_at + 0.15, 0.55, f"{symbol} ({name})", step.x[0] if single else float(np.linalg.norm(step.x)))
    if not single:
        d.strip(x_at - 0.15 - STRIP_W, 0.55, step.x, "unbounded", None, _sub("x", "t"))


def _gates(d: _Drawing, step: CellStep, xs: dict, unit: int, labels: dict) -> None:
    """Each layer: up from the input line, its pre-activation a written on the way in, its box."""
    for name, x in xs.items():
        gate = step.gates[name]
        a = _sub("a", LETTERS[step.mode][name]) if LETTERS[step.mode][name] else "a"
        d.line((x, BUS), (x, ROW - BOX_H / 2))
        d.value(x + 0.12, 2.6, a, gate.preactivation[unit], vector=gate.preactivation, kind="unbounded", unit=unit,
                hover_name=a)
        d.box(x, ROW, FUNCTION[gate.activation], gate_equation(step, name, unit, labels))


def _lstm(d: _Drawing, step: CellStep, unit: int, labels: dict, token: str | None, prev: str) -> None:
    k, g, p = unit, {n: s.value for n, s in step.gates.items()}, step.products
    xs = {"forget": 3.4, "input": 6.0, "candidate": 8.2, "output": 10.6}
    letter = {n: _sub(LETTERS["LSTM"][n], "t") for n in xs}
    tanh_x = 13.4
    # the cell state along the top: × forget, + write, on to c_t
    d.value(0.05, TOP + 0.65, _sub("c", prev), step.c_prev[k], vector=step.c_prev, kind="unbounded", unit=k,
            strip="above")
    d.line((0.0, TOP), (xs["forget"] - 0.3, TOP), arrow=False)
    d.line((xs["forget"] + 0.3, TOP), (xs["candidate"] - 0.3, TOP))
    d.line((xs["candidate"] + 0.3, TOP), (WIDTH, TOP))
    d.value(WIDTH - 0.05, TOP + 0.65, _sub("c", "t"), step.c[k], anchor="right", vector=step.c, kind="unbounded",
            unit=k, strip="above")
    # h_prev from the left and x_t from below along the input line, up into each layer
    d.value(0.05, BUS + 0.65, _sub("h", prev), step.h_prev[k], vector=step.h_prev, kind="tanh", unit=k, strip="above")
    d.line((0.0, BUS), (xs["output"], BUS), arrow=False)
    _input(d, step, labels, token, 1.7)
    _gates(d, step, xs, k, labels)
    # forget: up to the × on the cell line
    d.line((xs["forget"], ROW + BOX_H / 2), (xs["forget"], TOP - 0.3))
    d.value(xs["forget"] + 0.12, 6.0, letter["forget"], g["forget"][k], vector=g["forget"], kind="gate", unit=k)
    d.node(xs["forget"], TOP, "×", _product(labels["forget_cell"], letter["forget"], g["forget"][k],
                                            _sub("c", prev), step.c_prev[k]))
    d.value(xs["forget"] + 0.45, TOP + 0.65, "f⊙c", p["forget_cell"][k], vector=p["forget_cell"], kind="unbounded",
            unit=k, strip="above")
    # input × candidate, then up to the +
    d.line((xs["input"], ROW + BOX_H / 2), (xs["input"], MID), (xs["candidate"] - 0.3, MID))
    d.line((xs["candidate"], ROW + BOX_H / 2), (xs["candidate"], MID - 0.3))
    d.value(xs["input"] + 0.12, UP, letter["input"], g["input"][k], vector=g["input"], kind="gate", unit=k)
    d.value(xs["candidate"] + 0.12, UP, letter["candidate"], g["candidate"][k], vector=g["candidate"], kind="tanh",
            unit=k)
    d.node(xs["candidate"], MID, "×", _product(labels["input_candidate"], letter["input"], g["input"][k],
                                               letter["candidate"], g["candidate"][k]))
    d.line((xs["candidate"], MID + 0.3), (xs["candidate"], TOP - 0.3))
    d.value(xs["candidate"] + 0.12, 7.5, "i⊙g", p["input_candidate"][k], vector=p["input_candidate"],
            kind="unbounded", unit=k, strip="right")
    d.node(xs["candidate"], TOP, "+", _product(labels["cell"], "f⊙c", p["forget_cell"][k], "i⊙g",
                                               p["input_candidate"][k], op="+"))
    # output: o × tanh(c_t) = h_t, down to the input line's height and out to the right
    out_y = 5.3
    d.line((tanh_x, TOP), (tanh_x, MID + BOX_H / 2))
    d.box(tanh_x, MID, "tanh", f"<b>{labels['tanh_cell']}</b><br>tanh({number(step.c[k], 4)}) = "
                               f"<b>{number(p['tanh_cell'][k], 4)}</b>")
    d.line((tanh_x, MID - BOX_H / 2), (tanh_x, out_y + 0.3))
    d.value(tanh_x + BOX_W / 2 + 0.1, MID, "tanh c", p["tanh_cell"][k], vector=p["tanh_cell"], kind="tanh", unit=k)
    d.line((xs["output"], ROW + BOX_H / 2), (xs["output"], out_y), (tanh_x - 0.3, out_y))
    d.value(xs["output"] + 0.35, out_y + 0.6, letter["output"], g["output"][k], vector=g["output"], kind="gate", unit=k,
            strip="above")
    d.node(tanh_x, out_y, "×", _product(labels["output_product"], letter["output"], g["output"][k], "tanh c",
                                        p["tanh_cell"][k]))
    d.line((tanh_x, out_y - 0.3), (tanh_x, BUS), (WIDTH, BUS))
    d.value(WIDTH - 0.05, BUS + 0.65, _sub("h", "t"), step.h[k], anchor="right", vector=step.h, kind="tanh", unit=k,
            strip="above")


def _gru(d: _Drawing, step: CellStep, unit: int, labels: dict, token: str | None, prev: str) -> None:
    k, g, p = unit, {n: s.value for n, s in step.gates.items()}, step.products
    xs = {"update": 4.2, "reset": 7.0, "candidate": 11.3}
    letter = {n: _sub(LETTERS["GRU"][n], "t") for n in xs}
    one_x, reset_x = 6.5, 9.5
    # the previous state along the top: × z (what stays), + (1 - z) n, on to h_t; and down into the layers
    d.value(0.05, TOP + 0.65, _sub("h", prev), step.h_prev[k], vector=step.h_prev, kind="tanh", unit=k,
            strip="above")
    d.line((0.0, TOP), (xs["update"] - 0.3, TOP), arrow=False)
    d.line((xs["update"] + 0.3, TOP), (xs["candidate"] - 0.3, TOP))
    d.line((xs["candidate"] + 0.3, TOP), (WIDTH, TOP))
    d.value(WIDTH - 0.05, TOP + 0.65, _sub("h", "t"), step.h[k], anchor="right", vector=step.h, kind="tanh", unit=k,
            strip="above")
    d.line((1.0, TOP), (1.0, BUS), (xs["candidate"], BUS), arrow=False)
    _input(d, step, labels, token, 2.2)
    _gates(d, step, xs, k, labels)
    # update: up to the × on the top line; 1 - z across to the candidate's ×
    d.line((xs["update"], ROW + BOX_H / 2), (xs["update"], TOP - 0.3))
    d.value(xs["update"] + 0.12, UP, letter["update"], g["update"][k], vector=g["update"], kind="gate", unit=k)
    d.node(xs["update"], TOP, "×", _product(labels["keep"], letter["update"], g["update"][k], _sub("h", prev),
                                            step.h_prev[k]))
    d.value(xs["update"] + 0.45, TOP + 0.65, "z⊙h", p["keep"][k], vector=p["keep"], kind="tanh", unit=k,
            strip="above")
    d.line((xs["update"], MID), (one_x - 0.3, MID))
    d.node(one_x, MID, f"1{MINUS}", f"<b>{labels['one_minus_update']}</b><br>1 {MINUS} {number(g['update'][k], 4)} = "
                                    f"<b>{number(p['one_minus_update'][k], 4)}</b>")
    d.line((one_x + 0.3, MID), (xs["candidate"] - 0.3, MID))
    d.value(one_x + 0.35, 7.45, f"1{MINUS}z", p["one_minus_update"][k], vector=p["one_minus_update"], kind="gate",
            unit=k, strip="right")
    # reset: across into the candidate, scaling U_n h + b_hn
    d.line((xs["reset"] + BOX_W / 2, ROW), (reset_x - 0.3, ROW))
    d.value(xs["reset"] + 0.12, UP, letter["reset"], g["reset"][k], vector=g["reset"], kind="gate", unit=k)
    d.node(reset_x, ROW, "×", _product(labels["reset_hidden"], letter["reset"], g["reset"][k],
                                       f"(U<sub>n</sub>{_sub('h', prev)} + b<sub>hn</sub>)",
                                       step.gates["candidate"].from_hidden[k] + step.gates["candidate"].bias_hidden[k]))
    d.line((reset_x + 0.3, ROW), (xs["candidate"] - BOX_W / 2, ROW))
    # candidate: up to its × with 1 - z, then to the +
    d.line((xs["candidate"], ROW + BOX_H / 2), (xs["candidate"], MID - 0.3))
    d.value(xs["candidate"] + 0.12, UP, letter["candidate"], g["candidate"][k], vector=g["candidate"], kind="tanh",
            unit=k)
    d.node(xs["candidate"], MID, "×", _product(labels["write"], f"(1{MINUS}z)", p["one_minus_update"][k],
                                               letter["candidate"], g["candidate"][k]))
    d.line((xs["candidate"], MID + 0.3), (xs["candidate"], TOP - 0.3))
    d.value(xs["candidate"] + 0.12, 7.5, f"(1{MINUS}z)⊙n", p["write"][k], vector=p["write"], kind="tanh", unit=k,
            strip="right")
    d.node(xs["candidate"], TOP, "+", _product(labels["hidden"], "z⊙h", p["keep"][k], f"(1{MINUS}z)⊙n", p["write"][k],
                                               op="+"))


def _rnn(d: _Drawing, step: CellStep, unit: int, labels: dict, token: str | None, prev: str) -> None:
    k, gate = unit, step.gates["hidden"]
    box_x, out_y = 7.0, 7.4
    relu = step.mode == "RNN_RELU"
    d.value(0.05, BUS + 0.65, _sub("h", prev), step.h_prev[k], vector=step.h_prev, kind="relu" if relu else "tanh",
            unit=k, strip="above")
    d.line((0.0, BUS), (box_x, BUS), arrow=False)
    _input(d, step, labels, token, 3.0)
    _gates(d, step, {"hidden": box_x}, k, labels)
    # the plain RNN has room for its stages on the drawing itself
    prev_h = _sub("h", prev)
    d.text(box_x + BOX_W / 2 + 0.4, ROW + 0.6, f"W·{_sub('x', 't')} = {number(gate.from_input[k])}<br>"
                                         f"U·{prev_h} = {number(gate.from_hidden[k])}<br>b = {number(gate.bias[k])}")
    d.line((box_x, ROW + BOX_H / 2), (box_x, out_y), (WIDTH, out_y))
    d.value(WIDTH - 0.05, out_y + 0.65, _sub("h", "t"), step.h[k], anchor="right", vector=step.h,
            kind="relu" if relu else "tanh", unit=k, strip="above")


LAYOUTS = {"LSTM": _lstm, "GRU": _gru, "RNN_TANH": _rnn, "RNN_RELU": _rnn}


def cell_diagram_figure(step: CellStep, unit: int = 0, labels: dict | None = None, style: Style = LAPTOP,
                        token: str | None = None, height: int | None = None) -> go.Figure:
    """The cell of `step` (a rnnviz.cell_steps.CellStep) drawn as the textbooks do, with its numbers at step t.

    unit: the unit whose scalars are written on the diagram (every vector is also drawn whole, as a strip).
    labels: diagram_labels(lang) for Spanish or English (English if None).
    style: LAPTOP or PROJECTOR (rnnviz.figures.style). token: what x_t reads, for a task of words or
    characters. height: in pixels (default: scaled to the style's type).
    """
    if not 0 <= int(unit) < step.hidden_size:
        raise ValueError(f"unit={unit!r} is invalid: allowed is an integer in [0, {step.hidden_size - 1}]")
    labels = {**diagram_labels("en"), **(labels or {})}
    d = _Drawing(style)
    prev = "t+1" if step.reverse else f"t{MINUS}1"
    d.shapes.append(dict(type="rect", x0=0.6, x1=WIDTH - 0.6, y0=1.0, y1=9.1, fillcolor=BODY_FILL,
                         line=dict(color="#9bb39a", width=1), layer="below"))
    LAYOUTS[step.mode](d, step, int(unit), labels, token, prev)
    title_key = "title.reverse" if step.reverse else "title"
    title = labels[title_key].format(cell=CELL_NAMES[step.mode], layer=step.layer + 1, t=step.t,
                                     last=step.length - 1)
    d.text(WIDTH, 0.45, labels["numbers"].format(unit=unit, count=step.hidden_size), anchor="right", size_delta=-1)
    fig = go.Figure(data=d.traces)
    fig.update_layout(shapes=d.shapes, annotations=d.annotations, showlegend=False, hovermode="closest",
                      height=height or round(10 * style.font_size + 350), dragmode=False,
                      hoverlabel=dict(font=dict(size=style.font_size), align="left"),
                      plot_bgcolor="rgba(0,0,0,0)")
    fig.update_xaxes(range=[-0.1, WIDTH + 0.1], visible=False, fixedrange=True)
    fig.update_yaxes(range=[-0.2, HEIGHT + 0.2], visible=False, fixedrange=True)
    style.apply(fig, title)
    return fig
