"""The first examples: sum-sign (many-to-one classification) and next-number (many-to-many regression).

Both are synthetic: every training batch is freshly drawn, so the network can never memorise it.
"""
from __future__ import annotations

import numbers

import torch
from torch import Tensor

from rnnviz.tasks.base import TaskData, data_generator, is_finite_number

VAL_SIZE = 512
TEST_SIZE = 512


# --- sum-sign ------------------------------------------------------------------------------------

class SumSign(TaskData):
    """x: T numbers from N(0, 1); label 1 when their sum is positive. The network must keep a running
    total in its hidden state and read its sign at the end."""

    name = "sum-sign"
    input_kind = "vectors"
    input_size = 1
    output_size = 2
    many_to_many = False
    target_kind = "classification"
    metric_name = "accuracy"
    higher_is_better = True
    class_names = ["sum <= 0", "sum > 0"]

    def __init__(self, seed: int = 0, seq_len: int = 10):
        self.seq_len = seq_len
        generator = data_generator(seed, salt=1)
        self.val = self._draw(VAL_SIZE, generator)
        self.test = self._draw(TEST_SIZE, generator)
        self._finish()

    def _draw(self, n: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        x = torch.randn(n, self.seq_len, 1, generator=generator)   # (n, T, 1)
        y = (x.sum(dim=(1, 2)) > 0).long()                         # (n,)
        return x, y


# --- next-number ---------------------------------------------------------------------------------

START_LOW, START_HIGH = 0, 50    # integer starts in [0, 50)
STEP_LOW, STEP_HIGH = 1, 10      # integer steps in [1, 10)


class NextNumber(TaskData):
    """x: an arithmetic sequence start, start + step, ...; at every step predict the next term.

    Values are normalised to [-1, 1] by a fixed affine map from the generator's ranges (0 up to the
    largest possible target), so training takes seconds; `to_original` undoes it and the metric is the
    mean absolute error in the original units.
    """

    name = "next-number"
    input_kind = "vectors"
    input_size = 1
    output_size = 1
    many_to_many = True
    target_kind = "regression"
    metric_name = "mae"
    higher_is_better = False

    def __init__(self, seed: int = 0, seq_len: int = 10):
        self.seq_len = seq_len
        largest = (START_HIGH - 1) + (STEP_HIGH - 1) * seq_len   # the last target of the steepest sequence
        self.offset = largest / 2       # original value that maps to 0
        self.scale = largest / 2        # original units per normalised unit
        generator = data_generator(seed, salt=2)
        self.val = self._draw(VAL_SIZE, generator)
        self.test = self._draw(TEST_SIZE, generator)
        self._finish()

    def normalise(self, values):
        return (values - self.offset) / self.scale

    def to_original(self, values):
        """Normalised values (tensor, array or number) back to the sequence's own units."""
        return values * self.scale + self.offset

    def _terms(self, start: Tensor, step: Tensor, length: int) -> tuple[Tensor, Tensor]:
        """(x, target) normalised, from start and step (n, 1) float64: x_t = start + t step, target x_{t+1}."""
        t = torch.arange(length + 1, dtype=torch.float64)               # (T + 1,)
        terms = start + step * t                                       # (n, T + 1)
        terms = self.normalise(terms).float().unsqueeze(-1)            # (n, T + 1, 1)
        return terms[:, :-1], terms[:, 1:]                             # (n, T, 1) each

    def _draw(self, n: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        start = torch.randint(START_LOW, START_HIGH, (n, 1), generator=generator).double()  # (n, 1)
        step = torch.randint(STEP_LOW, STEP_HIGH, (n, 1), generator=generator).double()     # (n, 1)
        return self._terms(start, step, self.seq_len)

    def sequence(self, start: float, step: float, length: int | None = None) -> tuple[Tensor, Tensor]:
        """The user's own sequence, normalised like the training data: x (1, T, 1) and target (1, T, 1).

        Starts and steps outside the training ranges are allowed: that is how a learner sees the
        network fail to extrapolate.
        """
        length = self.seq_len if length is None else length
        if not (is_finite_number(start) and is_finite_number(step)):
            raise ValueError(f"start={start!r} and step={step!r} must be finite numbers")
        if isinstance(length, bool) or not isinstance(length, numbers.Integral) or not 2 <= length <= 1000:
            raise ValueError(f"length={length!r} is invalid: allowed is an integer in [2, 1000]")
        as_tensor = lambda v: torch.tensor([[float(v)]], dtype=torch.float64)   # (1, 1)
        return self._terms(as_tensor(start), as_tensor(step), int(length))

    @torch.no_grad()
    def metric(self, output: Tensor, target: Tensor) -> float:
        """Mean absolute error in the original units."""
        self._check_shapes(output, target)
        return ((output.double() - target.double()).abs().mean() * self.scale).item()
