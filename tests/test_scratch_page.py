"""The From-scratch page: its numbers (data, gradient check, NumPy vs PyTorch training) against
independent computations, its figures, its strings, and the page under AppTest."""
import json
import re
import string
from pathlib import Path

import numpy as np
import pytest
import torch

from rnnviz import scratch, scratch_check
from rnnviz.figures import scratch as page_lib
from rnnviz.i18n.scratch import STRINGS
from rnnviz.scratch import ScratchRNN

ROOT = Path(__file__).resolve().parent.parent


# --- independent references ----------------------------------------------------------------------------

def torch_sgd_losses(params: dict, x: np.ndarray, y: np.ndarray, steps: int, lr: float, batch_size: int,
                     seed: int) -> list[float]:
    """The same model written directly with autograd: leaf tensors, an unrolled loop, a manual SGD update."""
    w = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    rng = np.random.default_rng(seed)
    losses = []
    for _ in range(steps):
        batch = rng.choice(len(x), size=batch_size, replace=False)
        xb, yb = torch.tensor(x[batch]), torch.tensor(y[batch]).reshape(-1, 1)
        h = torch.zeros(len(batch), w["W_hh"].shape[0], dtype=torch.float64)
        for t in range(xb.shape[1]):
            h = torch.tanh(xb[:, t] @ w["W_xh"].T + h @ w["W_hh"].T + w["b_h"])
        z = h @ w["W_hy"].T + w["b_y"]
        p = torch.sigmoid(z)
        loss = -(yb * torch.log(p) + (1 - yb) * torch.log(1 - p)).mean()
        for g in w.values():
            g.grad = None
        loss.backward()
        with torch.no_grad():
            for g in w.values():
                g -= lr * g.grad
        losses.append(loss.item())
    return losses


def data(n=64, T=5, seed=0):
    return scratch_check.sum_sign_arrays(n, T, seed)


# --- numbers ----------------------------------------------------------------------------------------------

def test_sum_sign_arrays_follow_the_task_rule():
    x, y = data(100, 7, seed=3)
    assert x.shape == (100, 7, 1) and x.dtype == np.float64 and y.shape == (100,)
    np.testing.assert_array_equal(y, (x.sum(axis=(1, 2)) > 0).astype(np.float64))
    x2, _ = data(100, 7, seed=3)
    np.testing.assert_array_equal(x, x2)
    assert not np.array_equal(x, data(100, 7, seed=4)[0])
    with pytest.raises(ValueError, match="n must"):
        scratch_check.sum_sign_arrays(0, 5)


def test_numpy_and_torch_loss_curves_agree_in_float64():
    x, y = data(128, 6, seed=1)
    model = ScratchRNN(1, 4, seed=2)
    before = {k: v.copy() for k, v in model.params.items()}
    result = scratch_check.train_side_by_side(model, x, y, steps=150, lr=0.2, batch_size=16, seed=5)
    reference = torch_sgd_losses(before, x, y, steps=150, lr=0.2, batch_size=16, seed=5)
    assert len(result.numpy_losses) == len(result.torch_losses) == 150
    assert np.max(np.abs(result.numpy_losses - reference)) <= 1e-8
    assert np.max(np.abs(result.torch_losses - reference)) <= 1e-8
    assert result.max_difference <= 1e-8
    assert result.numpy_losses[-20:].mean() < result.numpy_losses[:20].mean(), "it learns"
    for k, v in model.params.items():
        np.testing.assert_array_equal(v, before[k])                  # the caller's model is untouched


def test_training_both_torch_biases_would_not_agree():
    """Why b_hh is frozen: with both nn.RNN biases trained, the effective bias moves twice as fast."""
    x, y = data(64, 5)
    model = ScratchRNN(1, 3, seed=0)
    twin = scratch.to_torch(model)
    optimizer = torch.optim.SGD(twin.parameters(), lr=0.5)
    rng = np.random.default_rng(0)
    losses = []
    for _ in range(30):
        batch = rng.choice(len(x), size=16, replace=False)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            twin(torch.tensor(x[batch])), torch.tensor(y[batch]).reshape(-1, 1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    result = scratch_check.train_side_by_side(model, x, y, steps=30, lr=0.5, batch_size=16, seed=0)
    assert np.max(np.abs(np.array(losses) - result.numpy_losses)) > 1e-6


def test_gradient_check_table_against_independent_gradients():
    x, y = data(8, 4, seed=2)
    model = ScratchRNN(1, 3, seed=1)
    table = scratch_check.gradient_check(model, x, y)
    assert table["parameter"].tolist() == ["W_xh", "W_hh", "b_h", "W_hy", "b_y"]
    assert table["shape"].tolist() == ["3×1", "3×3", "3", "1×3", "1"]

    # autograd on an independently written model, and my own central differences
    w = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in model.params.items()}

    def loss_of(weights, as_float=False):
        h = torch.zeros(len(x), 3, dtype=torch.float64)
        for t in range(x.shape[1]):
            h = torch.tanh(torch.tensor(x[:, t]) @ weights["W_xh"].T + h @ weights["W_hh"].T + weights["b_h"])
        z = h @ weights["W_hy"].T + weights["b_y"]
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, torch.tensor(y).reshape(-1, 1))
        return loss.item() if as_float else loss

    loss_of(w).backward()
    bptt = model.loss_and_grads(x, y)[1]
    for row in table.itertuples():
        auto = w[row.parameter].grad.numpy()
        assert row.max_bptt == pytest.approx(np.abs(bptt[row.parameter]).max())
        assert row.autograd_abs == pytest.approx(np.abs(bptt[row.parameter] - auto).max(), abs=1e-15)
        assert row.autograd_abs < 1e-14 and row.autograd_rel < 1e-12
        finite = np.zeros_like(auto)
        for index in np.ndindex(auto.shape):
            shifted = {k: v.detach().clone() for k, v in w.items()}
            shifted[row.parameter][index] += 1e-6
            plus = loss_of(shifted, True)
            shifted[row.parameter][index] -= 2e-6
            finite[index] = (plus - loss_of(shifted, True)) / 2e-6
        assert row.finite_abs == pytest.approx(np.abs(bptt[row.parameter] - finite).max(), abs=1e-9)
        assert row.finite_abs < 1e-8


def test_gradient_check_catches_a_wrong_bptt(monkeypatch):
    x, y = data(8, 4)
    model = ScratchRNN(1, 3, seed=1)
    correct = ScratchRNN.backward

    def doubled_recurrent_gradient(self, fwd, labels):
        grads, passes = correct(self, fwd, labels)
        grads["W_hh"] = 2 * grads["W_hh"]
        return grads, passes

    monkeypatch.setattr(ScratchRNN, "backward", doubled_recurrent_gradient)
    table = scratch_check.gradient_check(model, x, y).set_index("parameter")
    assert table.loc["W_hh", "autograd_rel"] == pytest.approx(0.5, rel=1e-9)
    assert table.loc["W_hh", "finite_rel"] == pytest.approx(0.5, rel=1e-5)
    assert table.loc["W_xh", "autograd_rel"] < 1e-12


def test_latex_matrix_and_time_table():
    assert page_lib.latex_matrix([[1, -2.5], [0.125, 3]], digits=2) == \
        r"\begin{bmatrix}1.00 & -2.50 \\ 0.12 & 3.00\end{bmatrix}"
    assert page_lib.latex_matrix([1, 2], digits=1) == r"\begin{bmatrix}1.0 \\ 2.0\end{bmatrix}"
    assert page_lib.latex_matrix(np.float64(0.5), digits=1) == "0.5"
    with pytest.raises(ValueError, match="vector or a matrix"):
        page_lib.latex_matrix(np.zeros((2, 2, 2)))
    table = page_lib.time_table(np.arange(6.0).reshape(3, 2), unit="u{i}")
    assert list(table.columns) == ["u1", "u2"] and list(table.index) == [1, 2, 3]
    assert table.loc[3, "u2"] == 5.0


# --- figures ---------------------------------------------------------------------------------------------

def test_loss_comparison_figure():
    fig = page_lib.loss_comparison_figure([0.7, 0.6, 0.5], [0.7, 0.6, 0.5000001], labels={"numpy": "N"})
    assert [t.type for t in fig.data] == ["scatter", "scatter"]
    assert fig.data[0].name == "N" and list(fig.data[0].x) == [1, 2, 3]
    assert fig.data[0].line.dash != fig.data[1].line.dash            # both visible when they coincide
    assert fig.data[1].y.dtype == np.float32


def test_bptt_figure():
    x, y = data(4, 5)
    ex = scratch.explain_sample(ScratchRNN(1, 4, seed=0), x[0], y[0])
    fig = page_lib.bptt_figure(ex["h_t"], ex["dL_dh_t"])
    assert [t.type for t in fig.data] == ["heatmap", "heatmap"]
    np.testing.assert_allclose(fig.data[0].z, ex["h_t"].T, rtol=1e-6)         # units down, time across
    np.testing.assert_allclose(fig.data[1].z, ex["dL_dh_t"].T, rtol=1e-6)
    assert fig.data[0].zmin == -1 and fig.data[0].zmax == 1
    assert fig.data[1].zmin == -fig.data[1].zmax                              # centred at 0
    assert list(fig.data[0].x) == [1, 2, 3, 4, 5]
    with pytest.raises(ValueError, match="one shape"):
        page_lib.bptt_figure(np.zeros((5, 4)), np.zeros((4, 5)))


# --- strings ---------------------------------------------------------------------------------------------

def test_every_string_has_both_languages_and_every_asked_key_exists():
    placeholders = lambda text: {n for _, n, _, _ in string.Formatter().parse(text) if n}   # noqa: E731
    for key, entry in STRINGS.items():
        assert key.startswith("scratch."), key
        assert set(entry) == {"es", "en"} and all(entry.values()), key
        assert placeholders(entry["es"]) == placeholders(entry["en"]), key
    source = (ROOT / "views" / "scratch.py").read_text()
    asked = set(re.findall(r'tr\(f?"(scratch\.[a-z_.]+)"', source))
    asked |= {f"scratch.col.{c}" for c in ("parameter", "shape", "max_bptt", "autograd_abs", "autograd_rel",
                                           "finite_abs", "finite_rel")}
    asked |= {f"scratch.loss.{k}" for k in ("title", "numpy", "torch")}
    assert len(asked) > 25
    assert asked - STRINGS.keys() == set()


# --- the page under AppTest ------------------------------------------------------------------------------

@pytest.fixture
def app():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page("views/scratch.py").run()
    yield at
    if "worker" in at.session_state:
        at.session_state["worker"].stop()


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_page_equations_numbers_check_and_training(app):
    at = app
    assert not at.exception, at.exception
    keys = {w.key for w in at.number_input}
    assert {"scratch.hidden_size", "scratch.seq_len", "scratch.seed", "scratch.sample", "scratch.steps",
            "scratch.lr", "scratch.batch_size"} <= keys
    assert len(at.latex) >= 10
    assert any(r"\tanh(a_t)" in block.value for block in at.latex)
    tables = [frame.value for frame in at.dataframe]
    a_t = tables[0]
    assert a_t.shape == (5, 4) and list(a_t.columns) == ["unit 1", "unit 2", "unit 3", "unit 4"]
    x, y = scratch_check.sum_sign_arrays(256, 5, 0)
    expected = scratch.explain_sample(ScratchRNN(1, 4, seed=0), x[0], y[0])
    np.testing.assert_allclose(a_t.to_numpy(), expected["a_t"])
    check = tables[-1]
    assert check.shape == (5, 7) and (check["max |BPTT − autograd|"] < 1e-14).all()
    assert [s["data"][0]["type"] for s in specs(at)] == ["heatmap"]
    assert at.info, "prompt to train"

    at.button(key="scratch.train").click().run()
    assert not at.exception, at.exception
    figure = specs(at)[-1]
    assert [t["type"] for t in figure["data"]] == ["scatter", "scatter"]
    assert float(at.metric[0].value) <= 1e-8
    assert len(json.dumps(figure)) < 2_000_000


def test_page_follows_its_widgets(app):
    at = app
    at.number_input(key="scratch.hidden_size").set_value(2).run()
    at.number_input(key="scratch.seq_len").set_value(8).run()
    at.number_input(key="scratch.sample").set_value(17).run()
    assert not at.exception, at.exception
    x, y = scratch_check.sum_sign_arrays(256, 8, 0)
    expected = scratch.explain_sample(ScratchRNN(1, 2, seed=0), x[17], y[17])
    np.testing.assert_allclose(at.dataframe[1].value.to_numpy(), expected["h_t"])
    at.button(key="scratch.train").click().run()
    assert at.metric
    at.number_input(key="scratch.steps").set_value(100).run()
    assert not at.metric and at.info                                  # that curve was for other settings
    at.session_state["lang"] = "es"
    at.run()
    assert not at.exception and at.title[0].value == STRINGS["scratch.title"]["es"]
