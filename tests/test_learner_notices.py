"""What goes wrong is said in the learner's language (issue 21): a link's settings that cannot be used, a recorded
run's file that cannot be read, a Compare race or sweep that fails, a budget's sizes. Each message in both
languages, checked for words of the other language and names from the code (testkit/learner_text.py); the
library's own str() stays one English line for the CLI, the log and notebooks."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz import compare as rnnviz_compare
from rnnviz.config import ExperimentConfig, from_query_params
from rnnviz.cost import MB, BudgetError, Lowering
from rnnviz.i18n.numbers import number
from rnnviz.runs import Run, RunFileError, demo_runs
from rnnviz.setting_error import SettingError
from testkit.learner_text import as_read, english_words, identifiers, report, spanish_words
from testkit.waiting import wait_for

from app_pages import open_with

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"


def other_language(texts: list[str], lang: str) -> dict:
    """Words of the other language, and code names, in what a learner of `lang` reads."""
    return {**(english_words(texts) if lang == "es" else spanish_words(texts)), **identifiers(texts)}


# --- numbers in prose ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, es, en", [
    (8711, "8711", "8,711"), (12345, f"12{NBSP}345", "12,345"), (1234567, f"1{NBSP}234{NBSP}567", "1,234,567"),
    (1e-6, "0,000001", "0.000001"), (0.05, "0,05", "0.05"), (1.0, "1", "1"), (-12345.5, f"-12{NBSP}345,5", "-12,345.5"),
    (100_000.0, f"100{NBSP}000", "100,000")])
def test_numbers_are_written_as_each_language_writes_them(value, es, en):
    """RAE: a decimal comma, a space between groups of three from five digits, none in a four-digit number."""
    assert (number(value, "es"), number(value, "en")) == (es, en)


def test_a_budget_refusal_writes_its_sizes_as_the_language_does():
    """It read "unos 8,711 MB" on a Spanish page."""
    error = BudgetError(8711 * MB, 256 * MB, [Lowering("batch_size", 12345, 1024)])
    spanish, english = error.message("es"), error.message("en")
    assert "8711 MB" in spanish and "8,711" not in spanish and f"(ahora 12{NBSP}345)" in spanish, spanish
    assert "8,711 MB" in english and "(now 12,345)" in english, english
    assert str(error) == english                     # the library's line, as before


# --- a link's settings --------------------------------------------------------------------------------

BAD_LINK = {"lr": "5", "cell": "transformer", "hidden_size": "abc", "colour": "red", "bidirectional": "maybe",
            "pace": "fast", "hide": "sidebar,menu"}


def test_the_librarys_refusals_stay_english_and_say_what_was_given():
    with pytest.raises(SettingError) as refused:
        ExperimentConfig(lr=5.0)
    assert str(refused.value) == "lr=5.0 is invalid: allowed is float in [1e-06, 1]"
    assert (refused.value.setting, refused.value.value, refused.value.low, refused.value.high) == ("lr", 5.0, 1e-6, 1.0)
    _, notices = from_query_params({"cell": "transformer", "x": "1"})          # no language: the library's lines
    assert notices == ["cell='transformer' is invalid: allowed is one of rnn, rnn-relu, lstm, gru",
                       "x is not a setting of task 'sum-sign'"]


@pytest.mark.parametrize("lang, learning_rate, cell", [
    ("es", "«Tasa de aprendizaje» = 5 no es un valor válido: debe estar entre 0,000001 y 1.",
     "«Tipo de celda» = «transformer» no es un valor válido: puede ser RNN (tanh), RNN (ReLU), LSTM o GRU."),
    ("en", "“Learning rate” = 5 is not a valid value: it must be between 0.000001 and 1.",
     "“Cell type” = “transformer” is not a valid value: it can be RNN (tanh), RNN (ReLU), LSTM or GRU.")])
def test_a_links_bad_settings_are_said_in_the_learners_language(lang, learning_rate, cell):
    """Every notice of a link with bad settings (the experiment's, the pace's, what it hides) reads in the
    language of the link, each setting by its label in the sidebar. It read "lr=5.0 is invalid: allowed is
    float in [1e-06, 1]" on a Spanish page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in {**BAD_LINK, "lang": lang}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    [notice] = [as_read(w.value) for w in at.warning if w.value.count("\n- ") >= 2]
    listed = notice.split("\n\n", 1)[1].splitlines()
    assert len(listed) == 7, listed
    assert f"- {learning_rate}" in listed and f"- {cell}" in listed, listed
    # the link's own text (transformer, abc, colour, maybe, fast, menu) is what its author wrote: not checked
    words = other_language([re.sub(r"[«“][^»”]*[»”]", " ", line) for line in listed], lang)
    assert not words, report(words)


def test_a_link_in_an_unknown_language_is_said_in_the_default_one():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "fr"
    at.run()
    [notice] = [as_read(w.value) for w in at.warning]
    assert "«Idioma» = «fr» no es un valor válido: puede ser Español o English." in notice, notice


# --- a recorded run's file ----------------------------------------------------------------------------

def demo_document() -> dict:
    return json.loads(demo_runs()["adding-lstm"].read_text())


BROKEN_RUNS = {
    "a row without its loss": lambda d: d["history"][2].pop("train_loss"),
    "a config out of range": lambda d: d["config"].__setitem__("hidden_size", -3),
    "steps going back": lambda d: d["history"][3].__setitem__("step", 1),
    "history an object": lambda d: d.__setitem__("history", {}),
    "not a run": lambda d: d.pop("final"),
}


@pytest.mark.parametrize("lang, start", [("es", "No es un RUN.json válido. "), ("en", "Not a valid RUN.json. ")])
def test_a_broken_recorded_run_is_refused_in_the_learners_language(lang, start):
    """One line in the learner's words (the file's own keys, in «», aside), the library's English detail in the
    log; it read "No es un RUN.json válido: history row 3: 'train_loss' is missing"."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).switch_page("views/train.py")
    at.session_state["lang"] = lang
    at.run()
    try:
        for name, change in [*BROKEN_RUNS.items(), ("not JSON", None)]:
            document = demo_document()
            if change is not None:
                change(document)
            data = json.dumps(document).encode() if change is not None else b"{not json"
            at.file_uploader(key="runs.upload").set_value(("RUN.json", data, "application/json"))
            at.run()
            at.button(key="runs.load_upload").click().run()
            assert not at.exception, at.exception
            [shown] = [as_read(e.value) for e in at.error]
            assert shown.startswith(start) and "\n" not in shown, (name, shown)
            words = other_language([re.sub(r"«[^»]*»", " ", shown)], lang)
            assert not words, (name, report(words))
    finally:
        if "worker" in at.session_state:
            at.session_state["worker"].stop()


def test_a_run_files_refusal_keeps_its_english_line_for_the_log():
    document = demo_document()
    document["history"][2].pop("train_loss")
    with pytest.raises(RunFileError) as refused:
        Run.from_json(document)
    assert str(refused.value) == "history row 3: 'train_loss' is missing"
    assert refused.value.message("es") == "A la fila 3 del historial le falta «train_loss»."


# --- a race or a sweep that fails -----------------------------------------------------------------------

def failing_run(self, steps, should_stop, around_step=None):
    """A race that takes no step: the server is out of memory at the first one."""
    raise MemoryError("can't allocate memory: you tried to allocate 8711 MB")
    yield        # a generator, as Race.run


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_failed_race_says_what_was_kept_in_the_learners_language(lang, monkeypatch):
    """It read "Algo falló: MemoryError: can't allocate memory..." on a Spanish page."""
    monkeypatch.setattr(rnnviz_compare.Race, "run", failing_run)
    config = ExperimentConfig.for_task("sum-sign", hidden_size=4, steps=5, batch_size=4)
    at = open_with(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "views/compare.py", config, lang)
    at.button(key="compare.start").click().run()
    runner = at.session_state["compare.race_runner"]
    try:
        assert wait_for(lambda: not runner.alive, timeout=60)
        at.run()
        assert not at.exception, at.exception
        assert runner.snapshot().failure == "memory" and "MemoryError" in runner.snapshot().error
        [shown] = [e.value for e in at.error]
        assert "MemoryError" not in shown and "8711" not in shown, shown
        assert ("memoria" if lang == "es" else "memory") in shown, shown
        assert not (words := other_language([shown], lang)), report(words)
    finally:
        runner.stop()
        if "worker" in at.session_state:
            at.session_state["worker"].stop()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_training_stopped_by_the_unforeseen_does_not_paste_the_exception(lang):
    """The Train page passes the error's own words (views/train.py): they belong in the log, not in a Spanish
    sentence ("por un error inesperado (RuntimeError: shapes do not match)")."""
    from rnnviz.i18n import t

    said = t("train.failed.unexpected", lang, step=5, kept=4, detail="RuntimeError: shapes do not match")
    assert "RuntimeError" not in said and "shapes" not in said and number(4, lang) in said
    assert not other_language([said], lang)
