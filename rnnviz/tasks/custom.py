"""Task data from the learner's own data, learned exactly as the built-in tasks are.

    source = rnnviz.uploads.series_from_table(table, "value", "date")      # or own_text, sentences_from_bytes
    data = own_task(source, seed=0, seq_len=50)                            # a TaskData like make_task's

- OwnSeriesData is `sine` on the learner's series: split by time (70/15/15), MinMax scaler fit on the
  training span only, windows that never cross a split, RMSE in the series' units, the repeat-the-last-
  value baseline. Each split must hold seq_len + MIN_WINDOWS values, so series_rows_needed(seq_len) says
  how many the whole series needs.
- OwnTextData is `char-lm` on the learner's text (train on the first 90%, validate on the rest). A long
  text's validation span is read every few characters, so evaluating stays within MAX_VAL_LOGITS logits.
- OwnSentencesData is `sentiment` on the learner's labelled sentences (stratified 70/15/15 split by
  seed, vocabulary from the training split).

Each keeps the built-in task's name, so every page treats it as that task, and its `source`, so a page can
tell which upload it was built from. Too little data is an UploadProblem saying how much is needed.
"""
from __future__ import annotations

import math

import torch

from rnnviz.tasks import get_task
from rnnviz.tasks.base import TaskData
from rnnviz.tasks.char_lm import CharLM
from rnnviz.tasks.sine import TRAIN_FRACTION, VAL_FRACTION, Sine
from rnnviz.tasks.sentiment import Sentiment, split_corpus
from rnnviz.tasks.texts import TRAIN_FRACTION as TEXT_TRAIN_FRACTION
from rnnviz.tasks.texts import split_point
from rnnviz.uploads import OwnSentences, OwnSeries, OwnText, UploadProblem

MIN_WINDOWS = 30              # windows (forecasts) in each split of a series, at least
MIN_TEXT_WINDOWS = 16         # validation windows of a text, at least
MAX_VAL_WINDOWS = 256         # validation windows of a text, at most ...
MAX_VAL_LOGITS = 2**23        # ... and at most this many logits (windows x T x vocabulary) per evaluation


def _split_sizes(n_points: int) -> tuple[int, int, int]:
    """Values in the train, validation and test spans of a series of n_points (as Sine splits it)."""
    train_end = round(n_points * TRAIN_FRACTION)
    val_end = round(n_points * (TRAIN_FRACTION + VAL_FRACTION))
    return train_end, val_end - train_end, n_points - val_end


def series_rows_needed(seq_len: int) -> int:
    """The fewest values for which every split holds seq_len + MIN_WINDOWS values."""
    needed = seq_len + MIN_WINDOWS
    n_points = max(needed, math.floor((needed - 1) / (1 - TRAIN_FRACTION - VAL_FRACTION)) - 5)   # below the answer
    while min(_split_sizes(n_points)) < needed:
        n_points += 1
    return n_points


def text_chars_needed(seq_len: int) -> int:
    """The fewest characters whose validation span (the last 10%) has room for MIN_TEXT_WINDOWS windows."""
    needed = seq_len + MIN_TEXT_WINDOWS
    n_chars = max(needed, math.floor((needed - 1) / (1 - TEXT_TRAIN_FRACTION)) - 5)      # below the answer
    while n_chars - int(n_chars * TEXT_TRAIN_FRACTION) < needed:     # as texts.split_point splits
        n_chars += 1
    return n_chars


class OwnSeriesData(Sine):
    """`sine` on a learner's series: x (B, T, 1) scaled windows, target (B, 1) the next scaled value.

    Everything Sine exposes (series, spans, times, to_original, repeat_last_rmse) means the same here;
    `clean` is None (nobody knows a real series without its noise) and `dates` holds the date of each
    value when the upload had a date column.
    """

    def __init__(self, source: OwnSeries, seq_len: int = 50):
        needed = series_rows_needed(seq_len)
        if len(source.values) < needed:
            raise UploadProblem("too_short_series", f"{len(source.values)} values; seq_len={seq_len} needs at least "
                                f"{needed} ({seq_len} + {MIN_WINDOWS} in each of train/validation/test)",
                                rows=len(source.values), needed=needed, seq_len=seq_len)
        self.source = source
        self.noise = None
        self.dates = source.times
        self._use_series(torch.from_numpy(source.values).double(), seq_len)
        if not self.scale_max > self.scale_min:
            raise UploadProblem("constant_train", f"the training span (the first {TRAIN_FRACTION:.0%}) is constant "
                                f"({self.scale_min:g}): nothing to scale or learn from", value=f"{self.scale_min:g}")
        for split, (x, y) in (("validation", self.val), ("test", self.test)):
            if not (torch.isfinite(x).all() and torch.isfinite(y).all()):
                raise UploadProblem("out_of_range", f"the {split} values lie so far outside the training range "
                                    f"that scaled they overflow float32", split=split)


class OwnTextData(CharLM):
    """`char-lm` on a learner's text: x (B, T) character ids, target (B, T) the next characters."""

    def __init__(self, source: OwnText, seq_len: int = 64):
        text = source.text
        needed = text_chars_needed(seq_len)
        if len(text) < needed:
            raise UploadProblem("too_short_text", f"{len(text)} characters; seq_len={seq_len} needs at least {needed}",
                                chars=len(text), needed=needed, seq_len=seq_len)
        self.source = source
        self.seed = 0
        self.text_name = source.name or "own text"
        vocab = len(set(text))
        windows = max(MIN_TEXT_WINDOWS, min(MAX_VAL_WINDOWS, MAX_VAL_LOGITS // (seq_len * vocab)))
        starts = len(text) - split_point(text) - seq_len          # window starts in the validation span
        self._use_text(text, seq_len, val_stride=max(1, math.ceil(starts / windows)))


class OwnSentencesData(Sentiment):
    """`sentiment` on a learner's sentences: x (B, T) word ids, left-padded; target (B,) 1 = positive."""

    def __init__(self, source: OwnSentences, seed: int = 0, seq_len: int = 12):
        self.source = source
        rows = [(text, label, "") for text, label in source.rows]
        self._use_rows(split_corpus(rows, seed), seq_len)


def own_task(source: OwnSeries | OwnText | OwnSentences, seed: int = 0, **task_params) -> TaskData:
    """The task data of a learner's upload for these task knobs (the built-in task's, e.g. from the
    sidebar). Only seq_len shapes own data; knobs that make built-in data (sine's noise, char-lm's text)
    are ignored."""
    spec = get_task(source.task)
    seq_len = spec.param("seq_len").check(task_params.get("seq_len", spec.param("seq_len").default), spec.name)
    if isinstance(source, OwnSeries):
        return OwnSeriesData(source, seq_len=seq_len)
    if isinstance(source, OwnText):
        return OwnTextData(source, seq_len=seq_len)
    if isinstance(source, OwnSentences):
        return OwnSentencesData(source, seed=seed, seq_len=seq_len)
    raise TypeError(f"expected an OwnSeries, OwnText or OwnSentences, got {type(source).__name__}")
