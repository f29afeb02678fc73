"""The other pages in a real browser: an animation that plays, the projector on a small screen, a task
change that brings its recommended settings, and every page rendering without an error."""
import time

import pytest

from rnnviz.figures.style import PROJECTOR
from testkit.app_page import IDLE, open_app, screenshot

SLIDER_STEP = """() => {
    const plot = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
        .find(p => p.layout && p.layout.sliders && p.layout.sliders.length);
    return plot ? plot.layout.sliders[0].active || 0 : -1;
}"""
HORIZONTAL_OVERFLOW = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return Math.max(document.documentElement.scrollWidth - document.documentElement.clientWidth,
                    main.scrollWidth - main.clientWidth);
}"""
PAGES = ["", "lesson", "train", "inside", "gradients", "compare", "scratch", "data", "glossary"]
ROOT_FONT_SIZE = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
# the font size in pixels of every tick label the page's charts draw
TICK_SIZES = """() => [...document.querySelectorAll('.js-plotly-plot .xtick text, .js-plotly-plot .ytick text')]
    .map(text => parseFloat(getComputedStyle(text).fontSize))"""


def test_pressing_play_advances_the_animation(page, server):
    open_app(page, server.url, "inside?task=adding&seq_len=20&cell=lstm&hidden_size=8&lang=en")
    page.wait_for_function(f"({SLIDER_STEP})() >= 0", timeout=60_000)
    assert page.evaluate(SLIDER_STEP) == 0
    page.locator(".js-plotly-plot .updatemenu-button").first.click()     # ▶ play
    page.wait_for_function(f"({SLIDER_STEP})() >= 3", timeout=30_000)
    screenshot(page, "inside_playing")


@pytest.mark.parametrize("path", ["train", "inside"])
def test_projector_mode_is_readable_at_1024x768(browser, server, path):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="en-US")
    page = context.new_page()
    try:
        open_app(page, server.url, f"{path}?projector=1&lang=en&task=sum-sign&hidden_size=8")
        # projector mode enlarges the type: waited for, not slept for (a loaded browser applies it later)
        page.wait_for_function(f"() => ({ROOT_FONT_SIZE})() >= 20", timeout=30_000)
        if path != "train":             # a page with a chart (Train draws none before training)
            page.wait_for_selector(".js-plotly-plot .xtick text")
            assert min(page.evaluate(TICK_SIZES)) >= PROJECTOR.font_size, "the charts' type grows too"
        assert page.evaluate(HORIZONTAL_OVERFLOW) <= 0, "no horizontal scrolling"
        screenshot(page, f"projector_{path or 'train'}")
    finally:
        context.close()


def test_choosing_a_task_brings_its_recommended_settings(page, server):
    open_app(page, server.url, "train?lang=en")
    hidden = page.get_by_role("spinbutton", name="Hidden size")
    assert hidden.input_value() == "32"
    page.get_by_role("combobox", name="Task").click()
    page.get_by_role("option", name="Adding problem").click()
    page.wait_for_selector(IDLE)
    page.wait_for_function("() => document.querySelector('input[aria-label=\"Hidden size\"]').value === '64'",
                           timeout=30_000)     # waited for: a loaded server reruns later
    # and it stays so after another interaction (widget state is not reset)
    page.get_by_text("Log y axis").click()
    page.wait_for_selector(IDLE)
    time.sleep(0.5)
    assert page.get_by_role("spinbutton", name="Hidden size").input_value() == "64"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_without_an_error(page, server, path):
    open_app(page, server.url, f"{path}?lang=en")
    time.sleep(0.5)
    assert page.locator('[data-testid="stException"]').count() == 0
