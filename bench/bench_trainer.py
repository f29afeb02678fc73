"""Trainer vs a bare PyTorch loop: the cost of what the Trainer adds (records, gradient norm, clipping
bookkeeping, the divergence guard) per training step.

Both sides train the same fused model from the same initial weights on the same pre-drawn batches with
Adam; runs alternate and the median step time of each is compared. Goal: ratio <= 1.05. Prints only.

    python -m bench.bench_trainer
"""
from __future__ import annotations

import copy
import statistics
import time

import torch
from torch import nn

from rnnviz.models import SequenceModel
from rnnviz.train import Trainer

STEPS = 30          # timed steps per run
REPEATS = 7         # alternating runs per side
BATCH = 32


class FixedBatches:
    """A data source that replays pre-drawn batches, so both loops see exactly the same data."""

    def __init__(self, batches, val):
        self.batches, self.val, self.i = batches, val, 0

    def train_batch(self, batch_size, generator):
        batch = self.batches[self.i % len(self.batches)]
        self.i += 1
        return batch

    def loss(self, output, target):
        return nn.functional.mse_loss(output, target)

    def metric(self, output, target):
        return None


def bare_loop(model, batches) -> float:
    """Median seconds per step of the textbook loop."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    times = []
    for x, y in batches:
        start = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def trainer_loop(model, batches) -> float:
    data = FixedBatches(batches, batches[0])
    trainer = Trainer(model, data, optimizer="adam", lr=1e-3, batch_size=BATCH, eval_every=10**9)
    times = []
    for _ in batches:
        start = time.perf_counter()
        trainer.step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(cell: str, hidden: int, T: int) -> tuple[float, float]:
    torch.manual_seed(0)
    model = SequenceModel(cell, input_size=2, output_size=1, hidden_size=hidden)
    batches = [(torch.rand(BATCH, T, 2), torch.rand(BATCH, 1)) for _ in range(STEPS)]
    bare, ours = [], []
    for _ in range(REPEATS):                      # alternate, so machine noise hits both sides alike
        bare.append(bare_loop(copy.deepcopy(model), batches))
        ours.append(trainer_loop(copy.deepcopy(model), batches))
    return statistics.median(bare), statistics.median(ours)


def main() -> None:
    torch.set_num_threads(1)
    print(f"Trainer vs bare PyTorch loop, Adam, batch {BATCH}, median of {REPEATS}x{STEPS} steps, 1 thread")
    print(f"{'cell':5} {'H':>4} {'T':>4} {'bare ms':>9} {'Trainer ms':>11} {'ratio':>6}")
    ratios = []
    for cell in ("rnn", "lstm", "gru"):
        for hidden in (32, 128):
            for T in (20, 100):
                bare, ours = measure(cell, hidden, T)
                ratios.append(ours / bare)
                print(f"{cell:5} {hidden:4d} {T:4d} {bare * 1e3:9.3f} {ours * 1e3:11.3f} {ours / bare:6.3f}")
    print(f"median ratio {statistics.median(ratios):.3f}, worst {max(ratios):.3f} (goal <= 1.05)")


if __name__ == "__main__":
    main()
