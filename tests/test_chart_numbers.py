"""A chart writes numbers as its page's sentences do: a Spanish page's ticks and hovers say 0,5, not 0.5."""
import dataclasses
import json

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.figures.style import LAPTOP
from rnnviz.figures.training import loss_figure
from rnnviz.i18n.numbers import number, plotly_separators


@pytest.mark.parametrize("lang, half, thousands", [("es", "0,5", "12\u00a0345"), ("en", "0.5", "12,345")])
def test_a_charts_marks_are_its_sentences_marks(lang, half, thousands):
    decimal_mark, thousands_mark = plotly_separators(lang)
    assert f"0{decimal_mark}5" == half == number(0.5, lang)
    assert f"12{thousands_mark}345" == thousands == number(12345, lang)


def test_a_style_writes_its_separators_into_the_figure():
    history = [{"step": 1, "train_loss": 0.5}, {"step": 2, "train_loss": 0.25}]
    spanish = dataclasses.replace(LAPTOP, separators=plotly_separators("es"))
    assert loss_figure(history, style=spanish).layout.separators == ",\u00a0"
    assert loss_figure(history, style=LAPTOP).layout.separators == ".,"


@pytest.mark.parametrize("lang, separators", [("es", ",\u00a0"), ("en", ".,")])
def test_the_gradients_page_draws_in_the_sessions_language(lang, separators):
    at = AppTest.from_file("../app.py", default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("views/gradients.py").run()
    assert not at.exception, at.exception
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert specs and {spec["layout"].get("separators") for spec in specs} == {separators}
