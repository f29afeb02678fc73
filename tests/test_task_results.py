"""The Train page's results section: rnnviz.task_results against independent computations, its figures' traces,
its strings, and the Streamlit section driven with AppTest for every task."""
import math
import re
import string
from functools import cache

import numpy as np
import plotly.graph_objects as go
import pytest
import torch
from torch import nn

from rnnviz import task_results
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.figures import task_results as figures
from rnnviz.figures.style import LAPTOP, PROJECTOR
from rnnviz.i18n.task_results import STRINGS
from testkit.plotly_spec import values
from testkit.waiting import wait_for

TASK_NAMES = ("sine", "next-number", "sum-sign", "sentiment", "adding", "copy", "char-lm")


@cache
def experiment(task: str) -> Experiment:
    """A tiny untrained experiment (shared read-only by the tests)."""
    return Experiment.build(ExperimentConfig.for_task(task, hidden_size=8, embedding_dim=4, seed=1))


def model_and_data(task: str):
    exp = experiment(task)
    return exp.model, exp.data


class ScriptedModel(nn.Module):
    """Returns fixed outputs whatever it is asked: lets a test know the right answer in advance."""

    def __init__(self, outputs: torch.Tensor):
        super().__init__()
        self.outputs = outputs

    def forward(self, x):
        return self.outputs


# --- sine --------------------------------------------------------------------------------------------

def test_forecast_is_the_model_output_in_original_units():
    model, data = model_and_data("sine")
    model.train()
    result = task_results.forecast(model, data)
    assert model.training, "the model's training flag must be restored"

    x, y = data.test
    with torch.no_grad():
        scaled = model.eval()(x)[:, 0].double()
    model.train()
    lo, hi = float(data.series[: data.train_span[1]].double().min()), float(data.series[: data.train_span[1]].double().max())
    expected = scaled.numpy() * (hi - lo) + lo
    np.testing.assert_allclose(result.predicted, expected, rtol=0, atol=1e-5)

    start, stop = data.test_span
    np.testing.assert_array_equal(result.series_times, np.arange(start, stop))
    np.testing.assert_array_equal(result.times, np.arange(start + data.seq_len, stop))
    series = data.series.double().numpy()
    np.testing.assert_array_equal(result.actual, series[start + data.seq_len: stop])
    assert len(result.predicted) == len(y)

    rmse = math.sqrt(sum((p - a) ** 2 for p, a in zip(expected, result.actual)) / len(expected))
    assert result.model_rmse == pytest.approx(rmse, rel=1e-5)
    repeat = math.sqrt(np.mean([(series[t] - series[t - 1]) ** 2 for t in result.times]))
    assert result.repeat_last_rmse == pytest.approx(repeat, rel=1e-5)


def test_forecast_of_a_perfect_model_has_no_error():
    _, data = model_and_data("sine")
    result = task_results.forecast(ScriptedModel(data.test[1]), data)     # outputs the true targets
    assert result.model_rmse < 1e-5
    assert result.model_rmse < result.repeat_last_rmse


# --- next-number -------------------------------------------------------------------------------------

@pytest.mark.parametrize("start, step", [(3, 4), (-120, 17), (2.5, -0.5)])
def test_continue_sequence_predictions_in_original_units(start, step):
    model, data = model_and_data("next-number")
    result = task_results.continue_sequence(model, data, start, step)
    T = data.seq_len
    terms = [start + step * t for t in range(T + 1)]
    np.testing.assert_allclose(result.terms, terms, rtol=0, atol=1e-12)

    largest = 49 + 9 * T                        # the task's map: [0, largest] -> [-1, 1]
    normalised = torch.tensor([(v - largest / 2) / (largest / 2) for v in terms[:-1]]).reshape(1, T, 1)
    with torch.no_grad():
        output = model(normalised)[0, :, 0].double().numpy()
    expected = output * (largest / 2) + largest / 2
    np.testing.assert_allclose(result.predicted, expected, rtol=1e-5, atol=1e-4)
    assert result.mae == pytest.approx(np.mean(np.abs(expected - np.array(terms[1:]))), rel=1e-5)


def test_continue_sequence_rejects_non_finite_start():
    model, data = model_and_data("next-number")
    with pytest.raises(ValueError, match="finite"):
        task_results.continue_sequence(model, data, float("nan"), 1)


# --- sum-sign and sentiment ----------------------------------------------------------------------------

@pytest.mark.parametrize("task", ["sum-sign", "sentiment"])
def test_confusion_matrix_counts_the_test_set(task):
    model, data = model_and_data(task)
    result = task_results.confusion(model, data)
    x, y = data.test
    with torch.no_grad():
        predicted = model(x).argmax(-1).tolist()
    counts = [[0, 0], [0, 0]]
    for truth, guess in zip(y.tolist(), predicted):
        counts[truth][guess] += 1
    np.testing.assert_array_equal(result.matrix, counts)
    assert result.total == len(y)
    assert result.accuracy == pytest.approx(sum(t == p for t, p in zip(y.tolist(), predicted)) / len(y))
    assert result.class_names == list(data.class_names)


def test_confusion_of_a_perfect_classifier_is_diagonal():
    _, data = model_and_data("sum-sign")
    y = data.test[1]
    logits = torch.nn.functional.one_hot(y, 2).float()
    result = task_results.confusion(ScriptedModel(logits), data)
    assert result.accuracy == 1.0
    np.testing.assert_array_equal(result.matrix, np.diag(np.bincount(y.numpy(), minlength=2)))


def test_confusion_refuses_regression_tasks():
    model, data = model_and_data("adding")
    with pytest.raises(ValueError, match="classification"):
        task_results.confusion(model, data)


def test_classify_sentence_probabilities_and_unknown_words():
    model, data = model_and_data("sentiment")
    known = data.vocab[2]
    result = task_results.classify_sentence(model, data, f"{known} Zzqxw, {known} qqqz zzqxw")
    assert result.words == [known, "zzqxw", known, "qqqz", "zzqxw"]
    assert result.unknown == ["zzqxw", "qqqz"]
    assert result.dropped == []

    ids = [data.vocab.index(w) if w in data.vocab else data.vocab.index("<unk>") for w in result.words]
    x = torch.tensor([[0] * (data.seq_len - len(ids)) + ids])
    with torch.no_grad():
        logits = model(x)[0].double()
    expected = torch.exp(logits) / torch.exp(logits).sum()
    np.testing.assert_allclose(result.probabilities, expected.numpy(), rtol=1e-6)
    assert result.probabilities.sum() == pytest.approx(1.0)
    assert result.predicted == data.class_names[int(expected.argmax())]


def test_classify_sentence_reports_words_cut_off():
    model, data = model_and_data("sentiment")
    words = [data.vocab[2 + i % 5] for i in range(data.seq_len + 3)]
    result = task_results.classify_sentence(model, data, " ".join(words))
    assert result.dropped == words[:3]
    assert result.words == words[3:]
    with pytest.raises(ValueError, match="no words"):
        task_results.classify_sentence(model, data, "¿?! ...")


# --- char-lm -------------------------------------------------------------------------------------------

def test_unknown_characters():
    _, data = model_and_data("char-lm")
    text = data.text[:30] + "€ü€"
    assert task_results.unknown_characters(data, text) == sorted({c for c in text if c not in data.vocab})
    assert task_results.unknown_characters(data, data.text[:50]) == []
    with pytest.raises(ValueError, match="char-lm"):
        task_results.unknown_characters(model_and_data("copy")[1], "1")


# --- adding --------------------------------------------------------------------------------------------

def test_adding_predictions_match_the_marked_values():
    model, data = model_and_data("adding")
    result = task_results.adding_predictions(model, data)
    x, y = data.test
    with torch.no_grad():
        output = model(x)[:, 0].double().numpy()
    for i in range(0, len(y), 37):
        marked = [t for t in range(data.seq_len) if x[i, t, 1] == 1]
        assert result.marked_steps[i].tolist() == marked
        assert result.marked_values[i].tolist() == pytest.approx([float(x[i, t, 0]) for t in marked])
        assert result.target[i] == pytest.approx(sum(float(x[i, t, 0]) for t in marked), abs=1e-6)
    np.testing.assert_allclose(result.predicted, output)
    assert result.mse == pytest.approx(np.mean((output - y[:, 0].double().numpy()) ** 2))

    table = result.table(3)
    assert list(table.columns) == ["first_step", "first_value", "second_step", "second_value", "target",
                                   "prediction", "error"]
    assert len(table) == 3
    np.testing.assert_allclose(table["error"], output[:3] - y[:3, 0].double().numpy())
    with pytest.raises(ValueError, match="n=0"):
        result.table(0)


# --- copy ----------------------------------------------------------------------------------------------

def test_copy_recall_is_the_argmax_of_the_last_ten_steps():
    model, data = model_and_data("copy")
    result = task_results.copy_recall(model, data)
    x, y = data.test
    with torch.no_grad():
        output = model(x)
    np.testing.assert_array_equal(result.recalled, output[:, -10:].argmax(-1).numpy())
    np.testing.assert_array_equal(result.shown, y[:, -10:].numpy())
    assert result.symbol_accuracy == pytest.approx(data.metric(output, y))


def test_copy_recall_marks_exactly_the_right_symbols():
    _, data = model_and_data("copy")
    x, y = data.test
    logits = torch.nn.functional.one_hot(y, data.output_size).float()      # a perfect memory...
    wrong = {(0, 2), (0, 9), (3, 0)}
    for row, position in wrong:                                              # ...that fails exactly here
        logits[row, -10 + position] = torch.nn.functional.one_hot(torch.tensor(0), data.output_size).float()
    result = task_results.copy_recall(ScriptedModel(logits), data)
    expected = np.ones((len(y), 10), dtype=bool)
    for row, position in wrong:
        expected[row, position] = False
    np.testing.assert_array_equal(result.correct, expected)
    assert result.symbol_accuracy == pytest.approx(1 - 3 / (10 * len(y)))
    assert result.sequence_accuracy == pytest.approx(1 - 2 / len(y))

    table = result.table(4)
    assert table["correct"].tolist() == [8, 10, 10, 9]
    assert table["shown"][0] == " ".join(data.vocab[i] for i in y[0, -10:].tolist())
    recalled = table["recalled"][0].split()
    assert recalled[2] == recalled[9] == "_"


# --- figures -------------------------------------------------------------------------------------------

def trace_types(fig: go.Figure) -> list[str]:
    return [trace.type for trace in fig.data]


def test_figure_builders_return_the_expected_traces():
    model, data = model_and_data("sine")
    result = task_results.forecast(model, data)
    fig = figures.forecast_figure(result.series_times, result.series, result.times, result.predicted,
                                  clean=result.clean, labels={"title": "T"})
    assert trace_types(fig) == ["scatter", "scatter", "scatter"]
    np.testing.assert_allclose(fig.data[1].y, result.predicted)
    assert fig.layout.title.text == "T"

    fig = figures.sequence_figure([3, 7, 11, 15], [6.5, 11.2, 14.9])
    assert trace_types(fig) == ["scatter", "scatter"]
    assert list(fig.data[1].x) == [1, 2, 3]
    with pytest.raises(ValueError, match="one value fewer"):
        figures.sequence_figure([1, 2, 3], [1, 2, 3])

    fig = figures.confusion_figure(np.array([[5, 1], [2, 7]]), ["neg", "pos"])
    assert trace_types(fig) == ["heatmap"]
    np.testing.assert_array_equal(fig.data[0].z, [[5, 1], [2, 7]])
    assert list(fig.data[0].x) == ["neg", "pos"]

    fig = figures.probability_figure(np.array([0.25, 0.75]), ["neg", "pos"])
    assert trace_types(fig) == ["bar"]
    assert list(fig.data[0].text) == ["25.0%", "75.0%"]

    fig = figures.adding_figure(np.array([0.5, 1.2]), np.array([0.7, 1.0]), baseline=1.0)
    assert trace_types(fig) == ["scatter", "scatter", "scatter"]
    assert list(fig.data[2].y) == [1.0, 1.0]


def test_copy_figure_colours_right_and_wrong_cells():
    shown = np.array([[1, 2, 3], [4, 5, 6]])
    recalled = np.array([[1, 0, 3], [4, 5, 7]])
    vocab = list("_12345678:")
    fig = figures.copy_figure(shown, recalled, vocab)
    assert trace_types(fig) == ["heatmap", "scatter", "scatter"]
    # rows: shown, recalled, shown, recalled; codes 0 shown, 1 right, 2 wrong
    np.testing.assert_array_equal(fig.data[0].z, [[0, 0, 0], [1, 2, 1], [0, 0, 0], [1, 1, 2]])
    assert [list(row) for row in fig.data[0].text[1::2]] == [["1", "_", "3"], ["4", "5", "7"]]


# --- strings -------------------------------------------------------------------------------------------

def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_both_languages_with_the_same_placeholders():
    for key, entry in STRINGS.items():
        assert key.startswith("results."), key
        assert set(entry) == {"es", "en"} and all(entry.values()), key
        assert placeholders(entry["es"]) == placeholders(entry["en"]), key


def test_every_literal_key_the_ui_asks_for_exists():
    from pathlib import Path

    source = Path(task_results.__file__).parent.joinpath("ui", "task_results.py").read_text()
    asked = set(re.findall(r'tr\("(results\.[^"]+)"', source))
    asked |= set(re.findall(r'"(results\.[a-z_]+\.[a-z_.]+)"', source))   # keys chosen by a condition
    assert asked, "the regex found no keys: the test would prove nothing"
    assert asked - STRINGS.keys() == set()


# --- the Streamlit section -----------------------------------------------------------------------------

def results_script():
    import streamlit as st

    from rnnviz.ui.task_results import task_results_section

    task_results_section(st.session_state["test.worker"])


@pytest.fixture
def app(monkeypatch):
    """AppTest of the section, with this module's strings registered (as the lead's i18n will)."""
    from streamlit.testing.v1 import AppTest

    from rnnviz import i18n
    from rnnviz.live.worker import TrainingWorker

    monkeypatch.setattr(i18n, "STRINGS", {**i18n.STRINGS, **STRINGS})
    workers = []

    def make(task: str, lang: str = "en"):
        worker = TrainingWorker(Experiment.build(ExperimentConfig.for_task(task, hidden_size=8, embedding_dim=4)))
        workers.append(worker)
        at = AppTest.from_function(results_script, default_timeout=20)
        at.session_state["test.worker"] = worker
        at.session_state["lang"] = lang
        return at, worker

    yield make
    for worker in workers:
        worker.stop()


def chart_specs(at) -> list[dict]:
    import json

    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("task", TASK_NAMES)
def test_section_draws_in_both_languages(app, task):
    at, _ = app(task, "es")
    at.run()
    assert not at.exception, at.exception
    assert at.markdown, "the explanation sentence"
    es_text = at.markdown[0].value
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception, at.exception
    assert at.markdown[0].value != es_text
    if task == "char-lm":
        assert at.code and len(at.code[0].value) > 100
    else:
        assert chart_specs(at), "a figure"


@pytest.mark.parametrize("task", [task for task in TASK_NAMES if task != "char-lm"])    # char-lm: text, no figure
def test_section_figures_follow_projector_mode(app, task):
    """On a classroom projector the task's figure has the projector's type, like every other figure."""
    at, _ = app(task)
    at.session_state["projector"] = True
    at.run()
    assert not at.exception, at.exception
    sizes = [spec["layout"]["font"]["size"] for spec in chart_specs(at)]
    assert sizes and set(sizes) == {PROJECTOR.font_size}
    at.session_state["projector"] = False
    at.run()
    assert {spec["layout"]["font"]["size"] for spec in chart_specs(at)} == {LAPTOP.font_size}


def test_section_caches_per_step(app):
    at, worker = app("sum-sign")
    at.run()
    first = at.session_state["results.cache"]
    at.run()
    assert at.session_state["results.cache"] is first, "a rerun at the same step recomputes nothing"
    worker.step_once()
    assert wait_for(lambda: worker.snapshot().step == 1)    # not a fixed 2 s: a loaded machine takes longer
    at.run()
    assert at.session_state["results.cache"]["step"] == 1


def test_sentiment_own_sentence(app):
    at, _ = app("sentiment")
    at.run()
    at.text_input(key="results.sentence").input("zzqxw good").run()
    assert not at.exception, at.exception
    assert any("zzqxw" in w.value for w in at.warning)
    spec = chart_specs(at)[-1]
    assert spec["data"][0]["type"] == "bar"
    assert values(spec["data"][0]["x"]).sum() == pytest.approx(1.0)


def test_next_number_own_sequence(app):
    at, _ = app("next-number")
    at.run()
    at.number_input(key="results.next_start").set_value(500).run()
    assert not at.exception, at.exception
    assert at.info, "outside the training range is said"
    spec = chart_specs(at)[0]
    np.testing.assert_array_equal(values(spec["data"][0]["y"])[:3], [500, 504, 508])


def test_char_lm_sample_again_and_bad_prime(app):
    at, _ = app("char-lm")
    at.run()
    first = at.code[0].value
    at.button(key="results.sample_again").click().run()
    assert at.session_state["results.seed"] == 1
    assert at.code[0].value != first
    at.text_input(key="results.prime").input("€").run()
    assert not at.exception, at.exception
    assert at.warning and not at.code
