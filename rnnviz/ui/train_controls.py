"""The Train page's row of buttons: Start (or Resume), Pause, One step and Reset, and the pace.

One row for the page and for its stand-in while torch loads (rnnviz/ui/warm_up.py), so both show the
same buttons; torch-free, as the stand-in must be.
"""
from __future__ import annotations

from typing import Callable

import streamlit as st

from rnnviz.live.speed import FULL_SPEED, PACES
from rnnviz.live.status import DIVERGED, STOPPED
from rnnviz.ui import session
from rnnviz.ui.session import PACE, pace, projector, tr

Action = Callable[[], None]
PRESSED = "train.pressed"     # "start" or "step": pressed in this rerun, for the page to carry out
PACE_CHOICE = "train.pace"    # the pace selector's own state; the session's pace (session.PACE) outlives it
STEP_FROM = "train.step_from"  # the step count when One step was pressed, until the page shows the step after it
STEP_POLL_SECONDS = 0.1      # how often a page waiting for One step's step asks whether it is done
# every pace selector's key (Train's, the Compare page's race and sweep): one pace for the session, so a choice
# in one of them is the starting value of the others
PACE_SELECTORS = (PACE_CHOICE, "compare.pace", "compare.sweep_pace")
# the room above the title, in projector mode: Streamlit's 6rem (126 px at its 21 px type) left the loss chart
# half off a 768 px screen; 3rem still clears the toolbar
PROJECTOR_TOP = "<style>[data-testid='stMainBlockContainer'] { padding-top: 3rem !important; }</style>"


def less_room_on_top() -> None:
    """In projector mode, less empty room above the Train page's title (the page and its stand-in alike,
    so the buttons do not jump when the page replaces the stand-in)."""
    if projector():
        st.html(PROJECTOR_TOP)


def press(command: str) -> Action:
    """An on_click that leaves `command` ("start" or "step") for the page to carry out with take_pressed().

    Not done in the callback: a setting changed in the same rerun as the press (a number typed, then Start
    clicked) reaches the config only when the sidebar runs, after every callback; started from the
    callback, a model not trained yet would train the settings of the run before."""
    def pressed() -> None:
        st.session_state[PRESSED] = command
    return pressed


def take_pressed() -> str | None:
    """The command pressed in this rerun ("start" or "step"), or None; taken once. One step also notes
    the step count it starts from, so the page is redrawn once that step is done (step_pending)."""
    pressed = st.session_state.pop(PRESSED, None)
    if pressed == "step":
        worker = session.worker()
        st.session_state[STEP_FROM] = worker.snapshot().step if worker is not None else 0
    return pressed


def step_pending(worker) -> bool:
    """Whether One step was pressed and its step is not done yet (nor will it be: the worker stopped or
    the loss diverged). False forgets the press."""
    before = st.session_state.get(STEP_FROM)
    if before is not None and worker is not None:
        snap = worker.snapshot()
        if snap.step == before and snap.status not in (DIVERGED, STOPPED) and worker.alive:
            return True
    st.session_state.pop(STEP_FROM, None)
    return False


def _redraw_when_stepped() -> None:
    """A fragment polling while One step's step runs: a step that outlasts the page's short wait for it
    (a big model's, >= 0.3 s) left the page showing the count before it, with nothing polling to redraw."""
    if not step_pending(session.worker()):
        st.rerun()


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
    pace_selector(row)
    if step_pending(session.worker()):
        st.fragment(_redraw_when_stepped, run_every=STEP_POLL_SECONDS)()


def pace_selector(container, key: str = PACE_CHOICE) -> None:
    """How fast training runs, from slow motion to full speed; it applies at once, even mid-run.

    Its label is in each option ("Pace: 5 steps/s"), so it takes a single line in the row of buttons.
    Streamlit drops a widget's state on a page that does not draw it, so the pace lives in session.PACE
    (and in the URL) and the selector starts from it. `key` is one of PACE_SELECTORS."""
    labels = {choice: pace_label(choice) for choice in PACES}     # in this run's language, whoever formats them
    # the session's pace as the widget's default (`index`), not written into its state: the browser shows a
    # widget's default when it draws it anew (the stand-in's selector replaced by the page's showed 1 step/s
    # for a pace of 2)
    container.selectbox(tr("train.pace"), PACES, index=PACES.index(pace()), format_func=labels.__getitem__,
                        key=key, on_change=_take_pace, args=(key,), label_visibility="collapsed", width=270)


def pace_label(steps_per_second: float) -> str:
    if steps_per_second == FULL_SPEED:
        return tr("train.pace.full")
    return tr("train.pace.one" if steps_per_second == 1 else "train.pace.steps", n=steps_per_second)


def _take_pace(key: str) -> None:
    st.session_state[PACE] = st.session_state[key]
    for other in PACE_SELECTORS:       # a selector of the same page drawn anew shows the new pace, not its own
        if other != key:
            st.session_state.pop(other, None)
