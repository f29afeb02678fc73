"""A live page's progress bar, which shows what its text says at every redraw.

Streamlit eases each change of a progress bar over 0.5 s, longer than a live page's 0.4 s between redraws: the
bar lagged its text, and a finished run's bar was drawn ~90 % full beside "Finished" (tests/browser/
test_progress_bar.py). Every live bar is drawn here, without the easing.
"""
from __future__ import annotations

import streamlit as st

# a style-only st.html takes no room on the page
_NO_EASING = "<style>[data-testid='stProgressBarTrack'] > div { transition: none; }</style>"


def live_progress(done: int, total: int, text: str) -> None:
    """A bar `done` of `total` full (clamped to [0, 1]: a run may report a step past its total), with `text`."""
    st.html(_NO_EASING)
    st.progress(min(max(done / total, 0.0), 1.0) if total else 0.0, text=text)
