"""RaceRunner and SweepRunner: the Compare page's lock-step race and sequence-length sweep, on threads.

Like TrainingWorker, each is a TrainingThread owned by one session: it publishes immutable snapshots that
the page polls from a fragment, and never calls st.*. It checks between training steps whether it was
asked to stop, and whether its session is gone (SessionWatch: a websocket lost for less than its grace
period is not an end), and ends in either case. The race and the sweep themselves are rnnviz.compare.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from rnnviz.compare import COMPARED_CELLS, Race, SweepPoint, history_arrays, sequence_length_sweep
from rnnviz.config import ExperimentConfig
from rnnviz.live import cpu_slots
from rnnviz.live.session_watch import GRACE_SECONDS, SessionWatch
from rnnviz.live.status import FAILED, FINISHED, RUNNING, STOPPED
from rnnviz.live.training_threads import counts_as_training

log = logging.getLogger(__name__)


def _training_slot():
    """A turn for one step, shared with every session's training (rnnviz.live.cpu_slots)."""
    return cpu_slots.TRAINING.held()


class BackgroundRunner:
    """A TrainingThread (training_threads.py) that starts when made and runs `self._work()` once;
    subclasses call `self.should_stop()` between steps. No pause: a race or sweep is started again instead."""

    def __init__(self, is_alive: Callable[[], bool], name: str, grace_seconds: float = GRACE_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        self.session = SessionWatch(is_alive, grace_seconds, clock=clock)
        self._stop = threading.Event()
        self.status = RUNNING
        self.error: str | None = None
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        counts_as_training(self)

    def should_stop(self) -> bool:
        """True once stop() was called or the session is gone."""
        if not self._stop.is_set() and self.session.ended():
            self._stop.set()
        return self._stop.is_set()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end after its current step, and wait for it. Idempotent."""
        self._stop.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self.status == RUNNING

    @property
    def is_training(self) -> bool:      # counted by training_now()
        return self.running

    def _main(self) -> None:
        try:
            self._work()
            status = STOPPED if self._stop.is_set() else FINISHED
        except Exception as error:                      # shown on the page, never a dead silent thread
            log.exception("%s failed", self._thread.name)
            status, self.error = FAILED, f"{type(error).__name__}: {error}"
        self.status = status
        self._publish()

    def _work(self) -> None:
        raise NotImplementedError

    def _publish(self) -> None:
        raise NotImplementedError


# --- the race ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RaceSnapshot:
    status: str
    step: int
    total: int
    curves: dict = field(default_factory=dict)       # cell -> history_arrays(...)
    grad_step: int = 0                               # the step at which grad_norms were measured
    grad_norms: dict = field(default_factory=dict)   # cell -> (L*D, T)
    results: tuple = ()                              # Race.results() rows
    baseline_loss: float | None = None
    error: str | None = None


class RaceRunner(BackgroundRunner):
    """Trains a Race for `steps` lock-step steps, publishing curves often and gradient norms and the
    results table every `measure_every` seconds (and at the start and the end)."""

    def __init__(self, race: Race, steps: int, is_alive: Callable[[], bool] = lambda: True,
                 publish_every: float = 0.2, measure_every: float = 1.0, grace_seconds: float = GRACE_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(is_alive, "rnnviz-compare-race", grace_seconds, clock)
        self.race, self.total = race, steps
        self.publish_every, self.measure_every = publish_every, measure_every
        self._measured = (0, race.grad_norms(), tuple(race.results()))
        self._publish()
        self._thread.start()

    def snapshot(self) -> RaceSnapshot:
        return self._snapshot

    def _work(self) -> None:
        last_publish = next_measure = time.monotonic()
        for _ in self.race.run(self.total, self.should_stop, around_step=_training_slot):
            now = time.monotonic()
            if now >= next_measure:
                # measuring (a validation pass per cell) takes at most ~10% of the time, even for big tasks
                next_measure = now + max(self.measure_every, 9 * self._measure())
            if now - last_publish >= self.publish_every:
                self._publish()
                last_publish = now
        self._measure()

    def _measure(self) -> float:
        """Gradient norms and results now; returns the seconds it took."""
        start = time.monotonic()
        self._measured = (self.race.step_count, self.race.grad_norms(), tuple(self.race.results()))
        return time.monotonic() - start

    def _publish(self) -> None:
        step, norms, results = self._measured
        curves = {cell: history_arrays(history) for cell, history in self.race.histories().items()}
        self._snapshot = RaceSnapshot(status=self.status, step=self.race.step_count, total=self.total,
                                      curves=curves, grad_step=step, grad_norms=norms, results=results,
                                      baseline_loss=self.race.data.baseline_loss, error=self.error)


# --- the sweep ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SweepSnapshot:
    status: str
    done: int                      # lock-step steps taken
    total: int
    points: tuple = ()             # SweepPoint, in the order they finished
    error: str | None = None

    def by_cell(self, value: str) -> tuple[dict, dict]:
        """(cell -> lengths, cell -> values) of one SweepPoint field, for sweep_figure."""
        lengths, values = {}, {}
        for point in self.points:
            lengths.setdefault(point.cell, []).append(point.seq_len)
            values.setdefault(point.cell, []).append(getattr(point, value))
        return ({c: np.array(v) for c, v in lengths.items()},
                {c: np.array(v, dtype=np.float64) for c, v in values.items()})

    def baseline(self, value: str) -> tuple[np.ndarray, np.ndarray]:
        """(lengths, values) of a baseline field, once per length (every cell shares its length's)."""
        by_length = {point.seq_len: getattr(point, value) for point in self.points}
        return np.array(list(by_length)), np.array(list(by_length.values()), dtype=np.float64)


class SweepRunner(BackgroundRunner):
    """Runs rnnviz.compare.sequence_length_sweep, publishing progress and each finished point."""

    def __init__(self, config: ExperimentConfig, lengths: Sequence[int], steps: int,
                 cells: Sequence[str] = COMPARED_CELLS, match_parameters: bool = False,
                 is_alive: Callable[[], bool] = lambda: True, grace_seconds: float = GRACE_SECONDS,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(is_alive, "rnnviz-compare-sweep", grace_seconds, clock)
        self.total = len(lengths) * steps
        self._points: list[SweepPoint] = []
        self._done = 0
        # arguments are checked here, on the page's thread: a bad length is a ValueError for the page
        self._sweep = sequence_length_sweep(config, lengths, steps, cells, match_parameters,
                                            should_stop=self.should_stop, on_step=self._on_step,
                                            around_step=_training_slot)
        self._publish()
        self._thread.start()

    def snapshot(self) -> SweepSnapshot:
        return self._snapshot

    def _on_step(self, done: int, total: int) -> None:
        self._done = done
        self._publish()

    def _work(self) -> None:
        for point in self._sweep:
            self._points.append(point)
            self._publish()

    def _publish(self) -> None:
        self._snapshot = SweepSnapshot(status=self.status, done=self._done, total=self.total,
                                       points=tuple(self._points), error=self.error)
