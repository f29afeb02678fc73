"""Shared test setup.

One intra-op thread: the models here are small, and on a shared 2-core machine PyTorch's spinning
worker threads make small ops up to 100x slower under contention (measured: 100 ms vs 1 ms per step).

torch is imported here, so the dashboard's background import (rnnviz/ui/warm_up.py) is done at once;
waiting for it keeps AppTest on the real Train page, not the stand-in a fresh server shows while torch
loads (tests/test_warm_up.py covers that one).
"""
import torch

from rnnviz.ui import warm_up

torch.set_num_threads(1)
warm_up.wait()
