"""rnnviz.cell_steps against an independent step-by-step run of the cells (tests/reference_cells.py, written
from PyTorch's documented equations), against rnnviz's trace, and against the fused module: every number the
cell diagram draws, for every cell kind, two layers, both directions."""
import itertools

import numpy as np
import pytest
import torch

from reference_cells import make_rnn, reference_cell, weights
from rnnviz.cell_steps import activate, cell_step, cell_steps
from rnnviz.tracing import trace

CELLS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]
GATE_ROWS = {"lstm": ("input", "forget", "candidate", "output"), "gru": ("reset", "update", "candidate"),
             "rnn_tanh": ("hidden",), "rnn_relu": ("hidden",)}
B, T, I, H = 2, 5, 3, 4


@torch.no_grad()
def reference_steps(cell, rnn, x):
    """{(layer, direction): [per t in input order: dict of every stage]} from the reference cell, float64.
    x (B, T, I) batch-first."""
    D = 2 if rnn.bidirectional else 1
    out, layer_input = {}, x
    for layer in range(rnn.num_layers):
        outputs = []
        for d in range(D):
            w_ih, w_hh, b_ih, b_hh = (w.detach() for w in weights(rnn, layer, d))
            h = torch.zeros(B, H, dtype=x.dtype)
            c = torch.zeros(B, H, dtype=x.dtype)
            steps = [None] * T
            for t in (reversed(range(T)) if d else range(T)):
                x_t = layer_input[:, t]
                wx, uh = x_t @ w_ih.T, h @ w_hh.T                 # (B, G*H) each
                h_new, c_new, gates = reference_cell(cell, x_t, h, c, w_ih, w_hh, b_ih, b_hh)
                if cell.startswith("rnn"):
                    gates = {"hidden": h_new}
                rows = {name: slice(k * H, (k + 1) * H) for k, name in enumerate(GATE_ROWS[cell])}
                pre = {name: wx[:, r] + b_ih[r] + uh[:, r] + b_hh[r] for name, r in rows.items()}
                if cell == "gru":
                    r = rows["candidate"]
                    pre["candidate"] = wx[:, r] + b_ih[r] + gates["reset"] * (uh[:, r] + b_hh[r])
                steps[t] = dict(x=x_t, h_prev=h, c_prev=c, h=h_new, c=c_new, gates=gates, pre=pre,
                                wx={n: wx[:, r] for n, r in rows.items()}, uh={n: uh[:, r] for n, r in rows.items()},
                                b_ih={n: b_ih[r] for n, r in rows.items()}, b_hh={n: b_hh[r] for n, r in rows.items()})
                h, c = h_new, (c_new if c_new is not None else c)
            out[(layer, d)] = steps
            outputs.append(torch.stack([s["h"] for s in steps], 1))
        layer_input = torch.cat(outputs, dim=-1)
    return out, layer_input


def close(a, b, tol=1e-11):
    a, b = (v.detach().numpy() if isinstance(v, torch.Tensor) else v for v in (a, b))
    np.testing.assert_allclose(a, b, rtol=0, atol=tol)


@pytest.mark.parametrize("bias", [True, False], ids=["bias", "no_bias"])
@pytest.mark.parametrize("cell", CELLS)
def test_every_stage_equals_the_reference_the_trace_and_the_fused_module(cell, bias):
    rnn = make_rnn(cell, input_size=I, hidden_size=H, num_layers=2, bidirectional=True, bias=bias, batch_first=True)
    x = torch.randn(B, T, I, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    tr = trace(rnn, x)
    reference, top = reference_steps(cell, rnn, x)
    close(top, rnn(x)[0].detach(), 1e-12)                            # the reference is the fused module's computation
    for (layer, d), b in itertools.product(itertools.product(range(2), range(2)), range(B)):
        steps = cell_steps(rnn, tr, layer=layer, direction=d, batch=b)
        chosen = tr.layer(layer, d)
        assert len(steps) == T
        for t, step in enumerate(steps):
            ref = reference[(layer, d)][t]
            assert (step.t, step.layer, step.direction, step.length) == (t, layer, d, T)
            close(step.x, ref["x"][b])
            close(step.h_prev, ref["h_prev"][b])
            close(step.h, ref["h"][b])
            # what the cell computed is the trace's own number, exactly
            assert np.array_equal(step.h, chosen.hidden[b, t].numpy())
            if cell == "lstm":
                close(step.c_prev, ref["c_prev"][b])
                close(step.c, ref["c"][b])
                assert np.array_equal(step.c, chosen.cell[b, t].numpy())
            else:
                assert step.c is None and step.c_prev is None
            assert list(step.gates) == list(GATE_ROWS[cell])
            for name, gate in step.gates.items():
                close(gate.value, ref["gates"][name][b])
                if name != "hidden":
                    assert np.array_equal(gate.value, chosen.gates[name][b, t].numpy())
                close(gate.from_input, ref["wx"][name][b])
                close(gate.from_hidden, ref["uh"][name][b])
                close(gate.bias_input, ref["b_ih"][name])
                close(gate.bias_hidden, ref["b_hh"][name])
                close(gate.bias, ref["b_ih"][name] + ref["b_hh"][name])
                close(gate.preactivation, ref["pre"][name][b])
                # the stages recombine: W·x + U·h + b (the GRU's candidate: with r on the hidden part) ...
                scale = ref["gates"]["reset"][b].numpy() if (cell == "gru" and name == "candidate") else 1.0
                close(gate.from_input + gate.bias_input + scale * (gate.from_hidden + gate.bias_hidden),
                      gate.preactivation)
                close(gate.hidden_part, scale * (ref["uh"][name][b] + ref["b_hh"][name]).numpy())
                # ... and the nonlinearity of the pre-activation is the value drawn
                close(activate(gate.activation, gate.preactivation), gate.value)


@pytest.mark.parametrize("cell", CELLS)
def test_products_and_sums_rebuild_the_new_state(cell):
    rnn = make_rnn(cell, input_size=I, hidden_size=H, num_layers=2, bidirectional=True, batch_first=True)
    x = torch.randn(B, T, I, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    tr = trace(rnn, x)
    for layer, d in itertools.product(range(2), range(2)):
        for step in cell_steps(rnn, tr, layer=layer, direction=d, batch=1):
            g, p = {n: s.value for n, s in step.gates.items()}, step.products
            if cell == "lstm":
                close(p["forget_cell"], g["forget"] * step.c_prev)
                close(p["input_candidate"], g["input"] * g["candidate"])
                close(p["forget_cell"] + p["input_candidate"], step.c)        # the + node gives c_t
                close(p["tanh_cell"], np.tanh(step.c))
                close(g["output"] * p["tanh_cell"], step.h)                   # the last × gives h_t
            elif cell == "gru":
                close(p["one_minus_update"], 1 - g["update"])
                close(p["keep"], g["update"] * step.h_prev)
                close(p["write"], (1 - g["update"]) * g["candidate"])
                close(p["keep"] + p["write"], step.h)
                close(p["reset_hidden"], step.gates["candidate"].hidden_part)
            else:
                assert p == {}
                close(g["hidden"], step.h)


@pytest.mark.parametrize("cell", CELLS)
def test_reverse_direction_starts_from_the_next_step(cell):
    rnn = make_rnn(cell, input_size=I, hidden_size=H, bidirectional=True, batch_first=True)
    x = torch.randn(1, T, I, dtype=torch.float64)
    steps = cell_steps(rnn, trace(rnn, x), direction=1)
    for t in range(T - 1):
        assert np.array_equal(steps[t].h_prev, steps[t + 1].h)         # reads from the end: h_{t+1}
    assert not steps[T - 1].h_prev.any()                                # its first step starts at zero


@pytest.mark.parametrize("cell", CELLS)
def test_a_float32_model_stays_exact_to_its_precision(cell):
    rnn = make_rnn(cell, input_size=I, hidden_size=H, dtype=torch.float32, num_layers=2)
    x = torch.randn(T, B, I)
    tr = trace(rnn, x)
    for step in cell_steps(rnn, tr, layer=1, batch=1):
        assert step.h.dtype == np.float64
        for gate in step.gates.values():
            close(activate(gate.activation, gate.preactivation), gate.value, 1e-6)


def test_cell_step_is_one_of_cell_steps_and_bad_choices_say_what_exists():
    rnn = make_rnn("lstm", input_size=I, hidden_size=H, num_layers=2, batch_first=True)
    x = torch.randn(B, T, I, dtype=torch.float64)
    tr = trace(rnn, x)
    one = cell_step(rnn, tr, 3, layer=1, batch=1)
    assert np.array_equal(one.h, cell_steps(rnn, tr, layer=1, batch=1)[3].h)
    with pytest.raises(ValueError, match=r"t=5 is invalid: allowed is an integer in \[0, 4\]"):
        cell_step(rnn, tr, 5)
    with pytest.raises(ValueError, match=r"layer=2 is invalid"):
        cell_steps(rnn, tr, layer=2)
    with pytest.raises(ValueError, match=r"direction=1 is invalid"):
        cell_steps(rnn, tr, direction=1)
    with pytest.raises(ValueError, match=r"batch=2 is invalid"):
        cell_steps(rnn, tr, batch=2)
    with pytest.raises(ValueError, match="LSTM"):
        cell_steps(make_rnn("gru", input_size=I, hidden_size=H), tr)
