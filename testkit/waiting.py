"""Waiting in tests for something a background thread does (a worker's step, a run's end)."""
import time


def wait_for(predicate, timeout=30.0) -> bool:
    """True as soon as predicate() holds; False if it still does not after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False
