"""Training steps take turns for a few CPU slots, so that pages stay quick however many sessions train.

Every session trains on a thread of one server process. Twenty training loops at once hold the GIL in
turn with the threads that run the pages: a click waited seconds behind them (measured with 20 sessions:
p95 15 s). With at most TRAINING_SLOTS steps running at any moment (the cores a step can use), the
steps of all sessions queue for a slot in the order they asked, first come first served, so every session
trains at an equal share; and a page's script finds the GIL within a step or two. One session alone
never waits.
"""
from __future__ import annotations

import os
import threading
from collections import deque
from contextlib import contextmanager


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:                       # not Linux
        return os.cpu_count() or 1


# Two at most: with the GIL, a third concurrent step adds no throughput, only waiting for the pages.
TRAINING_SLOTS = max(1, min(2, _cores()))


class FairSlots:
    """At most `n` holders at a time, served in the order they asked. A holder that releases and asks
    again queues behind those already waiting (a plain Semaphore would let it barge back in)."""

    def __init__(self, n: int):
        if n < 1:
            raise ValueError(f"n={n!r}: at least one slot")
        self._lock = threading.Lock()
        self._free = n
        self._waiting: deque[threading.Lock] = deque()

    def acquire(self) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            baton = threading.Lock()
            baton.acquire()
            self._waiting.append(baton)
        baton.acquire()          # released by the holder that hands its slot to us

    def release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().release()     # the slot passes straight to the longest waiter
            else:
                self._free += 1

    @contextmanager
    def held(self):
        self.acquire()
        try:
            yield
        finally:
            self.release()


TRAINING = FairSlots(TRAINING_SLOTS)
