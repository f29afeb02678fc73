"""Every stage of one recurrent cell at one timestep: the numbers behind "The cell, opened".

    tr = rnnviz.trace(rnn, x)
    steps = cell_steps(rnn, tr, layer=0, direction=0)     # one CellStep per timestep t (input order)
    step = steps[t]
    step.gates["forget"].from_input        # W_f·x_t, (H,)
    step.gates["forget"].preactivation     # W_f·x_t + U_f·h_{t-1} + b_f
    step.gates["forget"].value             # σ(...) = the trace's forget gate at t
    step.products["forget_cell"]           # f_t ⊙ c_{t-1}

What the cell computes (gates, c_t, h_t) is taken from rnnviz's exact trace (rnnviz/tracing.py, itself
checked against PyTorch's fused module); this module splits each gate's affine part into its stages,
W·x_t, U·h_{t-1} and the biases, in float64, so a learner can add them up by hand and find the trace's
number. Gate order and equations are PyTorch's:
  LSTM: i, f, g, o = σ, σ, tanh, σ of (W x_t + b_ih + U h_{t-1} + b_hh);  c_t = f⊙c_{t-1} + i⊙g;  h_t = o⊙tanh(c_t)
  GRU:  r, z = σ(W x_t + b_ih + U h_{t-1} + b_hh);  n = tanh(W_n x_t + b_in + r⊙(U_n h_{t-1} + b_hn));
        h_t = (1 - z)⊙n + z⊙h_{t-1}
  RNN:  h_t = tanh or relu(W x_t + b_ih + U h_{t-1} + b_hh)
A plain RNN's single layer is reported as the "gate" named "hidden", so every cell has the same shape.
For the reverse direction, the state a step starts from is h_{t+1} (it reads the sequence from its end).
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from rnnviz.tracing import GATE_NAMES, Trace, layer_weights

# the nonlinearity of each gate, by cell
ACTIVATIONS = {
    "LSTM": {"input": "sigmoid", "forget": "sigmoid", "candidate": "tanh", "output": "sigmoid"},
    "GRU": {"reset": "sigmoid", "update": "sigmoid", "candidate": "tanh"},
    "RNN_TANH": {"hidden": "tanh"},
    "RNN_RELU": {"hidden": "relu"},
}


@dataclass
class GateStages:
    """One gate at one step, stage by stage; every array is (H,) float64.

    preactivation = from_input + bias_input + scale ⊙ (from_hidden + bias_hidden), where scale is the
    GRU's reset gate for its candidate and 1 everywhere else; value = activation(preactivation).
    """
    name: str                       # "input", "forget", ..., or "hidden" for a plain RNN
    activation: str                 # "sigmoid", "tanh" or "relu"
    from_input: np.ndarray          # W·x_t (this gate's rows of weight_ih)
    from_hidden: np.ndarray         # U·h_{t-1} (its rows of weight_hh)
    bias_input: np.ndarray          # b_ih rows (zeros for bias=False)
    bias_hidden: np.ndarray         # b_hh rows (zeros for bias=False)
    reset: np.ndarray | None        # GRU candidate only: r_t, which scales the hidden part
    preactivation: np.ndarray       # what goes into the nonlinearity
    value: np.ndarray               # after it: the trace's own number

    @property
    def bias(self) -> np.ndarray:
        """b = b_ih + b_hh, the textbook's single bias (PyTorch keeps two)."""
        return self.bias_input + self.bias_hidden

    @property
    def hidden_part(self) -> np.ndarray:
        """What the previous state adds: U·h_{t-1} + b_hh, times r_t for the GRU's candidate."""
        part = self.from_hidden + self.bias_hidden
        return part if self.reset is None else self.reset * part


@dataclass
class CellStep:
    """Everything one layer and direction computed at step t of one sequence; arrays (H,) float64 unless said.

    products, by cell:
      LSTM: "forget_cell" f⊙c_{t-1}, "input_candidate" i⊙g, "tanh_cell" tanh(c_t)
      GRU:  "reset_hidden" r⊙(U_n·h_{t-1} + b_hn), "keep" z⊙h_{t-1}, "one_minus_update" 1 - z,
            "write" (1 - z)⊙n
      RNN:  none
    """
    mode: str                       # "LSTM", "GRU", "RNN_TANH" or "RNN_RELU"
    layer: int
    direction: int                  # 1: reads the sequence from its end, so its previous state is h_{t+1}
    t: int                          # the timestep, in input order
    length: int                     # T
    x: np.ndarray                   # (I,) what the layer reads at t (the layer below's h_t above layer 0)
    h_prev: np.ndarray              # the state this step starts from
    c_prev: np.ndarray | None       # LSTM only
    gates: dict[str, GateStages]    # PyTorch's order; a plain RNN's layer as "hidden"
    products: dict[str, np.ndarray]
    c: np.ndarray | None            # c_t (LSTM only), the trace's
    h: np.ndarray                   # h_t, the trace's

    @property
    def reverse(self) -> bool:
        return self.direction == 1

    @property
    def hidden_size(self) -> int:
        return len(self.h)


def _checked(trace: Trace, layer, direction, batch):
    """The chosen LayerTrace, or a ValueError saying what exists."""
    layers = len(trace.layers) // trace.num_directions
    for name, value, count in (("layer", layer, layers), ("direction", direction, trace.num_directions),
                               ("batch", batch, trace.input.shape[0])):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or not 0 <= value < count:
            raise ValueError(f"{name}={value!r} is invalid: allowed is an integer in [0, {count - 1}]")
    return trace.layer(layer, direction)


def layer_input(trace: Trace, layer: int) -> torch.Tensor:
    """What layer `layer` reads: the input for layer 0, else the layer below's h_t, both directions
    concatenated as the fused module does. (B, T, I)"""
    if layer == 0:
        return trace.input
    below = [trace.layer(layer - 1, d).hidden for d in range(trace.num_directions)]
    return torch.cat(below, dim=-1)                                     # (B, T, D*H)


def _numpy(tensor) -> np.ndarray:
    return tensor.detach().double().numpy()


def cell_steps(rnn: nn.RNNBase, trace: Trace, layer: int = 0, direction: int = 0, batch: int = 0) -> list[CellStep]:
    """One CellStep per timestep (input order) of sequence `batch`, for one layer and direction.

    rnn: the module `trace` was made from (rnnviz.trace(rnn, x)), with the same weights.
    """
    if getattr(rnn, "mode", None) != trace.mode:
        raise ValueError(f"the trace is of a {trace.mode} module, rnn is {getattr(rnn, 'mode', type(rnn).__name__)}")
    chosen = _checked(trace, layer, direction, batch)
    mode, H = trace.mode, rnn.hidden_size
    x = _numpy(layer_input(trace, layer)[batch])                       # (T, I)
    hidden = _numpy(chosen.hidden[batch])                               # (T, H)
    h_prev = _numpy(chosen.previous_hidden()[batch])                    # (T, H)
    cell = _numpy(chosen.cell[batch]) if chosen.cell is not None else None
    c_prev = _numpy(chosen.previous_cell()[batch]) if chosen.cell is not None else None
    w_ih, w_hh, b_ih, b_hh = layer_weights(rnn, layer, direction)
    w_ih, w_hh = _numpy(w_ih), _numpy(w_hh)                             # (G*H, I), (G*H, H)
    b_ih = _numpy(b_ih) if b_ih is not None else np.zeros(w_ih.shape[0])
    b_hh = _numpy(b_hh) if b_hh is not None else np.zeros(w_ih.shape[0])
    from_input, from_hidden = x @ w_ih.T, h_prev @ w_hh.T               # (T, G*H) each

    names = GATE_NAMES[mode] or ("hidden",)
    values = {name: _numpy(chosen.gates[name][batch]) for name in GATE_NAMES[mode]}   # (T, H) each
    if not GATE_NAMES[mode]:
        values["hidden"] = hidden
    stages = {}
    for k, name in enumerate(names):
        rows = slice(k * H, (k + 1) * H)
        reset = values["reset"] if (mode == "GRU" and name == "candidate") else None
        hidden_part = from_hidden[:, rows] + b_hh[rows]
        pre = from_input[:, rows] + b_ih[rows] + (hidden_part if reset is None else reset * hidden_part)
        stages[name] = (from_input[:, rows], from_hidden[:, rows], b_ih[rows], b_hh[rows], reset, pre)

    products = {}
    if mode == "LSTM":
        products = {"forget_cell": values["forget"] * c_prev, "input_candidate": values["input"] * values["candidate"],
                    "tanh_cell": np.tanh(cell)}
    elif mode == "GRU":
        z, n = values["update"], values["candidate"]
        _, uh, _, bh, reset, _ = stages["candidate"]
        products = {"reset_hidden": reset * (uh + bh), "keep": z * h_prev, "one_minus_update": 1 - z, "write": (1 - z) * n}

    def at(t: int) -> CellStep:
        gates = {}
        for name, (wx, uh, bi, bh, reset, pre) in stages.items():
            gates[name] = GateStages(name=name, activation=ACTIVATIONS[mode][name], from_input=wx[t],
                                     from_hidden=uh[t], bias_input=bi, bias_hidden=bh,
                                     reset=None if reset is None else reset[t], preactivation=pre[t],
                                     value=values[name][t])
        return CellStep(mode=mode, layer=layer, direction=direction, t=t, length=len(hidden), x=x[t],
                        h_prev=h_prev[t], c_prev=None if c_prev is None else c_prev[t], gates=gates,
                        products={name: value[t] for name, value in products.items()},
                        c=None if cell is None else cell[t], h=hidden[t])

    return [at(t) for t in range(len(hidden))]


def cell_step(rnn: nn.RNNBase, trace: Trace, t: int, layer: int = 0, direction: int = 0, batch: int = 0) -> CellStep:
    """The CellStep at timestep t (input order); a ValueError names the allowed range of t."""
    T = trace.input.shape[1]
    if isinstance(t, bool) or not isinstance(t, numbers.Integral) or not 0 <= t < T:
        raise ValueError(f"t={t!r} is invalid: allowed is an integer in [0, {T - 1}]")
    return cell_steps(rnn, trace, layer, direction, batch)[t]


def activate(name: str, z: np.ndarray) -> np.ndarray:
    """The nonlinearity called `name` ("sigmoid", "tanh", "relu") applied to z."""
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    return np.maximum(z, 0)
