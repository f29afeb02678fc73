"""sine, time-series forecasting: predict the next value of a noisy sine from a window of past values.

The honest way, as a forecaster must do it: the series is split BY TIME (train, then validation, then
test), no window crosses a split boundary, and the MinMax scaler is fit on the training span only, so
nothing from the future leaks into what the network or its preprocessing sees. The "repeat the last
value" forecast is the baseline a forecaster must beat, reported beside the network's RMSE.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rnnviz.tasks.base import TaskData, check_batch_args, data_generator
from rnnviz.tasks.lazy_torch import no_grad, torch
from rnnviz.tasks.spec import TaskParam, TaskSpec

if TYPE_CHECKING:
    from torch import Tensor

N_POINTS = 3000
PERIOD = 20 * math.pi            # time steps per cycle: sin(0.1 t), about 63 steps
TRAIN_FRACTION, VAL_FRACTION = 0.70, 0.15   # the test span is the last 15%


class Sine(TaskData):
    """A fixed noisy sine series (its phase and noise drawn from the seed) cut into sliding windows.

    x (B, T, 1): T consecutive scaled values; target (B, 1): the value right after them.

    Also exposed, so a page can draw forecast against reality:
    - `series` (N,) the observed series and `clean` (N,) the sine without noise (None for a learner's own
      series), original units;
    - `train_span`, `val_span`, `test_span`: (start, stop) time indices of each split;
    - `train_times`, `val_times`, `test_times`: the time index of each window's target, in order;
    - `to_original(values)`: scaled values (model outputs) back to the series' units;
    - `repeat_last_rmse`: the test RMSE, original units, of predicting each value by the one before.
    """

    name = "sine"
    input_kind = "vectors"
    input_size = 1
    output_size = 1
    many_to_many = False
    target_kind = "regression"
    metric_name = "rmse"
    higher_is_better = False

    def __init__(self, seed: int = 0, seq_len: int = 50, noise: float = 0.1):
        self.noise = noise
        generator = data_generator(seed, salt=3)
        phase = float(torch.rand((), generator=generator, dtype=torch.float64)) * 2 * math.pi
        t = torch.arange(N_POINTS, dtype=torch.float64)                           # (N,)
        clean = torch.sin(2 * math.pi * t / PERIOD + phase)                       # (N,)
        series = clean + noise * torch.randn(N_POINTS, generator=generator, dtype=torch.float64)
        self._use_series(series, seq_len, clean=clean)

    def _use_series(self, series: Tensor, seq_len: int, clean: Tensor | None = None) -> None:
        """Split `series` (N,) float64 by time, fit the scaler on the training span, cut the windows.
        Shared with forecasting a learner's own series (rnnviz.tasks.custom), where `clean` is None."""
        self.seq_len = seq_len
        n_points = len(series)
        train_end = round(n_points * TRAIN_FRACTION)
        val_end = round(n_points * (TRAIN_FRACTION + VAL_FRACTION))
        self.train_span, self.val_span, self.test_span = (0, train_end), (train_end, val_end), (val_end, n_points)

        # the scaler sees the training span only: the future's range must not shape the inputs
        train_part = series[:train_end]
        self.scale_min = float(train_part.min())
        self.scale_max = float(train_part.max())
        self.clean = clean.float() if clean is not None else None
        self.series = series.float()
        scaled = (series - self.scale_min) / (self.scale_max - self.scale_min)    # (N,) float64

        self._train, self.train_times = self._windows(scaled, self.train_span)
        self.val, self.val_times = self._windows(scaled, self.val_span)
        self.test, self.test_times = self._windows(scaled, self.test_span)
        before = series[self.test_times - 1]                                       # the last value seen
        self.repeat_last_rmse = float(((series[self.test_times] - before) ** 2).mean().sqrt())
        self._finish()

    def _windows(self, scaled: Tensor, span: tuple[int, int]) -> tuple[tuple[Tensor, Tensor], Tensor]:
        """All windows inside span: inputs scaled[i:i+T], target scaled[i+T], with i + T < stop."""
        start, stop = span
        if stop - start <= self.seq_len:
            raise ValueError(f"sine: seq_len={self.seq_len} leaves no window in a split of {stop - start} points")
        windows = scaled[start:stop].unfold(0, self.seq_len + 1, 1)                # (n, T + 1)
        x = windows[:, :-1].float().unsqueeze(-1)                                  # (n, T, 1)
        y = windows[:, -1:].float()                                                # (n, 1)
        target_times = torch.arange(start + self.seq_len, stop)                    # (n,)
        return (x, y), target_times

    def train_batch(self, batch_size: int, generator: torch.Generator) -> tuple[Tensor, Tensor]:
        """Windows drawn at random (with replacement) from the training span."""
        check_batch_args(batch_size, generator)
        x, y = self._train
        index = torch.randint(len(y), (batch_size,), generator=generator)           # (B,)
        return x[index], y[index]

    def to_original(self, values):
        """Scaled values (a tensor, array or number, e.g. model outputs (B, 1)) in the series' units."""
        return values * (self.scale_max - self.scale_min) + self.scale_min

    @no_grad
    def metric(self, output: Tensor, target: Tensor) -> float:
        """Root mean squared error in the series' original units."""
        self._check_shapes(output, target)
        mse = ((output.double() - target.double()) ** 2).mean()
        return (mse.sqrt() * (self.scale_max - self.scale_min)).item()


# the registry entry (rnnviz/tasks/__init__.py gathers these)
SPEC = TaskSpec(
    name="sine",
    summary="Forecast the next value of a noisy sine wave from a window of its recent values.",
    params=(
        TaskParam("seq_len", 50, 2, 300,
                  "How many past values the network sees before forecasting; a longer window shows more "
                  "of the wave but takes longer to train."),
        TaskParam("noise", 0.1, 0.0, 1.0,
                  "Standard deviation of the noise added to the sine; more noise hides the wave and "
                  "raises the error no forecaster can avoid."),
    ),
    # measured: test RMSE 0.12/0.11/0.11 against repeat-last ~0.15 (noise 0.1), under 1 s, seeds 0-2. No
    # clipping: a clip of 1 acted on 3, 0 and 0 of the 300 steps (test RMSE 0.12/0.11/0.11 too)
    recommended=dict(cell="lstm", hidden_size=32, lr=0.01, steps=300, batch_size=64, clip=0.0, optimizer="adam"),
    data=Sine,
    results="forecast",
)
