"""Shared test setup.

One intra-op thread: the models here are small, and on a shared 2-core machine PyTorch's spinning
worker threads make small ops up to 100x slower under contention (measured: 100 ms vs 1 ms per step).
"""
import torch

torch.set_num_threads(1)
