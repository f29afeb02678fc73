"""Training steps take turns for a few CPU slots, so that many sessions train fast and evenly.

Every session trains on a thread of one server process. Twenty training loops stepping at once fight
each other, and the threads that draw the pages, for the GIL and the cores. With at most TRAINING_SLOTS
steps running at any moment, the steps of all sessions queue for a slot in the order they asked, first
come first served. Measured (bench/bench_slots.py, 20 workers): 760-808 steps/s in all, 250-389 per
worker, without slots; 1658-1930 steps/s in all, an equal 662-773 per worker, with two. One session
alone never waits.
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
