"""Long use of one session: 100 cycles of start / pause / change task / reset leak no threads and no
worker: every worker a Reset replaced, and its model, is freed.

bench/long_use.py drives the cycles; it also prints the resident-memory growth, which is measured there
and not asserted here: it moves with how far each cycle trains and with the allocator, so with the machine's
load. A freed worker does not: a worker kept by anything (a list, a cache, a callback) stays alive however
fast or slow the machine is, and it is what made memory grow."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CYCLES = 100


@pytest.mark.slow
def test_hundred_cycles_leak_no_threads_and_no_workers():
    # in a process of its own, so that other tests' threads and objects do not blur the count
    result = subprocess.run([sys.executable, "-m", "bench.long_use", "--cycles", str(CYCLES), "--json"],
                            capture_output=True, text=True, timeout=1800, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    left = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{CYCLES} cycles: RSS {left['rss_before']:.0f} -> {left['rss_after']:.0f} MB (not asserted: bench/long_use.py)")
    assert left["replaced"] == CYCLES
    assert left["replaced_alive"] == 0, "replaced workers or their models are still alive: a leak"
    # before: the session's one worker thread was alive; after: it is stopped, and none of the 100
    # replaced workers' threads is left behind
    assert left["threads_after"] == left["threads_before"] - 1
