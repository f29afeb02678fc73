"""This session's race and sweep of the Compare page: the only part of them that touches st.session_state.

The runners themselves (threads, snapshots, no Streamlit) are rnnviz/live/runners.py.
"""
from __future__ import annotations

from typing import Callable, Sequence

import streamlit as st

from rnnviz.compare import COMPARED_CELLS, Race
from rnnviz.config import ExperimentConfig
from rnnviz.live.runners import RaceRunner, SweepRunner
from rnnviz.ui import session

_RACE, _SWEEP = "compare.race_runner", "compare.sweep_runner"


# --- the session's runners (the only part that touches st.session_state) ------------------------------

def _session_liveness() -> Callable[[], bool]:
    return session.session_alive()


def race() -> RaceRunner | None:
    return st.session_state.get(_RACE)


def sweep() -> SweepRunner | None:
    return st.session_state.get(_SWEEP)


def start_race(config: ExperimentConfig, match_parameters: bool) -> RaceRunner:
    """Stop this session's race, if any, and start a new one for config.steps steps."""
    stop_race()
    runner = RaceRunner(Race(config, COMPARED_CELLS, match_parameters), config.steps, _session_liveness())
    st.session_state[_RACE] = runner
    return runner


def stop_race() -> None:
    if race() is not None:
        race().stop()


def start_sweep(config: ExperimentConfig, lengths: Sequence[int], steps: int, match_parameters: bool) -> SweepRunner:
    """Stop this session's sweep, if any, and start a new one (ValueError for bad lengths)."""
    stop_sweep()
    runner = SweepRunner(config, lengths, steps, COMPARED_CELLS, match_parameters, _session_liveness())
    st.session_state[_SWEEP] = runner
    return runner


def stop_sweep() -> None:
    if sweep() is not None:
        sweep().stop()
