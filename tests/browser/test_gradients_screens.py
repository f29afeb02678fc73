"""The Gradients page on a laptop and on a projector (issues 19 and 20): after a short run, nothing clipped
and no two text boxes of a chart overlapping, the unrolled view included (at 1024x768 with the projector on,
the names of the panels "at initialisation" and "now (step 20)" touched). With SCREENS_DIR set it keeps
the unrolled view as the learner sees it, scrolled to its section, and the page's top.

The checks are tests/browser/test_screens.py's; this walks the Gradients page only, so it runs in a minute.
Each screen gets a server of its own: on a server a session had used, a new session's Train page has been
seen to run 1 step of a 20-step link (while rnnviz/live's CPU sharing was being reworked), and this test is
about the Gradients page.
"""
from __future__ import annotations

import os

import pytest

from test_screens import defects, go_to, settle, trained_page
from testkit.streamlit_server import StreamlitServer

# every visible chart whose title runs past its right edge (Plotly does not wrap a title: the SVG cuts it)
TITLES_CUT = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
    .filter(plot => getComputedStyle(plot).visibility === 'visible' && plot.getBoundingClientRect().width)
    .map(plot => [plot.querySelector('.gtitle'), plot.getBoundingClientRect()])
    .filter(([title, box]) => title && title.getBoundingClientRect().right > box.right + 1)
    .map(([title, box]) => `title cut: "${title.textContent}" ends at ${Math.round(title.getBoundingClientRect().right)} > ${Math.round(box.right)}`)"""
# the gap in pixels between the names of the "at initialisation" and "now (step N)" panels (x axis titles)
PANEL_NAMES_GAP = """() => {
    const plot = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
        .find(p => p._fullLayout && p._fullLayout.xaxis2 && p.querySelector('.g-x2title text'));
    const first = plot.querySelector('.g-xtitle text').getBoundingClientRect();
    const second = plot.querySelector('.g-x2title text').getBoundingClientRect();
    return second.left - first.right;
}"""
MIN_GAP = 12               # pixels between the panel names: more than a space of projected type, so they read as two

SCREENS = [(1280, 800, False), (1024, 768, True)]
UNROLLED_HEADER = {"es": "Desplegada en el tiempo", "en": "Unrolled in time"}
NOW_HEADER = {"es": "‖dL/dh_t‖ ahora y al inicializar", "en": "‖dL/dh_t‖ now and at initialisation"}


def keep(page, name: str) -> None:
    folder = os.environ.get("SCREENS_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"))


def scroll_to(page, header: str) -> None:
    """Bring a section's header to the top of the screen, as a learner scrolling to it would."""
    page.locator("h3", has_text=header).first.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_function("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")


@pytest.fixture
def own_server():
    app = StreamlitServer()
    app.wait_ready()
    yield app
    app.stop()


@pytest.mark.parametrize("width,height,projector", SCREENS, ids=["1280x800-laptop", "1024x768-projector"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_gradients_page_fits_and_its_unrolled_view_is_drawn(browser, own_server, width, height, projector, lang):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    mode = "projector" if projector else "laptop"
    try:
        page = trained_page(context, own_server.url, lang, projector)
        go_to(page, "gradients")
        settle(page)
        found = defects(page, "gradients") + page.evaluate(TITLES_CUT)
        gap = page.evaluate(PANEL_NAMES_GAP)
        print(f"panel names {gap:.0f} px apart")
        assert gap >= MIN_GAP, f"the panel names are {gap:.1f} px apart"
        titles = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')]
            .map(plot => plot._fullLayout.title.text)""")
        assert any({"es": "Redes nuevas", "en": "Fresh networks"}[lang] in title for title in titles), titles
        scroll_to(page, NOW_HEADER[lang])
        keep(page, f"gradients_{width}x{height}_{lang}_{mode}")
        scroll_to(page, UNROLLED_HEADER[lang])
        keep(page, f"unrolled_{width}x{height}_{lang}_{mode}")
        assert not found, "\n".join(found)
    finally:
        context.close()
