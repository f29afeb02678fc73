"""The NumPy RNN's BPTT is exact: checked against torch autograd (on modules and unrolled graphs built
here, from the same weights), against finite differences, and by training it on sum-sign."""
import time

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from rnnviz.scratch import (ScratchRNN, explain_sample, numerical_gradients, to_torch,
                            torch_gradients)

KEYS = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")
# (batch, time, input_size, hidden_size, seed): edge sizes (T = 1, H = 1, B = 1) and ordinary ones
SIZES = [(1, 1, 1, 1, 0), (4, 10, 1, 16, 1), (3, 7, 3, 5, 2), (8, 25, 2, 8, 3), (2, 40, 1, 4, 4)]


def rel_err(a, b):
    """Norm-wise relative error (entrywise would blow up on entries that are ~0)."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def sum_sign(n, T, seed, input_size=1):
    """sum-sign data written here (not rnnviz.tasks): label 1 when the sequence sums to > 0."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, T, input_size))  # (N, T, I)
    return x, (x.sum(axis=(1, 2)) > 0).astype(np.float64)


def reference_module(params):
    """An independent torch model from the same weights: fused nn.RNN + nn.Linear, float64."""
    H, I = params["W_xh"].shape
    rnn = torch.nn.RNN(I, H, nonlinearity="tanh", batch_first=True, dtype=torch.float64)
    head = torch.nn.Linear(H, 1, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(params["W_xh"]))
        rnn.weight_hh_l0.copy_(torch.from_numpy(params["W_hh"]))
        rnn.bias_ih_l0.copy_(torch.from_numpy(params["b_h"]))
        rnn.bias_hh_l0.zero_()
        head.weight.copy_(torch.from_numpy(params["W_hy"]))
        head.bias.copy_(torch.from_numpy(params["b_y"]))
    return rnn, head


def reference_gradients(params, x, y):
    """(loss, hidden sequence, logits, grads) by autograd through the reference module."""
    rnn, head = reference_module(params)
    hidden, _ = rnn(torch.from_numpy(x))   # (B, T, H)
    logits = head(hidden[:, -1])[:, 0]      # (B,)
    # sigmoid then BCE, not the fused with-logits loss, so the cancellation is autograd's, not ours
    loss = F.binary_cross_entropy(torch.sigmoid(logits), torch.from_numpy(y))
    loss.backward()
    grads = {"W_xh": rnn.weight_ih_l0.grad, "W_hh": rnn.weight_hh_l0.grad, "b_h": rnn.bias_ih_l0.grad,
             "W_hy": head.weight.grad, "b_y": head.bias.grad}
    return loss.item(), hidden.detach().numpy(), logits.detach().numpy(), {k: g.numpy() for k, g in grads.items()}


def model_and_data(B, T, I, H, seed):
    model = ScratchRNN(I, H, seed=seed)
    rng = np.random.default_rng(seed + 100)
    x = rng.standard_normal((B, T, I))
    y = rng.integers(0, 2, size=B).astype(np.float64)
    return model, x, y


@pytest.mark.parametrize("B,T,I,H,seed", SIZES)
def test_bptt_equals_autograd(B, T, I, H, seed):
    model, x, y = model_and_data(B, T, I, H, seed)
    fwd = model.forward(x)
    grads, _ = model.backward(fwd, y)
    loss, hidden, logits, expected = reference_gradients(model.params, x, y)
    assert np.all(fwd.hidden_states[:, 0] == 0)  # h_0 = 0
    assert rel_err(fwd.hidden, hidden) <= 1e-12
    assert rel_err(fwd.logits[:, 0], logits) <= 1e-12
    assert abs(model.loss(fwd.logits, y) - loss) <= 1e-12 * abs(loss)
    for k in KEYS:
        assert grads[k].shape == model.params[k].shape
        assert rel_err(grads[k], expected[k]) <= 1e-8, k


def test_to_torch_and_torch_gradients():
    model, x, y = model_and_data(5, 12, 2, 6, seed=7)
    module = to_torch(model)
    assert module.rnn.bias_hh_l0.abs().max().item() == 0
    assert np.array_equal(module.rnn.weight_hh_l0.detach().numpy(), model.params["W_hh"])
    with torch.no_grad():
        logits = module(torch.from_numpy(x)).numpy()  # (B, 1)
    assert rel_err(logits, model.forward(x).logits) <= 1e-12
    grads = torch_gradients(model, x, y)
    _, _, _, expected = reference_gradients(model.params, x, y)
    _, ours = model.loss_and_grads(x, y)
    for k in KEYS:
        assert rel_err(grads[k], expected[k]) <= 1e-12, k
        assert rel_err(grads[k], ours[k]) <= 1e-8, k


@pytest.mark.parametrize("B,T,I,H,seed", [(3, 6, 2, 4, 0), (4, 10, 1, 8, 5)])
def test_finite_differences_agree(B, T, I, H, seed):
    model, x, y = model_and_data(B, T, I, H, seed)
    _, grads = model.loss_and_grads(x, y)
    numerical = numerical_gradients(model, x, y)
    _, _, _, expected = reference_gradients(model.params, x, y)
    for k in KEYS:
        assert rel_err(grads[k], numerical[k]) <= 1e-6, k
        assert rel_err(expected[k], numerical[k]) <= 1e-6, k  # the checker itself is right


def test_per_timestep_gradients_equal_unrolled_graph():
    """dL/dh_t and dL/da_t against retain_grad on an explicit loop written here."""
    model, x, y = model_and_data(4, 15, 2, 6, seed=11)
    fwd = model.forward(x)
    _, bwd = model.backward(fwd, y)
    W = {k: torch.tensor(v, requires_grad=True) for k, v in model.params.items()}
    xs = torch.from_numpy(x)
    h = torch.zeros(4, 6, dtype=torch.float64)
    pre, states = [], []
    for t in range(15):
        a = xs[:, t] @ W["W_xh"].T + h @ W["W_hh"].T + W["b_h"]
        a.retain_grad()
        h = torch.tanh(a)
        h.retain_grad()
        pre.append(a)
        states.append(h)
    z = h @ W["W_hy"].T + W["b_y"]
    F.binary_cross_entropy(torch.sigmoid(z)[:, 0], torch.from_numpy(y)).backward()
    dL_dh = np.stack([s.grad.numpy() for s in states], axis=1)  # (B, T, H)
    dL_da = np.stack([a.grad.numpy() for a in pre], axis=1)     # (B, T, H)
    assert bwd.dL_dh.shape == bwd.dL_da.shape == (4, 15, 6)
    for t in range(15):
        assert rel_err(bwd.dL_dh[:, t], dL_dh[:, t]) <= 1e-8, t
        assert rel_err(bwd.dL_da[:, t], dL_da[:, t]) <= 1e-8, t
    assert rel_err(bwd.dL_dlogits[:, 0], (torch.sigmoid(z)[:, 0].detach().numpy() - y) / 4) <= 1e-12


def test_explain_sample_is_consistent():
    model, x, y = model_and_data(1, 8, 2, 5, seed=3)
    info = explain_sample(model, x[0], y[0])
    fwd = model.forward(x)
    grads, bwd = model.backward(fwd, y)
    P = model.params
    assert info["x_t"].shape == (8, 2) and info["a_t"].shape == info["h_t"].shape == (8, 5)
    assert np.array_equal(info["h_t"], fwd.hidden[0]) and np.array_equal(info["a_t"], fwd.pre_activations[0])
    # every equation holds on the numbers shown
    h_prev = np.vstack([info["h_0"], info["h_t"][:-1]])  # (T, H) h_{t-1}
    assert np.allclose(info["a_t"], info["x_t"] @ P["W_xh"].T + h_prev @ P["W_hh"].T + P["b_h"], rtol=0, atol=1e-14)
    assert np.array_equal(info["h_t"], np.tanh(info["a_t"]))
    assert info["z"] == pytest.approx(P["W_hy"][0] @ info["h_t"][-1] + P["b_y"][0], abs=1e-14)
    assert info["p"] == pytest.approx(1 / (1 + np.exp(-info["z"])), abs=1e-15)
    p, label = info["p"], info["y"]
    assert info["loss"] == pytest.approx(-(label * np.log(p) + (1 - label) * np.log(1 - p)), rel=1e-12)
    assert info["dL_dz"] == pytest.approx(info["p"] - info["y"], abs=1e-15)
    assert np.allclose(info["dL_dh_t"][-1], info["dL_dz"] * P["W_hy"][0], rtol=0, atol=1e-15)
    assert np.allclose(info["dL_dh_t"][:-1], info["dL_da_t"][1:] @ P["W_hh"], rtol=0, atol=1e-15)
    assert np.allclose(info["dL_da_t"], info["dL_dh_t"] * info["tanh_slope_t"], rtol=0, atol=1e-15)
    # per-step contributions sum to the gradient, which is autograd's
    _, _, _, expected = reference_gradients(P, x, y)
    assert rel_err(info["dW_xh_t"].sum(axis=0), expected["W_xh"]) <= 1e-8
    assert rel_err(info["dW_hh_t"].sum(axis=0), expected["W_hh"]) <= 1e-8
    assert rel_err(info["db_h_t"].sum(axis=0), expected["b_h"]) <= 1e-8
    assert rel_err(info["dW_hy"], expected["W_hy"]) <= 1e-8 and rel_err(info["db_y"], expected["b_y"]) <= 1e-8
    assert np.array_equal(info["dL_dh_t"], bwd.dL_dh[0])
    for k in KEYS:
        assert np.array_equal(info["grads"][k], grads[k])


def test_saturated_logits_give_finite_exact_loss():
    model = ScratchRNN(1, 2, seed=0)
    z = np.array([[60.0], [-60.0], [800.0]])
    y = np.array([0.0, 1.0, 1.0])
    expected = F.binary_cross_entropy_with_logits(torch.from_numpy(z[:, 0]), torch.from_numpy(y)).item()
    assert model.loss(z, y) == pytest.approx(expected, rel=1e-14)


def test_float32_model_stays_float32():
    _, x, y = model_and_data(4, 10, 1, 8, seed=2)
    small = ScratchRNN(1, 8, seed=2, dtype=np.float32)
    fwd = small.forward(x)
    grads, bwd = small.backward(fwd, y)
    assert fwd.hidden_states.dtype == bwd.dL_dh.dtype == np.float32
    assert all(g.dtype == np.float32 for g in grads.values())
    _, _, _, expected = reference_gradients({k: v.astype(np.float64) for k, v in small.params.items()}, x, y)
    for k in KEYS:
        assert rel_err(grads[k], expected[k]) <= 1e-5, k


def test_step_is_sgd_and_clips_the_global_norm():
    model, x, y = model_and_data(3, 5, 1, 4, seed=0)
    _, grads = model.loss_and_grads(x, y)
    before = {k: v.copy() for k, v in model.params.items()}
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    assert model.step(grads, lr=0.5) == pytest.approx(norm)
    for k in KEYS:
        assert np.allclose(model.params[k], before[k] - 0.5 * grads[k], rtol=0, atol=1e-15)
    clip = norm / 4
    start = {k: v.copy() for k, v in model.params.items()}
    model.step(grads, lr=1.0, clip=clip)
    moved = np.sqrt(sum(np.sum((start[k] - model.params[k]) ** 2) for k in KEYS))
    assert moved == pytest.approx(clip, rel=1e-12)


def test_fit_is_reproducible_and_calls_back():
    x, y = sum_sign(200, 10, seed=0)
    calls = []
    a = ScratchRNN(1, 8, seed=1).fit(x, y, steps=20, lr=0.1, batch_size=16, seed=3,
                                     callback=lambda step, loss, grads: calls.append((step, loss)))
    b = ScratchRNN(1, 8, seed=1).fit(x, y, steps=20, lr=0.1, batch_size=16, seed=3)
    assert a == b and len(a) == 20
    assert [s for s, _ in calls] == list(range(20)) and [l for _, l in calls] == a


def test_trains_on_sum_sign():
    x, y = sum_sign(4000, 10, seed=0)
    x_test, y_test = sum_sign(2000, 10, seed=1)
    model = ScratchRNN(1, 16, seed=0)
    assert model.accuracy(x_test, y_test) < 0.75  # untrained: the test below has something to show
    start = time.perf_counter()
    losses = model.fit(x, y, steps=2000, lr=0.1, batch_size=64, seed=0, clip=1.0)
    losses += model.fit(x, y, steps=1000, lr=0.02, batch_size=64, seed=1, clip=1.0)  # settle
    seconds = time.perf_counter() - start
    accuracy = model.accuracy(x_test, y_test)
    print(f"sum-sign T=10 H=16: held-out accuracy {accuracy:.3f} after 3000 steps in {seconds:.2f} s")
    assert np.mean(losses[-100:]) < 0.5 * np.mean(losses[:100])
    assert accuracy >= 0.9


@pytest.mark.parametrize("call, message", [
    (lambda m: m.forward(np.zeros((4, 3))), "shape \\(batch, time, input_size\\)"),
    (lambda m: m.forward(np.zeros((4, 3, 2))), "input size 2"),
    (lambda m: m.forward(np.zeros((4, 0, 1))), "at least one"),
    (lambda m: m.forward(np.full((1, 2, 1), np.nan)), "NaN"),
    (lambda m: m.loss_and_grads(np.zeros((3, 2, 1)), [0, 1, 2]), "binary"),
    (lambda m: m.loss_and_grads(np.zeros((3, 2, 1)), [0.5, 1, 0]), "binary"),
    (lambda m: m.loss_and_grads(np.zeros((3, 2, 1)), [0, 1]), "shape \\(3,\\)"),
    (lambda m: m.fit(np.zeros((3, 2, 1)), [0, 1, 1], steps=1, lr=0.1, batch_size=4), "batch_size"),
    (lambda m: m.step({k: np.zeros_like(v) for k, v in m.params.items()}, lr=-1), "lr"),
    (lambda m: m.step({"W_xh": m.params["W_xh"]}, lr=0.1), "keys"),
    (lambda m: explain_sample(m, np.zeros((2, 3, 1)), 1), "one sequence"),
    (lambda m: explain_sample(m, np.zeros((3, 1)), [0, 1]), "single label"),
    (lambda m: ScratchRNN(0, 4), "input_size"),
    (lambda m: ScratchRNN(1, 2.5), "hidden_size"),
    (lambda m: ScratchRNN(1, 4, dtype=np.int32), "dtype"),
])
def test_bad_input_raises_clear_error(call, message):
    with pytest.raises(ValueError, match=message):
        call(ScratchRNN(1, 4))


def test_non_numeric_input_raises_type_error():
    with pytest.raises(TypeError, match="numeric"):
        ScratchRNN(1, 4).forward(np.array([[["a"]]]))
