"""The From-scratch page's numbers and figures: the NumPy RNN of rnnviz.scratch beside PyTorch.

- `sum_sign_arrays`: the sum-sign task (rnnviz.tasks) as float64 NumPy arrays, what ScratchRNN reads.
- `gradient_check`: BPTT against torch autograd and against finite differences, one row per parameter.
- `train_side_by_side`: the NumPy model and its PyTorch twin trained from the same weights on the same
  batches with the same plain SGD: in float64 the two loss curves agree to rounding.
- `latex_matrix`, `time_table`: numbers laid out to sit beside the equations.
- `loss_comparison_figure`, `bptt_figure`: arrays in, go.Figure out.

References: Karpathy, min-char-rnn.py (2015); Werbos (1990), Backpropagation through time.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import torch
from plotly.subplots import make_subplots

from rnnviz.figures.style import DIVERGING, LAPTOP, Style
from rnnviz.scratch import ScratchRNN, numerical_gradients, to_torch, torch_gradients
from rnnviz.tasks import make_task

PARAMETERS = ("W_xh", "W_hh", "b_h", "W_hy", "b_y")


# --- numbers -----------------------------------------------------------------------------------------

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
    optimizer = torch.optim.SGD([p for p in twin.parameters() if p.requires_grad], lr=lr)
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


def latex_matrix(values, digits: int = 3) -> str:
    """A vector or matrix as a LaTeX bmatrix (a vector as a column), each number with `digits` digits."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim == 0:
        return f"{values:.{digits}f}"
    if values.ndim == 1:
        values = values[:, None]
    if values.ndim != 2:
        raise ValueError(f"latex_matrix takes a vector or a matrix, got shape {values.shape}")
    rows = [" & ".join(f"{v:.{digits}f}" for v in row) for row in values]
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def time_table(values, unit: str = "unit {i}", time: str = "t") -> pd.DataFrame:
    """(T, H) values as a table: one row per step t = 1..T, one column per unit 1..H."""
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"time_table takes a (T, H) array, got shape {values.shape}")
    frame = pd.DataFrame(values, columns=[unit.format(i=i + 1) for i in range(values.shape[1])])
    frame.index = pd.RangeIndex(1, len(values) + 1, name=time)
    return frame


# --- figures -----------------------------------------------------------------------------------------

LOSS_LABELS = {"title": "NumPy and PyTorch, same weights, same batches", "x": "training step",
               "y": "loss", "numpy": "NumPy (BPTT by hand)", "torch": "PyTorch (autograd)"}
BPTT_LABELS = {"title": "Forward and backward, one sample", "hidden": "h_t (forward)",
               "gradient": "dL/dh_t (backward)", "x": "time t", "y": "unit"}


def loss_comparison_figure(numpy_losses, torch_losses, labels: dict | None = None,
                           style: Style = LAPTOP) -> go.Figure:
    """Both loss curves against the step: NumPy solid, PyTorch dashed on top, so a coincidence shows."""
    labels = {**LOSS_LABELS, **(labels or {})}
    fig = go.Figure()
    for i, (name, losses) in enumerate((("numpy", numpy_losses), ("torch", torch_losses))):
        losses = np.asarray(losses, dtype=np.float64)
        fig.add_trace(go.Scatter(x=np.arange(1, len(losses) + 1, dtype=np.int32), y=losses.astype(np.float32),
                                 name=labels[name], mode="lines",
                                 line=dict(color=style.color(i), dash=style.dash(i),
                                           width=style.line_width * (1.6 if i == 0 else 1.0))))
    fig.update_xaxes(title=labels["x"])
    fig.update_yaxes(title=labels["y"])
    style.apply(fig, labels["title"])
    return fig.update_layout(margin_t=45 + 3 * style.font_size)


def bptt_figure(hidden, hidden_grads, labels: dict | None = None, style: Style = LAPTOP) -> go.Figure:
    """Two heatmaps (unit x time) side by side: h_t of the forward pass and dL/dh_t of BPTT, each on a
    diverging scale centred at 0 (h_t in [-1, 1]; the gradient symmetric about its largest |value|)."""
    labels = {**BPTT_LABELS, **(labels or {})}
    hidden = np.asarray(hidden, dtype=np.float64)              # (T, H)
    grads = np.asarray(hidden_grads, dtype=np.float64)        # (T, H)
    if hidden.shape != grads.shape or hidden.ndim != 2:
        raise ValueError(f"hidden and hidden_grads must be (T, H) of one shape, got {hidden.shape}, {grads.shape}")
    T, H = hidden.shape
    t, units = np.arange(1, T + 1, dtype=np.int32), np.arange(1, H + 1, dtype=np.int32)
    g_max = float(np.max(np.abs(grads))) or 1.0
    fig = make_subplots(rows=1, cols=2, subplot_titles=(labels["hidden"], labels["gradient"]),
                        horizontal_spacing=0.12)
    fig.add_trace(go.Heatmap(z=hidden.T.astype(np.float32), x=t, y=units, colorscale=DIVERGING,
                             zmin=-1, zmax=1, colorbar=dict(x=0.44, len=0.9), name=labels["hidden"],
                             hovertemplate="t=%{x}, unit %{y}: %{z:.4f}<extra></extra>"), row=1, col=1)
    fig.add_trace(go.Heatmap(z=grads.T.astype(np.float32), x=t, y=units, colorscale=DIVERGING,
                             zmin=-g_max, zmax=g_max, colorbar=dict(x=1.0, len=0.9), name=labels["gradient"],
                             hovertemplate="t=%{x}, unit %{y}: %{z:.3e}<extra></extra>"), row=1, col=2)
    fig.update_xaxes(title=labels["x"], dtick=1)
    fig.update_yaxes(title=labels["y"], dtick=1, autorange="reversed")
    style.apply(fig, labels["title"])
    return fig.update_layout(margin_t=45 + 3 * style.font_size)
