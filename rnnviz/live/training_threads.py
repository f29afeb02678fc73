"""The training threads of this process: what each one offers a page, and how many train right now.

The Train page's worker and the Compare page's race and sweep are all TrainingThreads: a page reads them
alike. Each registers itself when it is made (counts_as_training); it is held weakly, so a thread's end or
a session's Reset never has to unregister anything. training_now() sets the pages' polling pace (pace.py).
"""
from __future__ import annotations

import threading
import weakref
from typing import Protocol

from rnnviz.live.session_watch import SessionWatch


class TrainingThread(Protocol):
    """One session's training on a daemon thread (TrainingWorker, RaceRunner, SweepRunner). It never
    calls st.*: it publishes immutable snapshots that the page polls, and ends when stopped or when its
    session is gone."""

    session: SessionWatch          # says when the session has ended, after its grace period

    def snapshot(self):
        """What the page draws now: an immutable copy with `status` (rnnviz.live.status) and `error`."""

    @property
    def is_training(self) -> bool:
        """True while it takes training steps: counted by training_now()."""

    @property
    def alive(self) -> bool:
        """True while its thread runs."""

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread after its current step and wait for it (the results stay readable). Idempotent."""


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


def counts_as_training(trainer: TrainingThread) -> None:
    """Count `trainer` in training_now() while it lives."""
    _TRAINERS.add(trainer)


def training_now() -> int:
    """How many workers, races and sweeps of this process (every session of this server) are training at
    this moment: the pages poll less often when many are (rnnviz/live/pace.py)."""
    return sum(trainer.is_training for trainer in _TRAINERS.alive())
