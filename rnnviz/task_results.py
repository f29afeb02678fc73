"""Each task's results, computed from a model: the numbers behind the Train page's results section.

Every function takes (model, data, ...) and returns plain data (numpy arrays, dataclasses, DataFrames),
so a notebook gets the same numbers the dashboard draws. By the `results` a task's registry entry names
(its built-in tasks in brackets):

- forecast      (sine) `forecast`: one-step-ahead forecasts over the test span, in the series' units,
                beside the repeat-the-last-value forecast every forecaster must beat
- sequence      (next-number) `continue_sequence`: the network's next-number guesses for any start and step
- confusion     (sum-sign) `confusion`: test accuracy and the confusion matrix
- sentence      (sentiment) the same, and `classify_sentence`: class probabilities for the learner's own sentence
- sample_text   (char-lm) `unknown_characters` + rnnviz.models.sample_text: text the network writes
- marked_sum    (adding) `adding_predictions`: the two marked values, their sum and the network's answer
- recall        (copy) `copy_recall`: the 10 symbols shown and the 10 the network recalled

All of them run the model in eval mode without gradients and leave its training flag as they found it; those
over a test set read it in chunks, so a large network on long sequences stays within the session budget.
"""
from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch

from rnnviz import cost
from rnnviz.tasks import TASKS
from rnnviz.tasks.copy_memory import RECALL

if TYPE_CHECKING:
    import pandas as pd   # imported where a table is made: the live Train page never needs its ~60 MB

__all__ = ["Forecast", "SequencePrediction", "Confusion", "SentencePrediction", "AddingPredictions",
           "CopyRecall", "forecast", "continue_sequence", "confusion", "classify_sentence",
           "unknown_characters", "adding_predictions", "copy_recall"]


@contextlib.contextmanager
def _evaluating(model: torch.nn.Module):
    """Eval mode and no gradients inside; the model's own training flag restored after."""
    was_training = model.training
    model.eval()
    try:
        with torch.no_grad():
            yield
    finally:
        model.train(was_training)


def _in_chunks(model, x: torch.Tensor, keep=lambda output: output) -> torch.Tensor:
    """model(x) read a chunk of sequences at a time (rnnviz.cost.inference_rows: a quarter of the session
    budget each), keeping `keep(output)` of each chunk: a test set of 512 sequences of 1000 steps through a
    large network would otherwise ask for gigabytes at once. The same numbers as model(x), row by row."""
    rnn = getattr(model, "rnn", None)
    if rnn is None:                      # not a SequenceModel (a test's stand-in): its size is unknown
        return keep(model(x))
    rows = cost.inference_rows(model.cell, rnn.hidden_size, rnn.num_layers, 2 if rnn.bidirectional else 1,
                               steps=x.shape[1], features=rnn.input_size, outputs=model.head.out_features)
    return torch.cat([keep(model(x[start:start + rows])) for start in range(0, len(x), rows)])


def _check_results(data, kind: str) -> None:
    """ValueError unless the task's registry entry says its results are `kind` (TaskSpec.results): a task
    that says so has the data this result reads."""
    if data.spec.results != kind:
        tasks = [name for name, spec in TASKS.items() if spec.results == kind]
        raise ValueError(f"this result is for tasks whose results are {kind!r} ({', '.join(tasks)}), "
                         f"not {data.name!r}")


def _check_count(n) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n={n!r} is invalid: allowed is an integer >= 1")
    return n


def _rmse(a: np.ndarray, b: np.ndarray) -> float:
    return math.sqrt(float(np.mean((a - b) ** 2)))


# --- sine: forecast against reality ---------------------------------------------------------------

@dataclass(frozen=True)
class Forecast:
    """One-step-ahead forecasts over the test span, in the series' original units.

    Each forecast reads the seq_len REAL values before it (never its own earlier forecasts), which is
    what "one step ahead" means.
    """

    series_times: np.ndarray     # (S,) every time index of the test span
    series: np.ndarray           # (S,) the observed (noisy) series there
    clean: np.ndarray | None     # (S,) the sine without noise (None for the learner's own series)
    times: np.ndarray            # (n,) time index of each forecast value (the span minus its first window)
    actual: np.ndarray           # (n,) the observed value at those times
    predicted: np.ndarray        # (n,) the network's forecast of it
    repeat_last_rmse: float      # RMSE of forecasting each value by the one before it

    @property
    def model_rmse(self) -> float:
        """RMSE of the network's forecasts, original units."""
        return _rmse(self.predicted, self.actual)


def forecast(model, data) -> Forecast:
    """The network's one-step-ahead forecasts of the sine task's test span."""
    _check_results(data, "forecast")
    x, _ = data.test                                                     # (n, T, 1), (n, 1)
    with _evaluating(model):
        output = _in_chunks(model, x)                                    # (n, 1) scaled
    predicted = data.to_original(output[:, 0].double().numpy())          # (n,) original units
    times = data.test_times.numpy()
    start, stop = data.test_span
    series = data.series.double().numpy()
    return Forecast(series_times=np.arange(start, stop), series=series[start:stop],
                    clean=None if data.clean is None else data.clean.double().numpy()[start:stop], times=times, actual=series[times],
                    predicted=predicted, repeat_last_rmse=data.repeat_last_rmse)


# --- next-number: the learner's own sequence ------------------------------------------------------

@dataclass(frozen=True)
class SequencePrediction:
    """An arithmetic sequence and the network's guess of each next term, in the sequence's units."""

    terms: np.ndarray            # (T + 1,) start, start + step, ..., the true sequence
    predicted: np.ndarray        # (T,) predicted[t] is the guess of terms[t + 1] after reading terms[:t + 1]

    @property
    def errors(self) -> np.ndarray:
        return self.predicted - self.terms[1:]                           # (T,)

    @property
    def mae(self) -> float:
        return float(np.mean(np.abs(self.errors)))


def continue_sequence(model, data, start: float, step: float, length: int | None = None) -> SequencePrediction:
    """Feed start, start + step, ... (length terms, the task's seq_len by default) and read the
    network's next-term guesses. Starts and steps outside the training ranges are allowed."""
    _check_results(data, "sequence")
    x, _ = data.sequence(start, step, length)                            # (1, T, 1) normalised
    with _evaluating(model):
        output = model(x)                                                # (1, T, 1)
    T = x.shape[1]
    terms = float(start) + float(step) * np.arange(T + 1, dtype=np.float64)   # exact, not via float32
    return SequencePrediction(terms=terms, predicted=data.to_original(output[0, :, 0].double().numpy()))


# --- sum-sign and sentiment: how often right, and how wrong -----------------------------------------

@dataclass(frozen=True)
class Confusion:
    """Counts of (true class, predicted class) on a split: matrix[i, j] = sequences of class i the
    network called j. The diagonal is what it gets right."""

    matrix: np.ndarray           # (C, C) int64, rows true class, columns predicted class
    class_names: list[str]

    @property
    def total(self) -> int:
        return int(self.matrix.sum())

    @property
    def accuracy(self) -> float:
        return float(np.trace(self.matrix)) / self.total if self.total else float("nan")


def confusion(model, data, split: str = "test") -> Confusion:
    """Accuracy and confusion matrix of a many-to-one classifier on the test (or val) split."""
    if data.target_kind != "classification" or data.many_to_many:
        raise ValueError(f"confusion needs a many-to-one classification task; {data.name!r} is not one")
    if split not in ("test", "val"):
        raise ValueError(f"split={split!r} is invalid: allowed is 'test' or 'val'")
    x, y = getattr(data, split)                                          # (n, ...), (n,)
    with _evaluating(model):
        predicted = _in_chunks(model, x, lambda out: out.argmax(dim=-1))  # (n,)
    C = data.output_size
    matrix = np.bincount(y.numpy() * C + predicted.numpy(), minlength=C * C).reshape(C, C)
    names = list(data.class_names) if data.class_names else [str(c) for c in range(C)]
    return Confusion(matrix=matrix.astype(np.int64), class_names=names)


@dataclass(frozen=True)
class SentencePrediction:
    """What the network makes of one sentence, and which of its words it could actually read."""

    words: list[str]             # the words it reads, in order (the last seq_len of the sentence)
    dropped: list[str]           # first words cut because the sentence is longer than seq_len
    unknown: list[str]           # words it reads as <unk>: not in the training vocabulary
    probabilities: np.ndarray    # (C,) softmax of the output, float64
    class_names: list[str]

    @property
    def predicted(self) -> str:
        return self.class_names[int(np.argmax(self.probabilities))]


def classify_sentence(model, data, text: str) -> SentencePrediction:
    """Class probabilities of a sentiment model for `text`; a sentence without words is a ValueError."""
    _check_results(data, "sentence")
    reading = data.read_words(text)
    if not reading.words:
        raise ValueError(f"text={text!r} has no words to read")
    x = data.encode(text)[None]                                          # (1, seq_len)
    with _evaluating(model):
        probabilities = torch.softmax(model(x)[0].double(), dim=-1)      # (C,)
    return SentencePrediction(words=reading.words, dropped=reading.dropped, unknown=reading.unknown,
                              probabilities=probabilities.numpy(), class_names=list(data.class_names))


# --- char-lm: what can be typed as a prime -----------------------------------------------------------

def unknown_characters(data, text: str) -> list[str]:
    """Characters of `text` the character model has no id for (sorted, each once): a prime must avoid them."""
    if data.spec.reads_text != "characters":
        readers = [name for name, spec in TASKS.items() if spec.reads_text == "characters"]
        raise ValueError(f"unknown_characters is for a task that reads characters ({', '.join(readers)}), "
                         f"not {data.name!r}")
    return data.unknown_characters(text)


# --- adding: the two marked values and their sum --------------------------------------------------

@dataclass(frozen=True)
class AddingPredictions:
    """Every test sequence of the adding problem: where the markers are, what they mark, the sum, the guess."""

    marked_steps: np.ndarray     # (n, 2) time steps of the two markers, first half then second half
    marked_values: np.ndarray    # (n, 2) the values they mark
    target: np.ndarray           # (n,) their sum
    predicted: np.ndarray        # (n,) the network's answer

    @property
    def mse(self) -> float:
        return float(np.mean((self.predicted - self.target) ** 2))

    def table(self, n: int = 5) -> pd.DataFrame:
        """The first n sequences, one row each."""
        import pandas as pd

        rows = slice(0, _check_count(n))
        return pd.DataFrame({
            "first_step": self.marked_steps[rows, 0], "first_value": self.marked_values[rows, 0],
            "second_step": self.marked_steps[rows, 1], "second_value": self.marked_values[rows, 1],
            "target": self.target[rows], "prediction": self.predicted[rows],
            "error": self.predicted[rows] - self.target[rows]})


def adding_predictions(model, data) -> AddingPredictions:
    """The network's answers on the adding problem's test set."""
    _check_results(data, "marked_sum")
    x, y = data.test                                                     # (n, T, 2), (n, 1)
    with _evaluating(model):
        output = _in_chunks(model, x)                                    # (n, 1)
    values, markers = x[..., 0].double().numpy(), x[..., 1].numpy()     # (n, T) each
    # exactly two markers per sequence, so nonzero lists them row by row, in time order
    rows, steps = np.nonzero(markers == 1)
    if len(rows) != 2 * len(markers):
        raise ValueError("adding: every test sequence must have exactly two markers")
    marked_steps = steps.reshape(-1, 2)                                  # (n, 2)
    marked_values = np.take_along_axis(values, marked_steps, axis=1)     # (n, 2)
    return AddingPredictions(marked_steps=marked_steps, marked_values=marked_values,
                             target=y[:, 0].double().numpy(), predicted=output[:, 0].double().numpy())


# --- copy: the symbols to remember and the ones recalled --------------------------------------------

@dataclass(frozen=True)
class CopyRecall:
    """For every test sequence, the 10 symbols shown at the start and the 10 the network wrote at the end
    (its most likely token at each of the last 10 steps)."""

    shown: np.ndarray            # (n, 10) token ids
    recalled: np.ndarray         # (n, 10) token ids
    vocab: list[str]

    @property
    def correct(self) -> np.ndarray:
        return self.shown == self.recalled                               # (n, 10) bool

    @property
    def symbol_accuracy(self) -> float:
        """Fraction of the recalled symbols that are right: the task's metric."""
        return float(self.correct.mean())

    @property
    def sequence_accuracy(self) -> float:
        """Fraction of sequences recalled without a single mistake."""
        return float(self.correct.all(axis=1).mean())

    def table(self, n: int = 5) -> pd.DataFrame:
        """The first n sequences: symbols shown, symbols recalled, and how many of the 10 are right."""
        import pandas as pd

        rows = slice(0, _check_count(n))
        spell = lambda ids: " ".join(self.vocab[i] for i in ids)
        return pd.DataFrame({"shown": [spell(r) for r in self.shown[rows]],
                             "recalled": [spell(r) for r in self.recalled[rows]],
                             "correct": self.correct[rows].sum(axis=1)})


def copy_recall(model, data) -> CopyRecall:
    """What the network recalls on the copy task's test set."""
    _check_results(data, "recall")
    x, _ = data.test                                                     # (n, T + 20)
    with _evaluating(model):
        recalled = _in_chunks(model, x, lambda out: out[:, -RECALL:].argmax(dim=-1))   # (n, 10)
    return CopyRecall(shown=x[:, :RECALL].numpy(), recalled=recalled.numpy(), vocab=list(data.vocab))
