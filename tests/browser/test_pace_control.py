"""The Train page's pace control in a real browser, on a projector-sized screen: slow motion, then full
speed mid-run, the pace in the address bar, and the buttons and the loss chart on screen together."""
from testkit.app_page import IDLE, POINTS, open_app, screenshot

CHART = '[class*="st-key-rnnviz-live-stack-train-loss_chart"]'
ON_SCREEN = """(selector) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    return box.top >= 0 && box.bottom <= innerHeight && box.height > 0;
}"""


def test_the_pace_goes_from_slow_motion_to_full_speed_while_training(browser, server):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, server.url, "train?lang=en&projector=1&steps=100000&pace=1")
        pace = page.get_by_role("combobox", name="Pace")
        assert pace.input_value() == "Pace: 1 step/s"              # the link's pace, on the control
        page.get_by_role("button", name="Start", exact=True).click()
        page.wait_for_function(f"({POINTS})() > 0")
        # a projector's 1024x768: Start/Pause and the whole live loss chart at once, no scrolling
        assert page.evaluate(ON_SCREEN, '[class*="st-key-train-pause"] button')
        assert page.evaluate(ON_SCREEN, CHART)
        page.mouse.move(1000, 760)                                 # no button's tooltip over the picture
        screenshot(page, "train_pace_1024x768_en")

        pace.click()
        page.get_by_role("option", name="Pace: full speed").click()
        page.wait_for_function("() => location.search.includes('pace=max')")
        # at 1 step/s, 300 steps would take 5 minutes: reaching them within the timeout means the pace
        # changed mid-run (under any load; no rate is asserted)
        page.wait_for_function(f"({POINTS})() > 300", timeout=120_000)
        page.get_by_role("button", name="Pause", exact=True).click()
        page.get_by_role("button", name="Resume", exact=True).wait_for()
        page.wait_for_selector(IDLE)
        assert pace.input_value() == "Pace: full speed"             # kept through the reruns
    finally:
        context.close()
