"""Every log axis a figure draws is labelled at powers of ten only, over whole decades holding its data:
no digits between ("9 8 7 6 5" piled up, or "8, 7, 6" read for 0.8, 0.7, 0.6)."""
import math

import numpy as np
import plotly.graph_objects as go
import pytest

from rnnviz.figures import compare, gradients
from rnnviz.figures.style import LAPTOP, LOG_EDGE, MAX_LOG_LABELS, PROJECTOR, readable_log_axes
from rnnviz.figures.training import loss_figure

HISTORY = [{"step": i, "train_loss": 0.7 * 0.98 ** i, "val_loss": 0.65 if i % 10 == 0 else None,
            "grad_norm": 10.0 ** (-i / 20), "clipped": i < 3} for i in range(100)]
CURVES = {cell: {"step": np.arange(50), "train_loss": np.linspace(0.9, 0.3, 50), "val_step": np.arange(0, 50, 10),
                 "val_loss": np.linspace(0.85, 0.35, 5)} for cell in ("rnn", "lstm")}


def log_figures(style):
    """One figure of each builder that draws a log axis, with data spanning under one decade to 22."""
    return {
        "loss": loss_figure(HISTORY, 0.69, log_y=True, style=style),
        "race": compare.loss_curves_figure(CURVES, 0.69, log_y=True, style=style),
        "race grad norms": compare.grad_norms_figure({"rnn": np.logspace(-20, 1, 30), "lstm": np.zeros(30)},
                                                     style=style),
        "grad norms": gradients.grad_norms_figure({"init": np.logspace(-3, -1.5, 20)[None],
                                                   "now": np.logspace(-2, -1, 20)[None]}, style=style),
        "attribution": gradients.attribution_figure(np.linspace(0.2, 0.9, 12), style=style),
        "step norms": gradients.grad_norm_steps_figure(HISTORY, clip=0.5, style=style),
    }


def labelled_log_axes(fig: go.Figure):
    return [(name, fig.layout[name]) for name in fig.layout if name.startswith(("xaxis", "yaxis"))
            and fig.layout[name].type == "log" and fig.layout[name].matches is None]


@pytest.mark.parametrize("style", [LAPTOP, PROJECTOR], ids=["laptop", "projector"])
def test_log_axes_label_powers_of_ten_only(style):
    for what, fig in log_figures(style).items():
        axes = labelled_log_axes(fig)
        assert axes, f"{what}: a log axis"
        for name, axis in axes:
            # a whole number of decades per label (not "D1"/"D2", which label the digits between)
            assert isinstance(axis.dtick, int) and axis.dtick >= 1, (what, name, axis.dtick)
            assert axis.tick0 == 0 and axis.tickformat is None, (what, name)
            low, high = axis.range            # whole decades, and LOG_EDGE of them beyond at each end
            decades = (high - low) / (1 + 2 * LOG_EDGE)
            first = low + LOG_EDGE * decades
            assert decades >= 1 and decades == pytest.approx(round(decades)), (what, name, low, high)
            assert first == pytest.approx(round(first)), (what, name, low, high)
            labels = len(range(math.ceil(low / axis.dtick), math.floor(high / axis.dtick) + 1))
            assert 2 <= labels <= MAX_LOG_LABELS + 1, (what, name, axis.range, axis.dtick)
            # the digits between get grid lines at most: Plotly never labels minor ticks
            assert axis.minor.dtick in (None, "D1"), (what, name)


def test_the_range_holds_every_positive_value():
    fig = loss_figure(HISTORY, 0.69, log_y=True)
    values = np.array([r["train_loss"] for r in HISTORY] + [0.69])
    low, high = fig.layout.yaxis.range
    assert 10.0 ** low <= values.min() and values.max() <= 10.0 ** high


def test_many_decades_step_several_at_a_time_in_powers():
    fig = go.Figure(go.Scatter(y=np.logspace(-20, 2, 10)))
    fig.update_yaxes(type="log")
    readable_log_axes(fig)
    assert fig.layout.yaxis.dtick == 4 and fig.layout.yaxis.exponentformat == "power"
    assert fig.layout.yaxis.minor.showgrid is False       # 8 lines a decade over 22 decades would be a grey wash


def test_an_axis_with_its_own_ticks_or_no_data_is_left_sound():
    fig = go.Figure(go.Scatter(x=[10, 20, 40], y=[1, 2, 3]))
    fig.update_xaxes(type="log", tickvals=[10, 20, 40])
    readable_log_axes(fig)
    assert fig.layout.xaxis.dtick is None and fig.layout.xaxis.range is None
    empty = go.Figure(go.Scatter(x=[], y=[]))
    empty.update_yaxes(type="log")
    readable_log_axes(empty)
    assert empty.layout.yaxis.dtick == 1
