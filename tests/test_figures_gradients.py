"""Figures and numbers of the Gradients page: rnnviz.figures.gradients and rnnviz.model_gradients,
checked against independent computations written here (unrolled autograd, numpy SVD, jacobians)."""
import math

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz import model_gradients
from rnnviz.config import ExperimentConfig
from rnnviz.figures import gradients as figures
from rnnviz.gradients import hidden_grad_norms
from rnnviz.models import init_recurrent_orthogonal


def vanishing_tanh_rnn_norms(T: int = 200, rho: float = 0.05) -> np.ndarray:
    """||dL/dh_t|| (1, T) of a float32 tanh RNN whose W_hh is orthogonal x a tiny rho: the gradient
    shrinks by about rho per step backwards, so after ~30 steps it underflows to exactly 0."""
    torch.manual_seed(0)
    rnn = nn.RNN(1, 8, batch_first=True)
    init_recurrent_orthogonal(rnn, rho)
    x = torch.randn(4, T, 1)
    norms = hidden_grad_norms(rnn, x, lambda out: out[:, -1].square().sum()).numpy()
    assert norms.dtype == np.float32
    return norms


def traces_named(fig, name):
    return [t for t in fig.data if t.name == name]


def overlay_of(fig, trace):
    """The layout axis a pinned-marker trace sits on."""
    return fig.layout["yaxis" + trace.yaxis[1:]]


# --- ||dL/dh_t|| on a log axis ---------------------------------------------------------------------

def test_layer_names_follow_pytorch_order():
    assert figures.layer_names(1) == ["layer 1"]
    assert figures.layer_names(2, 2) == ["layer 1 →", "layer 1 ←", "layer 2 →", "layer 2 ←"]
    assert figures.layer_names(1, 2, {"layer": "capa {n}"}) == ["capa 1 →", "capa 1 ←"]
    with pytest.raises(ValueError, match="num_directions"):
        figures.layer_names(1, 3)


def test_zeros_are_marked_exactly_where_the_gradient_underflowed():
    norms = vanishing_tanh_rnn_norms()
    zeros = np.flatnonzero(norms[0] == 0)
    assert 0 < len(zeros) < norms.shape[1], "the constructed case must hold both zeros and non-zeros"
    fig = figures.grad_norms_figure({"at init": norms, "now": norms * 2}, ["layer 1"])
    assert {t.type for t in fig.data} == {"scatter"}
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis2.type == "log"

    for panel, (x_axis, y_axis) in enumerate([("x", "y"), ("x2", "y2")]):
        line = [t for t in fig.data if t.name == "layer 1" and t.xaxis == x_axis][0]
        assert line.yaxis == y_axis and line.y.dtype == np.float32
        expected = np.where(norms[0] > 0, norms[0] * (2 if panel else 1), np.nan).astype(np.float32)
        np.testing.assert_array_equal(line.y, expected)       # nan where 0: a gap, never log(0)

        marks = [t for t in fig.data if t.name == "layer 1: exactly 0 (underflow)" and t.xaxis == x_axis][0]
        np.testing.assert_array_equal(marks.x, zeros)
        overlay = overlay_of(fig, marks)
        assert overlay.overlaying == y_axis and overlay.type == "linear" and overlay.visible is False
        np.testing.assert_array_equal(marks.y, 0.0)            # the value itself: exported tables say 0
        low, high = overlay.range
        assert 0 < (0 - low) / (high - low) < 0.1, "pinned near the bottom of the plot"
        assert marks.marker.symbol == "x" and "exactly 0 (underflow)" in marks.hovertemplate
    legend = [t for t in fig.data if t.showlegend is not False]
    assert [t.name for t in legend] == ["layer 1", "exactly 0 (underflow)"], "each entry listed once"


def test_curves_without_zeros_get_no_markers_and_several_curves_their_own_rows():
    norms = np.array([[1.0, 2.0, 0.0, 4.0], [0.0, 0.5, 0.25, 0.0]], dtype=np.float32)
    fig = figures.grad_norms_figure({"now": norms}, ["a", "b"])
    rows = {t.name: t for t in fig.data if t.name.endswith("exactly 0 (underflow)") and t.x[0] is not None}
    np.testing.assert_array_equal(rows["a: exactly 0 (underflow)"].x, [2])
    np.testing.assert_array_equal(rows["b: exactly 0 (underflow)"].x, [0, 3])
    heights = [(0 - r[0]) / (r[1] - r[0]) for r in (overlay_of(fig, rows[f"{n}: exactly 0 (underflow)"]).range
                                                    for n in "ab")]
    assert heights[0] < heights[1], "each curve's row a little higher: rows never overlap"
    assert [t.line.color for t in fig.data if t.name in "ab"] == list(figures.LAPTOP.color(k) for k in range(2))
    assert [t.line.dash for t in fig.data if t.name in "ab"] == ["solid", "dash"]

    clean = figures.grad_norms_figure({"now": np.ones((1, 5))})
    assert [t.name for t in clean.data] == ["layer 1"]


def test_not_finite_values_are_marked_at_the_top():
    norms = np.array([[1.0, np.inf, 2.0, np.nan, 0.0]], dtype=np.float32)
    fig = figures.grad_norms_figure({"now": norms}, ["h"])
    top = traces_named(fig, "h: not finite (overflow)")[0]
    np.testing.assert_array_equal(top.x, [1, 3])
    low, high = overlay_of(fig, top).range
    assert (1 - low) / (high - low) > 0.9 and top.marker.symbol == "triangle-up", "pinned near the top"
    np.testing.assert_array_equal(traces_named(fig, "h: exactly 0 (underflow)")[0].x, [4])
    line = traces_named(fig, "h")[0]
    assert np.isnan(line.y[[1, 3, 4]]).all() and list(line.y[[0, 2]]) == [1.0, 2.0]


def test_isolated_points_between_gaps_get_a_dot():
    values = np.zeros(100, dtype=np.float32)
    values[50] = 1e-3                      # alone between zeros: a line alone would not show it
    values[60:70] = 1.0
    sizes = traces_named(figures.grad_norms_figure({"now": values[None]}, ["h"]), "h")[0].marker.size
    assert sizes[50] > 0 and sizes[65] == 0 and sizes[0] == 0


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match=">= 0"):
        figures.grad_norms_figure({"now": np.array([[1.0, -1.0]])})
    with pytest.raises(ValueError, match="same shape"):
        figures.grad_norms_figure({"a": np.ones((1, 3)), "b": np.ones((1, 4))})
    with pytest.raises(ValueError, match="names"):
        figures.grad_norms_figure({"a": np.ones((2, 3))}, ["only one"])
    with pytest.raises(ValueError, match="empty"):
        figures.grad_norms_figure({})
    with pytest.raises(ValueError, match="bound"):
        figures.grad_norms_figure({"a": np.ones((1, 3))}, bound=np.ones(4))
    with pytest.raises(TypeError, match="numbers"):
        figures.grad_norms_figure({"a": np.array([["x", "y"]])})


# --- the spectral radius lab and Pascanu's bound ---------------------------------------------------

def lab(task="sum-sign", cell="rnn", seq_len=30, rho=0.9, **knobs):
    base = ExperimentConfig.for_task(task, hidden_size=8, embedding_dim=4, **knobs)
    config = model_gradients.radius_lab_config(base, cell, seq_len, rho)
    return config, model_gradients.radius_lab(config, model_gradients.lab_task_data(config))


def unrolled_last_step_norms(model, data, size=32) -> np.ndarray:
    """||dL/dh_t|| of a one-layer tanh SequenceModel by autograd on a hand-unrolled loop, with the
    loss read at the last step only."""
    x, y = data.val[0][:size], data.val[1][:size]
    rnn = model.rnn
    inputs = model.embed(x).detach()
    h = torch.zeros(inputs.shape[0], rnn.hidden_size)
    states = []
    for t in range(inputs.shape[1]):
        h = torch.tanh(inputs[:, t] @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T + rnn.bias_hh_l0)
        h.retain_grad()
        states.append(h)
    output = model.head(states[-1])
    if data.many_to_many:
        loss = data.loss(output[:, None], y[:, -1:])
    else:
        loss = data.loss(output, y)
    loss.backward()
    return np.array([float(s.grad.double().norm()) for s in states])


@pytest.mark.parametrize("task", ["sum-sign", "next-number"])
def test_lab_measures_the_last_steps_loss_exactly(task):
    config, result = lab(task, seq_len=25, rho=0.8)
    expected = unrolled_last_step_norms(result.model, model_gradients.lab_task_data(config))
    np.testing.assert_allclose(result.norms[0], expected, rtol=2e-4, atol=1e-12)


@pytest.mark.parametrize("rho", [0.5, 1.0, 1.6])
def test_pascanu_curve_is_sigma_to_the_lag_through_the_last_value(rho):
    config, result = lab(seq_len=40, rho=rho)
    weight = result.model.rnn.weight_hh_l0.detach().double().numpy()
    sigma = np.linalg.svd(weight, compute_uv=False)[0]
    assert sigma == pytest.approx(rho, rel=1e-5), "orthogonal x rho has every singular value rho"
    T = result.norms.shape[1]
    last = float(result.norms[0, -1])
    independent = np.array([last * sigma ** (T - 1 - t) for t in range(T)])
    np.testing.assert_allclose(result.bound, independent, rtol=1e-9)
    assert np.all(result.norms[0] <= independent * (1 + 1e-4)), "the measured curve never exceeds the bound"

    fig = figures.grad_norms_figure({"": result.norms}, ["layer 1"], bound=result.bound)
    drawn = traces_named(fig, "Pascanu bound (tanh RNN)")[0]
    np.testing.assert_allclose(drawn.y, independent.astype(np.float32), rtol=1e-6)


def test_bound_outside_float32_is_a_gap_not_a_number():
    fig = figures.grad_norms_figure({"": np.ones((1, 3))}, bound=np.array([1e60, 1e-60, 1.0]))
    drawn = traces_named(fig, "Pascanu bound (tanh RNN)")[0].y
    assert np.isnan(drawn[0]) and np.isnan(drawn[1]) and drawn[2] == 1.0


def test_lab_bound_reads_the_top_layers_forward_direction():
    config, result = lab("sum-sign", seq_len=20, rho=1.2, layers=2, bidirectional=True)
    assert result.norms.shape == (4, 20) and result.bound_curve == 2 == model_gradients.top_forward_curve(config)
    np.testing.assert_allclose(result.bound[-1], result.norms[2, -1])
    assert np.all(result.norms[2] <= result.bound * (1 + 1e-4))


def test_lab_draws_no_bound_for_gated_cells_and_finds_zeros_for_tiny_rho():
    _, gated = lab(cell="lstm")
    assert gated.bound is None and gated.bound_curve is None
    _, tiny = lab(seq_len=200, rho=0.05)
    assert (tiny.norms[0] == 0).sum() > 0 and model_gradients.count_not_finite(tiny.norms)[0] == 0


def test_lab_is_a_fresh_model_from_the_configs_seed():
    config, first = lab(rho=0.7)
    _, second = lab(rho=0.7)
    for a, b in zip(first.model.parameters(), second.model.parameters()):
        assert torch.equal(a, b)
    _, other_seed = lab(rho=0.7, seed=3)
    assert not torch.equal(other_seed.model.rnn.weight_hh_l0, first.model.rnn.weight_hh_l0)
    with pytest.raises(ValueError, match="spectral_radius"):
        model_gradients.radius_lab_config(config, "rnn", 10, 0.0)


# --- the heatmap recorded during training ----------------------------------------------------------

def test_heatmap_colour_is_log10_with_zeros_masked_and_drawn_apart():
    norms = np.array([[1e-3, 0.0, 2.0], [np.inf, 5e-40, 0.0]], dtype=np.float32)   # (S=2, T=3)
    fig = figures.grad_heatmap_figure([0, 10], norms)
    main, zeros, zero_legend, over, over_legend = fig.data
    assert (main.type, zeros.type, over.type) == ("heatmap",) * 3
    expected = np.full((2, 3), np.nan)
    for s, t in [(0, 0), (0, 2), (1, 1)]:
        expected[s, t] = math.log10(float(norms[s, t]))
    np.testing.assert_allclose(main.z, expected.astype(np.float32), rtol=1e-6)
    assert main.z.dtype == np.float32 and list(main.y) == [0, 10]
    np.testing.assert_array_equal(zeros.z, [[np.nan, 0, np.nan], [np.nan, np.nan, 0]])
    np.testing.assert_array_equal(over.z, [[np.nan, np.nan, np.nan], [0, np.nan, np.nan]])
    assert zeros.colorscale[0][1] == figures.ZERO_COLOR and zeros.showscale is False
    assert (zero_legend.name, over_legend.name) == ("exactly 0 (underflow)", "not finite (overflow)")
    np.testing.assert_array_equal(main.customdata, norms)


def test_heatmap_rows_are_the_recorded_steps():
    steps = np.arange(0, 60, 3)
    norms = np.random.default_rng(0).random((len(steps), 7)).astype(np.float32) + 0.1
    fig = figures.grad_heatmap_figure(steps, norms)
    assert [t.type for t in fig.data] == ["heatmap"], "no zeros: nothing else drawn"
    assert fig.data[0].z.shape == (20, 7)
    with pytest.raises(ValueError, match="len\\(steps\\)"):
        figures.grad_heatmap_figure(steps[:-1], norms)


# --- clipping and attribution ----------------------------------------------------------------------

def history(norms, clip):
    return [{"step": i + 1, "train_loss": 1.0 / (i + 1), "grad_norm": n, "clipped": clip > 0 and n > clip}
            for i, n in enumerate(norms)]


def test_step_norm_figure_marks_clipped_steps_and_the_threshold():
    records = history([0.5, 3.0, 0.8, 7.0, 2.5], clip=2.0)
    fig = figures.grad_norm_steps_figure(records, clip=2.0)
    line, clipped, threshold = fig.data
    assert fig.layout.yaxis.type == "log"
    np.testing.assert_array_equal(line.y, np.float32([0.5, 3.0, 0.8, 7.0, 2.5]))
    assert list(clipped.x) == [2, 4, 5]
    assert list(threshold.y) == [2.0, 2.0] and list(threshold.x) == [1, 5]
    summary = model_gradients.clip_summary(records, 2.0)
    assert (summary["events"], summary["steps"], summary["largest"]) == (3, 5, 7.0)
    assert [t.name for t in figures.grad_norm_steps_figure(history([1.0], 0), clip=0).data] == \
        ["gradient norm", "gradient clipped"], "no threshold when clipping is off"
    empty = figures.grad_norm_steps_figure([], clip=1.0)
    assert len(empty.data[0].x) == 0


def test_step_norm_figure_thinned_draws_real_steps():
    rng = np.random.default_rng(0)
    norms = rng.lognormal(0.0, 1.0, 20_000)
    norms[12_345] = 1e4                                   # one explosion: it must be drawn
    records = history(norms, clip=0)
    line = figures.grad_norm_steps_figure(records, clip=0, max_points=1000).data[0]
    steps = np.asarray(line.x)
    assert len(steps) <= 1002 and 12_346 in steps         # steps count from 1
    np.testing.assert_array_equal(line.y, norms[steps - 1].astype(np.float32))   # every point drawn is real
    assert len(figures.grad_norm_steps_figure(records, clip=0).data[0].x) == 20_000


@pytest.mark.parametrize("share", [0.01, 0.5])
def test_step_norm_figure_marks_few_clipped_steps_and_colours_many(share):
    """Few clipped steps: an x on each. Many: the curve in the clipping colour wherever it is above the line
    (and only there), one path instead of a mark per step."""
    rng = np.random.default_rng(1)
    norms = rng.lognormal(0.0, 1.0, 5_000)
    clip = float(np.quantile(norms, 1 - share))
    records = history(norms, clip=clip)
    modes = set()
    for max_points in (None, 1000):
        line, clipped, _ = figures.grad_norm_steps_figure(records, clip=clip, max_points=max_points).data
        steps = np.asarray(line.x)
        above = norms[steps - 1] > clip
        assert np.array_equal(above, [records[s - 1]["clipped"] for s in steps])
        if above.sum() <= figures.MARKED_CLIPS:
            assert clipped.mode == "markers" and list(clipped.x) == list(steps[above])
        else:
            assert clipped.mode == "lines" and list(clipped.x) == list(steps)
            y = np.asarray(clipped.y, dtype=np.float64)
            assert np.isnan(y[~above]).all()
            np.testing.assert_array_equal(y[above], norms[steps - 1][above].astype(np.float32))
        modes.add(clipped.mode)
    assert modes == ({"markers"} if share < 0.1 else {"lines"})


def jacobian_norms(function, leaf: torch.Tensor) -> np.ndarray:
    """||dy/dx_t||_F per input step, from torch.autograd.functional.jacobian: (T,)."""
    jac = torch.autograd.functional.jacobian(function, leaf)             # (1, O, 1, T, I)
    return jac[0, :, 0].double().square().sum(dim=(0, 2)).sqrt().numpy()


@pytest.mark.parametrize("task", ["sum-sign", "sentiment"])
def test_sample_attribution_against_the_full_jacobian(task):
    config = ExperimentConfig.for_task(task, hidden_size=8, embedding_dim=4)
    data = model_gradients.lab_task_data(config)
    from rnnviz.models import build_model

    model = build_model(config, data).eval()
    values, tokens = model_gradients.sample_attribution(model, data, 3)
    x = data.test[0][3:4]
    if data.input_kind == "tokens":
        leaf = model.embedding(x).detach()
        expected = jacobian_norms(lambda e: model.readout(model.rnn(e)[0]), leaf)
        assert tokens == [data.vocab[i] for i in x[0].tolist()]
    else:
        expected = jacobian_norms(model, x)
        assert tokens is None
    np.testing.assert_allclose(values, expected, rtol=1e-5, atol=1e-12)
    with pytest.raises(ValueError, match="index"):
        model_gradients.sample_attribution(model, data, len(data.test[0]))


def test_attribution_figure_marks_zeros_and_names_tokens():
    fig = figures.attribution_figure(np.array([0.0, 1e-3, 0.5], dtype=np.float32), tokens=["a", " ", "\n"])
    line, legend, zeros = fig.data
    assert fig.layout.yaxis.type == "log"
    assert list(line.text) == ["a", "␣", "↵"] and list(fig.layout.xaxis.ticktext) == ["a", "␣", "↵"]
    np.testing.assert_array_equal(zeros.x, [0])
    with pytest.raises(ValueError, match="tokens"):
        figures.attribution_figure(np.ones(3), tokens=["a"])
    with pytest.raises(ValueError, match="one value per input step"):
        figures.attribution_figure(np.ones((2, 3)))


# --- sizes ---------------------------------------------------------------------------------------

def test_default_figures_payload_is_small():
    """The figures of the default experiment (and a long-sequence heatmap) stay far under 2 MB."""
    config = ExperimentConfig()
    T, K, S = config.seq_len, config.layers, 101                         # ~100 recordings per run
    rng = np.random.default_rng(0)
    norms = rng.random((K, T)).astype(np.float32)
    sizes = {
        "now": figures.grad_norms_figure({"init": norms, "now": norms}),
        "heatmap": figures.grad_heatmap_figure(np.arange(S) * 3, rng.random((S, T)).astype(np.float32)),
        "lab": figures.grad_norms_figure({"": norms}, bound=np.ones(T)),
        "steps": figures.grad_norm_steps_figure(history(rng.random(config.steps) * 3, 1.0), clip=1.0),
        "attribution": figures.attribution_figure(norms[0]),
        "heatmap T=1000": figures.grad_heatmap_figure(np.arange(S), rng.random((S, 1000)).astype(np.float32)),
    }
    sizes = {name: len(fig.to_json()) for name, fig in sizes.items()}
    print(sizes)
    assert all(size <= 2_000_000 for size in sizes.values()), sizes
    assert sizes["now"] < 100_000 and sizes["heatmap"] < 100_000
