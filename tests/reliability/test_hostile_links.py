"""Issue 24: unknown URL parameters were echoed as Markdown in the notice, so a link's author could put a
clickable "[Your session expired - log in here](http://...)" on the page, or an image that every
visitor's browser fetched (a tracking pixel). They are shown as plain text."""
import string

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.ui.url import plain_text
from testkit.learner_text import as_read

HOSTILE = {
    "[Your session expired - log in here](http://evil.example/login)": "1",
    "![x](http://evil.example/p.png)": "1",
    "<img src=x onerror=alert(1)>": "1",
    "hidden_size": "![pixel](http://evil.example/q.png)",
    "lr": "\n# a heading\n- a list",
}


def every_mark_escaped(markdown: str) -> bool:
    """Every ASCII punctuation mark in `markdown` comes escaped by a backslash (Markdown reads it as text)."""
    i = 0
    while i < len(markdown):
        if markdown[i] == "\\":
            if i + 1 == len(markdown) or markdown[i + 1] not in string.punctuation:
                return False
            i += 2
        elif markdown[i] in string.punctuation:
            return False
        else:
            i += 1
    return True


@pytest.mark.parametrize("text", [*HOSTILE, *HOSTILE.values(), "plain words stay as they are", "a_b*c`d~e|f$g"])
def test_plain_text_escapes_every_mark_and_keeps_the_words(text):
    shown = plain_text(text)
    assert "\n" not in shown
    assert every_mark_escaped(shown), shown
    assert as_read(shown) == " ".join(text.split())


def test_unknown_url_parameters_are_shown_as_plain_text():
    at = AppTest.from_file("../../app.py", default_timeout=60)
    for key, value in {**HOSTILE, "lang": "en"}.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    [notice] = [w.value for w in at.warning if "parameters of the link were ignored" in w.value]
    listed = notice.split("\n\n", 1)[1]
    for line in listed.splitlines():
        assert line.startswith("- ")
        assert every_mark_escaped(line[2:]), line                 # no link, image, HTML or heading
    assert "evil.example/login" in as_read(listed) and "evil.example/p.png" in as_read(listed)


def test_in_a_browser_the_notice_holds_no_link_or_image(browser):
    """What Chromium makes of the notice: the parameters' text, and no <a> or <img> pointing anywhere."""
    from urllib.parse import urlencode

    from testkit.app_page import IDLE
    from testkit.streamlit_server import StreamlitServer

    hostile = {"[Your session expired - log in here](http://127.0.0.1:9/login)": "1",
               "![x](http://127.0.0.1:9/p.png)": "1", "see http://127.0.0.1:9/x": "1", "lang": "en"}
    server = StreamlitServer()
    context = browser.new_context()
    try:
        server.wait_ready()
        page = context.new_page()
        page.goto(f"{server.url}/?{urlencode(hostile)}")
        page.wait_for_selector(IDLE, timeout=120_000)
        alert = page.locator('[data-testid="stAlert"]', has_text="parameters of the link were ignored")
        alert.wait_for(timeout=60_000)
        text = alert.inner_text()
        for key in list(hostile)[:3]:
            assert key in text.replace("\u2060", ""), text
        assert alert.locator("a, img").count() == 0, alert.inner_html()
    finally:
        context.close()
        server.stop()
