"""RaceRunner and SweepRunner: the Compare page's lock-step race and sequence-length sweep, on threads.

Like TrainingWorker, each is a TrainingThread owned by one session: it publishes immutable snapshots that
the page polls from a fragment, and never calls st.*. It checks between training steps whether it was
asked to stop, and whether its session is gone (SessionWatch: a websocket lost for less than its grace
period is not an end), and ends in either case. Like the worker it trains at a pace (rnnviz.live.speed)
and pauses; a pace or a pause changes when steps are taken, never what they compute, so a race is the
same at any pace. The race and the sweep themselves are rnnviz.compare.
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
from rnnviz.live.session_watch import ALIVE_CHECK_SECONDS, GRACE_SECONDS, SessionWatch
from rnnviz.live.speed import FULL_SPEED, seconds_until_next_step
from rnnviz.live.status import FAILED, FINISHED, PAUSED, RUNNING, STOPPED
from rnnviz.live.training_threads import counts_as_training
from rnnviz.live.worker import failure_kind

log = logging.getLogger(__name__)


def _training_slot():
    """A turn for one step, shared with every session's training (rnnviz.live.cpu_slots)."""
    return cpu_slots.TRAINING.held()


class BackgroundRunner:
    """A TrainingThread (training_threads.py) that starts when made and runs `self._work()` once;
    subclasses call `self.should_stop()` before each step, which also waits for the step's turn: while
    paused, and until the pace's next step is due. Pause, resume, a new pace and Stop wake it at once.

    `pace` is in steps per second (FULL_SPEED: no wait); `clock` times the pace and the session's grace."""

    def __init__(self, is_alive: Callable[[], bool], name: str, grace_seconds: float = GRACE_SECONDS,
                 clock: Callable[[], float] = time.monotonic, pace: float = FULL_SPEED):
        self.session = SessionWatch(is_alive, grace_seconds, clock=clock)
        self._clock = clock
        self._wake = threading.Condition(threading.Lock())    # guards the four below
        self._publishing = threading.Lock()     # a snapshot is made and stored as one: the newest status wins
        self._stop = False
        self._paused = False
        self._pace = pace
        self._last_step_at: float | None = None
        self.status = RUNNING
        self.error: str | None = None           # the failure's own words (English): for the log and the tests
        self.failure: str | None = None         # what failed, in worker.FAILURES: the page says it in words
        self._thread = threading.Thread(target=self._main, name=name, daemon=True)
        counts_as_training(self)

    def should_stop(self) -> bool:
        """True once stop() was called or the session is gone; otherwise returns when the next step is due."""
        with self._wake:
            while True:
                if not self._stop and self.session.ended():
                    self._stop = True
                if self._stop:
                    return True
                if self._paused:
                    delay = ALIVE_CHECK_SECONDS          # until resumed; the session's end is checked meanwhile
                else:
                    delay = seconds_until_next_step(self._pace, self._last_step_at, self._clock())
                    if delay <= 0:
                        self._last_step_at = self._clock()
                        return False
                self._wake.wait(timeout=min(delay, ALIVE_CHECK_SECONDS))

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end after its current step (at once if it waits), and wait for it. Idempotent."""
        with self._wake:
            self._stop = True
            self._wake.notify_all()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def pause(self) -> None:
        """No more steps until resume() (the current one ends first)."""
        self._set_paused(True)

    def resume(self) -> None:
        """Train on from where pause() left off; the pace counts anew from here."""
        self._set_paused(False)

    def _set_paused(self, paused: bool) -> None:
        with self._wake:
            if self._stop or self.status not in (RUNNING, PAUSED) or paused == self._paused:
                return
            self._paused, self._last_step_at = paused, None
            self.status = PAUSED if paused else RUNNING
            self._wake.notify_all()
        self._publish()

    def set_pace(self, pace: float) -> None:
        """Steps per second from the next step on (FULL_SPEED: as fast as it goes); at once, mid-run too."""
        with self._wake:
            if pace != self._pace:
                self._pace = pace
                self._wake.notify_all()

    @property
    def pace(self) -> float:
        return self._pace

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    @property
    def running(self) -> bool:
        """Taking steps now (not paused, not ended)."""
        return self.status == RUNNING

    @property
    def active(self) -> bool:
        """Running or paused: not ended yet, so it can be stopped."""
        return self.status in (RUNNING, PAUSED)

    @property
    def is_training(self) -> bool:      # counted by training_now(); a paused runner is not
        return self.running

    def _main(self) -> None:
        try:
            self._work()
            status = STOPPED if self._stop else FINISHED
        except Exception as error:                      # shown on the page, never a dead silent thread
            log.exception("%s failed", self._thread.name)
            status, self.error = FAILED, f"{type(error).__name__}: {error}"
            self.failure = failure_kind(error)
        with self._wake:
            self.status = status
        self._publish()

    def _work(self) -> None:
        raise NotImplementedError

    def _publish(self) -> None:
        """Store a new snapshot (from the thread after steps, from the page's thread on pause and resume)."""
        with self._publishing:
            self._snapshot = self._make_snapshot()

    def _make_snapshot(self):
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
    failure: str | None = None                       # worker.FAILURES, when it failed


class RaceRunner(BackgroundRunner):
    """Trains a Race for `steps` lock-step steps, publishing curves often and gradient norms and the
    results table every `measure_every` seconds (and at the start and the end)."""

    def __init__(self, race: Race, steps: int, is_alive: Callable[[], bool] = lambda: True,
                 publish_every: float = 0.2, measure_every: float = 1.0, grace_seconds: float = GRACE_SECONDS,
                 clock: Callable[[], float] = time.monotonic, pace: float = FULL_SPEED):
        super().__init__(is_alive, "rnnviz-compare-race", grace_seconds, clock, pace)
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

    def _make_snapshot(self) -> RaceSnapshot:
        step, norms, results = self._measured
        done = self.race.step_count
        # taken from the page's thread on Pause, a snapshot may fall inside a lock-step step, where some
        # cells have one record more than the race has counted: every curve is cut to the steps counted
        curves = {cell: history_arrays(history[:done]) for cell, history in self.race.histories().items()}
        return RaceSnapshot(status=self.status, step=done, total=self.total,
                            curves=curves, grad_step=step, grad_norms=norms, results=results,
                            baseline_loss=self.race.data.baseline_loss, error=self.error, failure=self.failure)


# --- the sweep ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SweepSnapshot:
    status: str
    done: int                      # lock-step steps taken
    total: int
    points: tuple = ()             # SweepPoint, in the order they finished
    error: str | None = None
    failure: str | None = None     # worker.FAILURES, when it failed

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
                 clock: Callable[[], float] = time.monotonic, pace: float = FULL_SPEED):
        super().__init__(is_alive, "rnnviz-compare-sweep", grace_seconds, clock, pace)
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

    def _make_snapshot(self) -> SweepSnapshot:
        return SweepSnapshot(status=self.status, done=self._done, total=self.total,
                             points=tuple(self._points), error=self.error, failure=self.failure)
