"""A lesson's "Show me" brings the figure it changes into view: the figure is above the observations, a screen
or more up on a projector (the browser side: tests/browser/test_lessons.py)."""
import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.ui import scroll


@pytest.fixture
def at():
    app = AppTest.from_file("../app.py", default_timeout=120)
    app.query_params["lesson"] = "2"            # the NumPy RNN: its views pick a sequence, nothing trains
    yield app
    if "worker" in app.session_state:
        app.session_state["worker"].stop()


def scroll_scripts(at) -> list[str]:
    return [element.proto.body for element in at.get("html") if "scrollIntoView" in element.proto.body]


def test_show_me_scrolls_to_the_lessons_figures_once(at):
    at.switch_page("views/lesson.py").run()
    assert not at.exception, at.exception
    assert scroll_scripts(at) == []                                 # opening the lesson moves nothing
    at.button(key="lesson.show.1").click().run()
    [script] = scroll_scripts(at)
    assert scroll.css_class("lesson.figures") == ".st-key-lesson-figures" and "'.st-key-lesson-figures'" in script
    at.run()                                                        # any later run: no second scroll
    assert scroll_scripts(at) == []
    at.button(key="lesson.show.2").click().run()
    [again] = scroll_scripts(at)
    assert again != script                                          # a new text, so the browser runs it again
