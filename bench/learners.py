"""A learner on the Train page, as the load test drives one: in a Chromium page (BrowserLearner) or over
the page's websocket alone (WireLearner, testkit/wire_session.py).

Both open the app on a session's URL parameters, say when the page is ready, press Start, and read what
the page shows: the progress text, the newest step the loss chart draws, the chart's whole train-loss
history, and what happened to the connection (`noted`: "open", "close ...", "error ...", and for a page
its console errors, uncaught exceptions, crashes, failed requests). Only a page can time a click, since
the time a learner waits includes the browser's drawing (toggle_latency).
"""
from __future__ import annotations

import time
from urllib.parse import urlencode

from testkit.app_page import AXIS_TYPE, IDLE, LOSS_PLOT, POINTS, PROGRESS_TEXT, TRAIN_Y
from testkit.plotly_spec import values
from testkit.wire_session import WireSession

START = "Start"
LOSS_CHART = "train.loss_chart"    # the loss chart's widget key
READY_TIMEOUT = 120.0              # seconds a busy server may take to draw a new session's page
CLICK_TIMEOUT = 15.0               # a click whose chart has not changed by then counts as taking this long

# press Start from inside the page: Playwright's actionability checks, in 20 busy pages, would stagger
# the starts by seconds
CLICK_START = """() => [...document.querySelectorAll('[data-testid=stMain] button')]
    .find(b => b.innerText.trim().split('\\n').pop() === 'Start').click()"""
# In every page, before Streamlit's own code: the websocket notes when the page first sends after a
# click (the rerun request) and when a message carrying the awaited y-axis type arrives (the server's
# answer), so that a click's latency splits into browser / server / browser.
WATCH_SOCKET = """(() => {
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', (event) => {
                const watch = window.__watch;
                if (!watch || watch.arrived !== null || !(event.data instanceof ArrayBuffer)) return;
                if (new TextDecoder().decode(event.data).includes(watch.text)) watch.arrived = performance.now();
            });
        }
        send(data) {
            const watch = window.__watch;
            if (watch && watch.clicked !== null && watch.sent === null) watch.sent = performance.now();
            return super.send(data);
        }
    };
})();"""
# arm a one-shot listener for the next click, and the websocket's watch for the figure it asks for
ARM_CLICK = """(text) => {
    window.__watch = {text: text, clicked: null, sent: null, arrived: null};
    document.addEventListener('click', () => { window.__watch.clicked = performance.now(); },
                              {capture: true, once: true});
}"""
# [click -> request sent, sent -> answer arrived, arrived -> chart drawn] in ms, once the chart shows
# another y-axis type; false until then
AXIS_CHANGED = """(before) => {
    const type = (%s)(), w = window.__watch;
    if (!(type && type !== before && w.clicked !== null)) return false;
    const now = performance.now(), sent = w.sent ?? w.clicked, arrived = w.arrived ?? now;
    return [sent - w.clicked, arrived - sent, now - arrived];
}""" % AXIS_TYPE


def finished(learner, steps: int) -> bool:
    """The page says Finished and its chart draws the last step."""
    return "Finished" in learner.progress_text() and learner.last_step() == steps


class BrowserLearner:
    """A new browser context (own cookies, own Streamlit session) with one page on the app."""

    def __init__(self, browser, base_url: str, params: dict[str, str], cookies: list[dict] | None = None):
        self.noted: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        if cookies:                     # a proxy's route cookie (testkit/proxy.py), as a returning browser has
            self.context.add_cookies(cookies)
        self.context.add_init_script(WATCH_SOCKET)
        page = self.page = self.context.new_page()
        page.set_default_timeout(READY_TIMEOUT * 1000)
        noted = self.noted
        page.on("websocket", lambda ws: (noted.append("open"), ws.on("close", lambda _: noted.append("close")),
                                         ws.on("socketerror", lambda e: noted.append(f"error {e}"))))
        page.on("console", lambda m: m.type in ("error", "warning") and noted.append(f"console {m.type}: {m.text[:200]}"))
        page.on("pageerror", lambda e: noted.append(f"pageerror {e}"[:200]))
        page.on("crash", lambda _: noted.append("crash"))
        page.on("requestfailed", lambda r: noted.append(f"requestfailed {r.url[-60:]} {r.failure}"))
        page.goto(f"{base_url}/train?{urlencode(params)}")

    def wait_ready(self) -> None:
        """The page is drawn with its Start button and its empty loss chart: the page draws the chart in a rerun
        of its own half a second after the first screen (views/train.py), and a Start pressed before that
        rerun is done can be lost (a 40-learner run's timed page once stayed 'Ready to start')."""
        self.page.wait_for_selector(IDLE)
        self.page.get_by_role("button", name=START, exact=True).wait_for()
        self.page.wait_for_function(f"() => !!({LOSS_PLOT})")

    def press_start(self) -> None:
        self.page.evaluate(CLICK_START)

    def progress_text(self) -> str:
        return self.page.evaluate(PROGRESS_TEXT)

    def last_step(self) -> int:
        return self.page.evaluate(POINTS)

    def train_losses(self) -> list[float]:
        return self.page.evaluate(TRAIN_Y) or []

    def shows(self, limit: int = 300) -> str:
        """The start of what the page shows (its main area, else the whole body), for a report."""
        return self.page.evaluate(f"""() => {{
            const main = document.querySelector('[data-testid=stMain]');
            return (main && main.innerText.trim() ? main : document.body).innerText.slice(0, {limit});
        }}""")

    def toggle_latency(self) -> tuple[float, float, list[float]] | None:
        """(seconds from the click reaching the page to the chart's new y-axis type, seconds the whole
        interaction took as Playwright drove it, [browser until the request was sent, server until the new
        figure arrived, browser until it was drawn] in seconds); None if the chart did not appear, or did not
        change, within CLICK_TIMEOUT."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        page = self.page
        try:   # the loss chart is drawn from the first step on: a click before it exists times nothing
            page.wait_for_function(f"({AXIS_TYPE})() !== null", timeout=CLICK_TIMEOUT * 1000)
        except PlaywrightTimeout:
            print(f"    no loss chart within {CLICK_TIMEOUT:.0f} s; the page shows: {self.shows(120)!r}")
            return None
        before = page.evaluate(AXIS_TYPE)
        page.evaluate(ARM_CLICK, f'"type":"{"linear" if before == "log" else "log"}"')
        start = time.perf_counter()
        try:
            page.get_by_text("Log y axis").click(timeout=CLICK_TIMEOUT * 1000)
        except PlaywrightTimeout:   # the page never answered Playwright: a starved browser, not the app
            print(f"    the click could not be made within {CLICK_TIMEOUT:.0f} s; the page shows: {self.shows(120)!r}")
            return None
        try:
            in_page = page.wait_for_function(AXIS_CHANGED, arg=before, timeout=CLICK_TIMEOUT * 1000,
                                             polling="raf").json_value()
        except PlaywrightTimeout:
            print(f"    clicked, but no redraw within {CLICK_TIMEOUT:.0f} s; the page shows: {self.shows(120)!r}")
            return None
        parts = [ms / 1000 for ms in in_page]
        return sum(parts), time.perf_counter() - start, parts

    def close(self) -> None:
        self.context.close()


class WireLearner:
    """A session of the app over its websocket, as a browser's frontend would drive it, drawing nothing."""

    def __init__(self, base_url: str, params: dict[str, str], headers: dict[str, str] | None = None):
        # the Train page, as a browser's /train; `headers`: a proxy's route cookie (testkit/proxy.py)
        self.session = WireSession(base_url, params, headers=headers, page="train")
        self.noted = self.session.noted

    def wait_ready(self) -> None:
        session = self.session
        if not session.wait_until(lambda: session.runs_finished and session.has_button(START)
                                  and session.figure(LOSS_CHART) is not None, READY_TIMEOUT):   # as a page's
            raise TimeoutError(f"no {START} button within {READY_TIMEOUT:.0f} s; noted {self.noted}")

    def press_start(self) -> None:
        self.session.press(START)

    def progress_text(self) -> str:
        return self.session.progress_text

    def last_step(self) -> int:
        """As the browser reads it: the train trace's last x; 0 while empty, -1 before the chart exists."""
        figure = self.session.figure(LOSS_CHART)
        if figure is None:
            return -1
        steps = values(figure["data"][0]["x"])          # a typed array, as the browser decodes it
        return int(steps[-1]) if len(steps) else 0

    def train_losses(self) -> list[float]:
        figure = self.session.figure(LOSS_CHART)
        return values(figure["data"][0]["y"]).tolist() if figure else []

    def shows(self, limit: int = 300) -> str:
        return f"(over the wire) progress {self.session.progress_text!r}; noted {self.noted}"[:limit]

    def close(self) -> None:
        self.session.close()
