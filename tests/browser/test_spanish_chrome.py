"""The Spanish pages in a real browser (issue 21): Streamlit's own chrome that speaks English only is gone
(the Deploy button, the menu), and the text the browser shows on every page, Streamlit's widgets' own words
included (a file uploader's button), and what a screen reader reads (every aria-label: "Help for Tarea", a
number's "Increment", a chart tool's name) holds no English interface word. The words are checked as
tests/test_spanish_first.py checks the page's own strings under AppTest (testkit/learner_text.py)."""
from __future__ import annotations

import re

import pytest

from testkit.app_page import IDLE, open_app, screenshot
from testkit.learner_text import english_words, report

# every page app.py registers, by its URL path (the first is the default page, at "")
PAGES = ["", "train", "lesson", "glossary", "inside", "cell", "gradients", "compare", "scratch", "data"]
ENGLISH_CHROME = ['[data-testid="stAppDeployButton"]', '[data-testid="stMainMenu"]']
# what the learner sees: the text of every element shown (charts' SVG text included; Material icons' ligature
# names and code left out), tooltips, placeholders, and what a stylesheet writes in their place (::after)
VISIBLE_TEXT = """() => {
    const app = document.body;           // the app and what it opens over itself (a list, a tooltip)
    const skip = '[data-testid="stIconMaterial"], [data-testid="stExpanderIcon"], code, style, script';
    const texts = [];
    const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, parent = node.parentElement;
        if (!node.textContent.trim() || parent.closest(skip)) continue;
        const style = getComputedStyle(parent), box = parent.getBoundingClientRect();
        if (parseFloat(style.fontSize) === 0) texts.push(getComputedStyle(parent, '::after').content);
        // shown, and not a screen reader's one-pixel live region; the skip link shows at a keyboard's first Tab
        else if (parent.checkVisibility({visibilityProperty: true}) && box.width > 1 && box.height > 1
                 || parent.closest('[data-testid="stSkipToContent"]'))
            texts.push(node.textContent);
    }
    const labels = [...app.querySelectorAll('[title]')].map(el => el.getAttribute('title')).concat(
        [...app.querySelectorAll('[placeholder]')].filter(el => !el.value).map(el => el.getAttribute('placeholder')),
        [...app.querySelectorAll('[aria-label]')].map(el => el.getAttribute('aria-label')));
    // a chart tool's tooltip is its ::after content (Plotly's CSS draws its data-title there)
    const tools = [...app.querySelectorAll('.modebar-btn[data-title]')]
        .map(el => getComputedStyle(el, '::after').content.replace(/^"|"$/g, ''));
    return [...texts, ...labels, ...tools];
}"""
# What the browser shows once a script run has ended with the chrome stylesheet in place, read in the same
# moment: Streamlit clears the stylesheets a run sends as the next full run starts, until it sends them again
# (a page's own rerun, a moment later); and once the script that puts the Spanish labels in has run
SETTLED_TEXT = """() => document.querySelector('%s')
    && getComputedStyle(document.querySelector('[data-testid="stSkipToContent"]')).fontSize === '0px'
    && window.rnnvizChrome && window.rnnvizChrome.words.Open === 'Abrir'
    && (%s)()""" % (IDLE, VISIBLE_TEXT)


def shown_text(page) -> list[str]:
    """The texts a learner sees now (the data's own words left out)."""
    texts = page.wait_for_function(SETTLED_TEXT).json_value()
    return [t for t in texts if t and not DATA_TEXT.match(t)]


# the coloured text of the Inside page holds the data's words, not the page's
DATA_TEXT = re.compile(r"^t=\d+: ")


@pytest.fixture
def spanish_page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_a_spanish_page_shows_no_english_chrome_or_words(spanish_page, server, path):
    page = spanish_page
    open_app(page, server.url, f"{path}?lang=es&hidden_size=8")
    page.wait_for_selector('[data-testid="stSidebarContent"]')
    page.wait_for_selector(IDLE)
    for selector in ENGLISH_CHROME:
        assert page.locator(selector).count() == 0, selector
    if path in ("inside", "gradients"):       # pages that draw charts before any training: their tools too
        page.wait_for_selector(".js-plotly-plot .modebar-btn", state="attached")
    found = english_words(shown_text(page))
    screenshot(page, f"spanish_{path or 'welcome'}")
    assert not found, "English words in the browser:\n" + report(found)


@pytest.mark.parametrize("path, tab, field", [("train", None, 'input[aria-label="Tamaño del estado oculto"]'),
                                              ("data", "Texto", "textarea")])
def test_an_input_being_typed_says_how_to_apply_it_in_spanish(spanish_page, server, path, tab, field):
    """Streamlit writes "Press Enter to apply" under a text or number being typed: in Spanish it says so in
    Spanish, the characters' count of a long text kept."""
    page = spanish_page
    open_app(page, server.url, f"{path}?lang=es")
    if tab:
        page.get_by_role("tab", name=tab, exact=True).click()
    field = page.locator(field).first
    field.scroll_into_view_if_needed()
    field.fill("9")                                    # typed, not applied: the instructions show
    instructions = page.locator('[data-testid="InputInstructions"]').first
    instructions.wait_for()
    shown = instructions.evaluate("""el => [...el.children].map(span =>
        parseFloat(getComputedStyle(span).fontSize) ? span.innerText : getComputedStyle(span, '::after').content)
        .join(' ')""")
    screenshot(page, f"spanish_typing_{path}")
    assert "Intro para aplicar" in shown and "Press" not in shown, shown
    assert not english_words(shown_text(page))


def test_a_list_filtered_to_nothing_says_so_in_spanish(spanish_page, server):
    page = spanish_page
    open_app(page, server.url, "train?lang=es")
    page.get_by_role("combobox", name="Tarea").click()
    page.keyboard.type("zzzz")                         # no task is called that
    page.locator('[role="listbox"][data-empty="true"]').wait_for()
    shown = shown_text(page)
    assert '"Sin resultados"' in shown, shown
    assert not english_words(shown)


def test_a_file_the_uploader_refuses_is_refused_in_spanish(spanish_page, server):
    """Streamlit's uploader refuses a file over the limit, or of a type it does not take, in the browser itself
    ("Error: File must be 10.0MB or smaller."): on a Spanish page it says so in Spanish."""
    page = spanish_page
    open_app(page, server.url, "data?lang=es")
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]').first
    uploader.set_input_files(files=[{"name": "grande.csv", "mimeType": "text/csv", "buffer": b"1\n" * 5_500_001}])
    uploader.set_input_files(files=[{"name": "programa.exe", "mimeType": "application/octet-stream", "buffer": b"1"}])
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid="stFileChip"] [role="alert"]')]
        .filter(alert => alert.textContent.trim()).length === 2""")
    said = page.eval_on_selector_all('[data-testid="stFileChip"] [role="alert"]',
                                     "alerts => alerts.map(alert => alert.textContent)")
    assert said == ["Error: El archivo debe ocupar 10.0MB como máximo.",
                    "Error: No se admiten archivos de tipo application/octet-stream."], said
    page.locator('[data-testid="stFileChip"]').first.hover()          # the same, in a tooltip over the file
    tooltip = page.locator('[data-testid="stTooltipErrorContent"]')
    tooltip.wait_for()
    screenshot(page, "spanish_upload_refused")
    assert tooltip.inner_text().strip() == "El archivo debe ocupar 10.0MB como máximo.", tooltip.inner_text()
    assert not english_words(shown_text(page) + said)
