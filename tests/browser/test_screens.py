"""A screen a class can see: every page at 1280x800 and 1024x768, in Spanish and English, projector mode on
and off, with no text clipped and no two text boxes of one chart overlapping.

One browser page per (size, language, projector): it opens the Train page from the URL, trains a few
steps (so the loss chart, downloads and results exist), then walks the other pages through the sidebar's
links, in the same session. Every check waits for a condition (the script idle, every chart drawn and its
text boxes still for two frames), never for a time.
"""
from __future__ import annotations

import itertools
import json
import os

import pytest

from testkit.app_page import IDLE, POINTS, open_app

SIZES = [(1280, 800), (1024, 768)]
LANGS = ["es", "en"]
PROJECTOR = [False, True]
PAGES = ["inside", "cell", "gradients", "compare", "scratch", "data",   # after Train, through the sidebar's links;
         "lesson", "glossary", ""]                                        # "" is the default page, the welcome page
TRAIN_STEPS = 20           # a short run at full pace: a loss chart, downloads and the task's results

# Streamlit's containers that scroll by design, so their scrollWidth may exceed their width (what they hold
# is still checked, element by element):
SCROLLS_BY_DESIGN = [
    '[data-testid="stMain"]',            # the page's scroll container (its width is checked apart)
    '[data-testid="stSidebarContent"]',  # the sidebar's scroll container
    '[data-testid="stSidebarUserContent"]',
    '[data-testid="stCode"] pre',        # code scrolls sideways rather than wrapping (Streamlit's st.code)
    '[data-testid="stDataFrame"]',       # a dataframe is a scrolling grid (drawn on a canvas)
    '[data-testid="stTable"]',           # st.table scrolls its wide tables
]

# Every element with text that clips or scrolls its content (overflow other than visible) and whose content
# is wider than it (scrollWidth > clientWidth + 1): outside the containers above, the charts' SVG (checked by
# BOXES) and tooltips. Reported with its text, cut to 60 characters.
CLIPPED = r"""(exempt) => {
    const clipped = [];
    for (const el of document.querySelectorAll('[data-testid="stApp"] *')) {
        // a chart's text is checked by BOXES; a formula's glyphs overhang their boxes by design (KaTeX), the
        // formula's own box is checked; "Skip to main content" is a visually hidden link
        if (el.closest('svg, .katex, [data-testid="stSkipToContent"]') || el.matches(exempt)) continue;
        if (el.closest('[data-testid="stTooltipContent"], [role="tooltip"]')) continue;
        // text spilling out of a box that lets it show is clipped, if at all, by the ancestor that clips it;
        // a formula's last glyph overhangs its box by 2 px (KaTeX's italic correction), in every formula
        const slack = el.matches('.katex-display') ? 3 : 1;
        if (el.scrollWidth <= el.clientWidth + slack || getComputedStyle(el).overflowX === 'visible') continue;
        const text = (el.innerText || '').trim().replace(/\s+/g, ' ');
        if (!text) continue;
        const id = el.getAttribute('data-testid') || el.className || el.tagName;
        clipped.push(`${id}: "${text.slice(0, 60)}" ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return clipped;
}"""

# The text boxes of every chart the learner can see: title, legend entries, axis titles, tick labels,
# colour bar, annotations (subplot titles), an animation's play/pause buttons, its slider's rail and labels.
BOXES = """() => {
    // tick labels of every axis (xtick, y5tick, ...) and of colour bars
    const parts = ['.gtitle', '.legendtext', '[class^="g-x"][class$="title"] text', '[class^="g-y"][class$="title"] text',
        'g[class$="tick"] > text', '.cbtitle text', '.colorbar text',
        '.annotation-text', '.updatemenu-button', '.slider-rail-rect', '.slider-label',
        '.slider-current-value', '.g-gtitle text'];
    const charts = [];
    for (const plot of document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')) {
        if (getComputedStyle(plot).visibility !== 'visible' || !plot.getBoundingClientRect().width) continue;
        const title = plot._fullLayout && plot._fullLayout.title && plot._fullLayout.title.text || '';
        const seen = new Set(), boxes = [];
        for (const el of plot.querySelectorAll(parts.join(','))) {
            if (seen.has(el)) continue;
            seen.add(el);
            const box = el.getBoundingClientRect();
            const style = getComputedStyle(el);
            const text = el.classList.contains('updatemenu-button') ? 'button: ' + el.textContent
                       : el.classList.contains('slider-rail-rect') ? 'slider rail' : el.textContent;
            if (!box.width || !box.height || style.display === 'none' || style.visibility === 'hidden'
                || style.opacity === '0' || !text.trim()) continue;
            boxes.push({text: text.trim().slice(0, 40), cls: el.getAttribute('class') || el.parentNode.getAttribute('class'),
                        x0: box.left, x1: box.right, y0: box.top, y1: box.bottom});
        }
        charts.push({title, boxes});
    }
    return charts;
}"""
OVERLAP_TOLERANCE = 1.0    # pixels of overlap a glyph's box may have with its neighbour's (anti-aliasing, rounding)

# Every chart drawn: each Plotly chart the page holds has its SVG, and the fonts have loaded
CHARTS_DRAWN = """() => document.fonts.status === 'loaded' &&
    [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(
        chart => chart.querySelector('.js-plotly-plot .main-svg'))"""
# Still: the text boxes of every chart and the page's size are the same on two frames in a row (a chart
# grows its margins or takes its width a frame after its first draw)
STILL = """() => new Promise(resolve => {
    const shape = () => JSON.stringify([document.body.scrollHeight, (%s)()]);
    const first = shape();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(first === shape())));
})""" % BOXES


def overlaps(chart: dict) -> list[str]:
    """Pairs of text boxes of one chart that overlap by more than OVERLAP_TOLERANCE in both directions."""
    found = []
    for a, b in itertools.combinations(chart["boxes"], 2):
        dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
        dy = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
        if dx > OVERLAP_TOLERANCE and dy > OVERLAP_TOLERANCE:
            found.append(f'chart "{chart["title"]}": "{a["text"]}" ({a["cls"]}) overlaps "{b["text"]}" ({b["cls"]}) '
                         f'at x={round(max(a["x0"], b["x0"]))}, y={round(max(a["y0"], b["y0"]))}')
    return found


def settle(page) -> None:
    """Wait until the script has finished, every chart is drawn and nothing moves any more."""
    page.wait_for_selector(IDLE, timeout=90_000)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=60_000)
    page.wait_for_function(CHARTS_DRAWN, timeout=60_000)
    page.wait_for_function(STILL, timeout=60_000, polling=100)


def defects(page, where: str) -> list[str]:
    """What is clipped or overlapping on the page shown now, each prefixed by `where`."""
    found = page.evaluate(CLIPPED, ", ".join(SCROLLS_BY_DESIGN))
    found += page.evaluate("""() => [document.documentElement, document.querySelector('[data-testid="stMain"]')]
        .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => 'the page scrolls sideways')""")
    for chart in page.evaluate(BOXES):
        found += overlaps(chart)
    return [f"{where}: {d}" for d in found]


def train_a_few_steps(page) -> None:
    """Press Start on a run of TRAIN_STEPS steps and wait until the loss chart shows its last step."""
    page.locator('.st-key-train-start button').click()
    page.wait_for_function(f"({POINTS})() >= {TRAIN_STEPS}", timeout=90_000)


TITLE = "() => (document.querySelector('[data-testid=\"stMain\"] h1') || {}).textContent"


def go_to(page, path: str) -> None:
    """Follow the sidebar's link to a page (the same session: its trained model, language and projector),
    and wait until the new page's title replaces the old one (every page has its own)."""
    before = page.evaluate(TITLE)
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').click()
    page.wait_for_url(f"**/{path}*", timeout=30_000)
    page.wait_for_function(f"({TITLE})() && ({TITLE})() !== {json.dumps(before)}", timeout=90_000)


def shoot(page, name: str) -> None:
    """Keep the screen as the learner sees it (the viewport, not the whole page) in $SCREENS_DIR, if set."""
    folder = os.environ.get("SCREENS_DIR")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"))


def trained_page(context, url: str, lang: str, projector: bool):
    """A page of `context` on the Train page after a short run at full pace, settled: where each screen
    check starts (the charts, downloads and results a learner sees once something has trained)."""
    page = context.new_page()
    page.set_default_timeout(60_000)
    open_app(page, url, f"train?lang={lang}&steps={TRAIN_STEPS}&pace=max" + ("&projector=1" if projector else ""))
    train_a_few_steps(page)
    settle(page)
    return page


@pytest.mark.parametrize("width,height", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("projector", PROJECTOR, ids=["laptop", "projector"])
def test_nothing_clipped_or_overlapping(browser, server, width, height, lang, projector):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    mode = "projector" if projector else "laptop"
    try:
        page = trained_page(context, server.url, lang, projector)
        found = defects(page, "train")
        shoot(page, f"train_{width}x{height}_{lang}_{mode}")
        for path in PAGES:
            go_to(page, path)
            settle(page)
            found += defects(page, path or "welcome")
            shoot(page, f"{path or 'welcome'}_{width}x{height}_{lang}_{mode}")
        assert not found, "\n".join(found)
    finally:
        context.close()
