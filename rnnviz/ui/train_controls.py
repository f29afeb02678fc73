"""The Train page's row of buttons: Start (or Resume), Pause, One step and Reset.

One row for the page and for its stand-in while torch loads (rnnviz/ui/warm_up.py), so both show the
same buttons; torch-free, as the stand-in must be.
"""
from __future__ import annotations

from typing import Callable

import streamlit as st

from rnnviz.ui.session import tr

Action = Callable[[], None]
PRESSED = "train.pressed"     # "start" or "step": pressed in this rerun, for the page to carry out


def press(command: str) -> Action:
    """An on_click that leaves `command` ("start" or "step") for the page to carry out with take_pressed().

    Not done in the callback: a setting changed in the same rerun as the press (a number typed, then Start
    clicked) reaches the config only when the sidebar runs, after every callback; started from the
    callback, a model not trained yet would train the settings of the run before."""
    def pressed() -> None:
        st.session_state[PRESSED] = command
    return pressed


def take_pressed() -> str | None:
    """The command pressed in this rerun ("start" or "step"), or None; taken once."""
    return st.session_state.pop(PRESSED, None)


def control_row(start: Action, pause: Action | None, step: Action, reset: Action, *, can_start: bool,
                can_pause: bool, can_reset: bool, resume: bool = False) -> None:
    """The four buttons, each calling its action when pressed; One step is enabled with Start."""
    # a row that wraps rather than squeezing the labels away on a narrow (or projected) screen
    row = st.container(horizontal=True)
    row.button(tr("train.resume" if resume else "train.start"), type="primary", icon=":material/play_arrow:",
               disabled=not can_start, on_click=start, key="train.start")
    row.button(tr("train.pause"), icon=":material/pause:", disabled=not can_pause, on_click=pause, key="train.pause")
    row.button(tr("train.step"), icon=":material/skip_next:", disabled=not can_start, on_click=step,
               key="train.step")
    row.button(tr("train.reset"), icon=":material/restart_alt:", help=tr("train.reset.help"), disabled=not can_reset,
               on_click=reset, key="train.reset")
