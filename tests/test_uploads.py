"""Own data and models: rnnviz.uploads (reading and checking uploads), rnnviz.tasks.custom (task data built
from them) and rnnviz.figures.data, against independent computations and bad inputs."""
import csv
import io
import math
import pickle
import re
import string
import tomllib
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

from rnnviz import uploads
from rnnviz.figures.data import series_split_figure
from rnnviz.i18n import STRINGS, t
from rnnviz.models import SequenceModel, save_model
from rnnviz.tasks.custom import (MAX_VAL_LOGITS, MIN_TEXT_WINDOWS, MIN_WINDOWS, OwnSentencesData, OwnSeriesData,
                                 OwnTextData, own_task, series_rows_needed, text_chars_needed)
from rnnviz.tasks.sentiment import load_corpus, tokenize
from rnnviz.tracing import trace
from rnnviz.train import Trainer
from rnnviz.uploads import UploadProblem

ROOT = Path(__file__).resolve().parents[1]


def problem(kind: str, compute, *args, **kwargs) -> UploadProblem:
    """compute(...) must raise an UploadProblem of this kind whose page message fills in both languages."""
    with pytest.raises(UploadProblem) as caught:
        compute(*args, **kwargs)
    error = caught.value
    assert error.kind == kind, f"expected {kind!r}, got {error.kind!r}: {error}"
    for lang in ("es", "en"):
        message = t(f"data.problem.{kind}", lang, **error.values)
        assert "{" not in message, message
    return error


def csv_bytes(rows, header=("value",), sep=",") -> bytes:
    lines = [sep.join(header)] + [sep.join(str(v) for v in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def own_series(values, times=None) -> uploads.OwnSeries:
    values = np.asarray(values, dtype=np.float64)
    return uploads.OwnSeries(name="s.csv", column="v", values=values, times=times, date_column=None, rows=len(values),
                             undated=0, missing=0, handling="interpolate", interpolated=0, dropped=0, cut=0)


# --- limits and strings ------------------------------------------------------------------------------

def test_the_stated_limit_is_the_servers():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == uploads.MAX_UPLOAD_MB
    # Streamlit's uploader (1.67) refuses a file over maxUploadSize * 1000**2 bytes in the browser (1024**2 on
    # Windows only) while its server takes up to * 1024**2: the smaller is the one limit that holds everywhere
    assert uploads.MAX_UPLOAD_BYTES == uploads.MAX_UPLOAD_MB * 1000 * 1000


def test_every_problem_raised_is_listed():
    raised = set()
    for module in ("rnnviz/uploads.py", "rnnviz/tasks/custom.py"):
        raised |= set(re.findall(r'UploadProblem\(\s*"([a-z0-9_]+)"', (ROOT / module).read_text()))
    assert raised == set(uploads.PROBLEMS)


def test_every_problem_has_a_message_in_both_languages():
    for kind in uploads.PROBLEMS + ("unexpected",):
        entry = STRINGS[f"data.problem.{kind}"]
        assert entry["es"].strip() and entry["en"].strip() and entry["es"] != entry["en"]
    data_keys = [key for key in STRINGS if key.startswith("data.")]
    assert all(set(STRINGS[key]) == {"es", "en"} for key in data_keys)


def test_size_checks():
    problem("empty", uploads.check_size, b"")
    big = problem("too_big", uploads.check_size, b"x" * (uploads.MAX_UPLOAD_BYTES + 1))
    assert big.values["limit_mb"] == 10
    assert uploads.check_size(b"x" * uploads.MAX_UPLOAD_BYTES) == b"x" * uploads.MAX_UPLOAD_BYTES
    with pytest.raises(TypeError):
        uploads.check_size("text, not bytes")


# --- CSV tables ----------------------------------------------------------------------------------------

def test_read_table_matches_the_csv_module_for_each_delimiter():
    rng = np.random.default_rng(0)
    rows = [(f"2024-01-{d:02d}", f"{v:.5f}", int(w)) for d, v, w in zip(range(1, 29), rng.normal(size=28),
                                                                       rng.integers(0, 9, 28))]
    for sep in (",", "\t", "|"):
        data = csv_bytes(rows, header=("date", "value", "count"), sep=sep)
        table = uploads.read_table(data)
        expected = list(csv.reader(io.StringIO(data.decode()), delimiter=sep))
        assert list(table.columns) == expected[0]
        np.testing.assert_array_equal(table["value"].to_numpy(), [float(r[1]) for r in expected[1:]])
        assert list(table["date"]) == [r[0] for r in expected[1:]]
        assert uploads.numeric_columns(table) == ["value", "count"]


def test_semicolons_read_decimal_commas_and_a_bom_is_fine():
    data = "\ufefffecha;temperatura\n2024-01-01;1,5\n2024-01-02;-2,25\n2024-01-03;3\n".encode()
    table = uploads.read_table(data)
    assert list(table.columns) == ["fecha", "temperatura"]
    np.testing.assert_array_equal(table["temperatura"].to_numpy(), [1.5, -2.25, 3.0])


def test_a_first_line_of_numbers_is_data_not_a_header():
    table = uploads.read_table(b"1.5,2\n2.5,3\n")
    assert list(table.columns) == ["column 1", "column 2"]
    np.testing.assert_array_equal(table["column 1"].to_numpy(), [1.5, 2.5])


def test_bad_tables_say_what_is_wrong():
    problem("empty", uploads.read_table, b"")
    problem("empty", uploads.read_table, b" \n\n ")
    problem("no_rows", uploads.read_table, b"date,value\n")
    problem("not_utf8", uploads.read_table, "año,valor\n1,2\n".encode("latin-1"))
    problem("unreadable_table", uploads.read_table, b"a,b\n1,2\n1,2,3,4\n")
    single_text = uploads.read_table(b"name\nalice\nbob\ncarol\n")
    error = problem("no_numeric", uploads.numeric_columns, single_text)
    assert "name" in error.values["columns"]


def test_a_column_with_a_few_placeholders_is_numeric_and_they_count_as_missing():
    table = uploads.read_table(b"v\n1\n2\n?\n4\n5\n6\n7\n8\n9\n10\n11\n")
    assert uploads.numeric_columns(table) == ["v"]
    series = uploads.series_from_table(table, "v", missing="drop")
    assert series.missing == 1
    np.testing.assert_array_equal(series.values, [1, 2, 4, 5, 6, 7, 8, 9, 10, 11])


# --- the series: dates, missing values -------------------------------------------------------------

def test_interpolation_by_position_against_a_hand_computation():
    raw = [np.nan, 1.0, np.nan, np.nan, 7.0, 8.0, np.nan, 10.0, np.nan]
    table = pd.DataFrame({"v": raw})
    series = uploads.series_from_table(table, "v", missing="interpolate")
    # gaps filled on the straight line between their neighbours; the ends have only one neighbour
    expected = [1.0, 1 + (7 - 1) * 1 / 3, 1 + (7 - 1) * 2 / 3, 7.0, 8.0, 9.0, 10.0]
    np.testing.assert_allclose(series.values, expected, rtol=0, atol=1e-12)
    assert (series.missing, series.interpolated, series.dropped) == (5, 3, 2)
    assert series.missing_share == pytest.approx(5 / 9)

    dropped = uploads.series_from_table(table, "v", missing="drop")
    np.testing.assert_array_equal(dropped.values, [1.0, 7.0, 8.0, 10.0])
    assert (dropped.missing, dropped.interpolated, dropped.dropped) == (5, 0, 5)


def test_dates_sort_the_series_and_interpolate_in_time():
    rows = [("2024-01-05", 50.0), ("2024-01-01", 10.0), ("2024-01-02", ""), ("2024-01-11", 110.0),
            ("not a date", 999.0), ("2024-01-03", 30.0)]
    table = uploads.read_table(csv_bytes(rows, header=("day", "v")))
    series = uploads.series_from_table(table, "v", "day", "interpolate", name="f.csv")
    days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-05", "2024-01-11"]
    np.testing.assert_array_equal(series.times, np.array(days, dtype="datetime64[us]"))
    # Jan 2 lies between Jan 1 (10) and Jan 3 (30): one day out of two
    np.testing.assert_allclose(series.values, [10.0, 20.0, 30.0, 50.0, 110.0])
    assert (series.undated, series.missing, series.interpolated) == (1, 1, 1)

    # irregular spacing: interpolation follows the clock, not the row count
    gaps = pd.DataFrame({"when": ["2024-01-01 00:00", "2024-01-01 01:00", "2024-01-01 04:00"], "v": [0.0, None, 8.0]})
    values = uploads.series_from_table(gaps, "v", "when").values
    start, middle, end = (datetime.fromisoformat(s).timestamp() for s in gaps["when"])
    assert values[1] == pytest.approx(8.0 * (middle - start) / (end - start))      # 2.0, not 4.0


def test_years_written_as_numbers_and_mixed_time_zones_are_dates():
    table = pd.DataFrame({"year": [2003, 2001, 2002], "v": [3.0, 1.0, 2.0]})
    series = uploads.series_from_table(table, "v", "year")
    np.testing.assert_array_equal(series.values, [1.0, 2.0, 3.0])
    assert str(series.times[0]).startswith("2001-01-01")
    zones = pd.DataFrame({"t": ["2024-01-01T12:00+02:00", "2024-01-01T09:00+00:00"], "v": [2.0, 1.0]})
    series = uploads.series_from_table(zones, "v", "t")                 # 10:00 UTC and 09:00 UTC
    np.testing.assert_array_equal(series.values, [1.0, 2.0])


def test_bad_choices_of_columns():
    table = pd.DataFrame({"day": ["a", "b", "c", "2024-01-01"], "v": [1.0, 2, 3, 4], "w": ["x", "y", "z", "q"]})
    error = problem("bad_dates", uploads.series_from_table, table, "v", "day")
    assert error.values["example"] == "a"
    problem("unknown_column", uploads.series_from_table, table, "nope")
    problem("not_numeric", uploads.series_from_table, table, "w")
    problem("same_column", uploads.series_from_table, table, "v", "v")
    problem("all_missing", uploads.series_from_table, pd.DataFrame({"v": [np.nan, np.nan]}), "v")
    with pytest.raises(ValueError, match="missing"):
        uploads.series_from_table(table, "v", missing="zero")


def test_huge_values_are_refused_clearly_and_float32_ones_kept():
    problem("huge_values", uploads.series_from_table, pd.DataFrame({"v": [1.0, 1e300, 2.0]}), "v")
    problem("infinite_values", uploads.series_from_table, pd.DataFrame({"v": [1.0, -np.inf, 2.0]}), "v")
    error = problem("huge_values", uploads.series_from_table, uploads.read_table(b"v\n1\n1e300\n"), "v")
    assert error.values["largest"] == "1e+300"
    kept = uploads.series_from_table(pd.DataFrame({"v": [1e38, -1e38, 0.0]}), "v")
    assert np.isfinite(kept.values.astype(np.float32)).all()


def test_only_the_last_values_are_used():
    n = uploads.MAX_SERIES_VALUES + 123
    series = uploads.series_from_table(pd.DataFrame({"v": np.arange(n, dtype=float)}), "v")
    assert series.cut == 123
    np.testing.assert_array_equal(series.values, np.arange(123, n))


def test_a_million_rows_are_read_and_cut_to_the_limit():
    """How fast: bench/bench_uploads.py (a wall-time bound here measured the machine's load as much as the code)."""
    rng = np.random.default_rng(1)
    data = ("v\n" + "\n".join(f"{x:.3f}" for x in rng.normal(size=10**6)) + "\n").encode()
    assert len(data) <= uploads.MAX_UPLOAD_BYTES
    table = uploads.read_table(data)
    series = uploads.series_from_table(table, uploads.numeric_columns(table)[0])
    assert series.rows == 10**6 and len(series.values) == uploads.MAX_SERIES_VALUES
    dates = pd.DataFrame({"d": pd.date_range("2000-01-01", periods=10**6, freq="min").strftime("%Y-%m-%d %H:%M"),
                          "v": rng.normal(size=10**6)})[::-1]
    series = uploads.series_from_table(dates, "v", "d")
    assert series.undated == 0 and np.all(np.diff(series.times) > np.timedelta64(0))


# --- the series as task data -------------------------------------------------------------------------

def test_rows_needed_is_the_fewest_that_fit():
    def sizes(n):
        train_end, val_end = round(n * 0.7), round(n * 0.85)
        return train_end, val_end - train_end, n - val_end

    for seq_len in (2, 10, 50, 300):
        needed = series_rows_needed(seq_len)
        assert min(sizes(needed)) >= seq_len + MIN_WINDOWS
        assert all(min(sizes(n)) < seq_len + MIN_WINDOWS for n in range(needed - 50, needed))


def test_too_short_series_says_how_many_rows_are_needed():
    one_row = uploads.series_from_table(uploads.read_table(b"v\n3.5\n"), "v")
    error = problem("too_short_series", own_task, one_row, seq_len=20)
    assert (error.values["rows"], error.values["needed"]) == (1, series_rows_needed(20))
    needed = series_rows_needed(20)
    problem("too_short_series", own_task, own_series(np.sin(np.arange(needed - 1))), seq_len=20)
    assert own_task(own_series(np.sin(np.arange(needed))), seq_len=20).seq_len == 20


def test_own_series_is_split_by_time_without_leakage():
    rng = np.random.default_rng(2)
    values = np.cumsum(rng.normal(size=700)) + 100
    seq_len = 12
    data = own_task(own_series(values), seed=5, seq_len=seq_len, noise=0.3)      # noise: ignored
    assert isinstance(data, OwnSeriesData) and data.name == "sine" and data.clean is None
    train_end, val_end = round(700 * 0.7), round(700 * 0.85)
    assert (data.train_span, data.val_span, data.test_span) == ((0, train_end), (train_end, val_end), (val_end, 700))
    low, high = values[:train_end].min(), values[:train_end].max()           # the training span only
    assert (data.scale_min, data.scale_max) == (low, high)
    scaled = (values - low) / (high - low)
    for (x, y), times, (start, stop) in ((data._train, data.train_times, data.train_span),
                                         (data.val, data.val_times, data.val_span),
                                         (data.test, data.test_times, data.test_span)):
        expected_times = np.arange(start + seq_len, stop)                  # no window crosses a boundary
        np.testing.assert_array_equal(times.numpy(), expected_times)
        windows = np.stack([scaled[t - seq_len:t] for t in expected_times])
        np.testing.assert_allclose(x[..., 0].numpy(), windows.astype(np.float32), rtol=0, atol=0)
        np.testing.assert_allclose(y[:, 0].numpy(), scaled[expected_times].astype(np.float32), rtol=0, atol=0)

    # the future cannot move the scaler or the training windows
    changed = values.copy()
    changed[train_end:] *= 50
    other = own_task(own_series(changed), seq_len=seq_len)
    assert (other.scale_min, other.scale_max) == (data.scale_min, data.scale_max)
    assert torch.equal(other._train[0], data._train[0])

    # the repeat-last baseline and the RMSE in the series' units
    test_times = np.arange(val_end + seq_len, 700)
    repeat = math.sqrt(sum((values[t] - values[t - 1]) ** 2 for t in test_times) / len(test_times))
    assert data.repeat_last_rmse == pytest.approx(repeat, rel=1e-12)
    x, y = data.test
    last_scaled = x[:, -1, :]                                             # forecasting by the last value seen
    assert data.metric(last_scaled, y) == pytest.approx(repeat, rel=1e-5)
    val_targets = values[np.arange(train_end + seq_len, val_end)]
    scaled_targets = ((val_targets - low) / (high - low)).astype(np.float32).astype(np.float64)
    assert data.baseline_loss == pytest.approx(np.var(scaled_targets), rel=1e-5)
    np.testing.assert_allclose(data.to_original(scaled[:5]), values[:5], rtol=1e-12)


def test_unusable_spans_are_refused():
    n = series_rows_needed(10)
    flat_start = np.concatenate([np.full(round(n * 0.7), 4.0), np.arange(n - round(n * 0.7), dtype=float)])
    problem("constant_train", own_task, own_series(flat_start), seq_len=10)
    tiny_then_huge = np.concatenate([np.linspace(0, 1e-30, round(n * 0.7)), np.full(n - round(n * 0.7), 1e30)])
    problem("out_of_range", own_task, own_series(tiny_then_huge), seq_len=10)


def test_own_series_trains():
    values = np.sin(np.arange(600) / 5) * 30 + 7
    data = own_task(own_series(values), seq_len=10)
    torch.manual_seed(0)
    model = SequenceModel("gru", input_size=1, output_size=1, hidden_size=8)
    trainer = Trainer(model, data, lr=0.02, batch_size=32, eval_every=10, seed=0)
    before = trainer.evaluate()["val_loss"]
    for _ in range(40):
        trainer.step()
    after = trainer.evaluate()
    assert math.isfinite(after["val_loss"]) and after["val_loss"] < before


# --- text -----------------------------------------------------------------------------------------------

def test_bad_texts():
    problem("empty", uploads.own_text, "")
    problem("empty", uploads.own_text, " \n\t ")
    problem("one_character", uploads.own_text, "a" * 5000)
    problem("too_many_characters", uploads.own_text, "".join(chr(0x4E00 + i) for i in range(600)))
    problem("not_utf8", uploads.text_from_bytes, "El niño comió".encode("latin-1"))
    with pytest.raises(TypeError):
        uploads.own_text(b"bytes")


def test_only_emoji_is_a_text_too_but_needs_enough_characters():
    short = uploads.text_from_bytes("😀🙃🎉".encode())
    error = problem("too_short_text", own_task, short, seq_len=64)
    assert error.values["needed"] == text_chars_needed(64) and error.values["chars"] == 3
    emoji = "😀🙃🎉🚀🌧️" * 300
    data = own_task(uploads.own_text(emoji), seq_len=16)
    assert data.vocab == sorted(set(emoji))
    assert data.decode(data.encode(emoji[:40])) == emoji[:40]


def test_ten_megabytes_of_text_are_cut_to_the_limit():
    """How fast: bench/bench_uploads.py."""
    line = "En un lugar de la Mancha, de cuyo nombre no quiero acordarme.\n"            # ASCII: 1 byte a character
    data = (line * (uploads.MAX_UPLOAD_BYTES // len(line) + 1))[:uploads.MAX_UPLOAD_BYTES].encode()
    assert len(data) == uploads.MAX_UPLOAD_BYTES
    text = uploads.text_from_bytes(data, name="big.txt")
    task_data = own_task(text, seq_len=64)
    assert len(text.text) == uploads.MAX_TEXT_CHARS and text.cut == len(data.decode()) - uploads.MAX_TEXT_CHARS
    x, y = task_data.val
    assert MIN_TEXT_WINDOWS <= x.shape[0] <= 256 and x.shape[0] * 64 * len(task_data.vocab) <= MAX_VAL_LOGITS
    problem("too_big", uploads.text_from_bytes, data + b"x")


def test_own_text_windows_and_unigram_baseline():
    text = uploads.own_text("hola mundo\r\n" * 40 + "adiós, mundo cruel\r\n" * 30)
    assert "\r" not in text.text
    seq_len = 20
    data = own_task(text, seq_len=seq_len)
    assert isinstance(data, OwnTextData) and data.name == "char-lm"
    split = int(len(text.text) * 0.9)
    assert data.split == split
    val_text = text.text[split:]
    x, y = data.val
    assert len(val_text) - seq_len < 256                                  # short enough: every window, stride 1
    assert x.shape[0] == len(val_text) - seq_len
    for start in range(x.shape[0]):
        assert data.decode(x[start]) == val_text[start:start + seq_len]
        assert data.decode(y[start]) == val_text[start + 1:start + seq_len + 1]
    counts = np.bincount(y.reshape(-1).numpy(), minlength=len(data.vocab))
    p = counts[counts > 0] / counts.sum()
    assert data.baseline_loss == pytest.approx(-(p * np.log(p)).sum(), rel=1e-9)   # unigram entropy, nats


def test_a_long_validation_span_is_read_with_a_stride():
    rng = np.random.default_rng(3)
    text = "".join(rng.choice(list(string.ascii_lowercase + " "), size=60_000))
    data = own_task(uploads.own_text(text), seq_len=32)
    x, _ = data.val
    assert x.shape[0] <= 256 and x.shape[0] * 32 * len(data.vocab) <= MAX_VAL_LOGITS
    val_text = text[int(len(text) * 0.9):]
    stride = val_text.find(data.decode(x[1]))                             # random text: each window is unique
    assert stride > 1
    for row in range(x.shape[0]):                                        # evenly spaced windows ...
        assert data.decode(x[row]) == val_text[row * stride:row * stride + 32]
    assert x.shape[0] * stride + 32 >= len(val_text)                      # ... over the whole span


# --- sentences -------------------------------------------------------------------------------------------

def sentence_rows(n_positive=12, n_negative=12):
    return ([(f"really good film number {i}", "positive") for i in range(n_positive)]
            + [(f"truly bad film number {i}", "negative") for i in range(n_negative)])


def test_sentences_in_csv_and_tsv_with_every_label_spelling():
    rows = sentence_rows()
    spellings = {"positive": ["positive", "1", "POSITIVO", "pos"], "negative": ["negative", "0", "negativo", "Neg"]}
    written = [(text, spellings[label][i % 4]) for i, (text, label) in enumerate(rows)]
    written.insert(3, ("!!! ...", "positive"))                         # no word at all: left out
    for sep in (",", "\t"):
        data = ("Label" + sep + "TEXT\n" + "\n".join(f"{label}{sep}{text}" for text, label in written)).encode()
        sentences = uploads.sentences_from_bytes(data, name="s.tsv")
        assert sentences.rows == tuple((text, int(label == "positive")) for text, label in rows)
        assert (sentences.read, sentences.wordless, sentences.cut) == (len(written), 1, 0)


def test_quoted_commas_stay_in_the_sentence():
    data = ('text,label\n' + "\n".join(f'"not bad, good {i}",1\n"good, not bad {i}",0' for i in range(10))).encode()
    sentences = uploads.sentences_from_bytes(data)
    assert sentences.rows[0] == ("not bad, good 0", 1)


def test_bad_sentence_tables():
    problem("missing_columns", uploads.sentences_from_bytes, b"sentence,label\nhello,1\n")
    error = problem("bad_labels", uploads.sentences_from_bytes, b"text,label\nhello,1\nbye,maybe\nhi,\n")
    assert "maybe" in error.values["labels"]
    one = "\n".join(f"good {i},positive" for i in range(30))
    error = problem("one_label", uploads.sentences_from_bytes, ("text,label\n" + one).encode())
    assert error.values["label"] == "positive"
    few = "\n".join(f"{text},{label}" for text, label in sentence_rows(12, 9))
    error = problem("too_few_sentences", uploads.sentences_from_bytes, ("text,label\n" + few).encode())
    assert (error.values["negative"], error.values["positive"]) == (9, 12)
    problem("not_utf8", uploads.sentences_from_bytes, "text,label\nniño,1\n".encode("latin-1"))


def test_rows_beyond_the_limit_are_cut():
    n = uploads.MAX_SENTENCES + 10
    table = pd.DataFrame({"text": [f"word{i}" for i in range(n)], "label": [i % 2 for i in range(n)]})
    sentences = uploads.sentences_from_table(table)
    assert len(sentences.rows) == uploads.MAX_SENTENCES and sentences.cut == 10


def test_own_sentences_split_stratified_with_a_training_vocabulary():
    rows = tuple((text, label) for text, label, _ in load_corpus())
    source = uploads.OwnSentences(name="corpus", rows=rows, read=len(rows), wordless=0, cut=0)
    data = own_task(source, seed=3, seq_len=10)
    assert isinstance(data, OwnSentencesData) and data.name == "sentiment"
    splits = {name: [(text, label) for text, label, _ in data.rows[name]] for name in ("train", "val", "test")}
    assert sorted(sum(splits.values(), [])) == sorted(rows)               # every sentence once
    for label in (0, 1):
        members = sum(1 for _, l in rows if l == label)
        in_train = sum(1 for _, l in splits["train"] if l == label)
        in_val = sum(1 for _, l in splits["val"] if l == label)
        assert (in_train, in_val) == (round(members * 0.7), round(members * 0.15))
    train_words = {w for text, _ in splits["train"] for w in tokenize(text)}
    assert set(data.vocab[2:]) == train_words
    x, y = data.val
    assert y.tolist() == [label for _, label in splits["val"]]
    first_words = tokenize(splits["val"][0][0])[-10:]
    assert data.decode(x[0]) == " ".join(w if w in train_words else "<unk>" for w in first_words)
    again = own_task(source, seed=3, seq_len=10)
    assert torch.equal(again.val[0], x)


# --- state_dicts -----------------------------------------------------------------------------------------

def saved(obj) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("cls, kwargs", [
    (nn.RNN, dict(num_layers=1)), (nn.RNN, dict(nonlinearity="relu", num_layers=2)),
    (nn.LSTM, dict(num_layers=2, bidirectional=True)), (nn.LSTM, dict(bias=False)),
    (nn.GRU, dict(num_layers=3, bidirectional=True, bias=False)), (nn.GRU, dict(batch_first=True)),
])
def test_the_shapes_tell_the_module_and_it_computes_the_same(cls, kwargs):
    torch.manual_seed(0)
    original = cls(input_size=3, hidden_size=5, **kwargs)
    state = torch.random.get_rng_state()
    own = uploads.own_model(saved(original.state_dict()), name="m.pt",
                            nonlinearity=kwargs.get("nonlinearity", "tanh"))
    assert torch.equal(torch.random.get_rng_state(), state), "loading must draw no random numbers"
    cell = {nn.RNN: "rnn", nn.LSTM: "lstm", nn.GRU: "gru"}[cls]
    assert own.shape == uploads.RNNShape(cell=cell, input_size=3, hidden_size=5, num_layers=kwargs.get("num_layers", 1),
                                         bidirectional=kwargs.get("bidirectional", False),
                                         bias=kwargs.get("bias", True))
    x = uploads.own_model_inputs(3, steps=7, seed=4)                     # (1, T, I)
    expected = original(x if original.batch_first else x.transpose(0, 1))[0]
    expected = expected if original.batch_first else expected.transpose(0, 1)
    assert torch.allclose(own.rnn(x)[0], expected, atol=1e-6)
    assert torch.allclose(trace(own.rnn, x).output, expected, atol=1e-6)
    assert not own.rnn.training


def test_a_whole_models_state_dict_and_rnnviz_checkpoints():
    torch.manual_seed(1)
    model = SequenceModel("lstm", input_size=20, output_size=20, hidden_size=6, tokens=True, embedding_dim=4,
                          many_to_many=True)
    own = uploads.own_model(saved(model.state_dict()))
    assert own.shape.input_size == 4 and own.shape.cell == "lstm"
    assert own.ignored == ("embedding.weight", "head.bias", "head.weight")
    x = model.embed(torch.tensor([[1, 2, 3]])).detach()
    assert torch.allclose(own.rnn(x)[0], model.rnn(x)[0], atol=1e-6)
    buffer = io.BytesIO()
    save_model(buffer, model)
    assert uploads.own_model(buffer.getvalue()).shape == own.shape


def test_wrong_state_dicts_say_what_is_wrong():
    lstm = nn.LSTM(3, 4, num_layers=2).state_dict()
    bad = dict(lstm, weight_hh_l1=torch.zeros(16, 5))
    error = problem("wrong_shape", uploads.own_model, saved(bad))
    assert error.values["weight"] == "weight_hh_l1" and error.values["expected"] == "(16, 4)"
    problem("bad_gate_rows", uploads.own_model, saved(dict(lstm, weight_hh_l0=torch.zeros(20, 4))))
    problem("missing_keys", uploads.own_model, saved({k: v for k, v in lstm.items() if k != "bias_hh_l1"}))
    problem("missing_keys", uploads.own_model, saved(dict(lstm, weight_ih_l0_reverse=torch.zeros(16, 3))))
    problem("unknown_keys", uploads.own_model, saved(dict(lstm, extra=torch.zeros(2))))
    error = problem("missing_keys", uploads.own_model, saved(dict(lstm, weight_ih_l99999999=torch.zeros(16, 4))))
    assert error.values["keys"] == "weight_ih_l2, weight_hh_l2"               # and fast: no loop over the layers
    problem("unknown_keys", uploads.own_model, saved(dict(lstm, weight_ih_l0_forward=torch.zeros(16, 3))))
    problem("several_rnns", uploads.own_model, saved({**{f"a.{k}": v for k, v in lstm.items()},
                                                      **{f"b.{k}": v for k, v in lstm.items()}}))
    problem("projection", uploads.own_model, saved(nn.LSTM(3, 4, proj_size=2).state_dict()))
    problem("not_float", uploads.own_model, saved(dict(lstm, bias_ih_l0=torch.zeros(16, dtype=torch.long))))
    problem("not_finite", uploads.own_model, saved(dict(lstm, bias_ih_l0=torch.full((16,), float("nan")))))
    problem("no_rnn_weights", uploads.own_model, saved(nn.Linear(3, 4).state_dict()))
    problem("not_state_dict", uploads.own_model, saved([torch.zeros(3)]))
    problem("not_state_dict", uploads.own_model, saved({}))
    with pytest.raises(ValueError, match="nonlinearity"):
        uploads.own_model(saved(lstm), nonlinearity="sigmoid")


def test_truncated_and_foreign_files():
    data = saved(nn.GRU(2, 3).state_dict())
    for cut in (10, len(data) // 2, len(data) - 1):
        problem("not_torch_file", uploads.own_model, data[:cut])
    problem("not_torch_file", uploads.own_model, b"hello, world")
    problem("empty", uploads.own_model, b"")
    problem("too_big", uploads.own_model, b"\0" * (uploads.MAX_UPLOAD_BYTES + 1))


class RunsCode:
    """Unpickling this calls Path.touch(marker): code that a weights_only load must never run."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_file_that_would_run_code_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "code_ran"
    pickle.loads(pickle.dumps(RunsCode(marker)))                          # the payload works when unpickled...
    assert marker.exists()
    marker.unlink()
    state = dict(nn.RNN(2, 3).state_dict(), payload=RunsCode(marker))
    for data in (saved(state), saved(nn.GRU(2, 3))):                        # ... also a whole module
        problem("carries_code", uploads.own_model, data)
        assert not marker.exists(), "the upload's code ran"
    # a bare pickle is not what torch.save writes (a zip archive): refused before anything reads it
    problem("not_torch_file", uploads.own_model, pickle.dumps(RunsCode(marker)))
    assert not marker.exists(), "the upload's code ran"


# --- inputs for an uploaded model -------------------------------------------------------------------

def test_random_inputs_are_seeded_normal_draws():
    x = uploads.own_model_inputs(3, steps=9, seed=7)
    assert x.shape == (1, 9, 3) and x.dtype == torch.float32
    assert torch.equal(x, torch.randn(1, 9, 3, generator=torch.Generator().manual_seed(7)))
    assert not torch.equal(x, uploads.own_model_inputs(3, steps=9, seed=8))
    problem("too_many_steps", uploads.own_model_inputs, 3, steps=uploads.MAX_INPUT_STEPS + 1)
    for bad in (dict(input_size=0), dict(input_size=2, steps=0), dict(input_size=2, seed=-1), dict(input_size=True)):
        with pytest.raises(ValueError):
            uploads.own_model_inputs(**bad)


def test_typed_and_csv_numbers():
    one_line = uploads.own_model_inputs(1, numbers="0.5, -1  2e-3 4")
    np.testing.assert_array_equal(one_line[0, :, 0].numpy(), np.float32([0.5, -1, 2e-3, 4]))
    rows = uploads.own_model_inputs(2, numbers="a,b\n1,2\n3 4\r\n\n5 6;7,8\n")   # header, spaces, ';' = next step
    np.testing.assert_array_equal(rows[0].numpy(), np.float32([[1, 2], [3, 4], [5, 6], [7, 8]]))
    error = problem("wrong_width", uploads.own_model_inputs, 2, numbers="1,2\n3\n")
    assert (error.values["step"], error.values["got"]) == (2, 1)
    problem("bad_number", uploads.own_model_inputs, 1, numbers="1\n2\nx\n")
    problem("bad_number", uploads.own_model_inputs, 1, numbers="1\nnan\n")
    problem("bad_number", uploads.own_model_inputs, 1, numbers="1\n1e39\n")
    problem("no_numbers", uploads.own_model_inputs, 1, numbers=" \n ")
    problem("too_many_steps", uploads.own_model_inputs, 1, numbers="\n".join(["1"] * (uploads.MAX_INPUT_STEPS + 1)))


# --- the figure ------------------------------------------------------------------------------------------

def test_series_split_figure():
    values = np.sin(np.arange(uploads.MAX_SERIES_VALUES) / 10) * 1e3
    times = np.arange(uploads.MAX_SERIES_VALUES).astype("datetime64[m]").astype("datetime64[us]")
    spans = ((0, 7000), (7000, 8500), (8500, 10000))
    fig = series_split_figure(values, spans, times=times, labels={"train": "entrenamiento"})
    assert [trace.name for trace in fig.data] == ["entrenamiento", "validation", "test"]
    for trace_, (start, stop) in zip(fig.data, spans):
        np.testing.assert_array_equal(np.asarray(trace_.y), values[start:stop].astype(np.float32))
        assert len(trace_.x) == stop - start
    assert len(set(trace_.line.color for trace_ in fig.data)) == 3
    assert len(fig.to_json()) <= 2 * 2**20
    with pytest.raises(ValueError):
        series_split_figure(values, ((0, 5), (5, 2)))
    with pytest.raises(ValueError):
        series_split_figure(values, spans, times=times[:-1])
