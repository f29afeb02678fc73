"""Long use of one session: cycles of start / pause / change task / reset under AppTest, in this process.

Prints the resident-memory growth over the cycles, after a warm-up that meets every task twice (its data,
vocabulary and first-use caches are not a leak; goal: < 50 MB over 100 cycles, where a leak of the replaced
workers grows it by several MB a cycle), against the memory of the warmed-up process itself. Also the
thread count before and after, and how many replaced workers and their models are still alive after a
garbage collection (goal 0). Prints, never asserts: tests/reliability/test_long_use.py runs this script and
asserts the threads and the replaced workers, which do not depend on the machine's load; resident memory
does (how far each cycle trains, the allocator's arenas), so it is measured here.

    python -m bench.long_use [--cycles 100] [--json]
"""
from __future__ import annotations

import argparse
import gc
import json
import threading
import time
import weakref
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WARM_UP = 14              # each task twice first
STOP_SECONDS = 60.0       # the longest a stopped worker's thread may take to end (a loaded machine)


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def trained(worker, timeout: float = 60.0) -> None:
    """Wait until `worker` has taken a step: every cycle then replaces a worker that trained, however slow
    the machine is."""
    deadline = time.monotonic() + timeout
    while worker.snapshot().step == 0 and time.monotonic() < deadline:
        time.sleep(0.005)


def run_cycles(cycles: int) -> dict:
    """Drive one session through `cycles` cycles after the warm-up; what is left of it afterwards."""
    from streamlit.testing.v1 import AppTest

    from rnnviz import tasks

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).switch_page("views/train.py")
    at.session_state["lang"] = "en"
    at.run()
    at.number_input(key="cfg.steps").set_value(100_000).run()
    at.button(key="train.reset").click().run()
    names = list(tasks.TASKS)
    replaced = []                           # weak references to every worker a Reset replaced, and its model
    for cycle in range(-WARM_UP, cycles):
        if cycle == 0:
            gc.collect()
            threads_before, rss_before = threading.active_count(), rss_mb()
        at.button(key="train.start").click().run()
        trained(at.session_state["worker"])
        at.button(key="train.pause").click().run()
        task = names[cycle % len(names)]
        at.selectbox(key="cfg.task").set_value(task).run()               # change task ...
        at.number_input(key="cfg.steps").set_value(100_000).run()     # never finishes by itself
        worker = at.session_state["worker"]
        at.button(key="train.reset").click().run()                        # ... which applies on Reset
        if at.exception or at.session_state["worker"].experiment.config.task != task:
            raise RuntimeError(f"cycle {cycle} went wrong: {at.exception or 'Reset did not apply the task'}")
        if cycle >= 0:
            replaced += [weakref.ref(worker), weakref.ref(worker.experiment.model)]
        del worker
    at.run()                  # Streamlit holds the run before's state (the last worker replaced) until the next
    at.session_state["worker"].stop()
    gc.collect()
    deadline = time.monotonic() + STOP_SECONDS
    while threading.active_count() > threads_before - 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    gc.collect()
    return {"cycles": cycles, "threads_before": threads_before, "threads_after": threading.active_count(),
            "replaced": len(replaced) // 2, "replaced_alive": sum(ref() is not None for ref in replaced),
            "rss_before": rss_before, "rss_after": rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="print the results as one JSON line")
    args = parser.parse_args()
    import torch
    torch.set_num_threads(1)
    result = run_cycles(args.cycles)
    if args.json:
        print(json.dumps(result))
        return
    growth = result["rss_after"] - result["rss_before"]
    print(f"{result['cycles']} cycles of start / pause / change task / reset, after {WARM_UP} warm-up cycles:")
    print(f"    resident memory {result['rss_before']:.0f} -> {result['rss_after']:.0f} MB: "
          f"grew {growth:.0f} MB ({growth / result['cycles']:.2f} MB a cycle)   goal < 50 MB")
    print(f"    growth / the warmed-up process = {growth / result['rss_before']:.3f}")
    print(f"    threads {result['threads_before']} -> {result['threads_after']} (the session's worker stopped: "
          f"one fewer)   replaced workers and models still alive: {result['replaced_alive']}   goal 0")


if __name__ == "__main__":
    main()
