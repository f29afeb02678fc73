"""The path of lessons in a real browser, as a Spanish class sees it on a projector (1024x768): from the
welcome page to lesson 5 (the LSTM), its experiment prepared, trained live, its observations showing what
they describe, its question answered; and a teacher's class link opening a lesson with the sidebar hidden.
Every wait is for a condition, never for a time."""
from urllib.parse import parse_qs, urlparse

from testkit.app_page import IDLE, open_app, screenshot

LESSON_CHART = '[class*="st-key-rnnviz-live-stack-lesson-loss_chart"] .js-plotly-plot'
# the newest step the lesson's live loss chart draws; -1 before it exists
LESSON_POINTS = """() => {
    const plot = [...document.querySelectorAll('%s')].filter(p => p._fullData).pop();
    if (!(plot && plot._fullData && plot._fullData[0])) return -1;
    const x = plot._fullData[0].x;
    return x.length ? x[x.length - 1] : 0;
}""" % LESSON_CHART
QUERY = "() => location.search"


# whether the top of the element `selector` names is on the screen (within its upper half)
IN_VIEW = """(selector) => {
    const part = document.querySelector(selector);
    if (!part) return false;
    const top = part.getBoundingClientRect().top;
    return top >= -2 && top <= window.innerHeight / 2;
}"""


def in_view(page, selector: str) -> bool:
    return page.evaluate(IN_VIEW, selector)


def test_lesson_5_from_the_welcome_page_in_spanish_on_a_projector(browser, server):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="es-ES")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, server.url, "?lang=es&projector=1")
        page.get_by_role("heading", name="Mira dentro de las redes recurrentes").wait_for()
        screenshot(page, "welcome_1024x768_es_projector")
        page.locator('[data-testid="stMain"]').get_by_role(
            "link", name="5. La LSTM: compuertas y estado de celda").click()
        page.get_by_role("heading", name="La LSTM: compuertas y estado de celda").wait_for()
        page.wait_for_function("() => location.pathname.endsWith('/lesson') && location.search.includes('lesson=5')")
        page.wait_for_selector(IDLE)

        page.get_by_role("button", name="Preparar el experimento").click()
        # the sidebar and the shareable URL now hold lesson 5's experiment: the adding problem with an LSTM
        page.wait_for_function("() => location.search.includes('task=adding') && location.search.includes('cell=lstm')")
        page.wait_for_selector(IDLE)
        params = parse_qs(urlparse(page.url).query)
        assert params["lesson"] == ["5"] and params["lang"] == ["es"] and params["projector"] == ["1"]
        assert page.get_by_role("combobox", name="Tarea").input_value().startswith("Problema de la suma")

        # observation 1: "train the LSTM" starts training; its loss curve grows live
        page.locator(".st-key-lesson-show-0 button").click()
        page.wait_for_function(f"({LESSON_POINTS})() > 0", timeout=120_000)
        page.get_by_role("button", name="Pausa", exact=True).click()
        page.wait_for_selector(IDLE)
        screenshot(page, "lesson_1024x768_es_projector")

        # observation 2: the same task with a plain RNN, in the sidebar and the URL, training from step 0; the
        # page scrolls up to the chart it changes (the button is a screen below it on a 1024x768 projector)
        page.locator(".st-key-lesson-show-1 button").scroll_into_view_if_needed()
        assert not in_view(page, ".st-key-lesson-figures")
        page.locator(".st-key-lesson-show-1 button").click()
        page.wait_for_function("() => location.search.includes('cell=rnn')")
        page.wait_for_function(IN_VIEW, arg=".st-key-lesson-figures")
        page.wait_for_function(f"({LESSON_POINTS})() > 0", timeout=120_000)
        page.get_by_role("button", name="Pausa", exact=True).click()
        page.wait_for_selector(IDLE)

        # the check question: a wrong answer explains the right one; the right one says so
        question = page.locator(".st-key-lesson-5-answer")
        question.get_by_text("Que tiene más unidades que la RNN").click()
        page.get_by_text("No exactamente.").wait_for()
        question.get_by_text("Que su estado de celda se actualiza sumando").click()
        page.get_by_text("¡Correcto!").wait_for()
        assert page.locator('[data-testid="stException"]').count() == 0

        # and on to the next lesson
        page.get_by_role("link", name="Siguiente: lección 6, La GRU, y RNN vs LSTM vs GRU").click()
        page.get_by_role("heading", name="La GRU, y RNN vs LSTM vs GRU").wait_for()
    finally:
        context.close()


def test_a_class_link_opens_the_lesson_with_the_sidebar_hidden(browser, server):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        open_app(page, server.url, "lesson?lesson=5&lang=en")
        page.get_by_text("A link for my class").click()
        link = page.locator('[data-testid="stCode"]').inner_text().strip()
        assert "hide=sidebar" in link and "lesson=5" in link and "task=adding" in link
        open_app(page, server.url, link.split("/", 3)[3] if link.startswith("http") else link.lstrip("/"))
        page.get_by_role("heading", name="The LSTM: gates and the cell state").wait_for()
        page.get_by_role("button", name="Prepare the experiment").wait_for()   # drawn after the heading
        assert not page.locator('[data-testid="stSidebar"]').is_visible()
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        context.close()
