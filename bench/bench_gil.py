"""How much training threads slow a page's script run through the interpreter lock (issue 22).

One process, as a server is: `--trainers` threads each train the default experiment (sum-sign, tanh RNN,
hidden 16) step after step, as the sessions' workers do under their CPU slots, while this thread runs a
stand-in for a page's script run again and again: the Train page's live loss figure built from a
1000-step history and serialised as Streamlit does, in `--pieces` parts, each followed by a message
handed to another thread (a script run hands each element to the event loop, which lets go of the lock).

A step of this small model is mostly Python, holding the lock; PyTorch lets go of it only inside its
operations. A thread that let go must then wait for it again, up to the switch interval (5 ms by default)
each time a trainer holds it. Printed for each variant (never asserted), with the machine's load:
the page run's wall time (p50, p95) against its CPU time, and the steps per second trained meanwhile.

  alone        no training: the page run's own cost
  default      the trainers as the worker runs them
  yield        the trainers wait 1 ms after each step (time.sleep), letting go of the lock
  interval     sys.setswitchinterval(--interval) for the whole process

    python -m bench.bench_gil [--trainers 2] [--runs 40] [--pieces 20] [--interval 0.001]
"""
from __future__ import annotations

import argparse
import os
import queue
import statistics
import sys
import threading
import time

import torch

from bench.browser_kit import loadavg
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.figures.training import loss_figure


def history(steps: int = 1000) -> list[dict]:
    experiment = Experiment.build(ExperimentConfig(task="sum-sign", cell="rnn", hidden_size=16, steps=steps))
    experiment.trainer.run(steps)
    return list(experiment.trainer.history)


def page_run(records: list[dict], pieces: int, events: queue.Queue) -> None:
    """A stand-in for a live fragment run: the figure, serialised, in `pieces` parts handed over."""
    import plotly.io as pio

    fig = loss_figure(records, 0.69, max_points=2000, compact=True)
    for _ in range(pieces):
        events.put(pio.to_json(fig, validate=False)[:10])
        time.sleep(0)                           # a script run waits on locks and sockets: lets go of the lock


def measure(records, args, trainers: int, pause: float, interval: float | None) -> dict:
    stop = threading.Event()
    steps = [0] * trainers
    before = sys.getswitchinterval()
    if interval:
        sys.setswitchinterval(interval)

    def train(k: int) -> None:
        experiment = Experiment.build(ExperimentConfig(task="sum-sign", cell="rnn", hidden_size=16,
                                                       steps=100_000, seed=k))
        while not stop.is_set():
            experiment.trainer.step()
            steps[k] += 1
            if pause:
                time.sleep(pause)

    events: queue.Queue = queue.Queue()
    drain = threading.Thread(target=lambda: [events.get() for _ in iter(int, 1)], daemon=True)
    drain.start()
    threads = [threading.Thread(target=train, args=(k,), daemon=True) for k in range(trainers)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)                              # the trainers under way
    start_steps, started = sum(steps), time.perf_counter()
    walls, cpus = [], []
    for _ in range(args.runs):
        wall, cpu = time.perf_counter(), time.thread_time()
        page_run(records, args.pieces, events)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.thread_time() - cpu)
        time.sleep(0.05)
    rate = (sum(steps) - start_steps) / (time.perf_counter() - started)
    stop.set()
    for thread in threads:
        thread.join()
    sys.setswitchinterval(before)
    return {"wall": walls, "cpu": cpus, "rate": rate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--pieces", type=int, default=20)
    parser.add_argument("--interval", type=float, default=0.001)
    args = parser.parse_args()
    torch.set_num_threads(1)
    records = history()
    print(f"{args.trainers} training threads, {args.runs} page runs of {args.pieces} pieces; "
          f"{os.cpu_count()} cores; load average {loadavg()}")
    variants = [("alone", 0, 0.0, None), ("default", args.trainers, 0.0, None),
                ("yield", args.trainers, 0.001, None), ("interval", args.trainers, 0.0, args.interval)]
    for name, trainers, pause, interval in variants:
        result = measure(records, args, trainers, pause, interval)
        walls, cpus = sorted(result["wall"]), sorted(result["cpu"])
        p95 = walls[round(0.95 * (len(walls) - 1))]
        print(f"  {name:9s} page run wall p50 {1000 * statistics.median(walls):6.1f} ms, p95 {1000 * p95:6.1f} ms; "
              f"its CPU p50 {1000 * statistics.median(cpus):5.1f} ms; trained {result['rate']:6.0f} steps/s   "
              f"[load {loadavg()}]", flush=True)


if __name__ == "__main__":
    main()
