"""A lesson page under AppTest: the app, a lesson opened in a language (and its experiment prepared), and the
session's training stopped afterwards (its worker and the lesson's race)."""
import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.ui import lesson_race


@pytest.fixture
def app():
    at = AppTest.from_file("../app.py", default_timeout=120)
    yield at
    if "worker" in at.session_state:
        at.session_state["worker"].stop()
    if lesson_race.RACE in at.session_state:
        at.session_state[lesson_race.RACE].stop()


def open_lesson(at, number: int, lang: str, prepared: bool = False):
    """Lesson `number` in `lang`; with `prepared`, its "prepare the experiment" pressed too."""
    at.session_state["lang"] = lang
    at.query_params["lesson"] = str(number)
    at.switch_page("views/lesson.py").run()
    assert not at.exception, at.exception
    if prepared:
        at.button(key="lesson.prepare").click().run()
        assert not at.exception, at.exception
    return at
