"""Numbers the app writes itself (metrics, captions, sentences, tables, formulas) as the page's language
writes them: under AppTest each page that formats numbers is opened in Spanish, where no element's text holds
a number with a decimal point (0,5 · 78,0 % · 1,2·10⁻⁵), and in English, where they still have one."""
import re

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.live.status import FINISHED
from rnnviz.live.worker import TrainingWorker
from rnnviz.ui import warm_up
from tests.app_pages import sidebar_values
from testkit.waiting import wait_for

# a small model trained to its end, with a clipping threshold it meets (the Gradients page's clip numbers)
CONFIG = ExperimentConfig.for_task("sum-sign", hidden_size=6, batch_size=16, steps=50, clip=0.01)
POINT = re.compile(r"\d\.\d")          # 0.5, 1.2e-05, 78.0%: a decimal point between digits
COMMA = re.compile(r"\d,\d")


@pytest.fixture(scope="module")
def trained():
    """A session's worker that trained CONFIG to its end (shared: the pages only read it)."""
    warm_up.wait()                      # else the Train page is its stand-in while torch loads
    worker = TrainingWorker(Experiment.build(CONFIG))
    worker.start()
    assert wait_for(lambda: worker.snapshot().status == FINISHED, timeout=300)
    yield worker
    worker.stop()


def open_page(worker, page: str, lang: str) -> AppTest:
    at = AppTest.from_file("../app.py", default_timeout=180)
    at.session_state["experiment"] = sidebar_values(CONFIG)
    at.session_state["lang"] = lang
    if worker is not None:
        at.session_state["worker"] = worker
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def table_text(frame) -> list[str]:
    """A table's cells as the learner reads them: a Styler's display values, else the numbers as Python
    writes them (as Streamlit's grid does, with a point)."""
    styler = frame.proto.arrow_data.styler
    cells = pa.ipc.open_stream(styler.display_values).read_all().to_pandas() if styler.display_values \
        else frame.value
    return [str(cell) for cell in cells.to_numpy().ravel()]


def html_text(body: str) -> list[str]:
    """What a learner reads of an st.html: its text and its tooltips (not its stylesheet's 0.1em)."""
    body = re.sub(r"<(style|script)\b.*?</\1>", "", body, flags=re.DOTALL)
    return re.findall(r'title="([^"]*)"', body) + [re.sub(r"<[^>]+>", " ", body)]


def texts(at) -> list[str]:
    """Every text with numbers the page drew: metrics, sentences, notices, progress, formulas, tables."""
    found = [m.value for m in at.metric]
    for kind in ("caption", "markdown", "info", "warning", "error", "success", "latex"):
        found += [element.value for element in at.get(kind)]
    found += [p.proto.text for p in at.get("progress")]
    for html in at.get("html"):
        found += html_text(html.proto.body)
    for frame in at.dataframe:
        found += table_text(frame)
    return found


def with_point(at) -> list[str]:
    return [text for text in texts(at) if POINT.search(text)]


def check(at, lang: str) -> None:
    if lang == "es":
        assert not with_point(at), with_point(at)
        assert any(COMMA.search(text) for text in texts(at)), texts(at)
    else:
        assert with_point(at), texts(at)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_train_page_metrics_results_and_progress(trained, lang):
    at = open_page(trained, "views/train.py", lang)
    assert len(at.metric) >= 5, [m.label for m in at.metric]      # the losses, and the task's results
    check(at, lang)
    accuracy = [m.value for m in at.metric if "%" in m.value]
    assert accuracy and all(re.fullmatch(r"\d+,\d\u00a0%" if lang == "es" else r"\d+\.\d%", a) for a in accuracy)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_gradients_page_clip_numbers_and_lab(trained, lang):
    at = open_page(trained, "views/gradients.py", lang)
    assert len(at.metric) >= 2, [m.label for m in at.metric]       # clipped steps and the largest norm
    check(at, lang)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_inside_page_sentences(trained, lang):
    at = open_page(trained, "views/inside.py", lang)
    if lang == "es":
        assert not with_point(at), with_point(at)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_scratch_page_tables_formulas_and_check(lang):
    at = open_page(None, "views/scratch.py", lang)
    at.number_input(key="scratch.steps").set_value(5).run()
    at.button(key="scratch.train").click().run()
    assert not at.exception, at.exception
    assert len(at.dataframe) >= 4 and at.metric
    check(at, lang)
    if lang == "es":
        assert any("{,}" in formula.value for formula in at.latex)     # LaTeX's decimal comma, not a list's


@pytest.mark.parametrize("lang", ["es", "en"])
def test_compare_page_tables(trained, lang):
    at = open_page(trained, "views/compare.py", lang)
    at.button(key="compare.start").click().run()
    runner = at.session_state["compare.race_runner"]
    try:
        assert wait_for(lambda: not runner.alive, timeout=300)
        at.run()
        assert not at.exception, at.exception
        assert len(at.dataframe) == 2                     # the contestants and the results
        check(at, lang)
    finally:
        runner.stop()


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("number", [2, 4])               # the BPTT check's difference; the gradient's ratio
def test_lesson_captions(lang, number):
    warm_up.wait()
    at = AppTest.from_file("../app.py", default_timeout=180)
    at.session_state["lang"] = lang
    at.query_params["lesson"] = str(number)
    at.switch_page("views/lesson.py").run()
    try:
        at.button(key="lesson.prepare").click().run()
        assert not at.exception, at.exception
        if lang == "es":
            assert not with_point(at), with_point(at)
        else:
            assert with_point(at), texts(at)
    finally:
        if "worker" in at.session_state:
            at.session_state["worker"].stop()
