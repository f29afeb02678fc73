"""The cell diagram in a real browser, walked with the keyboard as a teacher at a projector would: → and ← one
step, space to play and to pause; and a gate's equation on hover, with this step's numbers."""
import pytest

from test_screens import defects, settle, shoot
from testkit.app_page import IDLE, open_app, screenshot

# the diagram as the learner sees it: the newest drawn chart of its live stack (rnnviz/ui/patches/live_chart.py)
DIAGRAM = """[...document.querySelectorAll('[class*="st-key-rnnviz-live-stack-cell-diagram"] .js-plotly-plot')]
    .filter(plot => plot._fullLayout && plot._fullData).pop()"""
# the step t the drawing is at, read from its title ("... t = 3 of 9"); null before it is drawn
DRAWN_T = """() => {
    const plot = %s;
    const match = plot && /t = (\\d+) /.exec(plot._fullLayout.title.text);
    return match ? Number(match[1]) : null;
}""" % DIAGRAM
# where a point of the drawing's coordinates is on the screen
SCREEN_POINT = """([x, y]) => {
    const plot = %s, xa = plot._fullLayout.xaxis, ya = plot._fullLayout.yaxis, box = plot.getBoundingClientRect();
    return [box.left + xa._offset + xa.d2p(x), box.top + ya._offset + ya.d2p(y)];
}""" % DIAGRAM
# text of the drawing that reaches past the chart's edges (Plotly draws it, cut by the page's column)
OUTSIDE = """() => {
    const plot = %s, frame = plot.querySelector('.main-svg').getBoundingClientRect(), out = [];
    for (const text of plot.querySelectorAll('.annotation-text, .gtitle')) {
        const box = text.getBoundingClientRect();
        if (box.width && (box.left < frame.left - 1 || box.right > frame.right + 1))
            out.push(`"${text.textContent.slice(0, 40)}" at x=${Math.round(box.left)}..${Math.round(box.right)}, `
                     + `chart ${Math.round(frame.left)}..${Math.round(frame.right)}`);
    }
    return out;
}""" % DIAGRAM
FORGET_BOX = (3.4, 4.0)          # rnnviz/figures/cell_diagram.py: the LSTM's forget gate


def wait_for_t(page, t: int, timeout: int = 60_000) -> None:
    page.wait_for_function(f"({DRAWN_T})() === {t}", timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)


def slider_value(page) -> int:
    chooser = page.locator('[data-testid="stSlider"]', has_text="Step t of the sequence")
    return int(chooser.get_by_test_id("stSliderThumbValue").inner_text())


def test_walking_the_lstm_cell_with_the_keyboard(page, server):
    open_app(page, server.url, "cell?lang=en&cell=lstm&hidden_size=8&task=sum-sign")
    wait_for_t(page, 0, timeout=180_000)        # a fresh server's first page waits for torch to load
    page.locator('[data-testid="stMain"] h1').first.click()       # the page has the focus, no field does
    for t in (1, 2, 3):
        page.keyboard.press("ArrowRight")
        wait_for_t(page, t)
        assert slider_value(page) == t
    page.keyboard.press("ArrowLeft")
    wait_for_t(page, 2)
    assert slider_value(page) == 2

    # space plays: the drawing moves on by itself, step after step; space again pauses
    page.keyboard.press("Space")
    page.get_by_role("button", name="Pause").wait_for(timeout=60_000)
    wait_for_t(page, 3)
    wait_for_t(page, 4)
    page.keyboard.press("Space")
    page.get_by_role("button", name="Play").wait_for(timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    # paused: the drawing and the slider come to rest on the same step
    page.wait_for_function(f"""() => {{
        const thumb = [...document.querySelectorAll('[data-testid="stSlider"]')]
            .find(s => s.innerText.includes('Step t of the sequence'))
            .querySelector('[data-testid="stSliderThumbValue"]');
        return ({DRAWN_T})() === Number(thumb.innerText);
    }}""", timeout=60_000)

    # hovering the forget gate: its equation, stage by stage, with this step's numbers
    x, y = page.evaluate(SCREEN_POINT, list(FORGET_BOX))
    page.mouse.move(x, y)
    hover = page.locator(".hoverlayer .hovertext").first
    hover.wait_for(timeout=30_000)
    text = hover.text_content()
    assert "forget gate" in text and "unit 0 of 8" in text
    for stage in ("W", "U", "+ b", "pre-activation", "σ("):
        assert stage in text, (stage, text)
    screenshot(page, "cell_diagram_hover")
    spec_title = page.evaluate(f"(() => ({DIAGRAM})._fullLayout.title.text)()")
    assert "LSTM cell · layer 1 · t = " in spec_title, spec_title


# --- every cell kind on a laptop and a projector: nothing clipped or overlapping ---------------------------

SIZES = [(1280, 800), (1024, 768)]
KINDS = ["lstm", "gru", "rnn"]


@pytest.mark.parametrize("width,height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("projector", [False, True], ids=["laptop", "projector"])
def test_every_cell_kind_on_every_screen(browser, server, width, height, lang, projector):
    """Each cell at t = 2, the page scrolled to its step controls: the checks of tests/browser/test_screens.py
    (which also walks this page after a short training). SCREENS_DIR keeps cell_<kind>_<size>_<lang>_<mode>.png."""
    mode = "projector" if projector else "laptop"
    found = []
    for kind in KINDS:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
        page = context.new_page()
        page.set_default_timeout(60_000)
        try:
            open_app(page, server.url, f"cell?lang={lang}&cell={kind}" + ("&projector=1" if projector else ""))
            wait_for_t(page, 0, timeout=180_000)    # a fresh server's first page waits for torch to load
            page.locator('[data-testid="stMain"] h1').first.click()
            for t in (1, 2):
                page.keyboard.press("ArrowRight")
                wait_for_t(page, t)
            page.locator('[data-testid="stSlider"]').last.evaluate("el => el.scrollIntoView({block: 'start'})")
            settle(page)
            found += defects(page, f"cell {kind}")
            found += [f"cell {kind}: past the chart's edge: {text}" for text in page.evaluate(OUTSIDE)]
            shoot(page, f"cell_{kind}_{width}x{height}_{lang}_{mode}")
        finally:
            context.close()
    assert not found, "\n".join(found)
