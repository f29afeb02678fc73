"""rnnviz.figures.unrolled: the backward pass drawn on the unrolled chain, its arrows' width and colour
from the exact norms (log scale), zeros and non-finite values marked, long sequences drawn at a bounded
number of cells and saying so."""
import json
import math

import numpy as np
import pytest

from rnnviz.figures.style import PROJECTOR
from rnnviz.figures.unrolled import MAX_CELLS, drawn_steps, unrolled_figure


def arrowheads(fig):
    """The coloured arrowheads: (hover texts, log10 colour values)."""
    trace = next(t for t in fig.data if t.marker is not None and t.marker.colorscale is not None)
    return list(trace.hovertext), np.asarray(trace.marker.color, dtype=np.float64)


def width_of_segment_into(fig, x_right, y):
    """The line width of the backward segment whose arrow ends at (x_right, y)."""
    for trace in fig.data:
        if trace.mode != "lines" or trace.line.width is None or trace.hoverinfo != "skip":
            continue
        xs, ys = list(trace.x), list(trace.y)
        for i in range(0, len(xs) - 1):
            if xs[i + 1] is not None and math.isclose(xs[i + 1], x_right) and ys[i + 1] is not None \
                    and math.isclose(ys[i + 1], y) and xs[i] is not None and xs[i] > xs[i + 1]:
                return trace.line.width
    return None


def row_names(fig) -> list[str]:
    """The rows' names, written above each row."""
    return [a.text.removeprefix("<b>").removesuffix("</b>") for a in fig.layout.annotations if a.text.startswith("<b>")]


def test_drawn_steps_are_all_of_a_short_sequence_and_evenly_spread_over_a_long_one():
    np.testing.assert_array_equal(drawn_steps(12), np.arange(12))
    steps = drawn_steps(1000)
    assert len(steps) == MAX_CELLS and steps[0] == 0 and steps[-1] == 999
    spacing = 999 / (MAX_CELLS - 1)
    assert np.all(np.abs(np.diff(steps) - spacing) <= 1)
    with pytest.raises(ValueError, match="T=0"):
        drawn_steps(0)


def test_arrow_colour_is_log10_of_the_exact_norm_and_width_grows_with_it():
    hidden = 10.0 ** -np.arange(10, dtype=np.float64)[::-1] * 3     # 3e-9 at t=0 ... 3 at t=9: vanishing leftwards
    fig = unrolled_figure({"RNN": {"hidden": hidden}})
    hovers, colours = arrowheads(fig)
    np.testing.assert_allclose(colours, np.log10(hidden), rtol=1e-12)
    assert hovers[0].endswith(f"‖∂L/∂h_t‖ = {hidden[0]:.3e}") and "t = 0" in hovers[0]
    # each horizontal arrow ends at the right edge of its cell; the width never shrinks as the norm grows
    half = 0.2
    widths = [width_of_segment_into(fig, t + half, 0 - 0.25) for t in range(9)]
    assert None not in widths
    assert widths == sorted(widths) and widths[0] < widths[-1]


def test_an_lstm_row_draws_its_cell_state_path_too():
    T = 6
    hidden, cell = np.linspace(0.1, 1, T), np.linspace(0.5, 2, T)
    fig = unrolled_figure({"LSTM": {"hidden": hidden, "cell_state": cell}, "GRU": {"hidden": hidden}})
    hovers, colours = arrowheads(fig)
    assert sum("‖∂L/∂c_t‖" in h for h in hovers) == T
    assert sum("‖∂L/∂h_t‖" in h for h in hovers) == 2 * T
    texts = [text for t in fig.data if t.mode == "text" for text in t.text]
    assert texts.count("c_t") == 1 and texts.count("h_t") == 2
    assert row_names(fig) == ["LSTM", "GRU"]


def test_exact_zeros_and_overflow_are_marked_not_drawn_as_width():
    hidden = np.array([0.0, 0.0, 1e-30, 1e-3, np.inf, 1.0])
    fig = unrolled_figure({"RNN": {"hidden": hidden}})
    zero = next(t for t in fig.data if t.name == "exactly 0 (underflow)")
    assert len(zero.x) == 2 and all("exactly 0" in h for h in zero.hovertext)
    assert next(t for t in fig.data if t.name == "not finite (overflow)").marker.symbol == "triangle-up"
    _, colours = arrowheads(fig)
    np.testing.assert_allclose(colours, np.log10([1e-30, 1e-3, 1.0]))
    assert width_of_segment_into(fig, 0.2, -0.25) is not None        # a dotted line: nothing arrives


def test_the_loss_enters_at_the_last_step_or_at_every_step():
    one = unrolled_figure({"a": {"hidden": np.ones(5)}})
    every = unrolled_figure({"a": {"hidden": np.ones(5), "loss_at_every_step": True}})
    assert list(next(t for t in one.data if t.name == "loss L").x) == [4.0]
    assert list(next(t for t in every.data if t.name == "loss L").x) == [0.0, 1.0, 2.0, 3.0, 4.0]


@pytest.mark.parametrize("T", [1000, 5000])
def test_a_long_sequence_draws_a_bounded_figure_and_says_so(T):
    rng = np.random.default_rng(0)
    rows = {name: {"hidden": rng.random(T), "cell_state": rng.random(T) if name == "LSTM" else None}
            for name in ("RNN", "LSTM", "GRU")}
    fig = unrolled_figure(rows, style=PROJECTOR)
    hovers, _ = arrowheads(fig)
    assert len(hovers) == 4 * MAX_CELLS
    assert any(f"{MAX_CELLS} of {T}" in a.text for a in fig.layout.annotations)
    assert len(fig.data) <= 16
    assert len(json.dumps(fig.to_plotly_json(), default=str)) < 150_000


def test_a_short_sequence_has_no_decimation_note():
    fig = unrolled_figure({"a": {"hidden": np.ones(8)}})
    assert not any("steps drawn" in a.text for a in fig.layout.annotations) and row_names(fig) == ["a"]


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="empty"):
        unrolled_figure({})
    with pytest.raises(ValueError, match="same sequence length"):
        unrolled_figure({"a": {"hidden": np.ones(4)}, "b": {"hidden": np.ones(5)}})
    with pytest.raises(ValueError, match=">= 0"):
        unrolled_figure({"a": {"hidden": -np.ones(4)}})
    with pytest.raises(ValueError, match="cell_state"):
        unrolled_figure({"a": {"hidden": np.ones(4), "cell_state": np.ones(3)}})
