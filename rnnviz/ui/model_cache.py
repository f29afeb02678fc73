"""The model as it is at the worker's current step, copied once per step, and what pages computed from
it, so a rerun at the same step recomputes nothing. Each page keeps its own store under its own key."""
from __future__ import annotations

import weakref

import streamlit as st

MAX_CACHED = 32            # results kept per step (own sentences, samples, figures ...) before starting over


def model_at_step(worker, key: str) -> dict:
    """This session's store `key` for the worker's model at its current step: {"step", "model", "results"}."""
    store = st.session_state.get(key)
    with worker.lock:    # the step and the weights copied must belong together
        step = worker.experiment.trainer.step_count
        if store is None or store["worker"]() is not worker or store["step"] != step:
            store = {"worker": weakref.ref(worker), "step": step, "model": worker.model_copy(), "results": {}}
            st.session_state[key] = store
    return store


def cached(store: dict, key: tuple, compute):
    """compute(model) once per key at this step."""
    results = store["results"]
    if key not in results:
        if len(results) >= MAX_CACHED:
            results.clear()
        results[key] = compute(store["model"])
    return results[key]
