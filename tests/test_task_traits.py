"""A task's traits (each task file's SPEC) say what its data does: the config, the Inside page and the
Train page read them instead of lists of task names, so a wrong trait would let a bidirectional network
read the answer, or offer a text box the task cannot read. Each trait is checked against the data it
describes, and against the strings it makes the pages ask for."""
import pytest
import torch

from rnnviz import inside
from rnnviz.config import ExperimentConfig
from rnnviz.i18n import STRINGS
from rnnviz.tasks import TASKS, make_task
from rnnviz.ui.task_results import RENDERERS

# today's built-in tasks, as the pages have always treated them
FORECASTS_ITS_INPUT = {"next-number", "char-lm"}
READS_TEXT = {"sentiment": "words", "char-lm": "characters"}
RESULTS = {"sum-sign": "confusion", "next-number": "sequence", "sine": "forecast", "sentiment": "sentence",
           "adding": "marked_sum", "copy": "recall", "char-lm": "sample_text"}


@pytest.fixture(scope="module")
def built():
    return {name: make_task(name, seed=0) for name in TASKS}


def test_the_built_in_tasks_keep_their_traits():
    assert {name for name, spec in TASKS.items() if spec.forecasts_its_input} == FORECASTS_ITS_INPUT
    assert {name: spec.reads_text for name, spec in TASKS.items() if spec.reads_text} == READS_TEXT
    assert {name: spec.results for name, spec in TASKS.items()} == RESULTS


@pytest.mark.parametrize("name", list(TASKS))
def test_every_task_names_a_results_section_the_train_page_can_draw(name):
    assert TASKS[name].results is None or TASKS[name].results in RENDERERS


@pytest.mark.parametrize("name", list(TASKS))
def test_a_task_whose_targets_are_its_next_inputs_says_forecasts_its_input(name, built):
    data = built[name]
    x, y = data.train_batch(8, torch.Generator().manual_seed(0))
    next_inputs = data.many_to_many and y.shape == x.shape and torch.equal(y[:, :-1], x[:, 1:])
    assert TASKS[name].forecasts_its_input == next_inputs


@pytest.mark.parametrize("name", list(TASKS))
def test_bidirectional_is_refused_exactly_where_the_task_forecasts_its_input(name):
    if TASKS[name].forecasts_its_input:
        with pytest.raises(ValueError, match="read the answer"):
            ExperimentConfig(task=name, bidirectional=True)
    else:
        assert ExperimentConfig(task=name, bidirectional=True).bidirectional


@pytest.mark.parametrize("name", list(TASKS))
def test_a_task_that_reads_text_reads_what_a_learner_types(name, built):
    data, reads = built[name], TASKS[name].reads_text
    if reads is None:
        with pytest.raises(TypeError, match="typed text"):
            inside.text_sample(data, "ab")
        return
    assert data.input_kind == "tokens"
    typed = " ".join(data.vocab[2:5]) if reads == "words" else "".join(data.vocab[:5])
    sample = inside.text_sample(data, typed)
    shown = [token for token in sample.tokens if token != "<pad>"]
    assert shown == (typed.split() if reads == "words" else list(typed[:-1]))   # a word or a character a step


@pytest.mark.parametrize("name", list(TASKS))
def test_every_string_a_task_needs_is_there_in_both_languages(name):
    reads = TASKS[name].reads_text
    needed = [f"task.{name}", f"task.{name}.summary"]
    if reads:
        needed += [f"inside.text.help.{name}", f"inside.text.dropped.{name}"]
    if reads == "words":
        needed.append(f"inside.text.example.{name}")       # a characters task starts from its own text
    if TASKS[name].results:
        needed.append(f"results.explain.{name}")            # the sentence that opens its results section
    for key in needed:
        assert key in STRINGS and STRINGS[key].get("es") and STRINGS[key].get("en"), key
