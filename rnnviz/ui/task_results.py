"""The Train page's "what it is for": the task's results, shown as the task would show them, with the model as
it is now.

Each task names its section in its registry entry (TaskSpec.results): one of RENDERERS below, so a new task
picks an existing kind or adds one here. Each section opens with the task's own sentence
(results.explain.<task>). The numbers come from rnnviz.task_results and the figures from
rnnviz.figures.task_results; this file only lays them out. The section is a fragment, so typing a sentence or moving the temperature slider reruns it
alone, not the whole page. The model is copied once per training step and every result is cached per
(worker, step, inputs) in the session, so a rerun at the same step recomputes nothing.
"""
from __future__ import annotations


import streamlit as st

from rnnviz import i18n, task_results
from rnnviz.figures import task_results as figures
from rnnviz.models import sample_text
from rnnviz.tasks.copy_memory import ALPHABET
from rnnviz.tasks.next_number import START_HIGH, START_LOW, STEP_HIGH, STEP_LOW
from rnnviz.ui.patches.live_chart import live_chart
from rnnviz.ui.number_tables import readable
from rnnviz.ui.session import chart_theme, num, style, tr
from rnnviz.ui.session_cache import cached as _cached, model_at_step

EXAMPLES = 5               # test sequences shown for adding and copy
SAMPLE_LENGTH = 300        # characters char-lm writes per sample
_CACHE = "results.cache"
_SEED = "results.seed"


def task_results_section(worker, refresh_every: float | None = None) -> None:
    """Draw the section of the worker's task (the Train page calls this below the loss chart); while
    training runs, redraw it every `refresh_every` seconds so predictions improve before the learner's eyes."""
    st.fragment(_results_fragment, run_every=refresh_every)(worker)


def _results_fragment(worker) -> None:
    data = worker.experiment.data
    if data.spec.results is None:      # a task without a results section: the loss chart says it all
        return
    store = _current(worker)
    st.caption(tr("results.model_at", step=store["step"]))
    RENDERERS[data.spec.results](store, data)


# --- the model now, and results computed from it ---------------------------------------------------

def _current(worker) -> dict:
    """This page's copy of the model at the worker's current step (see rnnviz.ui.session_cache)."""
    return model_at_step(worker, _CACHE)


def _chart(fig, key: str) -> None:
    live_chart(fig, key=f"results.{key}", theme=chart_theme())     # redrawn by the fragment while training runs


def _explain(data, **values) -> None:
    """The task's own sentence on what its results show."""
    st.markdown(tr(f"results.explain.{data.name}", **values))


# --- one renderer per kind of results -----------------------------------------------------------------

def _forecast(store: dict, data) -> None:
    """Forecast against the real series on the test span, and the repeat-the-last-value baseline (sine)."""
    _explain(data)
    result = _cached(store, ("forecast",), lambda model: task_results.forecast(model, data))
    model_column, baseline_column = st.columns(2)
    model_column.metric(tr("results.forecast.model_rmse"), num(result.model_rmse, ".4f"))
    baseline_column.metric(tr("results.forecast.repeat_rmse"), num(result.repeat_last_rmse, ".4f"),
                           help=tr("results.forecast.repeat_rmse.help"))
    beats = result.model_rmse < result.repeat_last_rmse
    st.markdown(tr("results.forecast.beats" if beats else "results.forecast.not_yet"))
    labels = {k: tr(f"results.forecast.{k}") for k in ("title", "series", "forecast", "clean")}
    labels.update(x=tr("axis.time"), y=tr("axis.value"))
    _chart(figures.forecast_figure(result.series_times, result.series, result.times, result.predicted,
                                   clean=result.clean, labels=labels, style=style()), "forecast_chart")


def _sequence(store: dict, data) -> None:
    """The network's next-number guesses for a start and step the learner chooses (next-number)."""
    _explain(data, start_low=START_LOW, start_high=START_HIGH - 1, step_low=STEP_LOW, step_high=STEP_HIGH - 1)
    start_column, step_column = st.columns(2)
    start = start_column.number_input(tr("results.sequence.start"), min_value=-10_000, max_value=10_000, value=3,
                                      step=1, key="results.next_start")
    step = step_column.number_input(tr("results.sequence.step"), min_value=-1_000, max_value=1_000, value=4,
                                    step=1, key="results.next_step")
    result = _cached(store, ("sequence", start, step),
                     lambda model: task_results.continue_sequence(model, data, start, step))
    st.metric(tr("results.sequence.mae"), num(result.mae, ".3g"))
    if not (START_LOW <= start < START_HIGH and STEP_LOW <= step < STEP_HIGH):
        st.info(tr("results.sequence.outside"), icon="🔭")
    labels = {k: tr(f"results.sequence.{k}") for k in ("title", "x", "true", "predicted")}
    labels["y"] = tr("axis.value")
    _chart(figures.sequence_figure(result.terms, result.predicted, labels=labels, style=style()), "sequence_chart")


def _confusion(store: dict, data) -> None:
    """Test accuracy and the confusion matrix of a many-to-one classifier (sum-sign)."""
    _explain(data)
    _confusion_matrix(store, data)


def _confusion_matrix(store: dict, data) -> None:
    """Test accuracy, test size and the confusion matrix, with the class names in the learner's language."""
    result = _cached(store, ("confusion",), lambda model: task_results.confusion(model, data))
    names = [class_name(data, name) for name in result.class_names]
    accuracy_column, size_column = st.columns(2)
    accuracy_column.metric(tr("results.accuracy"), num(result.accuracy, ".1%"))
    size_column.metric(tr("results.test_size"), f"{result.total}")
    labels = {k: tr(f"results.confusion.{k}") for k in ("title", "x", "y", "count")}
    _chart(figures.confusion_figure(result.matrix, names, labels=labels, style=style()), "confusion_chart")


def _sentence(store: dict, data) -> None:
    """Accuracy and confusion on the test sentences, then the learner's own sentence (sentiment)."""
    _explain(data)
    _confusion_matrix(store, data)
    text = st.text_input(tr("results.sentence.input"), value=tr("results.sentence.example"),
                         key="results.sentence", help=tr("results.sentence.input.help"))
    if not data.read_words(text).words:
        st.info(tr("results.sentence.no_words"))
        return
    result = _cached(store, ("sentence", text), lambda model: task_results.classify_sentence(model, data, text))
    names = [class_name(data, name) for name in result.class_names]
    st.markdown(tr("results.sentence.verdict", label=class_name(data, result.predicted),
                   words=" ".join(result.words)))
    if result.unknown:
        st.warning(tr("results.sentence.unknown", words=", ".join(result.unknown)), icon="❓")
    if result.dropped:
        st.info(tr("results.sentence.dropped", count=data.seq_len, words=" ".join(result.dropped)))
    _chart(figures.probability_figure(result.probabilities, names,
                                      labels={"title": tr("results.sentence.probabilities"),
                                              "x": tr("results.probability")}, style=style()),
           "probability_chart")


def _sample_text(store: dict, data) -> None:
    """Text the network writes from a prime, at the temperature the learner picks (char-lm)."""
    _explain(data)
    prime_column, temperature_column = st.columns([3, 2])
    prime = prime_column.text_input(tr("results.sample_text.prime"), value=data.text.split(" ")[0][:20],
                                    key="results.prime", help=tr("results.sample_text.prime.help"))
    temperature = temperature_column.slider(tr("results.sample_text.temperature"), min_value=0.1, max_value=2.0,
                                            value=0.8, step=0.1, key="results.temperature",
                                            help=tr("results.sample_text.temperature.help"))
    st.session_state.setdefault(_SEED, 0)
    st.button(tr("results.sample_text.again"), icon="🎲", key="results.sample_again", on_click=_next_seed)
    unknown = task_results.unknown_characters(data, prime)
    if unknown:
        st.warning(tr("results.sample_text.unknown", chars=" ".join(repr(c) for c in unknown)), icon="❓")
        return
    seed = st.session_state[_SEED]
    text = _cached(store, ("sample", prime, temperature, seed),
                   lambda model: sample_text(model, data, prime, SAMPLE_LENGTH, temperature, seed=seed))
    st.caption(tr("results.sample_text.caption", length=SAMPLE_LENGTH, seed=seed, count=len(prime)))
    st.code(prime + text, language=None, wrap_lines=True)


def _next_seed() -> None:
    st.session_state[_SEED] = st.session_state.get(_SEED, 0) + 1


def _marked_sum(store: dict, data) -> None:
    """The network's answers against the true sums, and a few test sequences in a table (adding)."""
    _explain(data)
    result = _cached(store, ("adding",), lambda model: task_results.adding_predictions(model, data))
    mse_column, baseline_column = st.columns(2)
    mse_column.metric(tr("results.marked_sum.mse"), num(result.mse, ".4f"))
    baseline_column.metric(tr("results.marked_sum.baseline"), num(data.baseline_loss, ".4f"),
                           help=tr("results.marked_sum.baseline.help"))
    columns = ("first_step", "first_value", "second_step", "second_value", "target", "prediction", "error")
    table = result.table(EXAMPLES).rename(columns={c: tr(f"results.marked_sum.{c}") for c in columns})
    st.dataframe(readable(table.round(3), {c: "" for c in table.columns}), hide_index=True)
    labels = {k: tr(f"results.marked_sum.{k}") for k in ("title", "x", "y", "predictions", "perfect")}
    labels["baseline"] = tr("results.marked_sum.baseline")
    _chart(figures.adding_figure(result.target, result.predicted, baseline=1.0, labels=labels, style=style()),
           "adding_chart")


def _recall(store: dict, data) -> None:
    """The 10 symbols shown against the 10 recalled, on a few test sequences (copy)."""
    _explain(data, delay=data.delay)
    result = _cached(store, ("copy",), lambda model: task_results.copy_recall(model, data))
    symbol_column, sequence_column, chance_column = st.columns(3)
    symbol_column.metric(tr("results.recall.symbol_accuracy"), num(result.symbol_accuracy, ".1%"))
    sequence_column.metric(tr("results.recall.sequence_accuracy"), num(result.sequence_accuracy, ".1%"))
    chance_column.metric(tr("results.recall.chance"), num(1 / ALPHABET, ".1%"), help=tr("results.recall.chance.help"))
    labels = {k: tr(f"results.recall.{k}") for k in ("title", "x", "shown", "recalled", "sequence", "correct",
                                                     "wrong")}
    _chart(figures.copy_figure(result.shown[:EXAMPLES], result.recalled[:EXAMPLES], result.vocab, labels=labels,
                               style=style()), "copy_chart")


def class_name(data, name: str | None) -> str | None:
    """A class name in the learner's language; the task's own (English) name if it has no translation.
    Shared with the Inside page, whose answer panel names the predicted class."""
    if name is None or not data.class_names or name not in data.class_names:
        return name
    key = f"results.class.{data.name}.{data.class_names.index(name)}"
    return tr(key) if key in i18n.STRINGS else name


# what a TaskSpec's `results` may name
RENDERERS = {"forecast": _forecast, "sequence": _sequence, "confusion": _confusion, "sentence": _sentence,
             "sample_text": _sample_text, "marked_sum": _marked_sum, "recall": _recall}
