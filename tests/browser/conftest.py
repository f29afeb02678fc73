"""Browser tests: a real `streamlit run app.py` server on a free loopback port, driven by Playwright in
Debian's Chromium (/usr/bin/chromium; no browser is ever downloaded), or over its websocket alone
(testkit/wire_session.py). The server, the browser and what the tests read from the page are in testkit/,
which the benchmarks share.

Without Chromium the tests that need it are skipped with the reason, except under CI=true, where that is
a failure; the others still run. Screenshots go to artifacts/ (git-ignored). The `browser` fixture is
tests/conftest.py's, shared with the other tests that drive a page.
"""
from __future__ import annotations

import pytest

from testkit.streamlit_server import StreamlitServer


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.fixturenames:       # directly or through `page`
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def server():
    app = StreamlitServer()
    app.wait_ready()
    yield app
    app.stop()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()
