"""Upload work: reading a learner's file, and tracing, differentiating and drawing an uploaded model, on a
thread of its own that yields to the class's training and stops when its session ends (issue 24).

Why a thread of its own, and why it rests. Inspecting the largest model the dashboard accepts (an LSTM of
500 inputs, 512 units, 3 layers, both directions) is about a second of work, most of it Python holding the
GIL (Plotly building 200 animation frames, the tracing loop). A training step of a small model is a few
hundred tiny PyTorch calls, each letting go of the GIL and waiting to get it back: while pure-Python work
runs on another thread, each call waits up to the interpreter's switch interval, and another session's
training fell to 2-20 % of its rate (bench/bench_uploads.py). No CPU priority helps against that (a
low-priority thread preempted while it holds the GIL even stalls training longer), so the work takes turns
in time:

  - it runs in chunks (a generator yields between them); before each chunk it asks whether its session is
    still there, and stops (SessionEnded) if not: a closed tab's work does not run to completion
  - one chunk of upload work runs at a time in the whole process (UPLOAD_TURN), holding a training slot
    (rnnviz/live/cpu_slots.py) like a training step, at a lower CPU priority than training
    (UPLOAD_NICENESS) and with one intra-op thread (INTRA_OP_THREADS)
  - while any session trains, after a chunk of d seconds the work rests d * (1 - SHARE) / SHARE seconds,
    still holding its turn: however many learners upload, upload work takes at most SHARE of the time
    while a class trains, and none of it when no one trains

`UploadWork` is UI-free; rnnviz/ui/uploads.py gives it the session's liveness check.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Generator
from typing import Any

from rnnviz.live import cpu_slots
from rnnviz.live.session_watch import SessionWatch
from rnnviz.live.training_threads import training_now

UPLOAD_NICENESS = cpu_slots.TRAINING_NICENESS + 5   # below training: a training step goes first on a busy core
INTRA_OP_THREADS = 1           # as the server's training (rnnviz/ui/warm_up.py): spinning workers slow others
SHARE = 0.10                   # of the time upload work may take while any session trains
# a rest (9 times its chunk: minutes for a slow chunk on a busy server) looks at the session this often
REST_CHECK_SECONDS = 0.5
UPLOAD_TURN = cpu_slots.FairSlots(1)     # one chunk of upload work (and its rest) at a time, in order


class SessionEnded(Exception):
    """The session that asked for this work ended: the work stopped at its next check, unfinished."""


def chunked(compute: Callable[..., Any], *args, **kwargs) -> Generator[None, None, Any]:
    """compute(*args, **kwargs) as work of one chunk."""
    return compute(*args, **kwargs)
    yield  # unreachable: it makes this function a generator


class UploadWork:
    """Runs `work` (a generator: each step between two yields is a chunk; its return value is the result)
    on a daemon thread named "rnnviz-upload". `result()` waits for it and returns that value, raises what
    the work raised, or SessionEnded when `session` said the session had ended at a check.

    `chunks_done`, `checks` and `rests` (seconds rested after each chunk) say what it did; `slots`, `turn`,
    `others_training`, `clock` and `wait` (how it rests) are injectable so tests need not time anything."""

    def __init__(self, work: Generator, session: SessionWatch | None = None, *, slots=None, turn=None,
                 others_training: Callable[[], int] = training_now, clock: Callable[[], float] = time.monotonic,
                 wait: Callable[[float], Any] | None = None, share: float | None = None):
        share = SHARE if share is None else share
        if not 0 < share <= 1:
            raise ValueError(f"share={share!r}: a fraction of the time, in (0, 1]")
        self._work, self._session = work, session
        self._slots = slots if slots is not None else cpu_slots.TRAINING
        self._turn = turn if turn is not None else UPLOAD_TURN
        self._others_training, self._clock, self._share = others_training, clock, share
        self.chunks_done, self.checks, self.rests = 0, 0, []
        self._stop = threading.Event()
        self._wait = wait if wait is not None else self._stop.wait     # a stop ends a rest at once
        self._value: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="rnnviz-upload", daemon=True)

    def start(self) -> UploadWork:
        self._thread.start()
        return self

    def result(self, timeout: float | None = None) -> Any:
        """The work's value once it is done (waits for it; TimeoutError after `timeout` seconds if given)."""
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise TimeoutError(f"the upload work was still running after {timeout} s")
        if self._error is not None:
            raise self._error
        return self._value

    def stop(self) -> None:
        """End the work at its next check, as if its session had ended; a rest under way ends at once."""
        self._stop.set()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def _ended(self) -> bool:
        self.checks += 1
        return self._gone()

    def _gone(self) -> bool:
        return self._stop.is_set() or (self._session is not None and self._session.ended())

    def _run(self) -> None:
        cpu_slots.lower_priority(UPLOAD_NICENESS)          # this thread only ever does upload work
        _bound_intra_op_threads()
        try:
            while True:
                with self._turn.held():
                    if self._ended():
                        raise SessionEnded("the session ended: its upload work stopped")
                    started = self._clock()
                    try:
                        with self._slots.held():
                            next(self._work)
                    except StopIteration as done:
                        self._value, finished = done.value, True
                    else:
                        finished = False
                    self.chunks_done += 1
                    self._rest(self._clock() - started)
                if finished:
                    return
        except BaseException as error:  # noqa: BLE001 (raised again on the caller's thread by result())
            self._error = error
        finally:
            self._work.close()

    def _rest(self, took: float) -> None:
        """While anyone trains, rest so that this chunk was at most `share` of the time since it began."""
        if self._others_training() <= 0:
            return
        rest = took * (1 - self._share) / self._share
        self.rests.append(rest)
        left = rest      # in short waits that look at the session: a closed tab ends a long rest within one
        while left > 0 and not self._gone():
            self._wait(min(left, REST_CHECK_SECONDS))
            left -= REST_CHECK_SECONDS


def _bound_intra_op_threads() -> None:
    import torch

    if torch.get_num_threads() != INTRA_OP_THREADS:     # per thread with OpenMP: this one computes alone
        torch.set_num_threads(INTRA_OP_THREADS)


def run(work: Generator, session: SessionWatch | None = None, **options) -> Any:
    """The value of `work` done by an UploadWork (see there); raises SessionEnded if its session ended."""
    return UploadWork(work, session, **options).start().result()


def niceness() -> int | None:
    """The calling thread's nice value (Linux), or None where it cannot be read: for tests and logs."""
    try:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    except (AttributeError, OSError):
        return None
