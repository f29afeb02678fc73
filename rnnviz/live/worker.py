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
from dataclasses import dataclass
from typing import Callable

import numpy as np

from rnnviz.experiment import Experiment
from rnnviz.gradients import PROBE_SIZE, GradNormRecorder
from rnnviz.train import EarlyStop, TrainingDiverged
from rnnviz.live import cpu_slots
from rnnviz.live.session_watch import ALIVE_CHECK_SECONDS, GRACE_SECONDS, SessionWatch
from rnnviz.live.speed import (FULL_SPEED, KEEP_GOING_MAX_MINUTES, KEEP_GOING_MAX_STEPS, MovingRate,
                               seconds_until_next_step)
from rnnviz.live.status import DIVERGED, FINISHED, PAUSED, READY, RUNNING, STOPPED
from rnnviz.live.training_threads import counts_as_training

log = logging.getLogger(__name__)

GRAD_RECORDINGS = 100    # about this many recordings of ||dL/dh_t|| over a whole run
# what can end a run unforeseen: "memory" (the step asked for more than the machine could give) or
# "unexpected" (anything else); either way the model keeps the weights of the last completed step
FAILURES = ("memory", "unexpected")


def failure_kind(error: BaseException) -> str:
    """"memory" for an allocation PyTorch or Python could not make, else "unexpected"."""
    text = str(error).lower()
    if isinstance(error, MemoryError) or "can't allocate memory" in text or "out of memory" in text:
        return "memory"
    return "unexpected"


@dataclass(frozen=True)
class Snapshot:
    """What the page draws: an immutable copy, safe to read while training goes on."""

    status: str
    step: int
    total: int
    history: tuple = ()               # Trainer.history records, oldest first
    clip_events: tuple = ()
    steps_per_second: float = 0.0
    error: str | None = None          # why training stopped, when it diverged or failed
    failure: str | None = None        # what failed, in FAILURES: the page's message says it in words
    grad_steps: tuple = ()            # the steps at which ||dL/dh_t|| was recorded (0: initialisation)
    grad_norms: tuple = ()            # one (L*D, T) array per recorded step
    update_norm: float | None = None  # ||Δθ|| of the last step, when it was a single step ("One step")
    keep_going: bool = False          # training past the step budget, until paused or a cap
    capped: bool = False              # keep-going training ended by itself at a cap
    early_stop: EarlyStop | None = None   # early stopping ended the run here, keeping an earlier step's model

    def grad_norm_array(self) -> np.ndarray:
        """The recorded ||dL/dh_t|| as one (S, L*D, T) array."""
        return np.stack(self.grad_norms) if self.grad_norms else np.zeros((0, 0, 0))

    @property
    def seconds_left(self) -> float | None:
        """Seconds to the step budget at the current rate; None without a rate, or past the budget."""
        if self.steps_per_second <= 0 or self.step > self.total:
            return None
        return (self.total - self.step) / self.steps_per_second

    @property
    def last_validation(self) -> dict | None:
        return next((r for r in reversed(self.history) if "val_loss" in r), None)


class TrainingWorker:
    """Trains `experiment` for `experiment.config.steps` steps on a daemon thread, on request: a
    TrainingThread (training_threads.py) that also pauses, resumes and takes single steps.

    `pace` is in steps per second (FULL_SPEED: no wait between steps); between paced steps the thread
    waits on its wake condition, so Pause, Stop and a new pace take effect at once. `clock` (injectable
    for tests) times the pace, the rate and the session's grace."""

    def __init__(self, experiment: Experiment, is_alive: Callable[[], bool] = lambda: True,
                 grace_seconds: float = GRACE_SECONDS,
                 publish_every: float = 0.1, clock: Callable[[], float] = time.monotonic,
                 pace: float = FULL_SPEED):
        self.experiment = experiment
        self.session = SessionWatch(is_alive, grace_seconds, clock=clock)
        self.publish_every = publish_every
        self._clock = clock
        self._pace = pace
        self._keep_going = False
        self._capped = False
        self._run_started_at = clock()         # the last Start or Resume: the keep-going time cap counts from it
        self._rate_window = MovingRate(clock=clock)
        self._update_norm: float | None = None
        self.lock = threading.RLock()          # held while training steps run or the model is read
        self._wake = threading.Condition(threading.Lock())
        done = experiment.trainer.step_count
        ended = done >= experiment.config.steps or experiment.trainer.stopped is not None
        self._status = READY if done == 0 else FINISHED if ended else PAUSED
        self._pending_steps = 0                # steps requested by step_once
        self._stop = False
        self._error: str | None = None
        self._failure: str | None = None
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
        """Train until the step budget is spent (also resumes after a pause; past the budget, with
        keep_going)."""
        self._command(self._can_start, RUNNING)

    def _can_start(self) -> bool:
        if self.experiment.trainer.stopped is not None:     # early stopping ended the run: its model is kept
            return False
        if self._status in (READY, PAUSED):
            return True
        return (self._status == FINISHED and self._keep_going
                and self.experiment.trainer.step_count < KEEP_GOING_MAX_STEPS)

    @property
    def can_start(self) -> bool:
        """Whether Start (or Resume) would train now."""
        with self._wake:
            return self._can_start() and not self._stop

    def set_pace(self, pace: float) -> None:
        """Train at `pace` steps per second from the next step on (FULL_SPEED: as fast as it goes)."""
        with self._wake:
            if pace != self._pace:             # the page says it at every rerun: wake the thread on a change only
                self._pace = pace
                self._wake.notify()

    @property
    def pace(self) -> float:
        return self._pace

    def set_keep_going(self, keep_going: bool) -> None:
        """Keep training past the step budget until paused (or until a cap: KEEP_GOING_MAX_STEPS steps,
        KEEP_GOING_MAX_MINUTES minutes since Start), or stop at the budget."""
        with self._wake:
            changed, self._keep_going = keep_going != self._keep_going, keep_going
        if changed:
            self._publish()

    def pause(self) -> None:
        self._command(lambda: self._status == RUNNING, PAUSED)

    def step_once(self) -> None:
        """One training step, then paused."""
        with self._wake:
            stopped_early = self.experiment.trainer.stopped is not None
            if self._status in (READY, PAUSED, FINISHED) and not self._stop and not stopped_early:
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
                if status == RUNNING:
                    self._run_started_at, self._capped, self._update_norm = self._clock(), False, None
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
        cpu_slots.lower_priority()          # this thread only trains: a learner's click on a page goes first
        trainer, total = self.experiment.trainer, self.experiment.config.steps
        last_publish = time.perf_counter()
        last_step_at, rate_of = None, None
        while True:
            with self._wake:
                single = self._wait_for_turn(last_step_at)
                if self._stop:
                    break
                self._pending_steps = max(self._pending_steps - 1, 0) if single else 0
                if single or rate_of != (self._pace, self._run_started_at):
                    self._rate_window.reset()        # a new run or pace: the old rate says nothing of it
                    rate_of = (self._pace, self._run_started_at)
                first_of_run = not single and last_step_at is None
            last_step_at = self._clock()
            before = [p.detach().clone() for p in trainer.params] if single else None
            try:
                with cpu_slots.TRAINING.held(), self.lock:     # steps of all sessions take turns
                    trainer.step()
            except TrainingDiverged as diverged:      # a lesson, shown on the page; logged for the record
                log.info("training diverged: %s", diverged, exc_info=True)
                self._finish(DIVERGED, str(diverged))
                continue
            except Exception as failure:              # what no check foresaw: end visibly, not a dead thread
                # a step updates the weights last, so a failure in its forward or backward pass (an
                # allocation above all) leaves the model as the last completed step made it
                log.exception("training failed at step %d", trainer.step_count + 1)
                self._failure = failure_kind(failure)
                self._finish(STOPPED, f"{type(failure).__name__}: {failure}")
                break
            if single:
                self._update_norm = float(sum(float((p.detach() - b).pow(2).sum())
                                              for p, b in zip(trainer.params, before)) ** 0.5)
                last_step_at = None                   # a later Start begins at once
            self._rate_window.add(trainer.step_count)
            self._rate = self._rate_window.rate() or 0.0
            now = time.perf_counter()
            if trainer.stopped is not None:           # early stopping: the best step's model is back
                log.info("stopped early at step %d: the validation loss had not improved since step %d; "
                         "the model of step %d is kept", trainer.stopped.step, trainer.stopped.best_step,
                         trainer.stopped.best_step)
                self._finish(FINISHED)
            elif trainer.step_count >= total and (single or not self._keep_going):
                self._finish(FINISHED)
            elif not single and self._keep_going and self._past_a_cap():
                with self._wake:
                    self._capped = True
                self._finish(FINISHED)
            elif single:
                with self._wake:
                    if self._status == READY:
                        self._status = PAUSED
            if not single and self._status != RUNNING:
                last_step_at = None
            if single or first_of_run or now - last_publish >= self.publish_every:
                self._publish()
                last_publish = now
            if self.session.ended():
                break
        with self._wake:
            self._stop = True
            if self._status == RUNNING:
                self._status = STOPPED
        self._publish()

    def _wait_for_turn(self, last_step_at: float | None) -> bool:
        """Wait (holding the wake condition) until a step is due: a single step asked for, or the pace's
        next step while running. True for a single step. Returns at once when asked to stop."""
        while True:
            while not self._stop and self._status != RUNNING and not self._pending_steps:
                if not self._wake.wait(timeout=ALIVE_CHECK_SECONDS) and self.session.ended():
                    self._stop = True
            if self._stop or self._status != RUNNING:
                return not self._stop
            delay = seconds_until_next_step(self._pace, last_step_at, self._clock())
            if delay <= 0:
                return False
            # woken early by Pause, Stop or a new pace; the session's end is checked after each step
            self._wake.wait(timeout=min(delay, ALIVE_CHECK_SECONDS))

    def _past_a_cap(self) -> bool:
        return (self.experiment.trainer.step_count >= KEEP_GOING_MAX_STEPS
                or self._clock() - self._run_started_at >= KEEP_GOING_MAX_MINUTES * 60)

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
                            error=self._error, failure=self._failure, grad_steps=tuple(self.grad_recorder.steps),
                            grad_norms=tuple(self.grad_recorder.norms), update_norm=self._update_norm,
                            keep_going=self._keep_going, capped=self._capped, early_stop=trainer.stopped)
