"""rnnviz.trace against an independent per-timestep cell loop written from the PyTorch docs' equations,
and against the fused module's own output."""
import itertools

import pytest
import torch
from torch import nn

from reference_cells import TinySequenceModel, make_rnn, reference_cell
from rnnviz.tracing import trace, trace_model

CELLS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]
TOL = {torch.float32: 1e-5, torch.float64: 1e-10}


def reference_run(cell, rnn, x_bf, h0, c0):
    """x_bf (B, T, I); h0, c0 (L*D, B, H). Returns per layer-direction (hidden, cell, gates) batch-first
    and the top output (B, T, D*H)."""
    D = 2 if rnn.bidirectional else 1
    B, T, _ = x_bf.shape
    results, layer_input = [], x_bf
    for layer in range(rnn.num_layers):
        outs = []
        for d in range(D):
            sfx = f"_l{layer}" + ("_reverse" if d else "")
            w_ih, w_hh = getattr(rnn, "weight_ih" + sfx), getattr(rnn, "weight_hh" + sfx)
            b_ih = getattr(rnn, "bias_ih" + sfx) if rnn.bias else torch.zeros(w_ih.shape[0], dtype=x_bf.dtype)
            b_hh = getattr(rnn, "bias_hh" + sfx) if rnn.bias else torch.zeros(w_ih.shape[0], dtype=x_bf.dtype)
            k = layer * D + d
            h, c = h0[k], (c0[k] if c0 is not None else None)
            hs, cs, gs = [None] * T, [None] * T, [None] * T
            for t in (reversed(range(T)) if d else range(T)):
                h, c, gates = reference_cell(cell, layer_input[:, t], h, c, w_ih, w_hh, b_ih, b_hh)
                hs[t], cs[t], gs[t] = h, c, gates
            hidden = torch.stack(hs, 1)
            cells = torch.stack(cs, 1) if cell == "lstm" else None
            gates = {name: torch.stack([g[name] for g in gs], 1) for name in gs[0]}
            results.append((hidden, cells, gates))
            outs.append(hidden)
        layer_input = torch.cat(outs, dim=-1)
    return results, layer_input


def module_outputs(rnn, x, hx):
    out, state = rnn(x, hx)
    return (out, state[0], state[1]) if isinstance(state, tuple) else (out, state, None)


# ---- every configuration ---------------------------------------------------------------------------

CONFIGS = list(itertools.product([1, 2, 3], [False, True], [True, False], [True, False]))


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("num_layers,bidirectional,bias,batch_first", CONFIGS)
@pytest.mark.parametrize("cell", CELLS)
def test_trace_matches_cell_loop_and_fused(cell, num_layers, bidirectional, bias, batch_first, dtype):
    rnn = make_rnn(cell, num_layers=num_layers, bidirectional=bidirectional, bias=bias,
                   batch_first=batch_first, dtype=dtype)
    B, T = 3, 5
    x_bf = torch.randn(B, T, 3, dtype=dtype)
    x = x_bf if batch_first else x_bf.transpose(0, 1)
    tol = TOL[dtype]

    tr = trace(rnn, x)
    with torch.no_grad():
        out, h_n, c_n = module_outputs(rnn, x, None)
        D = 2 if bidirectional else 1
        zeros = torch.zeros(num_layers * D, B, 4, dtype=dtype)
        expected, expected_out = reference_run(cell, rnn, x_bf, zeros, zeros if cell == "lstm" else None)

    assert tr.output.shape == out.shape
    torch.testing.assert_close(tr.output, out, atol=tol, rtol=0)
    torch.testing.assert_close(tr.h_n, h_n, atol=tol, rtol=0)
    if cell == "lstm":
        torch.testing.assert_close(tr.c_n, c_n, atol=tol, rtol=0)
    else:
        assert tr.c_n is None
    assert len(tr.layers) == num_layers * D
    for k, (hidden, cells, gates) in enumerate(expected):
        lt = tr.layers[k]
        assert (lt.layer, lt.direction) == divmod(k, D)
        assert lt.hidden.shape == (B, T, 4)
        torch.testing.assert_close(lt.hidden, hidden, atol=tol, rtol=0)
        if cell == "lstm":
            torch.testing.assert_close(lt.cell, cells, atol=tol, rtol=0)
        else:
            assert lt.cell is None
        assert list(lt.gates) == list(gates)                  # names and PyTorch's order
        for name in gates:
            assert lt.gates[name].shape == (B, T, 4)
            torch.testing.assert_close(lt.gates[name], gates[name], atol=tol, rtol=0, msg=name)
    torch.testing.assert_close(tr.output if batch_first else tr.output.transpose(0, 1), expected_out,
                               atol=tol, rtol=0)


def test_gate_names():
    names = {cell: list(trace(make_rnn(cell), torch.randn(2, 3, 3, dtype=torch.float64)).layers[0].gates)
             for cell in CELLS}
    assert names == {"rnn_tanh": [], "rnn_relu": [], "lstm": ["input", "forget", "candidate", "output"],
                     "gru": ["reset", "update", "candidate"]}


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("batched", [True, False])
def test_given_initial_state(cell, batched):
    rnn = make_rnn(cell, num_layers=2, bidirectional=True, batch_first=True)
    B = 3 if batched else 1
    x_bf = torch.randn(B, 6, 3, dtype=torch.float64)
    h0 = torch.randn(4, B, 4, dtype=torch.float64)
    c0 = torch.randn(4, B, 4, dtype=torch.float64) if cell == "lstm" else None
    if batched:
        x, hx = x_bf, ((h0, c0) if cell == "lstm" else h0)
    else:
        x, hx = x_bf[0], ((h0[:, 0], c0[:, 0]) if cell == "lstm" else h0[:, 0])
    tr = trace(rnn, x, hx)
    with torch.no_grad():
        out, h_n, c_n = module_outputs(rnn, x, hx)
        expected, _ = reference_run(cell, rnn, x_bf, h0, c0)
    assert tr.output.shape == out.shape and tr.h_n.shape == h_n.shape
    torch.testing.assert_close(tr.output, out, atol=1e-10, rtol=0)
    torch.testing.assert_close(tr.h_n, h_n, atol=1e-10, rtol=0)
    if cell == "lstm":
        torch.testing.assert_close(tr.c_n, c_n, atol=1e-10, rtol=0)
    for lt, (hidden, cells, gates) in zip(tr.layers, expected):
        assert lt.hidden.shape == (B, 6, 4)
        torch.testing.assert_close(lt.hidden, hidden, atol=1e-10, rtol=0)
        if cell == "lstm":
            torch.testing.assert_close(lt.cell, cells, atol=1e-10, rtol=0)
        for name in gates:
            torch.testing.assert_close(lt.gates[name], gates[name], atol=1e-10, rtol=0)


@pytest.mark.parametrize("cell", CELLS)
def test_unbatched_input_gives_batch_of_one(cell):
    rnn = make_rnn(cell, bidirectional=True, dtype=torch.float32)
    x = torch.randn(7, 3)
    tr = trace(rnn, x)
    with torch.no_grad():
        out, h_n, _ = module_outputs(rnn, x, None)
    assert tr.output.shape == out.shape == (7, 8)
    assert tr.h_n.shape == h_n.shape == (2, 4)
    torch.testing.assert_close(tr.output, out, atol=1e-5, rtol=0)
    assert tr.layers[1].hidden.shape == (1, 7, 4)
    # the reverse direction's state at t=0 is its last step: the second half of the output there
    torch.testing.assert_close(tr.layers[1].hidden[0, 0], out[0, 4:], atol=1e-5, rtol=0)


def test_previous_states_follow_each_direction():
    rnn = make_rnn("lstm", bidirectional=True, batch_first=True)
    h0, c0 = torch.randn(2, 2, 4, dtype=torch.float64), torch.randn(2, 2, 4, dtype=torch.float64)
    tr = trace(rnn, torch.randn(2, 5, 3, dtype=torch.float64), (h0, c0))
    forward, reverse = tr.layers
    assert torch.equal(forward.previous_hidden()[:, 0], h0[0])
    assert torch.equal(forward.previous_hidden()[:, 3], forward.hidden[:, 2])
    assert torch.equal(reverse.previous_hidden()[:, 4], h0[1])
    assert torch.equal(reverse.previous_cell()[:, 4], c0[1])
    assert torch.equal(reverse.previous_hidden()[:, 1], reverse.hidden[:, 2])


def test_dropout_module_in_training_mode_is_traced_in_eval_mode():
    rnn = make_rnn("gru", num_layers=3, dropout=0.5, batch_first=True)
    rnn.train()
    x = torch.randn(4, 6, 3, dtype=torch.float64)
    tr = trace(rnn, x)
    assert rnn.training                                    # mode left alone
    rnn.eval()
    with torch.no_grad():
        torch.testing.assert_close(tr.output, rnn(x)[0], atol=1e-10, rtol=0)


def test_trace_builds_no_graph_and_touches_no_grad():
    rnn = make_rnn("lstm", num_layers=2, dtype=torch.float32)
    x = torch.randn(5, 2, 3, requires_grad=True)
    tr = trace(rnn, x)
    assert not tr.output.requires_grad
    assert all(not g.requires_grad for g in tr.layers[0].gates.values())
    assert all(p.grad is None for p in rnn.parameters())


# ---- errors --------------------------------------------------------------------------------------

def test_proj_size_is_refused():
    with pytest.raises(ValueError, match="proj_size"):
        trace(nn.LSTM(3, 4, proj_size=2), torch.randn(5, 2, 3))


@pytest.mark.parametrize("module", [nn.Linear(3, 4), nn.LSTMCell(3, 4), "lstm"])
def test_non_rnn_is_refused(module):
    with pytest.raises(TypeError, match="nn.RNN"):
        trace(module, torch.randn(5, 2, 3))


def test_input_size_mismatch_names_both_sizes():
    with pytest.raises(ValueError, match=r"input_size=3.*5 features"):
        trace(nn.GRU(3, 4), torch.randn(6, 2, 5))


def test_bad_shapes_and_types():
    rnn = nn.RNN(3, 4, num_layers=2)
    with pytest.raises(ValueError, match="shape"):
        trace(rnn, torch.randn(2, 5, 3, 1))
    with pytest.raises(ValueError, match=r"\(2, 2, 4\)"):
        trace(rnn, torch.randn(5, 2, 3), torch.zeros(1, 2, 4))
    with pytest.raises(TypeError, match="dtype"):
        trace(rnn, torch.randn(5, 2, 3, dtype=torch.float64))
    with pytest.raises(TypeError, match="tuple"):
        trace(nn.LSTM(3, 4), torch.randn(5, 2, 3), torch.zeros(1, 2, 4))


# ---- a SequenceModel-shaped model ----------------------------------------------------------------

def test_trace_model_aligns_inputs_states_and_outputs():
    model = TinySequenceModel(cell="lstm", vocab=6, dtype=torch.float32, seed=1).train()
    x, y = torch.randint(0, 6, (3, 5)), torch.tensor([0, 1, 1])
    mt = trace_model(model, x, y)
    assert model.training
    with torch.no_grad():
        expected = model(x)
        rnn_out = model.rnn(model.embedding(x))[0]
    torch.testing.assert_close(mt.outputs, expected)
    torch.testing.assert_close(mt.step_outputs, model.head(rnn_out).detach())
    torch.testing.assert_close(mt.rnn.input, model.embedding(x).detach())
    assert mt.inputs is x and mt.targets is y


@pytest.mark.parametrize("cell", CELLS)
def test_larger_float32_sizes(cell):
    # big enough that the batched gate GEMM takes the fast (oneDNN) path where it exists
    rnn = make_rnn(cell, input_size=32, hidden_size=64, num_layers=2, bidirectional=True,
                   batch_first=True, dtype=torch.float32)
    x = torch.randn(16, 48, 32)
    tr = trace(rnn, x)
    with torch.no_grad():
        out, h_n, c_n = module_outputs(rnn, x, None)
        zeros = torch.zeros(4, 16, 64)
        expected, _ = reference_run(cell, rnn, x, zeros, zeros if cell == "lstm" else None)
    torch.testing.assert_close(tr.output, out, atol=1e-5, rtol=0)
    for lt, (hidden, cells, gates) in zip(tr.layers, expected):
        torch.testing.assert_close(lt.hidden, hidden, atol=1e-5, rtol=0)
        if cell == "lstm":
            torch.testing.assert_close(lt.cell, cells, atol=1e-5, rtol=0)
        for name in gates:
            torch.testing.assert_close(lt.gates[name], gates[name], atol=1e-5, rtol=0)
