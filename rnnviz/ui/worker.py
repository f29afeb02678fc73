"""TrainingWorker: one session's training, on a background thread, published as snapshots.

The page never waits for training: it asks the worker to start, pause, step or stop, and polls
`snapshot()` a few times a second to draw. The worker never calls st.*; it only touches its own
experiment under its own lock. It ends when asked, and when its session is gone (SessionWatch).
"""
from __future__ import annotations

import copy
import logging
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Callable

import numpy as np

from rnnviz.experiment import Experiment
from rnnviz.gradients import PROBE_SIZE, GradNormRecorder
from rnnviz.train import TrainingDiverged
from rnnviz.ui import cpu_slots

log = logging.getLogger(__name__)

GRACE_SECONDS = 10.0     # a session may be unreachable this long (a reconnecting browser) before training ends
ALIVE_CHECK_SECONDS = 1.0  # how often a training thread asks whether its session is there (it asks the runtime)
GRAD_RECORDINGS = 100    # about this many recordings of ||dL/dh_t|| over a whole run

# status values, in the learner's words
READY, RUNNING, PAUSED, FINISHED, DIVERGED, STOPPED = "ready", "running", "paused", "finished", "diverged", "stopped"


class TrainerRegistry:
    """Every worker, race and sweep of this process, held weakly; safe to read while other sessions'
    threads add theirs.

    Not a WeakSet: a WeakSet also changes when the GC drops an entry, in whatever thread runs the
    collection, so even a lock around it cannot keep an iteration safe ("Set changed size during
    iteration"). Plain weak references without callbacks change only under this lock."""

    def __init__(self):
        self._lock = threading.Lock()
        self._refs: list[weakref.ref] = []

    def add(self, trainer) -> None:
        with self._lock:
            self._refs = [ref for ref in self._refs if ref() is not None]     # forget the dropped ones
            self._refs.append(weakref.ref(trainer))

    def alive(self) -> list:
        """Strong references to the trainers that still exist, taken under the lock."""
        with self._lock:
            refs = list(self._refs)
        return [trainer for trainer in (ref() for ref in refs) if trainer is not None]


_TRAINERS = TrainerRegistry()    # every worker, race and sweep of this process


def counts_as_training(trainer) -> None:
    """Count `trainer` (anything with an `is_training` property) in training_now() while it lives."""
    _TRAINERS.add(trainer)


def training_now() -> int:
    """How many workers, races and sweeps of this process (every session of this server) are training at
    this moment: the pages poll less often when many are (rnnviz/ui/polling.py)."""
    return sum(trainer.is_training for trainer in _TRAINERS.alive())


class SessionWatch:
    """Tells a training thread (worker, race or sweep) when its session has ended: once `is_alive()` has
    said "gone" for `grace_seconds` in a row. A busy server can drop a browser's websocket for a moment,
    and the browser reconnects to the same session; training must not end for that.

    `ended()` is cheap to call every step: it asks `is_alive()` at most every `check_every` seconds.
    `clock` is injectable so that tests need not sleep through a grace period. One thread calls it."""

    def __init__(self, is_alive: Callable[[], bool], grace_seconds: float = GRACE_SECONDS,
                 check_every: float = ALIVE_CHECK_SECONDS, clock: Callable[[], float] = time.monotonic):
        self._is_alive, self._clock = is_alive, clock
        self.grace_seconds, self.check_every = grace_seconds, check_every
        self._last_check = clock()
        self._gone_since: float | None = None
        self._ended = False

    def ended(self) -> bool:
        now = self._clock()
        if self._ended or now - self._last_check < self.check_every:
            return self._ended
        self._last_check = now
        if self._is_alive():
            self._gone_since = None              # back in time: the next absence starts its own grace period
        else:
            if self._gone_since is None:
                self._gone_since = now
            self._ended = now - self._gone_since >= self.grace_seconds
        return self._ended


@dataclass(frozen=True)
class Snapshot:
    """What the page draws: an immutable copy, safe to read while training goes on."""

    status: str
    step: int
    total: int
    history: tuple = ()               # Trainer.history records, oldest first
    clip_events: tuple = ()
    steps_per_second: float = 0.0
    error: str | None = None          # why training stopped, when it diverged
    grad_steps: tuple = ()            # the steps at which ||dL/dh_t|| was recorded (0: initialisation)
    grad_norms: tuple = ()            # one (L*D, T) array per recorded step

    def grad_norm_array(self) -> np.ndarray:
        """The recorded ||dL/dh_t|| as one (S, L*D, T) array."""
        return np.stack(self.grad_norms) if self.grad_norms else np.zeros((0, 0, 0))

    @property
    def seconds_left(self) -> float | None:
        return (self.total - self.step) / self.steps_per_second if self.steps_per_second > 0 else None

    @property
    def last_validation(self) -> dict | None:
        return next((r for r in reversed(self.history) if "val_loss" in r), None)


class TrainingWorker:
    """Trains `experiment` for `experiment.config.steps` steps on a daemon thread, on request."""

    def __init__(self, experiment: Experiment, is_alive: Callable[[], bool] = lambda: True,
                 grace_seconds: float = GRACE_SECONDS,
                 publish_every: float = 0.1, clock: Callable[[], float] = time.monotonic):
        self.experiment = experiment
        self.session = SessionWatch(is_alive, grace_seconds, clock=clock)
        self.publish_every = publish_every
        self.lock = threading.RLock()          # held while training steps run or the model is read
        self._wake = threading.Condition(threading.Lock())
        done = experiment.trainer.step_count
        self._status = READY if done == 0 else FINISHED if done >= experiment.config.steps else PAUSED
        self._pending_steps = 0                # steps requested by step_once
        self._stop = False
        self._error: str | None = None
        self._rate = 0.0
        self.initial_model = experiment.initial_model              # for "now vs at initialisation"
        self.grad_recorder = self._attach_grad_recorder()
        self._snapshot = self._make_snapshot()
        self._thread = threading.Thread(target=self._loop, name="rnnviz-training", daemon=True)
        self._thread.start()
        counts_as_training(self)

    def _attach_grad_recorder(self) -> GradNormRecorder:
        """Record ||dL/dh_t|| on a fixed probe batch at initialisation and about GRAD_RECORDINGS times."""
        x, y = self.experiment.data.val
        every = max(1, self.experiment.config.steps // GRAD_RECORDINGS)
        recorder = GradNormRecorder(x[:PROBE_SIZE], y[:PROBE_SIZE], every=every)
        recorder.record(self.initial_model, self.experiment.data.loss, step=0)
        if self.experiment.trainer.step_count:       # a recorded run: also where it stands now
            recorder.record(self.experiment.model, self.experiment.data.loss, self.experiment.trainer.step_count)
        self.experiment.trainer.add_callback("on_step_end", recorder)
        return recorder

    # --- commands (called from the page's thread) ---
    def start(self) -> None:
        """Train until the step budget is spent (also resumes after a pause)."""
        self._command(lambda: self._status in (READY, PAUSED), RUNNING)

    def pause(self) -> None:
        self._command(lambda: self._status == RUNNING, PAUSED)

    def step_once(self) -> None:
        """One training step, then paused."""
        with self._wake:
            if self._status in (READY, PAUSED, FINISHED) and not self._stop:
                self._pending_steps += 1
                self._wake.notify()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread (the model stays readable). Idempotent."""
        with self._wake:
            self._stop = True
            self._wake.notify()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _command(self, allowed: Callable[[], bool], status: str) -> None:
        with self._wake:
            if allowed() and not self._stop:
                self._status = status
                self._wake.notify()
        self._publish()

    # --- reading (any thread) ---
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def is_training(self) -> bool:
        return self._snapshot.status == RUNNING

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def model_copy(self):
        """A copy of the model as it is now, to inspect while training goes on."""
        with self.lock:
            return copy.deepcopy(self.experiment.model).eval()

    # --- the thread ---
    def _loop(self) -> None:
        trainer, total = self.experiment.trainer, self.experiment.config.steps
        last_publish = time.perf_counter()
        steps_since, since = 0, time.perf_counter()
        while True:
            with self._wake:
                while not self._stop and self._status != RUNNING and not self._pending_steps:
                    if not self._wake.wait(timeout=ALIVE_CHECK_SECONDS) and self.session.ended():
                        self._stop = True
                if self._stop:
                    break
                single = self._status != RUNNING
                self._pending_steps = max(self._pending_steps - 1, 0) if single else 0
            try:
                with cpu_slots.TRAINING.held(), self.lock:     # steps of all sessions take turns
                    trainer.step()
            except TrainingDiverged as diverged:      # a lesson, shown on the page; logged for the record
                log.info("training diverged: %s", diverged, exc_info=True)
                self._finish(DIVERGED, str(diverged))
                continue
            except Exception as failure:              # what no check foresaw: end visibly, not a dead thread
                log.exception("training failed at step %d", trainer.step_count + 1)
                self._finish(STOPPED, f"{type(failure).__name__}: {failure}")
                break
            steps_since += 1
            now = time.perf_counter()
            if now - since >= 0.5:
                self._rate, steps_since, since = steps_since / (now - since), 0, now
            if trainer.step_count >= total:
                self._finish(FINISHED)
            elif single:
                with self._wake:
                    if self._status == READY:
                        self._status = PAUSED
            if single or now - last_publish >= self.publish_every:
                self._publish()
                last_publish = now
            if self.session.ended():
                break
        with self._wake:
            self._stop = True
            if self._status == RUNNING:
                self._status = STOPPED
        self._publish()

    def _finish(self, status: str, error: str | None = None) -> None:
        with self._wake:
            self._status, self._error, self._pending_steps = status, error, 0
        self._publish()

    def _publish(self) -> None:
        self._snapshot = self._make_snapshot()

    def _make_snapshot(self) -> Snapshot:
        trainer = self.experiment.trainer
        with self.lock:
            return Snapshot(status=self._status, step=trainer.step_count, total=self.experiment.config.steps,
                            history=tuple(trainer.history), clip_events=tuple(trainer.clip_events),
                            steps_per_second=self._rate if self._status == RUNNING else 0.0,
                            error=self._error, grad_steps=tuple(self.grad_recorder.steps),
                            grad_norms=tuple(self.grad_recorder.norms))
