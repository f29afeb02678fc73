"""A fresh server's first screen, drawn while PyTorch is still loading.

Importing torch takes about a second; the sidebar, the task registry and the session's settings need
none of it. So until torch is in (`ready`), app.py shows this stand-in of the Train page: the same
title, buttons and progress bar, with "Loading PyTorch…". A small fragment polls until torch is in,
then reruns the app and the real page takes over. The import runs on a background thread (`start`) from
the fragment's second poll on: by then the browser has drawn the first screen, which the import (a
second of CPU, most of it holding the GIL) would otherwise slow down. Start or One step pressed
meanwhile starts the import and is left for the real page (train_controls.press): the stand-in says at
once that training starts as soon as PyTorch is in, rather than the click waiting a second or three
for the import with nothing on screen to say why. Reset waits for the import in its callback. Other pages wait for the import (`wait`) before they run. Only a server's first visitors ever see
the stand-in: later sessions find torch imported.
"""
from __future__ import annotations

import importlib
import logging
import sys
import threading

import streamlit as st

from rnnviz.ui import session
from rnnviz.ui.session import tr
from rnnviz.ui.train_controls import PRESSED, control_row, less_room_on_top, press

log = logging.getLogger(__name__)

POLL_SECONDS = 0.25     # how often the stand-in asks whether torch is in
START_AT_POLL = 2       # the poll that starts the import, once the first screen is drawn (measured with
                        # bench/bench_dashboard.py: the first poll still overlaps its drawing)
SWITCH_SECONDS = 0.0005  # the GIL handed over this often while torch imports, not every 5 ms: the
                         # server keeps sending the browser its scripts meanwhile

# what the pages' threads import lazily and Plotly finds in sys.modules (a table's CSV, an upload, results)
THREADS_NEED = ("pandas",)

_lock = threading.Lock()
_imported = threading.Event()
_thread: threading.Thread | None = None
_failure: BaseException | None = None


def start() -> None:
    """Import torch on a background thread, once per process (later calls return at once)."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_import_torch, name="rnnviz-warm-up", daemon=True)
            _thread.start()


def _import_torch() -> None:
    global _failure
    switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_SECONDS)
    try:
        import torch
        # One intra-op thread per process: the models are small, sessions train in parallel threads, and
        # PyTorch's spinning worker threads make small ops up to 100x slower on a busy 2-core host.
        torch.set_num_threads(1)
        # Imported here, once, before any page that waits for torch runs: imported by one session's thread
        # while another draws a chart, pandas sat half-initialized in sys.modules, where Plotly looks it up
        # without importing ("partially initialized module 'pandas' has no attribute 'Series'", issue 24)
        for module in THREADS_NEED:
            importlib.import_module(module)
    except BaseException as failure:     # raised again by wait(), in the script that needs torch
        log.exception("importing torch failed")
        _failure = failure
    finally:
        sys.setswitchinterval(switch)
        _imported.set()


def ready() -> bool:
    """True once torch is imported and set up."""
    return _imported.is_set()


def wait() -> None:
    """Block until torch is imported (starting the import if nobody has); re-raise its failure."""
    start()
    _imported.wait()
    if _failure is not None:
        raise _failure


def train_stand_in() -> None:
    """The Train page as it first looks, without its worker (which needs torch): press Start, One step or
    Reset and it happens as soon as torch is in."""
    less_room_on_top()
    st.title(tr("train.title"))
    config = session.config()
    if config is None:        # the sidebar says what is wrong, as on the real page; no poll to start torch
        start()
        st.stop()
    pressed = st.session_state.get(PRESSED)           # left for the real page, which takes it
    if pressed is not None:
        start()
    control_row(start=press("start"), pause=None, step=press("step"),
                reset=_when_ready(lambda: session.new_worker(config)), can_start=pressed is None, can_pause=False,
                can_reset=True)
    waiting = tr("app.loading_torch") if pressed is None else tr("app.starting_after_torch")
    st.progress(0.0, text=tr("train.progress_idle", step=0, total=config.steps) + " · " + waiting)
    st.caption(tr("train.loss.empty"))
    st.fragment(_poll, run_every=POLL_SECONDS)()


def _when_ready(action):
    """`action`, to be called once torch is in (waiting for it if need be)."""
    def when_ready() -> None:
        wait()
        action()
    return when_ready


def _poll() -> None:
    """The stand-in's fragment: start the import at the START_AT_POLL-th poll; rerun the app once torch
    is in."""
    if ready():
        st.rerun()
    polls = st.session_state["warm_up.polls"] = st.session_state.get("warm_up.polls", 0) + 1
    if polls >= START_AT_POLL:
        start()
