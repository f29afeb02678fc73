"""Training steps take turns for a few CPU slots, so that many sessions train fast and evenly.

Every session trains on a thread of one server process. Twenty training loops stepping at once fight
each other, and the threads that draw the pages, for the GIL and the cores. With at most TRAINING_SLOTS
steps running at any moment, the steps of all sessions queue for a slot in the order they asked, first
come first served. Measured (bench/bench_slots.py, 20 workers): 760-808 steps/s in all, 250-389 per
worker, without slots; 1658-1930 steps/s in all, an equal 662-773 per worker, with two. One session
alone never waits.

How many slots: the setting RNNVIZ_TRAINING_SLOTS (an environment variable) when given, else the cores
this process may use (its CPU affinity and, in a container, its cgroup's CPU quota). Several replicas on
one machine each get their share (deploy/replicas.py sets it to cores // replicas).
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque
from contextlib import contextmanager


SETTING = "RNNVIZ_TRAINING_SLOTS"


CGROUP_V2 = "/sys/fs/cgroup/cpu.max"                         # "max 100000" or "150000 100000"
CGROUP_V1 = ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us")   # "-1" if none


def _quota_cores() -> float | None:
    """The cgroup's CPU quota in cores (a container's --cpus), None when unlimited or unknown."""
    try:
        quota, period = open(CGROUP_V2).read().split()
    except (OSError, ValueError):
        try:
            quota, period = (open(path).read().strip() for path in CGROUP_V1)
        except OSError:
            return None
    if quota in ("max", "-1"):
        return None
    return int(quota) / int(period)


def cores() -> int:
    """The cores this process may use: its CPU affinity, at most its cgroup's quota (at least 1)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:                       # not Linux
        count = os.cpu_count() or 1
    quota = _quota_cores()
    return max(1, min(count, int(quota)) if quota else count)


def slots_from(environ=os.environ) -> int:
    """RNNVIZ_TRAINING_SLOTS if set (a whole number >= 1), else one slot per usable core. More slots than
    cores only make steps wait for the pages' threads and each other."""
    value = environ.get(SETTING, "").strip()
    if not value:
        return cores()
    try:
        slots = int(value)
    except ValueError:
        raise ValueError(f"{SETTING}={value!r}: a whole number of training slots, at least 1") from None
    if slots < 1:
        raise ValueError(f"{SETTING}={value!r}: a whole number of training slots, at least 1")
    return slots


TRAINING_SLOTS = slots_from()


class FairSlots:
    """At most `n` holders at a time, served in the order they asked. A holder that releases and asks
    again queues behind those already waiting (a plain Semaphore would let it barge back in).

    `crowded_rest`: seconds a holder rests, still holding its slot, before handing it to a waiter (none while
    nobody waits). Resting, it lets go of the interpreter's lock, which the pages' threads then take at once."""

    def __init__(self, n: int, crowded_rest: float = 0.0, sleep=time.sleep):
        if n < 1:
            raise ValueError(f"n={n!r}: at least one slot")
        self._lock = threading.Lock()
        self._free = n
        self._waiting: deque[threading.Lock] = deque()
        self.crowded_rest, self._sleep = crowded_rest, sleep

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

    @property
    def crowded(self) -> bool:
        """Someone waits for a slot."""
        return bool(self._waiting)

    @contextmanager
    def held(self):
        self.acquire()
        try:
            yield
        finally:
            if self.crowded_rest and self.crowded:
                self._sleep(self.crowded_rest)
            self.release()


# While more sessions train than there are slots, a step's slot rests this long before passing on. A step of a
# small model is mostly Python, holding the interpreter's lock; the threads that run the pages and the event loop
# that sends their charts then waited up to the switch interval (5 ms) behind it each time they needed the lock:
# with 40 learners, a chart waited 250-900 ms to be sent (bench/lecture_hall.py, docs/deploy.md). Training slows
# by the rest's share of a step, for everyone alike. RNNVIZ_CROWDED_REST_MS sets it (0: none).
CROWDED_REST = float(os.environ.get("RNNVIZ_CROWDED_REST_MS") or "1") / 1000
TRAINING = FairSlots(TRAINING_SLOTS, crowded_rest=CROWDED_REST)

# How much a training thread yields the CPU to the threads that run pages (a Linux nice value: 0 is the
# default, 19 the most yielding; RNNVIZ_TRAINING_NICENESS sets it). The slots bound how many steps run at once; this makes a click on a page
# (a script run, at nice 0) go first when a heavy step and the page want the same core (bench/bench_fairness.py).
TRAINING_NICENESS = int(os.environ.get("RNNVIZ_TRAINING_NICENESS") or "5")     # the setting, for a comparison


def lower_priority(niceness: int = TRAINING_NICENESS) -> bool:
    """Lower the calling thread's CPU priority to `niceness` (never raise it): call it on a thread that only
    trains. On Linux a nice value is per thread; elsewhere, or if refused, nothing changes (False)."""
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, max(os.getpriority(os.PRIO_PROCESS, thread), niceness))
        return True
    except (AttributeError, OSError):
        return False
