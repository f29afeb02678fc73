"""What a page computed, remembered in this session so a rerun with the same inputs recomputes nothing.

One mechanism with three uses:
    remember(name, key, compute)       any result, per key (an upload's file_id and options, a lab's settings)
    model_at_step(worker, name)        a copy of the worker's model, once per training step, and
    cached(store, key, compute)        what was computed from that copy, until the next step
    throttled(name, worker, step, ...) a measurement of the model now that, while training runs, is
                                       repeated only as often as a small share of the CPU allows
A store that holds a worker keeps only the latest entry (keep=1) or a weak reference: a replaced
worker and its model must not outlive a Reset.
"""
from __future__ import annotations

import time
import weakref

import streamlit as st

from rnnviz.live.status import RUNNING

MAX_KEPT = 32              # results kept per store (own sentences, samples, figures ...) before starting over
THROTTLE = 10              # while training: a new measurement once 10x the last one's duration has passed


def _remember(results: dict, key, compute, keep: int):
    if key not in results:
        if len(results) >= keep:
            results.clear()
        results[key] = compute()
    return results[key]


def remember(name: str, key, compute, keep: int = MAX_KEPT):
    """compute(), once per key, in this session's store `name` (at most `keep` entries, then starting over)."""
    return _remember(st.session_state.setdefault(name, {}), key, compute, keep)


def model_at_step(worker, name: str) -> dict:
    """This session's store `name` for the worker's model at its current step: {"step", "model", "results"}.
    Each page keeps its own store under its own name."""
    store = st.session_state.get(name)
    with worker.lock:    # the step and the weights copied must belong together
        step = worker.experiment.trainer.step_count
        if store is None or store["worker"]() is not worker or store["step"] != step:
            store = {"worker": weakref.ref(worker), "step": step, "model": worker.model_copy(), "results": {}}
            st.session_state[name] = store
    return store


def cached(store: dict, key: tuple, compute):
    """compute(model) once per key at this store's step."""
    return _remember(store["results"], key, lambda: compute(store["model"]), MAX_KEPT)


def throttled(name: str, worker, step: int, compute, factor: float = THROTTLE):
    """compute(), remembered for (worker, step) under `name`; but while training runs, a new step is only
    measured once `factor` times the last measurement's duration has passed: a big model's polls stay a
    small share of the CPU that training needs (a page following training may ask for a larger share)."""
    store = st.session_state.setdefault(name, {})
    entry = store.get("entry")              # (worker, step, seconds it took, when, value)
    if entry is not None and entry[0] is worker and entry[1] != step and worker.snapshot().status == RUNNING:
        if time.monotonic() - entry[3] < factor * entry[2]:
            return entry[4]
    if entry is None or entry[0] is not worker or entry[1] != step:
        start = time.monotonic()
        value = compute()
        entry = store["entry"] = (worker, step, time.monotonic() - start, time.monotonic(), value)
    return entry[4]
