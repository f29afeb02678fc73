"""The session's own state: its language, its experiment config, and its training worker.

A trained model belongs to one session (never to a global cache): the worker lives in st.session_state,
and it stops by itself when the session ends, whichever comes first of the Streamlit runtime saying the
session is gone and the session state being dropped.
"""
from __future__ import annotations

import dataclasses
import logging
import weakref
from typing import TYPE_CHECKING

import streamlit as st
from streamlit import runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from rnnviz.config import ExperimentConfig
from rnnviz.figures.style import LAPTOP, PROJECTOR, Style
from rnnviz.i18n import DEFAULT_LANGUAGE, t
from rnnviz.i18n.numbers import formatted, plotly_separators
from rnnviz.live.speed import DEFAULT_PACE    # torch-free, as this module must be (see new_worker)
from rnnviz.live.status import READY     # plain strings: no torch (see new_worker)

if TYPE_CHECKING:
    from rnnviz.live.worker import TrainingWorker

log = logging.getLogger(__name__)

_WORKER = "worker"
PACE = "pace"                # the Train page's pace control, kept in the URL (rnnviz/ui/url.py)
OWN_DATA = "custom_data"     # task name -> the learner's upload (rnnviz.uploads.OwnSeries / OwnText / ...)


class _SessionToken:
    """Lives exactly as long as the session state that holds it."""


def lang() -> str:
    return st.session_state.get("lang", DEFAULT_LANGUAGE)


def tr(key: str, **values) -> str:
    """t() in this session's language."""
    return t(key, lang(), **values)


def num(value, spec: str = "") -> str:
    """A number in Python's format `spec`, written in this session's language (0,5 and 78,0 % in Spanish)."""
    return formatted(value, spec, lang())


def projector() -> bool:
    """Projector mode: larger type, thicker lines, high contrast (for a classroom)."""
    return st.session_state.get("projector", False)


def pace() -> float:
    """How fast this session trains, in steps per second (rnnviz.live.speed.FULL_SPEED: as fast as it goes)."""
    return st.session_state.get(PACE, DEFAULT_PACE)


def style() -> Style:
    """The figure style of this session: PROJECTOR in projector mode, else LAPTOP, writing numbers in the
    session's language (0,5 in Spanish)."""
    return dataclasses.replace(PROJECTOR if projector() else LAPTOP, separators=plotly_separators(lang()))


def chart_theme() -> str | None:
    """st.plotly_chart's theme: the figure's own Style in projector mode (Streamlit's chart theme would set
    its tick labels in 12-16 px grey, not the projector's 20 px), else Streamlit's, which matches the page.

    Not on a laptop: drawn in their own Style, the live charts went blank for a frame more often when the
    log axis was switched (in 7 of 11 runs of three switches, against 2 of 11)."""
    return None if projector() else "streamlit"


def config() -> ExperimentConfig | None:
    """The experiment the sidebar describes now (None while the sidebar holds an invalid value)."""
    return st.session_state.get("config")


def worker() -> TrainingWorker | None:
    return st.session_state.get(_WORKER)


def worker_for_page() -> TrainingWorker:
    """The session's worker, or a new one for the sidebar's experiment: when there is none, and when the one
    there has not started yet and the sidebar describes another experiment (it has nothing to keep, and Start
    must train what the sidebar shows; a model that has trained waits for Reset). Stops the page (the sidebar
    already says what is wrong) while the sidebar holds an invalid value and there is no worker yet."""
    current, settings = worker(), config()
    if current is None and settings is None:
        st.stop()
    if current is None or (settings is not None and settings != current.experiment.config
                           and current.snapshot().status == READY):
        current = new_worker(settings)
    return current


def own_data_source(task: str):
    """The learner's own upload for `task` (a series, text or sentences), or None."""
    return st.session_state.get(OWN_DATA, {}).get(task)


def new_worker(config: ExperimentConfig) -> TrainingWorker:
    """Replace the session's worker (stopping the old one) with a fresh experiment, ready to start. The
    learner's own data for the task is rebuilt for this config's seed and sequence length."""
    # imported here, not above: they import torch, and the rest of this module serves the first screen,
    # drawn while torch is still loading (rnnviz/ui/warm_up.py)
    from rnnviz.experiment import Experiment
    from rnnviz.tasks.custom import own_task
    from rnnviz.uploads import UploadProblem
    from rnnviz.live.worker import TrainingWorker

    data, source = None, own_data_source(config.task)
    if source is not None:
        try:
            data = own_task(source, seed=config.seed, **config.task_params)
        except UploadProblem as problem:     # e.g. a window longer than the data allows: built-in data
            log.warning("own data refused, training on the task's data: %s", problem)
            st.warning(tr(f"data.problem.{problem.kind}", **problem.values), icon=":material/error:")
    return adopt_worker(TrainingWorker(Experiment.build(config, data=data), is_alive=session_alive(), pace=pace()))


def adopt_worker(new: TrainingWorker) -> TrainingWorker:
    """Make `new` the session's worker, stopping the one it replaces."""
    old = worker()
    if old is not None and old is not new:
        old.stop()
    st.session_state[_WORKER] = new
    return new


def session_alive():
    """A check a background thread may call: False once this session is closed or its state dropped."""
    token = st.session_state.setdefault("_session_token", _SessionToken())
    token_ref = weakref.ref(token)
    ctx = get_script_run_ctx()
    session_id = ctx.session_id if ctx else None

    def alive() -> bool:
        if token_ref() is None:
            return False
        if session_id is None or not runtime.exists():   # e.g. under AppTest: only the token tells
            return True
        return runtime.get_instance().is_active_session(session_id)

    return alive
