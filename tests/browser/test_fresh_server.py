"""A fresh server's first visitor: the Train page's stand-in while torch imports, then the real page by
itself (rnnviz/ui/warm_up.py)."""
from testkit.app_page import IDLE
from testkit.streamlit_server import StreamlitServer

# notes, from before Streamlit's own code runs, each progress-bar text the page shows
NOTE_PROGRESS = """(() => {
    window.__progress = [];
    new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="stProgress"]');
        const text = bar ? bar.innerText.trim() : null;
        if (text && window.__progress[window.__progress.length - 1] !== text) window.__progress.push(text);
    }).observe(document, {subtree: true, childList: true, characterData: true});
})();"""


def test_the_first_screen_comes_before_torch_and_the_real_page_follows(browser):
    server = StreamlitServer()                  # not the shared one: torch must not be imported yet
    try:
        server.wait_ready()
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        page = context.new_page()
        page.add_init_script(NOTE_PROGRESS)
        page.goto(f"{server.url}/train?lang=en")
        page.get_by_role("button", name="Start", exact=True).wait_for(timeout=60_000)
        page.get_by_text("Ready to start").wait_for(timeout=60_000)   # no click: the fragment reran the app
        page.wait_for_selector(IDLE, timeout=30_000)
        shown = page.evaluate("window.__progress")
        assert shown[0] == "Step 0 of 1000 · Loading PyTorch…", shown
        assert shown[-1] == "Step 0 of 1000 · Ready to start", shown
        assert page.locator('[data-testid="stException"]').count() == 0
        page.get_by_role("button", name="Start", exact=True).click()
        page.wait_for_function("/steps\\/s|Finished/.test(window.__progress[window.__progress.length - 1])",
                               timeout=30_000)                    # it trains
        context.close()
    finally:
        server.stop()
