"""Exact per-timestep states and gates of any torch.nn.RNN / LSTM / GRU.

Train fused, inspect exact. PyTorch's fused modules return only the top layer's hidden states, so
`trace` re-runs the module one layer at a time with the fused kernel (`torch._VF`, the very call
nn.LSTM.forward makes), which gives every layer's exact h_t. Knowing the whole h sequence means
h_{t-1} is known for every t, so all gates of a layer come from one batched matmul instead of a
Python loop over time; only the LSTM cell state needs a (cheap, elementwise) loop.

Equations and gate order are PyTorch's (see the nn.LSTM / nn.GRU docs):
  LSTM (Hochreiter & Schmidhuber 1997): rows i, f, g, o;  c_t = f*c_{t-1} + i*g,  h_t = o*tanh(c_t)
  GRU (Cho et al. 2014): rows r, z, n;  n = tanh(W_in x + b_in + r*(W_hn h + b_hn)),
                                         h_t = (1-z)*n + z*h_{t-1}
  RNN (Elman 1990): h_t = act(W_ih x + b_ih + W_hh h_{t-1} + b_hh), act = tanh or relu

Dropout between layers is a training-time noise, not part of the network: the trace always shows the
eval-mode computation, whatever `rnn.training` says (and it leaves the mode alone).
"""
from contextlib import contextmanager
from dataclasses import dataclass, field

import torch
from torch import Tensor, _VF, nn

# gate names per cell, in PyTorch's row order of weight_ih / weight_hh
GATE_NAMES = {
    "LSTM": ("input", "forget", "candidate", "output"),
    "GRU": ("reset", "update", "candidate"),
    "RNN_TANH": (),
    "RNN_RELU": (),
}


@dataclass
class LayerTrace:
    """One layer and direction of a traced RNN. Tensors are batch-first, time in input order."""
    layer: int
    direction: int                  # 0 = forward, 1 = reverse (reads the sequence from the end)
    hidden: Tensor                  # (B, T, H) h_t
    cell: Tensor | None             # (B, T, H) c_t (LSTM only)
    gates: dict[str, Tensor]        # name -> (B, T, H), after the gate's nonlinearity
    initial_hidden: Tensor          # (B, H) the state before this direction's first step
    initial_cell: Tensor | None     # (B, H) (LSTM only)

    @property
    def reverse(self) -> bool:
        return self.direction == 1

    def previous_hidden(self) -> Tensor:
        """h_{t-1} for every t, the state each step started from. (B, T, H)"""
        return _shift(self.hidden, self.initial_hidden, self.reverse)

    def previous_cell(self) -> Tensor | None:
        """c_{t-1} for every t (LSTM only). (B, T, H)"""
        if self.cell is None:
            return None
        return _shift(self.cell, self.initial_cell, self.reverse)


@dataclass
class Trace:
    """Everything an RNN computed on one input; `output`, `h_n`, `c_n` are laid out as the module's."""
    mode: str                       # "LSTM", "GRU", "RNN_TANH" or "RNN_RELU"
    input: Tensor                   # (B, T, I) the input, batch-first
    output: Tensor                  # == rnn(x, hx)[0]
    h_n: Tensor                     # == rnn(x, hx)[1] (or [1][0] for an LSTM)
    c_n: Tensor | None              # == rnn(x, hx)[1][1] for an LSTM
    num_directions: int
    layers: list[LayerTrace] = field(default_factory=list)  # index = layer * num_directions + direction

    def layer(self, layer: int, direction: int = 0) -> LayerTrace:
        return self.layers[layer * self.num_directions + direction]


@contextmanager
def eval_mode(module: nn.Module):
    """Eval mode inside the block, and every submodule's own mode restored after it."""
    modes = [(m, m.training) for m in module.modules()]
    module.eval()
    try:
        yield module
    finally:
        for m, training in modes:
            m.training = training


def _shift(states: Tensor, initial: Tensor, reverse: bool, time_dim: int = 1) -> Tensor:
    """States one step back in processing order: forward takes t-1, reverse takes t+1."""
    initial = initial.unsqueeze(time_dim)
    T = states.shape[time_dim]
    if reverse:
        return torch.cat([states.narrow(time_dim, 1, T - 1), initial], dim=time_dim)
    return torch.cat([initial, states.narrow(time_dim, 0, T - 1)], dim=time_dim)


def check_module(rnn) -> str:
    """The cell kind of an nn.RNN / LSTM / GRU, or a clear error for anything else."""
    if not isinstance(rnn, nn.RNNBase) or getattr(rnn, "mode", None) not in GATE_NAMES:
        raise TypeError(f"expected a torch.nn.RNN, nn.LSTM or nn.GRU, got {type(rnn).__name__}")
    if rnn.proj_size > 0:
        raise ValueError(f"LSTM with proj_size > 0 (got proj_size={rnn.proj_size}) is not supported: "
                         "its projected hidden state has no gates of its own to show")
    return rnn.mode


def layer_weights(rnn: nn.RNNBase, layer: int, direction: int):
    """(weight_ih, weight_hh, bias_ih, bias_hh) of one layer and direction; biases None if bias=False."""
    suffix = f"_l{layer}" + ("_reverse" if direction else "")
    w_ih, w_hh = getattr(rnn, "weight_ih" + suffix), getattr(rnn, "weight_hh" + suffix)
    if not rnn.bias:
        return w_ih, w_hh, None, None
    return w_ih, w_hh, getattr(rnn, "bias_ih" + suffix), getattr(rnn, "bias_hh" + suffix)


def prepare_input(rnn: nn.RNNBase, x) -> tuple[Tensor, bool]:
    """x as the module takes it -> (time-major (T, B, I), whether x had a batch dimension)."""
    if not isinstance(x, Tensor):
        raise TypeError(f"x must be a torch.Tensor (packed sequences are not supported), "
                        f"got {type(x).__name__}")
    if x.dim() not in (2, 3):
        raise ValueError(f"x must be (T, I) unbatched or 3-D batched, got shape {tuple(x.shape)}")
    if x.shape[-1] != rnn.input_size:
        raise ValueError(f"input feature size mismatch: the module expects input_size="
                         f"{rnn.input_size}, got x with {x.shape[-1]} features (shape {tuple(x.shape)})")
    weight_dtype = rnn.weight_ih_l0.dtype
    if x.dtype != weight_dtype:
        raise TypeError(f"x has dtype {x.dtype} but the module's weights are {weight_dtype}")
    batched = x.dim() == 3
    if not batched:
        x_tm = x.unsqueeze(1)                             # (T, 1, I)
    else:
        x_tm = x.transpose(0, 1) if rnn.batch_first else x  # (T, B, I)
    if x_tm.shape[0] == 0:
        raise ValueError("x has no timesteps (T = 0)")
    return x_tm, batched


def prepare_state(rnn: nn.RNNBase, hx, batch: int, batched: bool, like: Tensor):
    """hx as the module takes it -> (h0, c0) each (L*D, B, H); zeros when hx is None."""
    shape = (rnn.num_layers * (2 if rnn.bidirectional else 1), batch, rnn.hidden_size)
    if hx is None:
        zeros = like.new_zeros(shape)
        return zeros, (zeros if rnn.mode == "LSTM" else None)
    if rnn.mode == "LSTM":
        if not (isinstance(hx, (tuple, list)) and len(hx) == 2):
            raise TypeError("an LSTM's hx must be a tuple (h0, c0)")
        states = list(hx)
    else:
        if not isinstance(hx, Tensor):
            raise TypeError(f"hx must be a tensor for a {rnn.mode} module, got {type(hx).__name__}")
        states = [hx]
    for k, state in enumerate(states):
        if not isinstance(state, Tensor):
            raise TypeError(f"hx must hold tensors, got {type(state).__name__}")
        if not batched and state.dim() == 2:
            state = state.unsqueeze(1)                     # (L*D, H) -> (L*D, 1, H)
        if tuple(state.shape) != shape:
            expected = shape if batched else (shape[0], shape[2])
            raise ValueError(f"hx{'' if len(states) == 1 else ('[0]', '[1]')[k]} must have shape "
                             f"{expected}, got {tuple(states[k].shape)}")
        states[k] = state.to(like.dtype)
    return states[0], (states[1] if rnn.mode == "LSTM" else None)


def run_fused_layer(rnn: nn.RNNBase, layer: int, layer_input: Tensor, h0: Tensor, c0: Tensor | None):
    """One layer (both directions) through the fused kernel, eval mode, time-major.
    Returns (output (T, B, D*H), h_n (D, B, H), c_n (D, B, H) or None)."""
    directions = 2 if rnn.bidirectional else 1
    weights = [w for d in range(directions) for w in layer_weights(rnn, layer, d) if w is not None]
    # one layer, no dropout, not training, not batch_first: the same call nn.LSTM.forward makes
    flags = (rnn.bias, 1, 0.0, False, rnn.bidirectional, False)
    if rnn.mode == "LSTM":
        output, h_n, c_n = _VF.lstm(layer_input, (h0, c0), weights, *flags)
        return output, h_n, c_n
    fused = {"GRU": _VF.gru, "RNN_TANH": _VF.rnn_tanh, "RNN_RELU": _VF.rnn_relu}[rnn.mode]
    output, h_n = fused(layer_input, h0, weights, *flags)
    return output, h_n, None


def _find_onednn_linear():
    """oneDNN's GEMM (the library behind the fused LSTM kernel), or None where PyTorch lacks it."""
    if not torch.backends.mkldnn.is_available():
        return None
    try:
        op = torch.ops.mkldnn._linear_pointwise
        op(torch.ones(1, 1), torch.ones(1, 1), None, "none", [], "")
        return op
    except (AttributeError, RuntimeError):
        return None


_ONEDNN_LINEAR = _find_onednn_linear()


def linear(x: Tensor, weight: Tensor, bias: Tensor | None = None) -> Tensor:
    """x @ weight.T + bias. Large float32 products go through oneDNN when present: on tall, thin
    shapes like (T*B, H) @ (H, 4H) it ran 1.7-3x faster than the default BLAS here (AMD EPYC), same
    float32 arithmetic; below ~1M multiply-adds its fixed cost loses, so those stay with BLAS."""
    if (_ONEDNN_LINEAR is not None and x.dtype == torch.float32 and x.device.type == "cpu"
            and x.numel() * weight.shape[0] >= 1 << 20):
        return _ONEDNN_LINEAR(x, weight, bias, "none", [], "")
    return nn.functional.linear(x, weight, bias)


def gate_preactivations(layer_input: Tensor, h_prev: Tensor, w_ih, w_hh, b_ih, b_hh,
                        separate: bool = False):
    """All timesteps at once: W_ih x_t + b_ih + W_hh h_{t-1} + b_hh, (T, B, G).
    With separate=True the two halves come back apart (the GRU candidate needs them so)."""
    if separate:
        return linear(layer_input, w_ih, b_ih), linear(h_prev, w_hh, b_hh)  # (T, B, G) each
    # one GEMM over [x_t, h_{t-1}]: a single pass writing the (T, B, G) result
    bias = b_ih + b_hh if b_ih is not None else None
    return linear(torch.cat([layer_input, h_prev], dim=-1), torch.cat([w_ih, w_hh], dim=1), bias)


def lstm_cells(input_gate: Tensor, forget_gate: Tensor, candidate: Tensor, c0: Tensor,
               reverse: bool) -> Tensor:
    """c_t = f*c_{t-1} + i*g, a linear recurrence: a loop, but elementwise only. (T, B, H)"""
    written = input_gate * candidate                        # (T, B, H) what each step writes
    cells = torch.empty_like(written)                       # (T, B, H)
    steps = range(written.shape[0] - 1, -1, -1) if reverse else range(written.shape[0])
    written, forget, out = written.unbind(0), forget_gate.unbind(0), cells.unbind(0)
    c = c0
    for t in steps:
        c = torch.addcmul(written[t], forget[t], c, out=out[t])
    return cells


def trace_layer(mode: str, layer_input: Tensor, hidden: Tensor, h0: Tensor, c0: Tensor | None,
                weights, reverse: bool):
    """Gates and cell states of one direction from its exact hidden states (all time-major).
    Returns (cells (T, B, H) or None, gates dict of (T, B, H))."""
    h_prev = _shift(hidden, h0, reverse, time_dim=0)       # (T, B, H)
    if mode in ("RNN_TANH", "RNN_RELU"):
        return None, {}
    H = hidden.shape[-1]
    if mode == "LSTM":
        pre = gate_preactivations(layer_input, h_prev, *weights)  # (T, B, 4H) rows i, f, g, o
        input_gate = torch.sigmoid(pre[..., :H])
        forget_gate = torch.sigmoid(pre[..., H:2 * H])
        candidate = torch.tanh(pre[..., 2 * H:3 * H])
        output_gate = torch.sigmoid(pre[..., 3 * H:])
        cells = lstm_cells(input_gate, forget_gate, candidate, c0, reverse)
        gates = dict(zip(GATE_NAMES["LSTM"], (input_gate, forget_gate, candidate, output_gate)))
        return cells, gates
    # GRU: the candidate sees the reset-gated hidden part, so the two halves stay apart
    from_input, from_hidden = gate_preactivations(layer_input, h_prev, *weights, separate=True)
    reset_update = torch.sigmoid(from_input[..., :2 * H] + from_hidden[..., :2 * H])  # (T, B, 2H)
    reset_gate, update_gate = reset_update[..., :H], reset_update[..., H:]
    candidate = torch.tanh(from_input[..., 2 * H:] + reset_gate * from_hidden[..., 2 * H:])
    return None, dict(zip(GATE_NAMES["GRU"], (reset_gate, update_gate, candidate)))


@torch.no_grad()
def trace(rnn: nn.RNNBase, x: Tensor, hx=None) -> Trace:
    """Run `rnn` on `x` and record every layer's states and gates at every timestep.

    rnn: any nn.RNN / LSTM / GRU (any layers, bidirectional, bias, nonlinearity; not proj_size).
    x: as the module takes it: (B, T, I) if batch_first else (T, B, I), or unbatched (T, I) -> B = 1.
    hx: as the module takes it (a tensor, or (h0, c0) for an LSTM), or None for zeros.
    The trace's `output` equals rnn(x, hx)[0]; per-layer tensors are batch-first, time in input order.
    """
    mode = check_module(rnn)
    x_tm, batched = prepare_input(rnn, x)                   # (T, B, I)
    h0, c0 = prepare_state(rnn, hx, x_tm.shape[1], batched, x_tm)
    directions = 2 if rnn.bidirectional else 1
    H = rnn.hidden_size
    layers, h_n, c_n = [], [], []
    layer_input = x_tm
    for layer in range(rnn.num_layers):
        rows = slice(layer * directions, (layer + 1) * directions)
        c0_layer = c0[rows] if c0 is not None else None
        output, h_n_layer, c_n_layer = run_fused_layer(rnn, layer, layer_input, h0[rows], c0_layer)
        h_n.append(h_n_layer)
        c_n.append(c_n_layer)
        for direction in range(directions):
            k = layer * directions + direction
            hidden = output[..., direction * H:(direction + 1) * H]  # (T, B, H)
            c0_k = c0[k] if c0 is not None else None
            cells, gates = trace_layer(mode, layer_input, hidden, h0[k], c0_k,
                                       layer_weights(rnn, layer, direction), direction == 1)
            layers.append(LayerTrace(
                layer=layer, direction=direction,
                hidden=hidden.transpose(0, 1),                       # (B, T, H)
                cell=cells.transpose(0, 1) if cells is not None else None,
                gates={name: gate.transpose(0, 1) for name, gate in gates.items()},
                initial_hidden=h0[k], initial_cell=c0_k))
        layer_input = output                                # (T, B, D*H) feeds the layer above

    output, h_n = layer_input, torch.cat(h_n)              # (T, B, D*H), (L*D, B, H)
    c_n = torch.cat(c_n) if mode == "LSTM" else None
    if not batched:
        output, h_n = output.squeeze(1), h_n.squeeze(1)
        c_n = c_n.squeeze(1) if c_n is not None else None
    elif rnn.batch_first:
        output = output.transpose(0, 1)
    return Trace(mode=mode, input=x_tm.transpose(0, 1), output=output, h_n=h_n, c_n=c_n,
                 num_directions=directions, layers=layers)


@dataclass
class ModelTrace:
    """A SequenceModel's trace, with what a page needs to align input, state and output in time."""
    rnn: Trace                      # the recurrent module's trace; rnn.input = embedded tokens if any
    inputs: Tensor                  # x as given: (B, T) token ids or (B, T, I) vectors
    outputs: Tensor                 # == model(x): (B, O) many-to-one or (B, T, O) many-to-many
    step_outputs: Tensor            # (B, T, O) the head applied to every step's RNN output
    targets: Tensor | None          # y as given, or None


@torch.no_grad()
def trace_model(model: nn.Module, x: Tensor, y: Tensor | None = None) -> ModelTrace:
    """Trace a SequenceModel (embed -> rnn -> readout) on x, in eval mode (modes left as they were).

    `step_outputs` is what the head says at every step, e.g. a many-to-one model's running guess
    (for a bidirectional model the reverse half there has already read the whole sequence).
    """
    with eval_mode(model):
        tr = trace(model.rnn, model.embed(x))
        outputs = model.readout(tr.output)
        step_outputs = model.head(tr.output if model.rnn.batch_first else tr.output.transpose(0, 1))
    return ModelTrace(rnn=tr, inputs=x, outputs=outputs, step_outputs=step_outputs, targets=y)
