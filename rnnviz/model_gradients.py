"""Gradients of a task's model, the numbers behind the Gradients page: vanishing and exploding
gradients, measured and bounded.

rnnviz.gradients works on any nn.RNN/LSTM/GRU; this module applies it to a SequenceModel and its task's
data, and chooses what to measure: a fixed probe batch, a fresh model whose recurrent matrix is
orthogonal x rho (the "what does rho do" lab), the Pascanu bound beside it, and clipping's share.

References:
- Pascanu, Mikolov & Bengio (2013), On the difficulty of training recurrent neural networks: the
  bound ||dh_{T-1}/dh_t|| <= (sigma_max(W_hh) * gamma)^(T-1-t) and gradient clipping.
- Saxe, McClelland & Ganguli (2014): orthogonal initialisation; Le, Jaitly & Hinton (2015): its scale.
- Gers, Schmidhuber & Cummins (2000): the forget gate; Jozefowicz, Zaremba & Sutskever (2015): a forget
  bias of 1 or more, because at PyTorch's initialisation the gate sits near 0.5 and an untrained LSTM's
  cell state halves the gradient at every step (the lab measures it, and the trained network beside it).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from rnnviz.config import ExperimentConfig
from rnnviz.gradients import (PROBE_SIZE, cell_grad_norms, hidden_grad_norms, input_attribution,
                              model_hidden_grad_norms, pascanu_curve)
from rnnviz.models import SequenceModel, build_model
from rnnviz.tasks import make_task
from rnnviz.tasks.base import TaskData
from rnnviz.tracing import eval_mode, trace

CELL_KINDS = ("rnn", "lstm", "gru")     # side by side in the unrolled view
CARRY_GATES = {"LSTM": "forget", "GRU": "update"}   # the gate that keeps the past: c_t = f*c_{t-1} + ..., h_t = z*h_{t-1} + ...


def probe_batch(data: TaskData, size: int = PROBE_SIZE) -> tuple[Tensor, Tensor]:
    """The first `size` validation sequences: a fixed batch, so "now" and "at initialisation" compare."""
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise ValueError(f"size={size!r} is invalid: allowed is an integer >= 1")
    x, y = data.val
    return x[:size], y[:size]


def last_step_loss(data: TaskData):
    """The task's loss reading only the output at the last step.

    Many-to-one tasks already do; for many-to-many ones this keeps the error entering at one end, the
    setting of Pascanu et al., where ||dL/dh_t|| is the last step's gradient carried back through time.
    """
    if not data.many_to_many:
        return data.loss
    return lambda output, target: data.loss(output[:, -1:], target[:, -1:])   # (B, 1, O), (B, 1[, O])


def probe_grad_norms(model: SequenceModel, data: TaskData, size: int = PROBE_SIZE,
                     last_step_only: bool = False) -> np.ndarray:
    """||dL/dh_t|| on the probe batch: (num_layers * num_directions, T), the model's dtype."""
    x, y = probe_batch(data, size)
    loss = last_step_loss(data) if last_step_only else data.loss
    return model_hidden_grad_norms(model, x, y, loss).numpy()


def count_not_finite(norms) -> np.ndarray:
    """How many timesteps of each curve overflowed to inf or became nan: (K,)."""
    return (~np.isfinite(np.atleast_2d(np.asarray(norms)))).sum(axis=-1)


def top_forward_curve(config: ExperimentConfig) -> int:
    """Index of the top layer's forward direction among the (L*D) curves (PyTorch's order)."""
    return (config.layers - 1) * (2 if config.bidirectional else 1)


# ---------------------------------------------------------------------------------------------
# the spectral radius lab: a fresh, untrained model with W_hh = orthogonal x rho

def radius_lab_config(config: ExperimentConfig, cell: str, seq_len: int, spectral_radius: float,
                      forget_bias: float | None = None) -> ExperimentConfig:
    """The session's experiment with another cell, sequence length, rho and LSTM forget-gate bias (None:
    PyTorch's initialisation, a total bias near 0); ValueError if invalid."""
    task_params = {**config.task_params, "seq_len": seq_len}
    return config.replace(cell=cell, spectral_radius=spectral_radius, forget_bias=forget_bias,
                          task_params=task_params)


def gradient_ratio(norms_row) -> float:
    """||dL/dh_0|| / ||dL/dh_(T-1)|| of one curve, in float64: how much of the gradient reaches the first
    step (inf or nan where the last one is 0 or a value is not finite)."""
    row = np.asarray(norms_row, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(row[0] / row[-1])


def carry_gate_mean(model: SequenceModel, data: TaskData, size: int = PROBE_SIZE) -> float | None:
    """Mean over the probe batch of the gate that keeps the past in the top layer's forward direction:
    the LSTM's forget gate f (c_t = f*c_{t-1} + i*g) or the GRU's update gate z (h_t = z*h_{t-1} +
    (1-z)*n); None for a plain RNN. Backwards, the cell path multiplies the gradient by it at each step."""
    gate = CARRY_GATES.get(model.rnn.mode)
    if gate is None:
        return None
    x, _ = probe_batch(data, size)
    with eval_mode(model), torch.no_grad():
        traced = trace(model.rnn, model.embed(x))
    top = (model.rnn.num_layers - 1) * (2 if model.rnn.bidirectional else 1)
    return float(traced.layers[top].gates[gate].double().mean())


def lab_task_data(config: ExperimentConfig) -> TaskData:
    """The task's data for this config (its own seed and knobs)."""
    return make_task(config.task, seed=config.seed, **config.task_params)


@dataclass(frozen=True)
class RadiusLab:
    """What the lab measured on a fresh model: the curves, and the bound where it applies."""

    model: SequenceModel
    norms: np.ndarray           # (L*D, T) ||dL/dh_t||, loss read at the last step only
    bound: np.ndarray | None    # (T,) Pascanu bound through the measured last value (tanh RNN only)
    bound_curve: int | None     # the curve it bounds: the top layer's forward direction
    sigma: float                # sigma_max of that layer's W_hh (equals rho for orthogonal x rho)
    ratio: float                # ||dL/dh_0|| / ||dL/dh_(T-1)|| of the top layer's forward direction
    carry_gate: float | None    # mean forget (LSTM) or update (GRU) gate there, None for a plain RNN


def radius_lab(config: ExperimentConfig, data: TaskData, size: int = PROBE_SIZE) -> RadiusLab:
    """Build the config's model untrained (W_hh orthogonal x config.spectral_radius, the config's seed)
    and measure ||dL/dh_t|| of the last step's loss on the probe batch.

    The bound is drawn for tanh RNNs on the top layer's forward direction: nothing above it and no
    other output feeds it, so dL/dh_t = dL/dh_{T-1} times the step Jacobians and the bound holds.
    """
    if config.spectral_radius is None:
        raise ValueError("the lab needs config.spectral_radius (the rho of W_hh = orthogonal x rho)")
    model = build_model(config, data).eval()
    norms = probe_grad_norms(model, data, size, last_step_only=True)     # (L*D, T)
    top = config.layers - 1
    weight = getattr(model.rnn, f"weight_hh_l{top}").detach().double()
    sigma = float(torch.linalg.matrix_norm(weight, ord=2))
    curve = top_forward_curve(config)
    ratio, carry = gradient_ratio(norms[curve]), carry_gate_mean(model, data, size)
    if config.cell != "rnn":
        return RadiusLab(model, norms, None, None, sigma, ratio, carry)
    bound = pascanu_curve(model.rnn, norms[curve], layer=top).numpy()     # (T,) float64, may hold inf
    return RadiusLab(model, norms, bound, curve, sigma, ratio, carry)


def trained_and_initial(initial: SequenceModel, now: SequenceModel, data: TaskData,
                        size: int = PROBE_SIZE) -> dict:
    """The lab's measure on the learner's own network, before and after training: for "initial" and
    "now", {"ratio": ||dL/dh_0|| / ||dL/dh_(T-1)|| of the last step's loss (top layer, forward),
    "carry_gate": the mean forget/update gate or None}."""
    top = (initial.rnn.num_layers - 1) * (2 if initial.rnn.bidirectional else 1)
    return {name: {"ratio": gradient_ratio(probe_grad_norms(model, data, size, last_step_only=True)[top]),
                   "carry_gate": carry_gate_mean(model, data, size)}
            for name, model in (("initial", initial), ("now", now))}


# ---------------------------------------------------------------------------------------------
# the unrolled view: one sequence, the gradient flowing back along h_t (and an LSTM's c_t)

@dataclass(frozen=True)
class Unrolled:
    """||dL/dh_t|| (and ||dL/dc_t||) of the top layer's forward direction on one sequence."""

    cell: str                   # "rnn", "rnn-relu", "lstm" or "gru"
    hidden: np.ndarray          # (T,) ||dL/dh_t||, total derivative
    cell_state: np.ndarray | None  # (T,) ||dL/dc_t|| (LSTM), None otherwise
    loss_at_every_step: bool    # the loss reads every output (many-to-many) or only the last one


def unrolled_gradients(model: SequenceModel, data: TaskData, index: int = 0,
                       last_step_only: bool = False) -> Unrolled:
    """The gradient flowing back through validation sequence `index`: ||dL/dh_t|| and, for an LSTM,
    ||dL/dc_t||, exact (rnnviz.gradients), with the task's loss (or its last step's only)."""
    x, y = data.val
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(x):
        raise ValueError(f"index={index!r} is invalid: allowed is an integer in [0, {len(x) - 1}]")
    x, y = x[index:index + 1], y[index:index + 1]                         # (1, T[, I]), (1[, T][, O])
    loss = last_step_loss(data) if last_step_only else data.loss
    top = (model.rnn.num_layers - 1) * (2 if model.rnn.bidirectional else 1)
    with eval_mode(model):
        with torch.no_grad():
            rnn_input = model.embed(x)                                    # (1, T, I)

        def loss_fn(out):
            return loss(model.readout(out), y)

        if model.rnn.mode == "LSTM":
            hidden, cell_state = cell_grad_norms(model.rnn, rnn_input, loss_fn)    # (L*D, T) each
            cell_state = cell_state[top].numpy()
        else:
            hidden, cell_state = hidden_grad_norms(model.rnn, rnn_input, loss_fn), None
    kind = {"LSTM": "lstm", "GRU": "gru", "RNN_TANH": "rnn", "RNN_RELU": "rnn-relu"}[model.rnn.mode]
    return Unrolled(kind, hidden[top].numpy(), cell_state, data.many_to_many and not last_step_only)


def fresh_cells_unrolled(config: ExperimentConfig, data: TaskData, index: int = 0) -> dict[str, Unrolled]:
    """RNN, LSTM and GRU built fresh from `config` (its rho, forget bias, sizes and seed), untrained, on
    the same sequence, the loss read at its last step: cell kind -> Unrolled."""
    return {cell: unrolled_gradients(build_model(config.replace(cell=cell), data).eval(), data, index,
                                     last_step_only=True)
            for cell in CELL_KINDS}


# ---------------------------------------------------------------------------------------------
# input attribution and clipping

def sample_attribution(model: SequenceModel, data: TaskData, index: int) -> tuple[np.ndarray, list | None]:
    """||dy/dx_t|| of test sample `index` (y: the output at the last step): (T,), and its tokens
    (for text tasks, None otherwise)."""
    x, _ = data.test
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(x):
        raise ValueError(f"index={index!r} is invalid: allowed is an integer in [0, {len(x) - 1}]")
    sample = x[index:index + 1]                                           # (1, T[, I])
    attribution = input_attribution(model, sample).numpy()                # (T,)
    tokens = [data.vocab[i] for i in sample[0].tolist()] if data.input_kind == "tokens" else None
    return attribution, tokens


def clip_summary(history, clip: float) -> dict:
    """Clip events and gradient norms of a run: {"steps", "events", "largest", "clip"}."""
    clipped = [r["step"] for r in history if r.get("clipped")]
    norms = [r["grad_norm"] for r in history]
    return {"steps": len(history), "events": len(clipped), "largest": max(norms) if norms else None,
            "clip": clip, "clipped_steps": clipped}
