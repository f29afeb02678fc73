"""A warning before the browser leaves a session that holds a trained model.

A session's model lives in the server's memory for that browser tab: a reload (F5) or closing the tab
starts a new session, and the model trained for 1700 steps is gone without a word (issue 24). While the
session has trained (or is training) the page arms the browser's own "Leave site?" dialog, through a
beforeunload listener; a Reset disarms it. Browsers show their own wording, in the browser's language,
and only once the learner has clicked on the page.
"""
from __future__ import annotations

import streamlit as st

from rnnviz.live.status import RUNNING
from rnnviz.ui import session
from rnnviz.ui.train_controls import PRESSED

# the listener is added once per browser tab; each script run only says whether it is armed. st.html is
# not in an iframe: `window` is the app's own. The body differs between armed and not, so the browser
# runs it again whenever that changes.
_SCRIPT = """<script>
(() => {
  window.rnnvizHoldsTrainedModel = %s;
  if (window.rnnvizLeaveWarning) return;
  window.rnnvizLeaveWarning = true;
  window.addEventListener("beforeunload", (event) => {
    if (!window.rnnvizHoldsTrainedModel) return;
    event.preventDefault();
    event.returnValue = "";          // older browsers ask for a value: theirs is the text shown
  });
})();
</script>"""


def holds_trained_model() -> bool:
    """Whether leaving now would lose training: the session's model has trained a step, is training, or
    Start or One step was pressed in this run."""
    worker = session.worker()
    if st.session_state.get(PRESSED) is not None:
        return True
    if worker is None:
        return False
    snap = worker.snapshot()
    return snap.step > 0 or snap.status == RUNNING


def warn_before_leaving() -> None:
    """Arm (or disarm) the browser's leave-site dialog for this session, from the sidebar's end: the
    element takes no room among a page's content."""
    st.sidebar.html(_SCRIPT % ("true" if holds_trained_model() else "false"), unsafe_allow_javascript=True)
