"""Trainer: the training loop, and nothing about RNNs in particular.

In the spirit of minGPT's trainer, it would train any model on any data source that offers
`train_batch(batch_size, generator)`, `val`, `loss(output, target)` and `metric(output, target)`.
Whoever watches (the CLI's progress bar, the dashboard's worker, a gradient recorder) subscribes with
`add_callback(event, fn)`; the loop knows nothing of them.

Every step records the loss and the gradient norm; clipping events are kept so a plot can mark them;
a NaN or infinite loss, gradient or weight stops training with TrainingDiverged and the model keeps the
last finite weights it had.

Early stopping (`patience` > 0): after `patience` validation measurements in a row without a new minimum of
the validation loss, training stops (`stopped` is set, `run` ends) and the model takes back the weights it
had at the best measurement. 0 turns it off, and then nothing of a step changes.
"""
from __future__ import annotations

import copy
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator

import torch
from torch import nn

from rnnviz import cost
from rnnviz.optim import OPTIMIZERS

EVENTS = ("on_step_end", "on_validation")


class TrainingDiverged(RuntimeError):
    """Training produced a non-finite loss, gradient or weight. The model keeps its last finite weights."""

    def __init__(self, step: int, what: str):
        super().__init__(f"training diverged at step {step}: the {what} is not finite "
                         f"(try a smaller learning rate or gradient clipping); the last finite weights are kept")
        self.step = step
        self.what = what


@dataclass(frozen=True)
class EarlyStop:
    """Where early stopping stopped: at step `step`, the validation loss had not improved since step
    `best_step` (`best_val_loss`); the model holds the weights of step best_step, as they were validated."""
    step: int
    best_step: int
    best_val_loss: float


class Trainer:
    """Runs optimisation steps on `model` with batches from `data`.

    `history` holds one dict per step: step, train_loss, grad_norm (before clipping), clipped, and at
    validation steps val_loss and val_metric; the step where early stopping stopped also carries
    kept_step (the step whose weights were taken back). The same seed gives the identical history.
    """

    def __init__(self, model: nn.Module, data, *, optimizer: str = "adam", lr: float = 0.01,
                 batch_size: int = 32, clip: float = 0.0, eval_every: int = 25, seed: int = 0,
                 patience: int = 0):
        self.model = model
        self.data = data
        self.batch_size = batch_size
        self.clip = clip                # 0: no clipping; the norm is still measured and recorded
        self.eval_every = eval_every
        self.step_count = 0
        self.history: list[dict] = []
        self.clip_events: list[int] = []  # steps whose gradient was clipped
        self.generator = torch.Generator().manual_seed(seed)  # batches: the only randomness of a step
        self.params = [p for p in model.parameters() if p.requires_grad]
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"optimizer={optimizer!r} is invalid: allowed is one of {', '.join(OPTIMIZERS)}")
        self.optimizer = OPTIMIZERS[optimizer](self.params, lr=lr)   # torch.optim's update, without torch._dynamo
        self.callbacks: dict[str, list[Callable]] = defaultdict(list)
        self._last_finite = [p.detach().clone() for p in self.params]
        self.patience = patience        # validations without a new minimum before stopping; 0: never stop
        self.best: dict | None = None   # {"step", "val_loss"} of the lowest validation loss so far
        self._best_weights: dict | None = None
        self._since_best = 0
        self.stopped: EarlyStop | None = None

    def add_callback(self, event: str, fn: Callable[["Trainer"], None]) -> None:
        """Call fn(trainer) on each event: 'on_step_end' after every step, 'on_validation' after each
        validation."""
        if event not in EVENTS:
            raise ValueError(f"event={event!r} is invalid: allowed is one of {', '.join(EVENTS)}")
        self.callbacks[event].append(fn)

    def _fire(self, event: str) -> None:
        for fn in self.callbacks[event]:
            fn(self)

    def step(self) -> dict:
        """One optimisation step on a fresh batch; validates every `eval_every` steps."""
        self.model.train()
        step = self.step_count + 1
        x, y = self.data.train_batch(self.batch_size, self.generator)
        loss = self.data.loss(self.model(x), y)
        loss_value = loss.item()
        if not math.isfinite(loss_value):
            # the last update may have pushed a weight to inf/NaN: then the weights before it are the
            # last finite ones (checked here, on the rare bad step, rather than after every update)
            if not all(torch.isfinite(p).all() for p in self.params):
                self._copy(self._last_finite, self.params)
                raise TrainingDiverged(step, "weight")
            raise TrainingDiverged(step, "loss")
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        grads = [p.grad for p in self.params if p.grad is not None]
        grad_norm = float(torch.linalg.vector_norm(torch.cat([g.reshape(-1) for g in grads])))
        if not math.isfinite(grad_norm):
            raise TrainingDiverged(step, "gradient")
        clipped = 0 < self.clip < grad_norm
        if clipped:       # rescale to norm `clip`, as torch.nn.utils.clip_grad_norm_ does
            for g in grads:
                g.mul_(self.clip / (grad_norm + 1e-6))
            self.clip_events.append(step)
        self._copy(self.params, self._last_finite)
        self.optimizer.step()

        self.step_count = step
        record = {"step": step, "train_loss": loss_value, "grad_norm": grad_norm, "clipped": clipped}
        self.history.append(record)
        if step % self.eval_every == 0:
            record.update(self.validate())
            if self.patience:
                self._watch_validation(record)
            self._fire("on_validation")
        self._fire("on_step_end")
        return record

    def _watch_validation(self, record: dict) -> None:
        """Early stopping: keep the weights of the lowest validation loss (a strictly lower one replaces
        them); after `patience` validations without one, take them back and stop."""
        if self.best is None or record["val_loss"] < self.best["val_loss"]:
            self.best = {"step": record["step"], "val_loss": record["val_loss"]}
            self._best_weights = copy.deepcopy(self.model.state_dict())
            self._since_best = 0
            return
        self._since_best += 1
        if self._since_best >= self.patience:
            self.model.load_state_dict(self._best_weights)
            record["kept_step"] = self.best["step"]
            self.stopped = EarlyStop(step=record["step"], best_step=self.best["step"],
                                     best_val_loss=self.best["val_loss"])

    @staticmethod
    @torch.no_grad()
    def _copy(sources, destinations) -> None:
        for source, destination in zip(sources, destinations):
            destination.copy_(source)

    def run(self, steps: int) -> Iterator[dict]:
        """Yield the record of each of the next `steps` steps (lazily: the caller may stop early); ends
        early when early stopping stops training."""
        for _ in range(steps):
            if self.stopped is not None:
                return
            yield self.step()

    @torch.no_grad()
    def evaluate(self, split: str = "val") -> dict:
        """Loss and metric on a fixed split ('val' or 'test'), with the model in eval mode.

        The split is read a chunk of sequences at a time (rnnviz.cost.evaluation_rows, a quarter of the
        session budget): 512 long sequences through a large network at once asked for gigabytes. The loss
        is a mean over every target, so the sum of each chunk's loss times its targets, over all targets,
        is the one-shot value; the metric (RMSE, accuracy, bits per character: not always a mean) reads the
        chunks' outputs joined, which the cost model counts."""
        x, y = getattr(self.data, split)
        rows = cost.evaluation_rows(self.model, x.shape[1]) or len(x)
        was_training = self.model.training
        self.model.eval()
        try:
            outputs, loss_sum = [], 0.0
            for start in range(0, len(x), rows):
                output, target = self.model(x[start:start + rows]), y[start:start + rows]
                loss_sum += self.data.loss(output, target).double().item() * target.numel()
                outputs.append(output)
            output = torch.cat(outputs)
            return {f"{split}_loss": loss_sum / y.numel(), f"{split}_metric": self.data.metric(output, y)}
        finally:
            self.model.train(was_training)

    def validate(self) -> dict:
        return self.evaluate("val")

    def last_validation(self) -> dict | None:
        """The most recent record that carries val_loss, if any."""
        return next((r for r in reversed(self.history) if "val_loss" in r), None)
