"""torch for the task files, imported on first use rather than when a task file is imported.

A task is one file: its registry entry (TaskSpec) beside the class that builds its data. The registry
imports every task file, and the registry must not import torch: a fresh server draws its sidebar while
torch is still loading (0.9-1.7 s), and a configuration is checked without it. So task files write

    from rnnviz.tasks.lazy_torch import F, no_grad, torch

and use `torch.randn(...)` as usual; the first attribute looked up imports the real module.

Unlike importlib.util.LazyLoader this puts nothing into sys.modules: the real import is an ordinary
`import torch` under the interpreter's import lock, safe while warm-up imports torch on another thread.
tests/test_footprint.py checks that importing the registry leaves torch unimported.
"""
from __future__ import annotations

import functools
import importlib


class LazyModule:
    """A stand-in for a module: its first attribute lookup imports the module, and each attribute is
    kept on the stand-in after its first lookup, so later lookups cost what a module's do."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attribute: str):
        value = getattr(importlib.import_module(self._name), attribute)
        setattr(self, attribute, value)
        return value

    def __repr__(self) -> str:
        return f"<lazily imported module {self._name!r}>"


torch = LazyModule("torch")
F = LazyModule("torch.nn.functional")


def no_grad(function):
    """`@torch.no_grad()` as a decorator that needs no torch until the decorated function is called."""
    @functools.wraps(function)
    def without_grad(*args, **kwargs):
        with torch.no_grad():
            return function(*args, **kwargs)
    return without_grad
