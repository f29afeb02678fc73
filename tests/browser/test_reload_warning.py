"""Issue 24: a reload (F5) silently reset a model trained for 1700 steps to step 0. Now, once the session
has trained, the browser asks before leaving (its own beforeunload dialog), and not before."""
from testkit.app_page import IDLE, PROGRESS_TEXT, open_app

PAGE = "train?lang=en&task=sum-sign&hidden_size=8&steps=20"


def reload_asks(page) -> list[str]:
    """Reload the page, accepting any dialog; the types of the dialogs the browser showed."""
    shown = []

    def answer(dialog):
        shown.append(dialog.type)
        dialog.accept()
    page.on("dialog", answer)
    page.reload()
    page.wait_for_selector(IDLE, timeout=60_000)
    page.remove_listener("dialog", answer)
    return shown


def test_a_reload_asks_first_once_the_session_has_trained(page, server):
    open_app(page, server.url, PAGE)
    page.get_by_role("button", name="Reset", exact=True).click()          # a click: browsers ask only after one
    page.wait_for_selector(IDLE)
    assert reload_asks(page) == [], "nothing trained yet: nothing to lose, no question"

    page.get_by_role("button", name="One step", exact=True).click()
    page.wait_for_function(f"({PROGRESS_TEXT})().startsWith('Step 1 of')", timeout=60_000)
    page.wait_for_selector(IDLE)
    assert page.evaluate("() => window.rnnvizHoldsTrainedModel") is True
    assert reload_asks(page) == ["beforeunload"]
    page.wait_for_function(f"({PROGRESS_TEXT})().startsWith('Step 0 of')", timeout=60_000)   # a new session
    assert page.evaluate("() => window.rnnvizHoldsTrainedModel") is False


def test_reset_disarms_the_question(page, server):
    open_app(page, server.url, PAGE)
    page.get_by_role("button", name="One step", exact=True).click()
    page.wait_for_function(f"({PROGRESS_TEXT})().startsWith('Step 1 of')", timeout=60_000)
    page.get_by_role("button", name="Reset", exact=True).click()
    page.wait_for_function(f"({PROGRESS_TEXT})().startsWith('Step 0 of')", timeout=60_000)
    page.wait_for_selector(IDLE)
    page.wait_for_function("() => window.rnnvizHoldsTrainedModel === false", timeout=30_000)
    assert reload_asks(page) == []
