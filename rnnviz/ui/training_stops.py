"""Rerun the whole page once when the training a fragment polls stops: only a full run redraws the page's
buttons (Start enabled again) and stops the polling, since a fragment's run_every is set by the page.

    polls("train", running)               on the page, where it decides whether the fragment polls
    rerun_when_stopped("train", running)  in the fragment, after drawing the latest snapshot
"""
from __future__ import annotations

import streamlit as st


def _key(name: str) -> str:
    return f"{name}.was_running"


def polls(name: str, running: bool) -> None:
    """Note whether the fragment `name` polls from this full run on (it does while training runs)."""
    st.session_state[_key(name)] = running


def rerun_when_stopped(name: str, running: bool) -> None:
    """In the fragment `name`: rerun the whole page if training ran when last seen and runs no more."""
    was_running = st.session_state.get(_key(name), False)
    st.session_state[_key(name)] = running
    if was_running and not running:
        st.rerun()
