"""How figures look: one Style for the laptop, a bolder one for a classroom projector.

Exports, and the dashboard in projector mode, draw a figure as styled here; the dashboard on a laptop
draws it in Streamlit's chart theme, which sets tick labels in 12-pixel grey (rnnviz/ui/session.py,
chart_theme). The text takes the dashboard's typeface and colour; a notebook or an exported file without
the typeface falls back to its own sans-serif.

Palettes are colour-blind safe and say what they mean: Okabe-Ito for categories (with line dashes as a
second cue), a diverging scale centred at 0 for tanh values in [-1, 1], and a sequential scale for gate
values in [0, 1].
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

# Okabe & Ito (2008), without black (reserved for text): distinguishable with any colour vision
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
DIVERGING = "RdBu_r"     # tanh values: blue negative, white 0, red positive
SEQUENTIAL = "Cividis"   # gates in [0, 1]: perceptually uniform and colour-blind safe
FONT = '"Source Sans", "Source Sans Pro", sans-serif'    # the dashboard's typeface (Streamlit's)
TEXT_COLOR = "#2F2D2B"                                   # and its text colour
LEGEND_MAX_PX = 16      # a legend row of four entries still fits a projected chart 500 pixels wide
NARROW_CHART_PX = 320   # the width a legend is assumed to wrap at: a chart in a column of a 1024-pixel projected page
MAX_LOG_LABELS = 6      # labels on a log axis at most (a decade's step grows to keep to it)
LOG_EDGE = 0.07         # a log axis reaches this share of its decades beyond them, at each end


@dataclass(frozen=True)
class Style:
    font_size: int = 13
    line_width: float = 2.0
    marker_size: int = 7
    template: str = "plotly_white"
    separators: str = ".,"      # Plotly's decimal mark, then its thousands mark: ", " for a Spanish reader

    def color(self, i: int) -> str:
        return OKABE_ITO[i % len(OKABE_ITO)]

    def dash(self, i: int) -> str:
        return DASHES[i % len(DASHES)]

    def apply(self, fig: go.Figure, title: str | None = None, axes_room: bool = False) -> go.Figure:
        """Fonts, template and margins for this style; a title if given, with the legend in a row of
        its own between the title and the plot.

        `axes_room` (for a live chart with titled axes): margins that already hold the tick labels and
        axis titles. Plotly otherwise grows them after drawing, and draws the chart a second time, on
        every update.
        """
        top = (3.5 if title else 2) * self.font_size + 20 + self.legend_room(fig)
        # measured in the dashboard, log and linear axes, laptop and projector
        left, bottom, right = ((round(6.5 * self.font_size), round(5.5 * self.font_size), round(2.5 * self.font_size))
                               if axes_room else (10, 10, 10))
        use_template(fig, self.template)
        # each part merged into what the figure already has, as update_layout does, but set whole: its
        # batch machinery costs ~4 ms a figure, more than all the traces of a live loss chart
        fig.layout.separators = self.separators
        _merge(fig.layout, font=dict(size=self.font_size, family=FONT, color=TEXT_COLOR),
               title=dict(text=title, x=0, xref="container", xanchor="left", y=1, yref="container", yanchor="top",
                          pad=dict(t=8, l=4), font=dict(weight="bold")),
               margin=dict(l=left, r=right, t=top, b=bottom),
               legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0,
                           font=dict(size=min(self.font_size, LEGEND_MAX_PX))))
        readable_log_axes(fig)
        return fig

    def legend_room(self, fig: go.Figure, width: int = NARROW_CHART_PX) -> int:
        """Pixels to add to the top margin for the legend's rows beyond its first, as they wrap on a chart
        `width` pixels wide. The legend grows upwards from the plot, and over the title when the margin
        holds one row only (on a projector at 1024 pixels, the loss chart's legend took three)."""
        legend_px = min(self.font_size, LEGEND_MAX_PX)
        entries = [46 + 0.55 * legend_px * len(str(trace.name or "")) for trace in fig.data
                   if trace.name and trace.showlegend is not False]
        rows, used = 1, 0.0
        for entry in entries:
            if used and used + entry > width:
                rows, used = rows + 1, 0.0
            used += entry
        return round((rows - 1) * 1.5 * legend_px) if entries else 0


def readable_log_axes(fig: go.Figure) -> None:
    """Every log axis of `fig` labelled at powers of ten only, over whole decades that hold its data.

    Left to itself, Plotly labels a log axis spanning one to a few decades at every digit in small type
    ("9 8 7 6 5" piled up at the top of a decade, "8, 7, 6" read as wrong numbers for 0.8, 0.7, 0.6).
    Here the range reaches out to the decades around the data, and LOG_EDGE beyond (so at least two
    powers of ten show, neither on the plot's edge), the labels step by whole decades (at most
    MAX_LOG_LABELS of them), and the digits between get grid lines without labels while few decades show.
    An axis that sets its own tick values keeps them.
    """
    for name in [key for key in fig.layout if key.startswith(("xaxis", "yaxis"))]:
        axis = fig.layout[name]
        if axis.type != "log" or axis.tickvals is not None or axis.matches is not None or axis.visible is False:
            continue
        ref = name[0] + name[5:]                                     # "yaxis2" -> "y2"
        shares = {ref} | {other[0] + other[5:] for other in fig.layout
                          if other.startswith(name[:5]) and fig.layout[other].matches == ref}
        values = [np.asarray(getattr(trace, name[0]), dtype=np.float64).ravel() for trace in fig.data
                  if getattr(trace, name[0]) is not None and trace.visible is not False
                  and (getattr(trace, name[0] + "axis", None) or name[0]) in shares]
        values = np.concatenate(values) if values else np.zeros(0)
        values = values[np.isfinite(values) & (values > 0)]
        low, high = ((math.floor(math.log10(values.min())), math.ceil(math.log10(values.max())))
                     if values.size else (axis.range or (-1, 1)))
        low, high = math.floor(low), max(math.ceil(high), math.floor(low) + 1)
        step = max(1, math.ceil((high - low) / MAX_LOG_LABELS))
        if axis.range is None:       # a little beyond the decades: a label on the plot's edge juts over it
            axis.range = [low - LOG_EDGE * (high - low), high + LOG_EDGE * (high - low)]
        axis.update(dtick=step, tick0=0, minor=dict(dtick="D1", showgrid=step == 1 and high - low <= 4))
        if axis.exponentformat is None and (low < -3 or high > 4):
            axis.exponentformat = "power"                       # 10⁻⁶, not "1μ" or "1e-6"


def _merge(layout: go.Layout, **parts: dict) -> None:
    """layout.<name> = what it holds, updated (recursively) by parts[name]."""
    def merged(old: dict, new: dict) -> dict:
        out = dict(old)
        for key, value in new.items():
            out[key] = merged(out.get(key) or {}, value) if isinstance(value, dict) else value
        return out

    for name, values in parts.items():
        setattr(layout, name, merged(getattr(layout, name).to_plotly_json(), values))


def use_template(fig: go.Figure, name: str) -> None:
    """Give `fig` the registered template `name` without validating it again.

    Plotly validates a template once, when it is registered, and sets its default template on every new
    figure this same way (BaseFigure._initialize_layout_template). Validating it again, as
    update_layout(template=...) does, deep-copies it: half the cost of a live chart's refresh, which 20
    sessions on one server pay 50 times a second. The figure's JSON is the same either way (tested).
    """
    layout = fig.layout
    layout._validate = False
    try:
        layout.template = pio.templates[name]
    finally:
        layout._validate = fig._validate


LAPTOP = Style()
PROJECTOR = Style(font_size=20, line_width=4.0, marker_size=12, template="simple_white")
