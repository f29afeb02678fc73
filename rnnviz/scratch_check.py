"""Checking the from-scratch RNN (rnnviz.scratch) against PyTorch, for the From scratch page.

- `sum_sign_arrays`: the sum-sign task (rnnviz.tasks) as float64 NumPy arrays, what ScratchRNN reads.
- `gradient_check`: BPTT against torch autograd and against finite differences, one row per parameter.
- `train_side_by_side`: the NumPy model and its PyTorch twin trained from the same weights on the same
  batches with the same plain SGD: in float64 the two loss curves agree to rounding.

References: Karpathy, min-char-rnn.py (2015); Werbos (1990), Backpropagation through time.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch

from rnnviz.optim import SGD
from rnnviz.scratch import ScratchRNN, numerical_gradients, to_torch, torch_gradients
from rnnviz.tasks import make_task

PARAMETERS = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")


def sum_sign_arrays(n: int, seq_len: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """n sum-sign sequences drawn by the task itself: x (n, T, 1) float64, labels y (n,) float64 in {0, 1}."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    data = make_task("sum-sign", seed=seed, seq_len=seq_len)
    x, y = data.train_batch(int(n), torch.Generator().manual_seed(seed))   # (n, T, 1), (n,)
    return x.double().numpy(), y.double().numpy()


def _relative(difference: float, reference: np.ndarray) -> float:
    """max |a - b| / max |a|; 0 when both are exactly 0."""
    scale = float(np.max(np.abs(reference)))
    return difference / scale if scale > 0 else (0.0 if difference == 0 else float("inf"))


def gradient_check(model: ScratchRNN, x: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> pd.DataFrame:
    """One row per parameter: its shape, the largest BPTT gradient, and the largest absolute and
    relative (divided by max |BPTT|) differences to torch autograd and to central finite differences."""
    _, bptt = model.loss_and_grads(x, y)
    autograd = torch_gradients(model, x, y)
    finite = numerical_gradients(model, x, y, eps=eps)
    rows = []
    for name in PARAMETERS:
        to_autograd = float(np.max(np.abs(bptt[name] - autograd[name])))
        to_finite = float(np.max(np.abs(bptt[name] - finite[name])))
        rows.append({"parameter": name, "shape": "×".join(map(str, bptt[name].shape)),
                     "max_bptt": float(np.max(np.abs(bptt[name]))),
                     "autograd_abs": to_autograd, "autograd_rel": _relative(to_autograd, bptt[name]),
                     "finite_abs": to_finite, "finite_rel": _relative(to_finite, bptt[name])})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class SideBySide:
    numpy_losses: np.ndarray    # (steps,) loss of each step's batch, before that step's update
    torch_losses: np.ndarray    # (steps,)

    @property
    def max_difference(self) -> float:
        return float(np.max(np.abs(self.numpy_losses - self.torch_losses))) if len(self.numpy_losses) else 0.0


def train_side_by_side(model: ScratchRNN, x: np.ndarray, y: np.ndarray, steps: int, lr: float,
                       batch_size: int = 32, seed: int = 0) -> SideBySide:
    """Train a copy of `model` and its PyTorch twin (rnnviz.scratch.to_torch) with plain SGD on the same
    batches, each drawn without replacement from (x, y) by one shared NumPy generator.

    nn.RNN has two hidden biases, b_ih and b_hh, where the NumPy model has one b_h = b_ih + b_hh; both
    would receive the same gradient, so b_h would move twice as fast. b_hh stays frozen at 0 instead.
    `model` itself is left untouched.
    """
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps must be a positive integer, got {steps!r}")
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or not 1 <= batch_size <= len(x):
        raise ValueError(f"batch_size must be an integer in 1..{len(x)} (the number of samples), got {batch_size!r}")
    scratch = copy.deepcopy(model)
    twin = to_torch(scratch)                                  # float64, the same weights
    twin.rnn.bias_hh_l0.requires_grad_(False)
    optimizer = SGD([p for p in twin.parameters() if p.requires_grad], lr=lr)
    rng = np.random.default_rng(seed)
    numpy_losses, torch_losses = [], []
    for _ in range(steps):
        batch = rng.choice(len(x), size=batch_size, replace=False)
        loss, grads = scratch.loss_and_grads(x[batch], y[batch])
        scratch.step(grads, lr)
        numpy_losses.append(loss)

        logits = twin(torch.from_numpy(np.ascontiguousarray(x[batch], dtype=np.float64)))   # (B, 1)
        target = torch.from_numpy(np.asarray(y[batch], dtype=np.float64)).reshape(-1, 1)      # (B, 1)
        torch_loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target)
        optimizer.zero_grad()
        torch_loss.backward()
        optimizer.step()
        torch_losses.append(torch_loss.item())
    return SideBySide(np.array(numpy_losses), np.array(torch_losses))
