"""A session that a test controls, for the background threads that end with their session (the worker,
the race, the sweep): there or gone, on a clock that only the test moves. So no test sleeps through a
grace period, and none depends on how fast a loaded machine runs the thread."""
import threading

from testkit.waiting import wait_for


class FakeSession:
    """Pass `is_alive` and `clock` to a worker or runner; move the session with `then(...)`."""

    def __init__(self):
        self.there = True
        self.now = 0.0
        self.asks = 0                   # how many times the thread asked is_alive()
        self._lock = threading.Lock()   # an ask counts and reads `there` at once: no answer from before a change

    def is_alive(self) -> bool:
        with self._lock:
            self.asks += 1
            return self.there

    def clock(self) -> float:
        return self.now

    def then(self, there: bool, seconds_later: float, timeout: float = 30.0) -> bool:
        """The session is `there` (or not) from now on and the clock moves on; True once the thread has
        asked about it, False if it never asks again (it has ended).

        A SessionWatch asks once at the first step that sees the clock moved by its check interval
        (1 s): `seconds_later` >= 1 makes it ask exactly once, and it sees the new state, which is set
        before the clock moves. `timeout` only bounds a thread that has ended: a slow one just takes
        longer."""
        with self._lock:
            asked = self.asks
            self.there = there
        self.now += seconds_later
        return wait_for(lambda: self.asks > asked, timeout)


def brief_absences_do_not_end_it_a_long_one_does(session: FakeSession, grace_seconds: float, thread) -> None:
    """Two absences just shorter than the grace period, together longer than it, with a return between:
    the thread goes on (it asks again after each); then an absence of the whole grace period ends it.
    `thread` is the worker or runner, with an `alive` property."""
    ended_early = "it ended during an absence shorter than its grace period"
    for _ in range(2):
        assert session.then(there=False, seconds_later=1.0), ended_early
        assert session.then(there=False, seconds_later=grace_seconds - 1.5), ended_early   # gone grace - 1.5 s
        assert session.then(there=True, seconds_later=1.0), ended_early
    assert session.then(there=False, seconds_later=1.0), ended_early
    assert session.then(there=False, seconds_later=grace_seconds)                        # gone grace s
    assert wait_for(lambda: not thread.alive), "it did not end when its session stayed away"
