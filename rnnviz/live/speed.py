"""How fast the worker trains (its pace, in steps per second) and how fast it trains in fact (its rate).

A class follows a run only if it can see the loss fall: the default run (sum-sign) learns most of what it
will in its first ~70 steps, a tenth of a second at full speed. So the Train page trains at a chosen pace,
from slow motion to full speed, and the pace never changes what is learned: a run's history is the same
at any pace (only the time between steps differs).
"""
from __future__ import annotations

import collections
import time
from typing import Callable

from rnnviz.setting_error import SettingError

FULL_SPEED = 0                  # a pace of 0: no wait between steps
PACES = (1, 2, 5, 10, 20, 50, 100, 200, FULL_SPEED)    # steps per second the Train page offers
DEFAULT_PACE = 2                # the default run's loss falls over ~15-20 s (bench/bench_pace.py measures it;
                                # at 5 steps/s it levelled off 7 s after Start)

# "keep training past the step budget" stops by itself at whichever comes first, so that a tab left open
# does not keep a core of the shared server busy for ever
KEEP_GOING_MAX_STEPS = 100_000  # also the largest step budget a config allows
KEEP_GOING_MAX_MINUTES = 10     # of training since the last Start or Resume


def seconds_until_next_step(pace: float, last_step_at: float | None, now: float) -> float:
    """How long to wait before the next step, at `pace` steps per second (0: full speed, no wait).

    Counted from the previous step's start, so a step's own time is part of its share, not added to it."""
    if pace <= 0 or last_step_at is None:
        return 0.0
    return max(0.0, last_step_at + 1.0 / pace - now)


class MovingRate:
    """Steps per second over the last `window` seconds: the first steps of a run (slower, while the
    allocator warms up) or of a pace left behind do not bias the estimate for long.

    `clock` is injectable so that tests need no sleeping. One thread calls add() and rate()."""

    def __init__(self, window: float = 2.0, least_span: float = 0.5,
                 clock: Callable[[], float] = time.monotonic):
        self.window, self.least_span = window, least_span
        self._clock = clock
        self._samples: collections.deque = collections.deque()     # (time, step count), oldest first

    def add(self, step: int) -> None:
        now = self._clock()
        self._samples.append((now, step))
        while len(self._samples) > 2 and now - self._samples[1][0] >= self.window:
            self._samples.popleft()        # keep one sample at or beyond the window's start

    def reset(self) -> None:
        """Forget the past: after a pause or a change of pace, the old rate says nothing of the new one."""
        self._samples.clear()

    def rate(self) -> float | None:
        """Steps per second over the window, or None until it spans `least_span` seconds."""
        if len(self._samples) < 2:
            return None
        (first_t, first_step), (last_t, last_step) = self._samples[0], self._samples[-1]
        span = last_t - first_t
        return (last_step - first_step) / span if span >= self.least_span else None


FULL_SPEED_WORD = "max"         # how the URL writes FULL_SPEED


def pace_to_url(pace: float) -> str:
    return FULL_SPEED_WORD if pace == FULL_SPEED else f"{pace:g}"


def pace_from_url(text: str) -> float:
    """The pace a URL's `pace` names; a SettingError (a ValueError) saying what is allowed if it is none of
    PACES."""
    pace = FULL_SPEED if text == FULL_SPEED_WORD else next((p for p in PACES if f"{p:g}" == text), None)
    if pace is None:
        allowed = [pace_to_url(p) for p in PACES]
        raise SettingError(f"pace={text!r} is invalid: allowed is one of {', '.join(allowed)}", "pace", text,
                           "choice", choices=allowed)
    return pace
