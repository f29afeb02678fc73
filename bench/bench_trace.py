"""How much exact introspection costs next to the fused module it inspects.

For LSTM, GRU and RNN (tanh), at B=64, T=100, H=128 and a small case (B=8, T=20, H=16):
  trace ratio = rnnviz.trace time / fused forward time (no_grad)                 goal <= 3
  grad ratio  = rnnviz.hidden_grad_norms time / one fused training step          goal <= 1.5
                (forward + backward + SGD step on the same module and batch, same loss)
Both sides of a ratio run interleaved with the same thread count, after a warm-up; medians of repeats.
The machine may be shared: interleaving makes load hit both sides alike. Prints, never asserts.

    python -m bench.bench_trace [--threads 1,2] [--repeats 15]
"""
import argparse
import statistics
import time

import torch
from torch import nn

from rnnviz.gradients import hidden_grad_norms
from rnnviz.tracing import trace

CELLS = {"LSTM": nn.LSTM, "GRU": nn.GRU, "RNN": nn.RNN}
SIZES = [(64, 100, 128), (8, 20, 16)]          # (B, T, H); input size = H


def interleaved_medians(fns, repeats):
    """Median seconds of each function, run in turns so that load hits all of them alike."""
    for fn in fns:                              # warm-up: allocator, oneDNN primitives
        fn(), fn()
    times = [[] for _ in fns]
    for _ in range(repeats):
        for fn, bucket in zip(fns, times):
            start = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - start)
    return [statistics.median(bucket) for bucket in times]


def bench_one(cell, B, T, H, repeats):
    torch.manual_seed(0)
    rnn = CELLS[cell](H, H, batch_first=True)
    x = torch.randn(B, T, H)
    loss_fn = lambda out: out.pow(2).mean()
    optimizer = torch.optim.SGD(rnn.parameters(), lr=1e-4)

    def fused_forward():
        with torch.no_grad():
            rnn(x)

    def fused_training_step():
        optimizer.zero_grad()
        loss_fn(rnn(x)[0]).backward()
        optimizer.step()

    forward, traced, step, grads = interleaved_medians(
        [fused_forward, lambda: trace(rnn, x), fused_training_step,
         lambda: hidden_grad_norms(rnn, x, loss_fn)], repeats)
    return forward, traced, step, grads


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,2", help="comma-separated torch thread counts")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    print(f"torch {torch.__version__}; times in ms, medians of {args.repeats} interleaved repeats")
    header = (f"{'threads':>7} {'cell':>5} {'B':>3} {'T':>4} {'H':>4} | {'forward':>8} {'trace':>8} "
              f"{'ratio':>6} | {'step':>8} {'grads':>8} {'ratio':>6}")
    print(header)
    print("-" * len(header))
    for threads in [int(n) for n in args.threads.split(",")]:
        torch.set_num_threads(threads)
        for B, T, H in SIZES:
            for cell in CELLS:
                forward, traced, step, grads = bench_one(cell, B, T, H, args.repeats)
                print(f"{threads:>7} {cell:>5} {B:>3} {T:>4} {H:>4} | {forward * 1e3:8.2f} "
                      f"{traced * 1e3:8.2f} {traced / forward:6.2f} | {step * 1e3:8.2f} "
                      f"{grads * 1e3:8.2f} {grads / step:6.2f}")
    print("goals: trace ratio <= 3, grads ratio <= 1.5")


if __name__ == "__main__":
    main()
