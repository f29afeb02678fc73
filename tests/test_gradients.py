"""rnnviz.gradients against autograd: an explicitly unrolled graph with retain_grad on every h_t for
the gradient norms, torch.autograd.functional.jacobian for attribution."""
import itertools
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from reference_cells import TinySequenceModel, make_rnn, reference_cell, weights
from rnnviz.gradients import (GradNormRecorder, cell_grad_norms, hidden_grad_norms, hidden_gradients, input_attribution,
                              model_hidden_grad_norms, pascanu_bound, pascanu_curve)

CELLS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]


def cell_step(cell, x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One differentiable step of the reference equations: (h, c)."""
    h, c, _ = reference_cell(cell, x, h, c, w_ih, w_hh, b_ih, b_hh)
    return h, c


def unrolled(cell, rnn, x_bf, h0, c0, every_c=None):
    """x_bf (B, T, I), h0/c0 (L*D, B, H). Returns (top output (B, T, D*H), [[h_t for t] per k]);
    every_c, if a list, receives [c_t for t] per k (an LSTM's cell states, their grads retained)."""
    D = 2 if rnn.bidirectional else 1
    B, T, _ = x_bf.shape
    every_h, layer_input = [], x_bf
    for layer in range(rnn.num_layers):
        outs = []
        for d in range(D):
            k = layer * D + d
            h, c = h0[k], (c0[k] if c0 is not None else None)
            hs, cs = [None] * T, [None] * T
            for t in (reversed(range(T)) if d else range(T)):
                h, c = cell_step(cell, layer_input[:, t], h, c, *weights(rnn, layer, d))
                h.retain_grad()
                hs[t] = h
                if every_c is not None:
                    c.retain_grad()
                    cs[t] = c
            every_h.append(hs)
            if every_c is not None:
                every_c.append(cs)
            outs.append(torch.stack(hs, 1))
        layer_input = torch.cat(outs, dim=-1)
    return layer_input, every_h


def reference_grads(cell, rnn, x, loss_fn, hx=None):
    """dL/dh_t by autograd on the unrolled graph: (L*D, B, T, H), and the grads' exact norms (L*D, T)."""
    batched = x.dim() == 3
    x_bf = (x if rnn.batch_first else x.transpose(0, 1)) if batched else x.unsqueeze(0)
    D = 2 if rnn.bidirectional else 1
    shape = (rnn.num_layers * D, x_bf.shape[0], rnn.hidden_size)
    if hx is None:
        h0, c0 = torch.zeros(shape, dtype=x.dtype), torch.zeros(shape, dtype=x.dtype)
    else:
        h0, c0 = hx if cell == "lstm" else (hx, None)
        if not batched:
            h0, c0 = h0.unsqueeze(1), (c0.unsqueeze(1) if c0 is not None else None)
    out, every_h = unrolled(cell, rnn, x_bf, h0, c0 if cell == "lstm" else None)
    out = (out if rnn.batch_first else out.transpose(0, 1)) if batched else out[0]
    loss_fn(out).backward()
    grads = torch.stack([torch.stack([h.grad for h in hs], 1) for hs in every_h])  # (K, B, T, H)
    for p in rnn.parameters():
        p.grad = None
    return grads, grads.double().pow(2).sum(dim=(1, 3)).sqrt()


def random_loss(output_shape, dtype, seed=1):
    """A loss reading every output (nonlinearly) with random weights."""
    w = torch.randn(output_shape, dtype=dtype, generator=torch.Generator().manual_seed(seed))
    return lambda out: (torch.tanh(out) * w).sum() + 0.5 * (out ** 2).mean()


def assert_norms_close(norms, ref_norms, dtype):
    assert norms.dtype == dtype
    ref = ref_norms.to(dtype)
    if dtype == torch.float64:
        torch.testing.assert_close(norms, ref, rtol=1e-9, atol=1e-12)
    else:
        torch.testing.assert_close(norms, ref, rtol=2e-4, atol=1e-6 * float(ref.max()))


# ---- hidden_grad_norms: every configuration -------------------------------------------------------

CONFIGS = list(itertools.product([1, 2, 3], [False, True], [True, False], [True, False]))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("num_layers,bidirectional,bias,batch_first", CONFIGS)
@pytest.mark.parametrize("cell", CELLS)
def test_hidden_grad_norms_match_unrolled_autograd(cell, num_layers, bidirectional, bias, batch_first,
                                                   dtype):
    rnn = make_rnn(cell, num_layers=num_layers, bidirectional=bidirectional, bias=bias,
                   batch_first=batch_first, dtype=dtype)
    B, T = 3, 6
    x = torch.randn((B, T, 3) if batch_first else (T, B, 3), dtype=dtype)
    D = 2 if bidirectional else 1
    loss_fn = random_loss(x.shape[:2] + (D * 4,), dtype)
    norms = hidden_grad_norms(rnn, x, loss_fn)
    ref_grads, ref_norms = reference_grads(cell, rnn, x, loss_fn)
    assert norms.shape == (num_layers * D, T)
    assert_norms_close(norms, ref_norms, dtype)
    tol = dict(rtol=1e-9, atol=1e-12) if dtype == torch.float64 else dict(rtol=1e-3, atol=1e-5)
    torch.testing.assert_close(hidden_gradients(rnn, x, loss_fn), ref_grads, **tol)


@pytest.mark.parametrize("num_layers,bidirectional,bias,batch_first", CONFIGS)
def test_cell_grad_norms_match_unrolled_autograd(num_layers, bidirectional, bias, batch_first):
    # ||dL/dc_t||: c_t.grad of every cell state on an explicitly unrolled LSTM, retained by autograd
    rnn = make_rnn("lstm", num_layers=num_layers, bidirectional=bidirectional, bias=bias, batch_first=batch_first)
    B, T, D = 3, 6, 2 if bidirectional else 1
    x = torch.randn((B, T, 3) if batch_first else (T, B, 3), dtype=torch.float64)
    loss_fn = random_loss(x.shape[:2] + (D * 4,), torch.float64)
    hidden, cell = cell_grad_norms(rnn, x, loss_fn)
    x_bf = x if batch_first else x.transpose(0, 1)
    zeros = torch.zeros(num_layers * D, B, 4, dtype=torch.float64)
    every_c = []
    out, every_h = unrolled("lstm", rnn, x_bf, zeros, zeros, every_c)
    loss_fn(out if batch_first else out.transpose(0, 1)).backward()
    ref_cell = torch.stack([torch.stack([c.grad for c in cs]).pow(2).sum(dim=(1, 2)).sqrt() for cs in every_c])
    ref_hidden = torch.stack([torch.stack([h.grad for h in hs]).pow(2).sum(dim=(1, 2)).sqrt() for hs in every_h])
    assert cell.shape == (num_layers * D, T)
    torch.testing.assert_close(cell, ref_cell, rtol=1e-9, atol=1e-12)
    torch.testing.assert_close(hidden, ref_hidden, rtol=1e-9, atol=1e-12)
    torch.testing.assert_close(hidden, hidden_grad_norms(rnn, x, loss_fn), rtol=0, atol=0)


@pytest.mark.parametrize("cell", ["rnn_tanh", "gru"])
def test_cell_grad_norms_refuse_a_cell_without_a_cell_state(cell):
    with pytest.raises(ValueError, match="only an LSTM has a cell state"):
        cell_grad_norms(make_rnn(cell), torch.randn(2, 3, 3, dtype=torch.float64), lambda out: out.sum())


@pytest.mark.parametrize("cell", CELLS)
def test_larger_float32_sizes(cell):
    # big enough that the batched GEMMs take the fast (oneDNN) path where it exists
    rnn = make_rnn(cell, input_size=32, hidden_size=64, num_layers=2, bidirectional=True,
                   batch_first=True, dtype=torch.float32)
    x = torch.randn(64, 40, 32)
    loss_fn = random_loss((64, 40, 128), torch.float32)
    norms = hidden_grad_norms(rnn, x, loss_fn)
    _, ref_norms = reference_grads(cell, rnn, x, loss_fn)
    assert_norms_close(norms, ref_norms, torch.float32)


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("batched", [True, False])
def test_given_hx_and_unbatched_input(cell, batched):
    rnn = make_rnn(cell, num_layers=2, bidirectional=True, batch_first=True)
    x = torch.randn((2, 5, 3) if batched else (5, 3), dtype=torch.float64)
    lead = (4, 2, 4) if batched else (4, 4)
    hx = torch.randn(lead, dtype=torch.float64)
    if cell == "lstm":
        hx = (hx, torch.randn(lead, dtype=torch.float64))
    loss_fn = random_loss((2, 5, 8) if batched else (5, 8), torch.float64)
    norms = hidden_grad_norms(rnn, x, loss_fn, hx)
    _, ref_norms = reference_grads(cell, rnn, x, loss_fn, hx)
    assert_norms_close(norms, ref_norms, torch.float64)


@pytest.mark.parametrize("cell", CELLS)
def test_many_to_one_loss_and_its_gradient_at_the_last_step(cell):
    rnn = make_rnn(cell, batch_first=True, dtype=torch.float32)
    x = torch.randn(4, 8, 3)
    loss_fn = lambda out: out[:, -1].sum()                 # dL/dh_{T-1} = ones: norm sqrt(B*H)
    norms = hidden_grad_norms(rnn, x, loss_fn)
    assert norms[0, -1].item() == pytest.approx(4.0)
    _, ref_norms = reference_grads(cell, rnn, x, loss_fn)
    assert_norms_close(norms, ref_norms, torch.float32)


def test_leaves_parameters_grads_and_mode_alone():
    rnn = make_rnn("lstm", num_layers=2, dropout=0.5, batch_first=True).train()
    head = nn.Linear(4, 1).double()
    marker = [torch.full_like(p, 7.0) for p in rnn.parameters()]
    for p, m in zip(rnn.parameters(), marker):
        p.grad = m.clone()
    x = torch.randn(3, 5, 3, dtype=torch.float64)
    loss_fn = lambda out: head(out).pow(2).sum()
    norms = hidden_grad_norms(rnn, x, loss_fn)
    assert rnn.training                                    # dropout module still in training mode
    assert all(torch.equal(p.grad, m) for p, m in zip(rnn.parameters(), marker))
    assert head.weight.grad is None
    rnn.eval()                                             # the norms are the eval-mode computation's
    _, ref_norms = reference_grads("lstm", rnn, x, loss_fn)
    assert_norms_close(norms, ref_norms, torch.float64)


def test_saturated_tanh_gives_exact_zeros():
    # tanh saturates to exactly +-1 in float32, so tanh' = 1 - h^2 is exactly 0: nothing flows back
    rnn = make_rnn("rnn_tanh", hidden_size=3, dtype=torch.float32, batch_first=True)
    with torch.no_grad():
        rnn.weight_hh_l0.fill_(50.0)
        rnn.bias_ih_l0.fill_(50.0)
    x = torch.rand(2, 10, 3)
    loss_fn = lambda out: out[:, -1].sum()
    norms = hidden_grad_norms(rnn, x, loss_fn)
    _, ref_norms = reference_grads("rnn_tanh", rnn, x, loss_fn)
    assert torch.all(ref_norms[0, :-1] == 0)
    assert torch.equal(norms[0] == 0, ref_norms[0] == 0)
    assert norms[0, -1] > 0


def test_vanishing_gradient_underflows_to_exact_zero_at_long_lags():
    rnn = make_rnn("rnn_tanh", hidden_size=3, dtype=torch.float32, batch_first=True)
    with torch.no_grad():
        rnn.weight_hh_l0.copy_(1e-3 * torch.eye(3))        # each step back multiplies by ~1e-3
    x = torch.randn(2, 20, 3)
    loss_fn = lambda out: out[:, -1].sum()
    norms = hidden_grad_norms(rnn, x, loss_fn)
    _, ref_norms = reference_grads("rnn_tanh", rnn, x, loss_fn)
    assert norms[0, 0] == 0 and ref_norms[0, 0] == 0       # underflowed: exact zeros, kept
    assert torch.equal(norms[0] == 0, ref_norms[0] == 0)
    normal = ref_norms[0] > 1e-30                          # away from float32's subnormal range
    torch.testing.assert_close(norms[0][normal], ref_norms[0][normal].float(), rtol=1e-4, atol=0)
    assert 1e-40 < norms[0][normal].min() < 1e-20          # tiny norms kept, not squared to zero


def test_loss_errors_and_unused_output():
    rnn = make_rnn("gru")
    x = torch.randn(4, 2, 3, dtype=torch.float64)
    with pytest.raises(ValueError, match="scalar"):
        hidden_grad_norms(rnn, x, lambda out: out)
    assert torch.equal(hidden_grad_norms(rnn, x, lambda out: torch.tensor(1.0)), torch.zeros(1, 4,
                                                                                          dtype=torch.float64))


# ---- SequenceModel-shaped models and the recorder --------------------------------------------------

def cross_entropy(output, target):
    return nn.functional.cross_entropy(output, target)


def test_model_hidden_grad_norms_use_the_models_own_loss():
    model = TinySequenceModel().train()
    x, y = torch.randint(0, 5, (3, 6)), torch.tensor([0, 1, 1])
    norms = model_hidden_grad_norms(model, x, y, cross_entropy)
    assert model.training and all(p.grad is None for p in model.parameters())
    embedded = model.embedding(x).detach()
    _, ref_norms = reference_grads("gru", model.rnn, embedded,
                                   lambda out: cross_entropy(model.head(out[:, -1]), y))
    assert_norms_close(norms, ref_norms, torch.float64)


def test_grad_norm_recorder_records_every_k_steps():
    model = TinySequenceModel(cell="lstm", bidirectional=False)
    x, y = torch.randint(0, 5, (4, 7)), torch.tensor([0, 1, 0, 1])
    trainer = SimpleNamespace(model=model, step_count=0, data=SimpleNamespace(loss=cross_entropy))
    recorder = GradNormRecorder(x, y, every=3)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for step in range(1, 8):
        optimizer.zero_grad()
        cross_entropy(model(x), y).backward()
        optimizer.step()
        trainer.step_count = step
        recorder(trainer)
        if step == 6:
            expected_at_6 = model_hidden_grad_norms(model, x, y, cross_entropy).numpy()
    assert recorder.steps == [3, 6]
    assert recorder.as_array().shape == (2, 1, 7)
    np.testing.assert_array_equal(recorder.norms[1], expected_at_6)
    assert not np.array_equal(recorder.norms[0], recorder.norms[1])   # the weights moved in between
    with pytest.raises(ValueError, match="every"):
        GradNormRecorder(x, y, every=0)


# ---- input attribution --------------------------------------------------------------------------

def per_sample_jacobian_norms(f, inputs):
    """Mean over samples of ||d f(inputs)[b] / d inputs[b, t]||_F, by torch.autograd.functional."""
    jac = torch.autograd.functional.jacobian(f, inputs)      # (B, O, B, T, I)
    B = inputs.shape[0]
    own = torch.stack([jac[b, :, b] for b in range(B)])      # (B, O, T, I)
    return own.pow(2).sum(dim=(1, 3)).sqrt()                 # (B, T)


@pytest.mark.parametrize("cell", CELLS)
def test_attribution_of_a_plain_rnn(cell):
    rnn = make_rnn(cell, num_layers=2, bidirectional=True)   # time-major
    x = torch.randn(6, 3, 3, dtype=torch.float64)
    for step in (None, 2):
        s = 5 if step is None else step
        expected = per_sample_jacobian_norms(lambda xb: rnn(xb.transpose(0, 1))[0][s], x.transpose(0, 1))
        torch.testing.assert_close(input_attribution(rnn, x, step, per_sample=True), expected)
        torch.testing.assert_close(input_attribution(rnn, x, step), expected.mean(0))


def test_attribution_through_an_embedding():
    model = TinySequenceModel(cell="lstm")
    x = torch.randint(0, 5, (3, 6))
    embedded = model.embedding(x).detach()
    expected = per_sample_jacobian_norms(lambda e: model.readout(model.rnn(e)[0]), embedded)
    torch.testing.assert_close(input_attribution(model, x), expected.mean(0))
    with pytest.raises(ValueError, match="output_step"):
        input_attribution(model, x, output_step=2)


def test_attribution_of_a_many_to_many_callable_and_unbatched_rnn():
    rnn = make_rnn("gru", batch_first=True)
    head = nn.Linear(4, 2).double()
    model = lambda x: head(rnn(x)[0])                        # (B, T, 2), a plain function
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    expected = per_sample_jacobian_norms(lambda xb: model(xb)[:, 1], x)
    result = input_attribution(model, x, output_step=1)
    torch.testing.assert_close(result, expected.mean(0))
    assert torch.all(result[2:] == 0)                        # the future cannot matter to step 1
    single = input_attribution(rnn, x[0])
    torch.testing.assert_close(single, input_attribution(rnn, x[:1]))
    with pytest.raises(ValueError, match="output_step"):
        input_attribution(model, x, output_step=5)


# ---- the Pascanu bound ---------------------------------------------------

def test_pascanu_bound_formula_and_that_it_bounds():
    rnn = make_rnn("rnn_tanh", hidden_size=5, batch_first=True)
    T = 12
    bound = pascanu_bound(rnn, T)
    sigma = torch.linalg.svdvals(rnn.weight_hh_l0.detach())[0]
    expected = torch.tensor([sigma.item() ** (T - 1 - t) for t in range(T)], dtype=torch.float64)
    torch.testing.assert_close(bound, expected)
    x = torch.randn(3, T, 3, dtype=torch.float64)
    norms = hidden_grad_norms(rnn, x, lambda out: out[:, -1].pow(2).sum())[0]
    curve = pascanu_curve(rnn, norms)
    assert curve[-1] == norms[-1]
    assert torch.all(norms <= curve * (1 + 1e-12))
    with pytest.raises(ValueError, match="tanh"):
        pascanu_bound(make_rnn("lstm"), T)
    with pytest.raises(ValueError, match="tanh"):
        pascanu_bound(make_rnn("rnn_relu"), T)
