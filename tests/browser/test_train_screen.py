"""The Train page on the screens a class uses (issue 19): at 1280x800 and 1024x768, projector mode on and off,
Start/Pause and the live loss chart are on screen together, and the chart's plot area (where the curve is
drawn, without its margins) is tall enough to read, while training runs."""
import pytest

from testkit.app_page import IDLE, LOSS_PLOT, POINTS, PROGRESS_TEXT, open_app, screenshot

LEAST_PLOT_PX = 180       # a quarter of a 768-pixel screen; a titled chart left 112 px on a projector
BUTTONS = ['[class*="st-key-train-start"] button', '[class*="st-key-train-pause"] button']
# the bounding boxes of the buttons and of the newest loss chart's plot area (Plotly's drag layer over it)
BOXES = """(buttons) => {
    const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height}; };
    const plot = %s;
    return {buttons: buttons.map(s => box(document.querySelector(s))), plot: box(plot.querySelector('.nsewdrag')),
            chart: box(plot), height: innerHeight};
}""" % LOSS_PLOT


@pytest.mark.parametrize("width,height", [(1280, 800), (1024, 768)])
@pytest.mark.parametrize("projector", [False, True])
def test_start_pause_and_a_readable_loss_chart_share_the_screen(browser, server, width, height, projector):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        # Spanish, the longer labels; a slow pace, so the page is caught mid-run
        open_app(page, server.url, f"train?lang=es&projector={int(projector)}&steps=100000&pace=5")
        page.wait_for_function(f"({POINTS})() == 0")        # the empty chart, drawn by the page's own rerun
        page.wait_for_selector(IDLE)
        page.locator(BUTTONS[0]).click()
        # two points drawn, or the run over (then the progress says why, in the failure below)
        page.wait_for_function(f"({POINTS})() > 1 || !({PROGRESS_TEXT})().includes('100000')")
        assert page.evaluate(POINTS) > 1, page.evaluate(PROGRESS_TEXT)
        page.wait_for_selector(IDLE)
        page.mouse.move(width - 5, height - 5)                      # no tooltip over the picture
        boxes = page.evaluate(BOXES, BUTTONS)
        screenshot(page, f"train_screen_{width}x{height}_{'projector' if projector else 'laptop'}")
        for box in boxes["buttons"] + [boxes["chart"]]:
            assert 0 <= box["top"] and box["bottom"] <= boxes["height"] and box["height"] > 0, boxes
        assert boxes["plot"]["height"] >= LEAST_PLOT_PX, boxes
        assert page.locator(BUTTONS[1]).is_enabled()                 # Pause, while it trains
    finally:
        context.close()
