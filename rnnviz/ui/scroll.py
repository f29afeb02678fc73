"""Bring a keyed part of the page into view, once, after the learner asked for it.

A lesson's "Show me" sits below its figure: on a projector at 1024x768 the figure it changes is a screen or
more above, so the class would see nothing happen. ask(key) on the click, then bring_into_view(key) after the
part is drawn: the page scrolls smoothly to the top of the part, once for that click.
"""
from __future__ import annotations

import itertools

import streamlit as st

_ASKED = "scroll.asked"
_COUNTER = itertools.count()
# st.html runs in the app's own window (no iframe). A script's text differs at each request (its number), so
# the browser runs it again; the part is looked for until it exists (a fragment may draw it a moment later).
_SCRIPT = """<script>
(() => {  // request %d
  let tries = 0;
  const go = () => {
    const part = document.querySelector(%r);
    if (part) part.scrollIntoView({behavior: "smooth", block: "start"});
    else if (++tries < 40) setTimeout(go, 50);
  };
  requestAnimationFrame(go);
})();
</script>"""


def css_class(key: str) -> str:
    """The class Streamlit gives a container keyed `key` ("lesson.figures" -> ".st-key-lesson-figures")."""
    return ".st-key-" + key.replace(".", "-")


def ask(key: str) -> None:
    """From a widget's callback: the part keyed `key` is to come into view in this run."""
    st.session_state[_ASKED] = key


def bring_into_view(key: str) -> bool:
    """If ask(key) came since the last run, scroll the page to that part now (from the sidebar's end, where
    the element takes no room). Whether it did."""
    if st.session_state.get(_ASKED) != key:
        return False
    del st.session_state[_ASKED]
    st.sidebar.html(_SCRIPT % (next(_COUNTER), css_class(key)), unsafe_allow_javascript=True)
    return True
