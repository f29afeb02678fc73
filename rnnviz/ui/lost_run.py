"""Tell a learner whose server went away what became of their run (issue 22).

A session's trained model lives in one server process. When that process stops (a replica taken out
behind nginx, a restart), the learner's page reconnects by itself to a server that runs, which makes a
fresh session from the link: the same experiment, "Ready to start", its model gone. Without a word, a
learner who had trained 800 steps wonders where they went.

So the Train page keeps a note in the browser tab's sessionStorage: the server process it trains on and
the last step it drew. That storage belongs to the tab (it outlives a reconnect and a reload, and is never
shared through a link or with another tab). A fresh session on another server finds a note of a run that
had trained, and the page says what happened until the learner trains again. A small st.components.v2
component (JavaScript in the page itself, no iframe) reads and writes the note.
"""
from __future__ import annotations

import secrets

import streamlit as st

SERVER = secrets.token_hex(8)        # this server process: a restarted or another replica has another
KEY = "lost_run"                     # the component's key; its container's class is st-key-lost_run
LOST = "lost_run.step"               # session state: the step at which the run was lost, while it is said

# data: {"server": SERVER, "step": steps this session's model has trained}. A note of a run on another
# server, read by a session that has not trained, is the lost run: its step goes to Python (once: the
# component's state keeps it). Otherwise the note becomes this session's.
_JS = """
export default function ({ data, setStateValue }) {
  const NOTE = "rnnviz.trained_on";
  let before = null;
  try { before = JSON.parse(window.sessionStorage.getItem(NOTE) || "null"); } catch (e) { before = null; }
  if (before && before.server !== data.server && before.step > 0 && data.step === 0) {
    setStateValue("lost", before.step);
  }
  try { window.sessionStorage.setItem(NOTE, JSON.stringify({ server: data.server, step: data.step })); }
  catch (e) { /* storage refused (private mode): nothing to tell next time */ }
}
"""
_CSS = "[class*='st-key-lost_run'] { display: none; }"    # nothing to see: it only keeps the note

_component = st.components.v2.component("rnnviz_lost_run", js=_JS)


def lost_step(trained_steps: int) -> int | None:
    """Keep this tab's note (this server, `trained_steps`); the step at which a run on another server was
    lost, while this session has not trained since, else None. Call it from the fragment that polls the
    worker, so the note follows every step drawn."""
    # at every run, the fragment's too: a fragment's rerun replaces what its previous run drew, a style as well,
    # and the component's empty container then took a row's gap above the progress bar (a projector's chart
    # was pushed 6 px off a 768-pixel screen: tests/browser/test_train_screen.py)
    st.html(f"<style>{_CSS}</style>")
    result = _component(key=KEY, data={"server": SERVER, "step": int(trained_steps)}, default={"lost": None},
                        on_lost_change=lambda: None)
    if result.lost and LOST not in st.session_state:
        st.session_state[LOST] = int(result.lost)      # kept: the component's state says it at every run
    if trained_steps > 0:
        st.session_state[LOST] = None          # trained again: the notice has said its piece, once for all
    return st.session_state.get(LOST)
