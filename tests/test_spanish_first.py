"""Every string a learner reads is in their language (issue 21): each page rendered with AppTest in Spanish
and in English, for every task and every cell kind, after a few training steps so the results sections
are drawn too. All the text a learner reads is collected (titles, markdown, captions, notices, widget
labels, options and help texts, metric labels, expander labels, and from each Plotly figure its titles,
axis titles, legend names, annotations, hover texts, buttons and slider labels) and checked:

- Spanish pages hold no English word from a list of interface words (a gloss in parentheses after a
  Spanish term, «compuerta de olvido (forget gate)», is allowed), no snake_case name and no task or cell
  identifier (sum-sign, rnn-relu, seq_len) outside code spans and formulas;
- English pages hold no Spanish word.

What the learner's data says (sentences of the sentiment set, sampled text, tokens drawn on an axis) is
not interface text: the collector leaves out Plotly trace text and tick labels of token strips.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.i18n import STRINGS
from rnnviz.live.speed import FULL_SPEED
from rnnviz.live.status import FINISHED
from rnnviz.live.worker import TrainingWorker
from rnnviz.runs import demo_runs
from rnnviz.tasks import TASKS
from testkit.learner_text import english_words, identifiers, report, spanish_words
from testkit.waiting import wait_for

ROOT = Path(__file__).resolve().parents[1]
# every page app.py registers, in its order
PAGES = re.findall(r'st\.Page\("(views/\w+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
assert "views/train.py" in PAGES and "views/inside.py" in PAGES

# every task once, and every cell kind, a stacked and a bidirectional network among them (their pickers)
CASES = [
    ("sum-sign", dict(cell="rnn")),
    ("next-number", dict(cell="gru")),
    ("sine", dict(cell="lstm", layers=2)),
    ("sentiment", dict(cell="gru", bidirectional=True)),
    ("adding", dict(cell="rnn-relu")),
    ("copy", dict(cell="lstm")),
    ("char-lm", dict(cell="rnn")),
]
assert {task for task, _ in CASES} == set(TASKS)

# --- what the learner reads ------------------------------------------------------------------------------

_TEXT_FIELDS = {"label", "help", "body", "text", "placeholder", "caption", "options", "default", "value"}


def _proto_texts(message, found: list[str]) -> None:
    """Strings of the fields a learner reads, in a widget's or element's protobuf (nested ones too)."""
    for field, value in message.ListFields():
        items = [value] if isinstance(value, (str, bytes, int, float)) or hasattr(value, "ListFields") else value
        for item in items:
            if hasattr(item, "ListFields"):
                _proto_texts(item, found)
            elif isinstance(item, str) and field.name in _TEXT_FIELDS:
                found.append(item)


def figure_texts(spec: dict) -> list[str]:
    """Titles, axis titles, legend names, annotations, hover texts, buttons and slider labels of a Plotly
    figure's JSON; not trace text or tick labels, which carry the data (tokens, values)."""
    found = []

    def title(node):
        if isinstance(node, dict):
            text = node.get("text") if isinstance(node.get("text"), str) else None
            if text:
                found.append(text)
        elif isinstance(node, str):
            found.append(node)

    layout = spec.get("layout", {})
    title(layout.get("title"))
    for name, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", name) and isinstance(axis, dict):
            title(axis.get("title"))
        if name.startswith("coloraxis") and isinstance(axis, dict):
            title(axis.get("colorbar", {}).get("title"))
    title(layout.get("legend", {}).get("title"))
    found += [a["text"] for a in layout.get("annotations", []) if isinstance(a.get("text"), str)]
    for menu in layout.get("updatemenus", []):
        found += [b["label"] for b in menu.get("buttons", []) if b.get("label")]
    for slider in layout.get("sliders", []):
        title(slider.get("currentvalue", {}).get("prefix"))
    for trace in [*spec.get("data", []), *(t for f in spec.get("frames", []) for t in f.get("data", []))]:
        if trace.get("showlegend", True) and isinstance(trace.get("name"), str):
            found.append(trace["name"])
        for key in ("hovertemplate", "legendgrouptitle"):
            value = trace.get(key)
            if isinstance(value, list):
                found += [v for v in value if isinstance(v, str)]
            else:
                title(value)
        title(trace.get("colorbar", {}).get("title"))
    return found


COLOURED_TEXT = '<div style="font-family:monospace'          # rnnviz.figures.inside.activation_html


def page_texts(at: AppTest) -> list[str]:
    """Every string a learner reads on the page AppTest holds (main area and sidebar, blocks included)."""
    found: list[str] = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if type(node).__name__ == "Dataframe":            # its column names and text cells
            frame = node.value
            found.extend(str(c) for c in frame.columns)
            found.extend(v for column in frame.columns for v in frame[column] if isinstance(v, str))
        elif proto is not None and hasattr(proto, "ListFields"):
            if type(proto).__name__ == "Html" and proto.body.startswith(COLOURED_TEXT):
                pass                    # a sentence or text coloured by a unit: the data's words, not the page's
            elif type(proto).__name__ == "PlotlyChart":
                found.extend(figure_texts(json.loads(proto.spec)))
            else:
                _proto_texts(proto, found)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return [text for text in found if isinstance(text, str) and text.strip()]


# --- the pages, rendered ------------------------------------------------------------------------------

TRAINED_STEPS = 3        # enough for every results section, the validation curve and a traced step


@pytest.fixture
def workers():
    made = []
    yield made
    for worker in made:
        worker.stop()


def trained_app(task: str, knobs: dict, lang: str, workers: list) -> AppTest:
    """The app in `lang` with a small network of `task` trained a few steps. The task's own knobs are left
    to the sidebar, which picks them as it does for a learner who chooses the task."""
    config = ExperimentConfig.for_task(task, hidden_size=8, steps=TRAINED_STEPS, batch_size=8, **knobs)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    values = config.to_dict()
    values.pop("task_params")
    values.update(params={}, custom_init=False, spectral_radius=1.0, forget_bias=1.0)
    at.session_state["experiment"] = values
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("views/train.py").run()          # the page that makes the session's worker: replace it
    assert not at.exception, at.exception
    at.session_state["worker"].stop()
    worker = TrainingWorker(Experiment.build(at.session_state["config"]))
    workers.append(worker)
    worker.set_pace(FULL_SPEED)
    worker.start()
    assert wait_for(lambda: worker.snapshot().status == FINISHED, timeout=120)
    at.session_state["worker"] = worker
    return at


def finished(at: AppTest, key: str) -> bool:
    runner = at.session_state[key] if key in at.session_state else None
    return runner is not None and not runner.active


def visit(at: AppTest, workers: list) -> list[str]:
    """Every page in turn, with what each shows only once asked (a typed sentence, a race and a sweep);
    the texts a learner reads on all of them."""
    texts = []
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        texts += page_texts(at)
        if page == "views/inside.py" and any(w.key == "inside.typed" for w in at.toggle):
            at.toggle(key="inside.typed").set_value(True).run()       # the default sentence
            texts += page_texts(at)
        if page == "views/compare.py":
            at.pills(key="compare.sweep_lengths").set_value([5, 10])
            at.number_input(key="compare.sweep_steps").set_value(1)
            at.button(key="compare.start").click().run()
            at.button(key="compare.sweep_start").click().run()
            workers += [at.session_state["compare.race_runner"], at.session_state["compare.sweep_runner"]]
            assert wait_for(lambda: finished(at, "compare.race_runner") and finished(at, "compare.sweep_runner"),
                            timeout=120)
            at.run()
            assert not at.exception, (page, at.exception)
            texts += page_texts(at)
    return texts


@pytest.mark.parametrize("task, knobs", CASES, ids=[task for task, _ in CASES])
def test_spanish_pages_read_in_spanish(task, knobs, workers):
    texts = visit(trained_app(task, knobs, "es", workers), workers)
    assert not (found := english_words(texts)), "English words on the Spanish pages:\n" + report(found)
    assert not (found := identifiers(texts)), "code identifiers in Spanish prose:\n" + report(found)


@pytest.mark.parametrize("task, knobs", CASES, ids=[task for task, _ in CASES])
def test_english_pages_read_in_english(task, knobs, workers):
    texts = visit(trained_app(task, knobs, "en", workers), workers)
    assert not (found := spanish_words(texts)), "Spanish words on the English pages:\n" + report(found)
    assert not (found := identifiers(texts)), "code identifiers in English prose:\n" + report(found)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_refused_experiment_is_explained_in_the_learners_words(lang, workers):
    """A bidirectional network on a task that forecasts its input: the one refusal the sidebar's knobs reach
    (it said "bidirectional=True is invalid for task 'next-number'")."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    values = ExperimentConfig.for_task("next-number", hidden_size=8).to_dict()
    values.pop("task_params")
    values.update(params={}, custom_init=False, spectral_radius=1.0, forget_bias=1.0, bidirectional=True)
    at.session_state["experiment"] = values
    at.session_state["lang"] = lang
    at.run()
    texts = page_texts(at)
    assert not at.exception and at.session_state["config"] is None
    assert len(at.sidebar.error) == 1
    words = english_words(texts) if lang == "es" else spanish_words(texts)
    assert not words and not identifiers(texts), report({**words, **identifiers(texts)})


def test_a_sweep_over_the_memory_budget_is_explained_in_spanish():
    """Lengths up to 1000 on a big network: the sweep is refused with the budget's reasons in Spanish (it
    read "This experiment would need about 8,711 MB..." on the Spanish page)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    values = ExperimentConfig.for_task("sum-sign", hidden_size=512, batch_size=256, layers=3).to_dict()
    values.pop("task_params")
    values.update(params={}, custom_init=False, spectral_radius=1.0, forget_bias=1.0)
    at.session_state["experiment"] = values
    at.session_state["lang"] = "es"
    at.run()
    at.switch_page("views/compare.py").run()
    at.pills(key="compare.sweep_lengths").set_value([10, 1000])
    at.button(key="compare.sweep_start").click().run()
    assert not at.exception and "compare.sweep_runner" not in at.session_state
    refusal = [w.value for w in at.warning if "barrido" in w.value]
    assert refusal and "memoria" in refusal[0], [w.value for w in at.warning]
    assert not english_words(refusal) and not identifiers(refusal), refusal


@pytest.mark.parametrize("lang, link, text", [("es", {}, "es"), ("en", {}, "zen"), ("es", {"text": "zen"}, "zen")])
def test_a_character_model_learns_a_text_in_the_learners_language_unless_the_link_says(lang, link, text):
    """What it writes, and the Inside page's example sentence, are in the learner's language: Don Quijote
    in Spanish (it learnt The Zen of Python: 'The Zen of Python, by Tim Peters' on the Spanish page)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params.update(task="char-lm", lang=lang, **link)
    at.run()
    assert not at.exception
    assert at.session_state["config"].task_params["text"] == text
    assert at.selectbox(key="cfg.char-lm.text").value == text


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_string_reads_in_its_language(lang):
    """Every string entry, also those of states a rendered page rarely reaches (an upload refused, a run
    diverged), its {placeholders} aside."""
    texts = [re.sub(r"\{[^}]*\}", " ", entry[lang]) for entry in STRINGS.values() if lang in entry]
    words = english_words(texts) if lang == "es" else spanish_words(texts)
    assert not words, f"words of the other language in {lang}:\n" + report(words)
    assert not (found := identifiers(texts)), f"code identifiers in {lang} prose:\n" + report(found)


def test_every_demo_run_has_a_name_in_both_languages():
    assert demo_runs()
    for name in demo_runs():
        assert {"es", "en"} <= set(STRINGS.get(f"runs.demo.{name}", {})), name


def test_the_collector_finds_what_it_looks_for():
    """The checks above would pass on an empty page: they must find a known word, identifier and gloss."""
    assert set(english_words(["Pulsa Start", "paso de training"])) == {"start", "training"}
    assert not english_words(["la compuerta de olvido (forget gate) se abre", "`hidden_size`", "Adam o SGD",
                              "la referencia ([baseline](#term-baseline)) es"])
    assert set(identifiers(["la tarea sum-sign", "seq_len de la tarea", "h_t y x_t", "`state_dict`", "adam"])) \
        == {"sum-sign", "seq_len", "adam"}
    assert set(spanish_words(["Train the red network", "la pérdida"])) == {"la", "pérdida"}
    assert figure_texts({"layout": {"title": {"text": "loss"}, "xaxis": {"title": {"text": "step"}}},
                         "data": [{"name": "train", "hovertemplate": "unit %{y}"}]}) == \
        ["loss", "step", "train", "unit %{y}"]
