"""What every task's data is made of (TaskData), and the helpers the task families share.

A TaskData knows its shapes, draws training batches, holds fixed validation and test sets, and owns its
loss and metric, so the trainer never needs to know which task it is training. Its `baseline_loss` is the
loss of the best predictor that never looks at the input, computed from the validation set: a network
that does not beat it has learned nothing. A task's knobs and registry entry (TaskParam, TaskSpec) are in
spec.py, free of PyTorch.
"""
from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING

from rnnviz.tasks.lazy_torch import F, no_grad, torch

if TYPE_CHECKING:
    from torch import Tensor

    from rnnviz.tasks.spec import TaskSpec

VAL_SIZE = 512      # the fixed validation and test sets of the synthetic tasks, in sequences
TEST_SIZE = 512


def data_generator(seed: int, salt: int) -> torch.Generator:
    """The generator that draws a task's fixed data (validation and test sets, a noisy series).

    The trainer seeds its batch generator with the experiment seed itself; mixing the seed with a
    per-task salt keeps the fixed sets from being the very sequences of the first training batches.
    """
    import numpy as np      # here, not at the top: the registry imports this file and stays light

    mixed = np.random.SeedSequence([int(seed), salt]).generate_state(1, dtype=np.uint64)[0]
    return torch.Generator().manual_seed(int(mixed) & ((1 << 63) - 1))


def check_batch_args(batch_size, generator) -> None:
    """TypeError/ValueError unless batch_size is a positive int and generator a torch.Generator."""
    if isinstance(batch_size, bool) or not isinstance(batch_size, numbers.Integral) or batch_size < 1:
        raise ValueError(f"batch_size={batch_size!r} is invalid: allowed is an integer >= 1")
    if not isinstance(generator, torch.Generator):
        raise TypeError(f"generator must be a torch.Generator, not {type(generator).__name__}")


class TaskData:
    """The data of one task, built for one seed and one set of task parameters.

    Subclasses set the attributes below in __init__, then call `_finish()` to compute the baseline.
    Shapes: x is (B, T, I) float32 for "vectors" or (B, T) int64 for "tokens"; targets are (B, O) or
    (B, T, O) float32 for regression, (B,) or (B, T) int64 for classification (many-to-one or -many).
    """

    name: str
    input_kind: str                 # "vectors" | "tokens"
    input_size: int                 # features per step (vectors) or vocabulary size (tokens)
    output_size: int                # regression dims, classes, or vocabulary size
    many_to_many: bool              # targets at every step, or one per sequence read at the last step
    target_kind: str                # "regression" | "classification"
    seq_len: int                    # length T of the sequences fed to the network
    val: tuple[Tensor, Tensor]
    test: tuple[Tensor, Tensor]
    metric_name: str | None = None  # "accuracy", "rmse", "mae", "symbol accuracy", "bits per char", ...
    higher_is_better: bool = True
    baseline_loss: float
    baseline_metric: float | None   # the metric of that same input-blind predictor on the val set
    vocab: list[str] | None = None
    class_names: list[str] | None = None

    # --- to implement per task -------------------------------------------------------------------
    def train_batch(self, batch_size: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        """A training batch (x, y); the same generator state gives the same batch. Synthetic tasks draw
        fresh sequences with `_draw`; data tasks override this to sample their training split."""
        check_batch_args(batch_size, generator)
        return self._draw(batch_size, generator)

    def _draw(self, n: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        raise NotImplementedError

    # --- loss and metric, by kind ----------------------------------------------------------------
    def loss(self, output: Tensor, target: Tensor) -> Tensor:
        """Mean squared error (regression) or mean cross-entropy in nats over every target (classification).

        output: (B, O) for many-to-one, (B, T, O) for many-to-many; raw logits for classification.
        """
        self._check_shapes(output, target)
        if self.target_kind == "regression":
            return F.mse_loss(output, target.to(output.dtype))
        return F.cross_entropy(output.reshape(-1, output.shape[-1]), target.reshape(-1))

    def metric(self, output: Tensor, target: Tensor) -> float | None:
        """Accuracy for classification (the fraction of argmax hits); regression tasks override this."""
        self._check_shapes(output, target)
        if self.target_kind == "classification":
            return accuracy(output, target)
        return None

    def _check_shapes(self, output: Tensor, target: Tensor) -> None:
        if not isinstance(output, torch.Tensor) or not isinstance(target, torch.Tensor):
            raise TypeError("output and target must be torch tensors")
        if self.target_kind == "regression":
            ok = output.shape == target.shape and output.dim() == (3 if self.many_to_many else 2)
            expected = "(B, T, O)" if self.many_to_many else "(B, O)"
        else:
            ok = output.dim() == (3 if self.many_to_many else 2) and output.shape[:-1] == target.shape
            expected = "(B, T, O) and target (B, T)" if self.many_to_many else "(B, O) and target (B,)"
        if not ok or output.shape[-1] != self.output_size:
            raise ValueError(f"{self.name}: output {tuple(output.shape)} and target {tuple(target.shape)} "
                             f"do not match: expected output {expected} with O = {self.output_size}")

    # --- the input-blind baseline ----------------------------------------------------------------
    def constant_output(self, target: Tensor) -> Tensor:
        """The best output that ignores the input, shaped like a model's output for `target` (float64).

        Regression: the mean target (MSE's minimiser). Classification: the log of the class frequencies
        (cross-entropy's minimiser). Many-to-many tasks have a fixed layout in time, so each step gets
        its own constant: a network can always count steps, so the honest bar does too.
        """
        if self.target_kind == "regression":
            return target.double().mean(dim=0, keepdim=True).expand_as(target)
        counts = F.one_hot(target, self.output_size).double().sum(dim=0, keepdim=True)  # (1, [T,] O)
        logits = torch.log(counts / counts.sum(dim=-1, keepdim=True))
        return logits.expand(*target.shape, self.output_size)

    def _finish(self) -> None:
        """Compute baseline_loss and baseline_metric from the validation set."""
        x, y = self.val
        best = self.constant_output(y)
        self.baseline_loss = float(self.loss(best, y.double() if y.is_floating_point() else y))
        self.baseline_metric = self.metric(best, y)

    @property
    def spec(self) -> TaskSpec:
        """This task's registry entry: its knobs and traits (what text it reads, its results section, ...)."""
        from rnnviz.tasks import get_task     # the registry imports this file: look it up when asked

        return get_task(self.name)

    # --- text, for tokens tasks ------------------------------------------------------------------
    def encode(self, text: str) -> Tensor:
        raise TypeError(f"{self.name} reads vectors, not text: encode() is for tokens tasks")

    def decode(self, ids) -> str:
        raise TypeError(f"{self.name} reads vectors, not text: decode() is for tokens tasks")

    def __repr__(self) -> str:
        return (f"<{type(self).__name__} {self.name!r}: {self.input_kind} x{self.input_size} -> "
                f"{self.target_kind} x{self.output_size}, T={self.seq_len}, "
                f"{'many-to-many' if self.many_to_many else 'many-to-one'}, baseline {self.baseline_loss:.4g}>")


@no_grad
def accuracy(output: Tensor, target: Tensor) -> float:
    """Fraction of positions whose highest logit is the target class."""
    return (output.argmax(dim=-1) == target).double().mean().item()


def ids_to_tokens(vocab: list[str], ids) -> list[str]:
    """The tokens of `ids` (a tensor, array or list of ints), with a clear error for a bad id."""
    ids = ids.tolist() if hasattr(ids, "tolist") else list(ids)
    if any(isinstance(i, list) for i in ids):
        raise ValueError("decode takes one sequence of ids (T,), not a batch")
    bad = [i for i in ids if isinstance(i, bool) or not (isinstance(i, numbers.Integral) and 0 <= i < len(vocab))]
    if bad:
        raise ValueError(f"ids {bad[:5]} are not in the vocabulary (0..{len(vocab) - 1})")
    return [vocab[i] for i in ids]


def is_finite_number(value) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and math.isfinite(value)
