"""Issue 24: "One step" on a model whose step outlasts the Train page's short wait for it (>= 0.3 s) left
the page showing the count before it, with nothing polling to redraw it. The step is held here until the
test lets it go, so no timing decides the outcome."""
import threading

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from rnnviz.ui import train_controls
from testkit.waiting import wait_for


@pytest.fixture
def fragments(monkeypatch):
    """The fragments the page asks for in each run: (function name, run_every)."""
    asked, original = [], st.fragment

    def recording(func=None, *, run_every=None):
        asked.append((func.__name__, run_every))
        return original(func, run_every=run_every)
    monkeypatch.setattr(st, "fragment", recording)
    return asked


def progress(at) -> str:
    return at.get("progress")[0].proto.text


def test_one_step_that_outlasts_the_pages_wait_is_redrawn_when_done(fragments):
    at = AppTest.from_file("../../app.py", default_timeout=60).switch_page("views/train.py")
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    worker = at.session_state["worker"]
    trainer, release = worker.experiment.trainer, threading.Event()
    step = trainer.step

    def held_step(*args, **kwargs):          # a big model's step: done when the test says
        release.wait(timeout=120)
        return step(*args, **kwargs)
    trainer.step = held_step
    try:
        fragments.clear()
        at.button(key="train.step").click().run()
        assert not at.exception, at.exception
        assert progress(at).startswith("Step 0 of ")                       # the step is not done yet
        assert at.session_state[train_controls.STEP_FROM] == 0
        assert ("_redraw_when_stepped", train_controls.STEP_POLL_SECONDS) in fragments, fragments
        release.set()
        assert wait_for(lambda: worker.snapshot().step == 1)
        fragments.clear()
        at.run()                                 # what the fragment's rerun does once the step is done
        assert progress(at).startswith("Step 1 of "), progress(at)
        assert "_redraw_when_stepped" not in [name for name, _ in fragments]     # polling ends
        assert train_controls.STEP_FROM not in at.session_state
    finally:
        release.set()
        worker.stop()


def test_a_quick_step_needs_no_polling(fragments):
    at = AppTest.from_file("../../app.py", default_timeout=60).switch_page("views/train.py")
    at.session_state["lang"] = "en"
    at.run()
    worker = at.session_state["worker"]
    try:
        fragments.clear()
        at.button(key="train.step").click().run()
        assert wait_for(lambda: worker.snapshot().step == 1)
        at.run()
        assert progress(at).startswith("Step 1 of ")
        assert train_controls.STEP_FROM not in at.session_state
    finally:
        worker.stop()
