"""Long use of one session: 100 cycles of start / pause / reset / change task leak no threads and
little memory (goal: resident-memory growth < 50 MB after a warm-up that meets every task)."""
import gc
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz import tasks

CYCLES = 100
WARM_UP = 14      # each task twice first: its data, vocabulary and first-use caches are not a leak


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def run_cycles(cycles: int) -> tuple[int, int, float, float]:
    """Drive one session through `cycles` cycles; thread counts and RSS (MB) before and after."""
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "app.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    at.number_input(key="cfg.steps").set_value(100_000).run()
    at.button(key="train.reset").click().run()
    names = list(tasks.TASKS)
    for cycle in range(-WARM_UP, cycles):
        if cycle == 0:
            gc.collect()
            threads_before, rss_before = threading.active_count(), rss_mb()
        at.button(key="train.start").click().run()
        time.sleep(0.02)
        at.button(key="train.pause").click().run()
        task = names[cycle % len(names)]
        at.selectbox(key="cfg.task").set_value(task).run()               # change task ...
        at.number_input(key="cfg.steps").set_value(100_000).run()     # never finishes by itself
        at.button(key="train.reset").click().run()                        # ... which applies on Reset
        assert not at.exception
        assert at.session_state["worker"].experiment.config.task == task
    at.session_state["worker"].stop()
    gc.collect()
    deadline = time.monotonic() + 10
    while threading.active_count() > threads_before - 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    return threads_before, threading.active_count(), rss_before, rss_mb()


@pytest.mark.slow
def test_hundred_cycles_leak_no_threads_and_little_memory():
    # in a process of its own, so that other tests' memory does not blur the measurement
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, __file__], capture_output=True, text=True, timeout=900, cwd=root,
                            env={**os.environ, "PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr[-3000:]
    threads_before, threads_after, rss_before, rss_after = json.loads(result.stdout.strip().splitlines()[-1])
    # before: the session's one worker thread was alive; after: it is stopped, and none of the 100
    # replaced workers is left behind
    assert threads_after == threads_before - 1
    print(f"{CYCLES} cycles: RSS {rss_before:.0f} -> {rss_after:.0f} MB")
    assert rss_after - rss_before < 50, f"RSS grew {rss_after - rss_before:.0f} MB"


if __name__ == "__main__":
    import torch
    torch.set_num_threads(1)
    print(json.dumps(run_cycles(CYCLES)))
