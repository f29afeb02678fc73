"""A learner whose server restarted is told that their run was lost, and at which step (issue 22).

The page keeps a note of its server and last drawn step in the tab's sessionStorage (rnnviz/ui/lost_run.py).
Here one server is stopped while a Spanish page trains, and a new one started on the same port: the page
reconnects by itself to a fresh session of the same experiment, which says in Spanish what happened. A reload
on a server that kept running says nothing (the browser's own "Leave site?" dialog warned before it), and
neither does a first visit. The replicated case (a stopped replica behind nginx, in English) is in
test_proxy_routing.py.
"""
from __future__ import annotations

import re

import testkit.streamlit_server as streamlit_server
from testkit.app_page import IDLE, LOSS_PLOT, POINTS, open_app
from testkit.streamlit_server import StreamlitServer

EXPERIMENT = "train?lang=es&steps=400&pace=20"
NOTICE_ES = "El servidor en el que entrenabas se reinició"
LOST_AT = re.compile(r"se perdió en el paso (\d+)")
READY_ES = "Listo para empezar"


def notice(page) -> str:
    """The text of the page's warnings ('' when there is none)."""
    return " ".join(page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts())


def test_a_restarted_server_tells_the_learner_at_which_step_their_run_was_lost(browser, monkeypatch):
    first = StreamlitServer("app.py")
    second = None
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="es-ES")
    try:
        first.wait_ready()
        page = context.new_page()
        page.set_default_timeout(90_000)
        open_app(page, first.url, EXPERIMENT)
        page.wait_for_function(f"() => !!({LOSS_PLOT})")
        assert NOTICE_ES not in notice(page), "a first visit has lost nothing"
        page.get_by_role("button", name="Empezar", exact=True).click()
        page.wait_for_function(f"({POINTS})() >= 10")

        # a reload on the same server: a new session, but no restart to speak of (the browser asked first)
        page.on("dialog", lambda dialog: dialog.accept())
        page.reload()
        page.wait_for_selector(IDLE)
        page.wait_for_function(f"() => !!({LOSS_PLOT})")
        assert NOTICE_ES not in notice(page)
        page.get_by_role("button", name="Empezar", exact=True).click()
        page.wait_for_function(f"({POINTS})() >= 10")
        drawn = page.evaluate(POINTS)

        first.stop()
        monkeypatch.setattr(streamlit_server, "free_port", lambda: first.port)     # the same address
        second = StreamlitServer("app.py")
        second.wait_ready()
        page.get_by_text(READY_ES).wait_for(timeout=90_000)
        page.get_by_text(NOTICE_ES).wait_for(timeout=60_000)
        text = notice(page)
        assert "descárgalo" in text and "The server" not in text, text           # Spanish, all of it
        lost_at = int(LOST_AT.search(text)[1])
        assert lost_at >= drawn >= 10, f"lost at {lost_at}, the page had drawn {drawn}"

        # training again: the notice has said its piece
        page.get_by_role("button", name="Empezar", exact=True).click()
        page.wait_for_function(f"({POINTS})() >= 2")
        page.wait_for_function(f"() => !document.body.innerText.includes({NOTICE_ES!r})")
    finally:
        context.close()
        for server in (first, second):
            if server is not None and server.process.poll() is None:
                server.stop()
