"""The path of lessons (issue 21): the lessons as data, their words in both languages, the class link's
URL, and every lesson walked under AppTest in Spanish and English (its experiment prepared, its figures
drawn, each observation putting the view in its state, its question answered with feedback)."""
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest

from rnnviz import lessons
from rnnviz.config import ExperimentConfig, from_query_params
from rnnviz.i18n import LANGUAGES, STRINGS, t
from rnnviz.lessons import FIGURES, LESSONS, TERMS, View
from rnnviz.lessons.glossary import anchor
from rnnviz.live.status import RUNNING
from rnnviz.ui import lesson_race, url
from testkit.waiting import wait_for

from lesson_pages import app, open_lesson  # noqa: F401 (app: a fixture)

# the key of the chart each figure draws (in its element's id)
FIGURE_KEYS = {"loss": "lesson.loss_chart", "loss_metric": "lesson.loss_chart", "states": "lesson.states", "gates": "lesson.cell_diagram",
               "bptt": "lesson.bptt", "radius": "lesson.radius", "results": "results.", "race": "lesson.race_chart"}
LIVE = ("results", "loss", "loss_metric", "race")          # figures drawn once training has taken a step


def lesson_keys(lesson) -> list[str]:
    n = lesson.number
    keys = [f"lesson.{n}.{part}" for part in ("title", "goal", "text", "question", "why")]
    keys += [f"lesson.{n}.obs.{i}" for i in range(len(lesson.observations))]
    return keys + [f"lesson.{n}.choice.{i}" for i in range(lesson.choices)]


def prose(text: str) -> str:
    """A string without its formulas ($...$) and its links' targets: what a learner reads as words."""
    text = re.sub(r"\$[^$]*\$", " ", text)
    return re.sub(r"\]\(#[a-z-]+\)", "]", text)


# --- the lessons as data --------------------------------------------------------------------------------------

def test_nine_lessons_in_order_each_with_its_words_in_both_languages():
    assert [lesson.number for lesson in LESSONS] == list(range(1, 10))
    for lesson in LESSONS:
        for key in lesson_keys(lesson):
            assert set(STRINGS[key]) == set(LANGUAGES), key
        assert not any(f"lesson.{lesson.number}.choice.{lesson.choices}" == key for key in STRINGS)
        assert set(lesson.figures) <= set(FIGURES) and 0 <= lesson.answer < lesson.choices


def test_a_lesson_is_found_by_its_number_and_an_unknown_one_is_refused():
    assert lessons.lesson(5).config.cell == "lstm" and lessons.lesson(5).config.task == "adding"
    assert lessons.next_lesson(5).number == 6 and lessons.next_lesson(9) is None
    with pytest.raises(ValueError, match="1 to 9"):
        lessons.lesson(10)


def test_each_view_describes_a_valid_experiment_over_its_lessons():
    for lesson in LESSONS:
        for view in lesson.observations:
            config = view.config(lesson.config)
            assert isinstance(config, ExperimentConfig)
            assert all(getattr(config, k) == v or k == "task_params" for k, v in view.knobs.items())
    assert View(knobs={"cell": "rnn"}).config(lessons.lesson(5).config).cell == "rnn"
    with pytest.raises(ValueError):
        lessons.Lesson(number=0, config=ExperimentConfig(), lab_page="train", figures=("loss",), observations=(),
                       choices=2, answer=2)


def test_key_terms_link_to_glossary_entries_that_name_the_english_term_once():
    for term in TERMS:
        spanish, english = (STRINGS[f"glossary.{term}.term"][lang].lower() for lang in ("es", "en"))
        english = english.split(" (")[0]
        assert english in spanish, term                          # «compuerta de olvido (forget gate)»
        assert len(re.findall(rf"\b{re.escape(english)}\b", spanish)) == 1, term     # once
        assert STRINGS[f"glossary.{term}.entry"]["es"] and STRINGS[f"glossary.{term}.entry"]["en"]
    for lesson in LESSONS:
        assert set(lesson.terms) <= set(TERMS)
        for lang in LANGUAGES:
            text = t(f"lesson.{lesson.number}.text", lang)
            linked = set(re.findall(r"\]\(#(term-[a-z-]+)\)", text))
            assert linked <= {anchor(term) for term in TERMS}, (lesson.number, lang)
            assert linked, f"lesson {lesson.number} ({lang}) links no term"


def test_the_lessons_prose_has_no_code_identifiers():
    keys = [key for key in STRINGS if key.startswith(("lesson.", "welcome.", "glossary.", "hide."))]
    for key in keys:
        for lang in LANGUAGES:
            words = prose(STRINGS[key][lang])
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", words), (key, lang, words)
            assert not re.search(r"\b(sum-sign|next-number|char-lm|rnn-relu|seq_len)\b", words), (key, lang)


# --- the class link -----------------------------------------------------------------------------------------

def test_hide_flags_are_read_in_a_fixed_order_and_an_unknown_one_is_said():
    assert url.hide_from_url("pace, sidebar") == (("sidebar", "pace"), [])
    hidden, notices = url.hide_from_url("sidebar,menu")
    assert hidden == ("sidebar",) and len(notices) == 1 and "menu" in notices[0]


def test_a_class_link_carries_the_lesson_its_experiment_and_what_it_hides():
    config = lessons.lesson(5).config
    link = url.class_link("http://host:8501", "lesson", config, "es", hide=("pace", "sidebar"), projector_on=True,
                          lesson=5)
    parsed = urlparse(link)
    assert parsed.path == "/lesson"
    params = {k: v[0] for k, v in parse_qs(parsed.query).items()}
    assert params["lesson"] == "5" and params["hide"] == "sidebar,pace" and params["lang"] == "es"
    assert params["projector"] == "1"
    restored, notices = from_query_params({k: v for k, v in params.items() if k not in ("lesson", "hide")})
    assert restored == config and notices == []
    with pytest.raises(ValueError, match="cannot hide"):
        url.class_link("", "lesson", config, "en", hide=("everything",))


# --- every lesson under AppTest, in both languages ------------------------------------------------------------

def charts(at) -> list[str]:
    return [c.proto.id for c in at.get("plotly_chart")]


def drawn(at, name: str) -> bool:
    return any(FIGURE_KEYS[name] in chart_id for chart_id in charts(at))


def pause(at) -> None:
    """Stop a run an observation started, once it has taken a step (a test does not train 600 steps)."""
    worker = at.session_state["worker"]
    assert wait_for(lambda: worker.snapshot().step > 0 or worker.snapshot().status != RUNNING, timeout=120)
    worker.pause()
    assert wait_for(lambda: worker.snapshot().status != RUNNING, timeout=60)


def pause_race(at) -> None:
    """The same for the lesson's race (rnnviz/ui/lesson_race.py)."""
    runner = at.session_state[lesson_race.RACE]
    assert wait_for(lambda: runner.snapshot().step > 0 or runner.snapshot().status != RUNNING, timeout=120)
    runner.pause()
    assert wait_for(lambda: runner.snapshot().status != RUNNING, timeout=60)


def trained_steps(at) -> int:
    if lesson_race.RACE in at.session_state:
        return at.session_state[lesson_race.RACE].snapshot().step
    return at.session_state["worker"].snapshot().step


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("number", [lesson.number for lesson in LESSONS])
def test_every_lesson_prepares_its_experiment_draws_its_figures_and_checks_its_question(app, lang, number):
    lesson = lessons.lesson(number)
    at = open_lesson(app, number, lang)
    assert at.title[0].value == t(f"lesson.{number}.title", lang)
    assert t("lesson.class_link", lang) in [e.label for e in at.expander]

    at.button(key="lesson.prepare").click().run()
    assert not at.exception, at.exception
    config = at.session_state["config"]
    assert config == lesson.config                                     # the sidebar holds its experiment
    assert at.session_state["worker"].experiment.config == lesson.config
    assert at.session_state["worker"].snapshot().step == 0            # untrained
    assert at.query_params["lesson"] == [str(number)] or at.query_params["lesson"] == str(number)
    assert at.query_params["task"] in (lesson.config.task, [lesson.config.task])   # the shareable URL
    for name in lesson.figures:
        if name not in LIVE:                                           # these need a trained step
            assert drawn(at, name), (name, charts(at))
    if {"loss", "loss_metric"} & set(lesson.figures):
        assert t("train.loss.empty", lang) in [c.value for c in at.caption]
    if "race" in lesson.figures:
        assert t("compare.not_started", lang) in [c.value for c in at.caption]

    for index, view in enumerate(lesson.observations):
        at.button(key=f"lesson.show.{index}").click().run()
        assert not at.exception, (index, at.exception)
        assert at.session_state["config"] == view.config(lesson.config), index
        worker = at.session_state["worker"]
        assert worker.experiment.config == view.config(lesson.config), index
        if view.train and "race" in lesson.figures:
            pause_race(at)
            at.run()
            assert trained_steps(at) > 0
        elif view.train:
            pause(at)
            at.run()
            assert worker.snapshot().step > 0
        if view.sample is not None:
            assert at.session_state["lesson.sample"] == view.sample
        if view.log_y is not None:
            assert at.toggle(key="lesson.log_y").value == view.log_y
        for name, value in view.results.items():
            assert at.number_input(key=f"results.{name}").value == value
        assert not at.exception, (index, at.exception)
        if view.cells is not None:
            assert at.session_state[lesson_race.CELLS] == view.cells
        for name in lesson.figures:
            if name not in LIVE or trained_steps(at):
                assert drawn(at, name), (index, name, charts(at))

    wrong = next(i for i in range(lesson.choices) if i != lesson.answer)
    why = t(f"lesson.{number}.why", lang)
    at.radio(key=f"lesson.{number}.answer").set_value(wrong).run()
    assert [e.value for e in at.error] == [t("lesson.wrong", lang, why=why)]
    at.radio(key=f"lesson.{number}.answer").set_value(lesson.answer).run()
    assert t("lesson.right", lang, why=why) in [s.value for s in at.success]
    assert not at.exception


def test_a_class_link_hides_the_lesson_selector_the_menu_and_its_own_panel(app):
    app.query_params["hide"] = "sidebar,nav,lessons,class_link,bogus"
    at = open_lesson(app, 2, "en")
    assert "lesson.choice" not in [s.key for s in at.selectbox]
    assert t("lesson.class_link", "en") not in [e.label for e in at.expander]     # no class-link panel
    assert any("bogus" in w.value for w in at.warning)                   # the unknown flag is said
    assert at.query_params["hide"] in ("sidebar,nav,lessons,class_link", ["sidebar,nav,lessons,class_link"])
    assert any("display: none" in h.proto.body for h in at.get("html"))  # the sidebar's CSS


def test_a_wrong_lesson_number_is_said_as_plain_text_and_lesson_1_shown(app):
    at = open_lesson(app, 1, "en")
    at.query_params["lesson"] = "![x](http://host/p.png)"      # a link's author wrote it: shown as plain text
    at.run()
    assert not at.exception
    assert at.title[0].value == t("lesson.1.title", "en")
    assert any(url.plain_text("lesson='![x](http://host/p.png)'") in w.value for w in at.warning)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_welcome_page_offers_the_path_and_the_lab(app, lang):
    app.session_state["lang"] = lang
    app.run()
    assert not app.exception
    assert app.title[0].value == t("welcome.title", lang)
    links = [json.loads(json.dumps(link.proto.label)) for link in app.get("page_link")]
    for lesson in LESSONS:
        assert t("welcome.lesson", lang, n=lesson.number, title=t(f"lesson.{lesson.number}.title", lang)) in links
    assert t("page.train", lang) in links and t("page.gradients", lang) in links


def test_the_welcome_page_starts_loading_torch_at_its_second_poll(app, monkeypatch):
    from rnnviz.ui import warm_up
    started = []
    monkeypatch.setattr(warm_up, "ready", lambda: False)
    monkeypatch.setattr(warm_up, "start", lambda: started.append(True))
    app.run()                                    # the first screen, and the fragment's first poll
    assert not app.exception and started == []
    app.run()
    assert started == [True]
