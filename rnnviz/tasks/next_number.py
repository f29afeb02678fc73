"""next-number: read an arithmetic sequence such as 3, 7, 11 and predict the next term at every step
(many-to-many regression), the course's first forecasting example. Every training batch is freshly drawn.
"""
from __future__ import annotations

import numbers
from typing import TYPE_CHECKING

from rnnviz.tasks.base import TEST_SIZE, VAL_SIZE, TaskData, data_generator, is_finite_number
from rnnviz.tasks.lazy_torch import no_grad, torch
from rnnviz.tasks.spec import TaskParam, TaskSpec

if TYPE_CHECKING:
    from torch import Tensor

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

    @no_grad
    def metric(self, output: Tensor, target: Tensor) -> float:
        """Mean absolute error in the original units."""
        self._check_shapes(output, target)
        return ((output.double() - target.double()).abs().mean() * self.scale).item()


# the registry entry (rnnviz/tasks/__init__.py gathers these)
SPEC = TaskSpec(
    name="next-number",
    summary="Read an arithmetic sequence such as 3, 7, 11 and predict the next number at every step.",
    params=(TaskParam("seq_len", 10, 2, 1000,
                      "How many terms each sequence shows; longer sequences reach larger numbers."),),
    # measured: val MAE 0.49/0.71/0.49 (original units), seeds 0-2, in ~1.5 s; the first step cannot know
    # the step size. No clipping: a clip of 1 acted on 0, 0 and 1 of the 800 steps (MAE 0.49/0.71/0.48)
    recommended=dict(cell="gru", hidden_size=32, lr=0.01, steps=800, batch_size=64, clip=0.0, optimizer="adam"),
    data=NextNumber,
    results="sequence",
    forecasts_its_input=True,
)
