"""SGD and Adam written out, operation for operation as torch.optim computes them on the CPU.

Why not torch.optim: its `step()` imports torch._dynamo on first use, which costs ~75 MB resident and
~0.8 s on a server that must fit, whole, in Streamlit Community Cloud's 1 GB. The two updates are short
and textbook; tests/test_optim.py checks that they leave every weight bit-for-bit equal to
torch.optim.SGD and torch.optim.Adam (defaults: no momentum, no weight decay, betas (0.9, 0.999),
eps 1e-8), so a run trained here equals the same run trained with torch.optim.
"""
from __future__ import annotations

from typing import Iterable

import torch


class _Optimizer:
    """What the Trainer needs of an optimiser: `step()` after backward, `zero_grad()` before it."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float):
        self.params = list(params)
        self.lr = lr

    def zero_grad(self, set_to_none: bool = True) -> None:
        for p in self.params:
            if set_to_none:
                p.grad = None
            elif p.grad is not None:
                p.grad.zero_()


class SGD(_Optimizer):
    """Plain gradient descent: w <- w - lr * g."""

    @torch.no_grad()
    def step(self) -> None:
        for p in self.params:
            if p.grad is not None:
                p.add_(p.grad, alpha=-self.lr)


class Adam(_Optimizer):
    """Adam (Kingma & Ba, 2015) with bias correction, as torch.optim.Adam's single-tensor path does it.

    m <- b1 m + (1-b1) g;  v <- b2 v + (1-b2) g^2;  w <- w - lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps)
    """

    def __init__(self, params: Iterable[torch.Tensor], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8):
        super().__init__(params, lr)
        self.betas = betas
        self.eps = eps
        self.state: dict[int, dict] = {}   # per parameter, created at its first gradient, as torch does

    @torch.no_grad()
    def step(self) -> None:
        beta1, beta2 = self.betas
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            state = self.state.get(i)
            if state is None:       # not setdefault: that would allocate two zero tensors every step
                state = self.state[i] = {"step": 0, "exp_avg": torch.zeros_like(p), "exp_avg_sq": torch.zeros_like(p)}
            state["step"] += 1
            step, grad = state["step"], p.grad
            exp_avg, exp_avg_sq = state["exp_avg"], state["exp_avg_sq"]
            exp_avg.lerp_(grad, 1 - beta1)
            exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            step_size = self.lr / (1 - beta1 ** step)
            denom = (exp_avg_sq.sqrt() / (1 - beta2 ** step) ** 0.5).add_(self.eps)
            p.addcdiv_(exp_avg, denom, value=-step_size)


OPTIMIZERS = {"adam": Adam, "sgd": SGD}
