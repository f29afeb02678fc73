"""Many sessions training in one process: their steps taking turns for rnnviz.live.cpu_slots, against every
worker stepping whenever it likes, in one run.

N TrainingWorkers (sum-sign, hidden 16, seeds 0..N-1, torch.set_num_threads(1)) train together for a
window; printed: the steps per second of all of them together, and the fewest and most steps one worker
took (an equal share is the goal: no learner's run stalls because others train). Prints, never asserts.

    python -m bench.bench_slots [--workers 20] [--window 8]
"""
from __future__ import annotations

import argparse
import contextlib
import time

import torch

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.live import cpu_slots
from rnnviz.live.worker import TrainingWorker


class NoSlots:
    """Every step runs at once: what the workers did before cpu_slots."""

    def held(self):
        return contextlib.nullcontext()


def together(workers: int, window: float, slots) -> dict:
    """Train `workers` workers at once with `slots` as cpu_slots.TRAINING; steps/s in all, fewest, most."""
    cpu_slots.TRAINING = slots
    pool = [TrainingWorker(Experiment.build(ExperimentConfig.for_task("sum-sign", hidden_size=16, steps=100_000,
                                                                      seed=seed))) for seed in range(workers)]
    for worker in pool:
        worker.start()
    time.sleep(1.0)                                        # all running
    before = [w.experiment.trainer.step_count for w in pool]
    start = time.perf_counter()
    time.sleep(window)
    after = [w.experiment.trainer.step_count for w in pool]
    seconds = time.perf_counter() - start
    for worker in pool:
        worker.stop()
    taken = [b - a for a, b in zip(before, after)]
    return {"rate": sum(taken) / seconds, "fewest": min(taken), "most": max(taken)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--window", type=float, default=8.0)
    args = parser.parse_args()
    torch.set_num_threads(1)
    slots = cpu_slots.TRAINING
    results = {}
    for name, scheme in [("no slots", NoSlots()), (f"{cpu_slots.TRAINING_SLOTS} slots", slots)] * 2:
        results.setdefault(name, []).append(together(args.workers, args.window, scheme))
    print(f"{args.workers} workers training at once, {args.window:.0f} s windows, alternating:")
    for name, runs in results.items():
        print(f"    {name:9s} " + "; ".join(f"{r['rate']:.0f} steps/s in all, {r['fewest']}-{r['most']} per worker"
                                       for r in runs))
    free, fair = (sum(r["rate"] for r in runs) / len(runs) for runs in results.values())
    print(f"    ratio with slots / without = {fair / free:.2f}   goal >= 1 (and an equal share per worker)")


if __name__ == "__main__":
    main()
