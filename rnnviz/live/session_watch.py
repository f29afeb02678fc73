"""SessionWatch: when a training thread's session has ended, allowing a reconnecting browser its grace.

Every training thread of a session (the Train page's worker, the Compare page's race and sweep) asks it
between steps, so all of them end alike: when asked, or when the session is gone for good. Upload work
(rnnviz/live/upload_work.py) asks it before each chunk, with no grace: what it has not finished is not
remembered, so a reconnecting browser's rerun simply does it again.
"""
from __future__ import annotations

import time
from typing import Callable

GRACE_SECONDS = 10.0     # a session may be unreachable this long (a reconnecting browser) before training ends
ALIVE_CHECK_SECONDS = 1.0  # how often a training thread asks whether its session is there (it asks the runtime)


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
