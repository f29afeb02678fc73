"""What a learner uploads, read and checked: a CSV time series, a text, labelled sentences, a state_dict.

UI-free. Bad input raises an UploadProblem: a ValueError whose `kind` and `values` let the page say what
is wrong in the learner's language (rnnviz/i18n/data.py has a message for every kind in PROBLEMS), and
whose English message says it in a notebook.

Limits, stated in the page: a file is at most 10 MB, 10 000 000 bytes (the server's maxUploadSize in
.streamlit/config.toml: the browser's uploader counts its MB as 10**6 bytes, except on Windows, so the
smaller reading is the one limit that holds everywhere); of a series the last 10 000 values are used,
of a text the first 200 000 characters, of a sentence table the first 20 000 rows (and at most 20 000
different words). What goes beyond is cut and reported, so a dashboard lesson stays seconds long.

State_dicts load with torch.load(..., weights_only=True): only tensors and plain containers are read;
a file that carries any other pickled object (which could run code while it loads) is refused before
anything in it runs. A model is refused before it is built when its sizes exceed those of the largest
model the dashboard trains (input size, hidden size, layers), and before it is read when its archive
unpacks beyond rnnviz.models.MAX_UNPACKED_BYTES: one upload must not cost a server shared by a class
more than a model it trains.

Spreadsheets in Spanish are read as they are written: ";" between fields, a decimal comma and a
thousands dot (1.000,50), Excel's "sep=;" first line, dates day first (01/02/2023 is 1 February; the
order used is reported), text/label columns named texto/etiqueta.
"""
from __future__ import annotations

import hashlib
import io
import pickle
import re
import warnings
from collections.abc import Generator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import torch
from torch import Tensor, nn

from rnnviz.tasks.sentiment import tokenize

if TYPE_CHECKING:       # pandas (~60 MB) is imported where a table is read: a server that never
    import pandas as pd  # receives a CSV never loads it

MAX_UPLOAD_MB = 10                       # == server.maxUploadSize
MB = 10**6                               # the browser's uploader refuses files over maxUploadSize * 10**6 bytes
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * MB
MAX_SERIES_VALUES = 10_000               # the most recent values of a series are the ones used
MAX_TEXT_CHARS = 200_000
MAX_TEXT_CHARACTERS_SET = 500            # distinct characters (the vocabulary) a text may use
MAX_SENTENCES = 20_000
MAX_SENTENCE_WORDS = 20_000              # distinct words of a sentence table: an embedding row each
MIN_SENTENCES_PER_LABEL = 10             # so each of train/validation/test gets both labels
MAX_INPUT_STEPS = 200                    # steps of an input for an uploaded model: one animation frame each
FLOAT32_MAX = float(np.finfo(np.float32).max)   # ~3.4e38: the networks compute in float32
MISSING_CHOICES = ("interpolate", "drop")
NONLINEARITIES = ("tanh", "relu")

PROBLEMS = (
    "too_big", "empty", "not_utf8", "no_rows", "unreadable_table", "no_numeric", "unknown_column",
    "not_numeric", "same_column", "bad_dates", "all_missing", "huge_values",
    "too_short_series", "constant_train", "out_of_range",                    # raised by rnnviz.tasks.custom
    "one_character", "too_many_characters", "too_short_text",
    "missing_columns", "bad_labels", "one_label", "too_few_sentences",
    "carries_code", "not_torch_file", "not_state_dict", "no_rnn_weights", "several_rnns", "projection",
    "unknown_keys", "missing_keys", "bad_gate_rows", "wrong_shape", "not_float", "not_finite",
    "no_numbers", "bad_number", "wrong_width", "too_many_steps",
    "infinite_values", "too_many_words", "unpacks_too_big", "too_many_inputs", "too_many_units",
    "too_many_layers",
)


class UploadProblem(ValueError):
    """Why an upload cannot be used: `kind` (one of PROBLEMS) and the `values` its message needs."""

    def __init__(self, kind: str, message: str, **values):
        super().__init__(message)
        self.kind = kind
        self.values = values


# --- bytes -> text ----------------------------------------------------------------------------------

def check_size(data, limit: int = MAX_UPLOAD_BYTES) -> bytes:
    """The upload's bytes, or an UploadProblem if it is empty or over the limit."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"an upload must be bytes, not {type(data).__name__}")
    data = bytes(data)
    if len(data) > limit:
        raise UploadProblem("too_big", f"the file has {len(data) / MB:.1f} MB; at most {limit / MB:g} MB",
                            size_mb=round(len(data) / MB, 1), limit_mb=limit / MB)
    if not data:
        raise UploadProblem("empty", "the file is empty")
    return data


def decode_utf8(data) -> str:
    """The upload as text (UTF-8, a byte-order mark allowed); anything else is refused, not guessed."""
    data = check_size(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadProblem("not_utf8", f"the file is not UTF-8 text (byte {error.start} is {data[error.start]:#04x}); "
                            f"save it as UTF-8", position=error.start) from None


# --- tables ---------------------------------------------------------------------------------------

DELIMITERS = (",", ";", "\t", "|")


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


# a number as Spanish spreadsheets write it: a decimal comma, thousands grouped by dots (1.000,50)
_COMMA_DECIMAL = re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")
# a dot that reads as a decimal point, not as a thousands dot: "1.5", "0.25", "3.14159"
_DOT_DECIMAL = re.compile(r"^[+-]?\d*\.(?:\d{1,2}|\d{4,})$")
_EXCEL_SEP = re.compile(r"^\s*\"?sep=(.)\"?\s*$", re.IGNORECASE)     # Excel's first line: sep=;


def read_table(data) -> pd.DataFrame:
    """A CSV/TSV upload as a table. The delimiter is the one Excel's first line "sep=;" names, else the
    one the first line uses most (, ; tab |); with ";" a decimal comma is read too (1,5 and 1.000,50), as
    spreadsheets in Spanish write them. A first line of numbers only is data, not a header: the columns
    are then named "column 1", "column 2", ..."""
    import pandas as pd

    text = decode_utf8(data)
    if not text.strip():
        raise UploadProblem("empty", "the file is empty")
    first, _, rest = text.lstrip("\r\n").partition("\n")
    named = _EXCEL_SEP.match(first)
    if named:                                   # Excel's hint, not a row
        text, sep = rest, named.group(1)
        first = text.lstrip("\r\n").split("\n", 1)[0]
        if not text.strip():
            raise UploadProblem("empty", "the file is empty")
    else:
        sep = max(DELIMITERS, key=first.count) if any(d in first for d in DELIMITERS) else ","
    has_header = not all(_is_number(field.strip().strip('"')) for field in first.split(sep))
    try:
        table = pd.read_csv(io.StringIO(text), sep=sep, decimal="," if sep == ";" else ".",
                            header=0 if has_header else None, skipinitialspace=True)
    except pd.errors.EmptyDataError:
        raise UploadProblem("empty", "the file is empty") from None
    except (pd.errors.ParserError, ValueError, UnicodeError) as error:
        reason = str(error).strip().splitlines()[-1][:200]
        raise UploadProblem("unreadable_table", f"the table cannot be read: {reason}", error=reason) from None
    table.columns = [str(c).strip() for c in table.columns] if has_header else \
        [f"column {i + 1}" for i in range(table.shape[1])]
    if len(table) == 0:
        raise UploadProblem("no_rows", "the table has a header but no rows")
    if sep == ";":
        for column in table.columns:
            table[column] = _comma_decimals(table[column])
    return table


def _comma_decimals(column: pd.Series) -> pd.Series:
    """A column of numbers written 1.000,50 as float64 (a cell that is no such number -> NaN), when
    nearly all its filled cells (90%) are and none reads as a dot decimal (1.5); else the column as is."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
        return column
    filled = column.dropna().astype(str).str.strip()
    filled = filled[filled != ""]
    if len(filled) == 0 or filled.str.match(_DOT_DECIMAL).any():
        return column
    spanish = filled.str.match(_COMMA_DECIMAL)
    numbers = spanish | pd.to_numeric(filled, errors="coerce").notna()        # inf, nan, 1e5 as well
    if numbers.sum() < 0.9 * len(filled) or not filled[spanish].str.contains(r"[.,]").any():
        return column
    text = column.astype(str).str.strip()
    converted = text.where(text.str.match(_COMMA_DECIMAL)).str.replace(".", "", regex=False) \
        .str.replace(",", ".", regex=False)
    # other cells (inf, a placeholder) as pandas reads them alone; an empty one stays missing
    return pd.to_numeric(converted.fillna(text.where(column.notna())), errors="coerce").astype(np.float64)


def _numbers(column: pd.Series, sample: int | None = None) -> np.ndarray | None:
    """The column as float64 (cells that are not numbers -> NaN), or None unless nearly all its filled
    cells (90%) are numbers. `sample`: decide from the first values only (cheap for choosing columns)."""
    import pandas as pd

    if pd.api.types.is_bool_dtype(column):
        return None
    if pd.api.types.is_numeric_dtype(column):
        return column.to_numpy(dtype=np.float64, na_value=np.nan)
    filled = column.dropna()
    filled = filled[filled.astype(str).str.strip() != ""]
    if sample is not None:
        filled = filled.iloc[:sample]
    numbers = pd.to_numeric(filled, errors="coerce")
    if len(filled) == 0 or numbers.notna().sum() < 0.9 * len(filled):
        return None
    return pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)


def numeric_columns(table: pd.DataFrame) -> list[str]:
    """The columns a series can be read from; none is an UploadProblem naming the columns there are."""
    columns = [c for c in table.columns if _numbers(table[c], sample=1000) is not None]
    if not columns:
        names = ", ".join(map(str, table.columns))
        raise UploadProblem("no_numeric", f"no column holds numbers (columns: {names})", columns=names)
    return columns


# a date written with its day and month as numbers: 01/02/2023, 1-2-23, 01.02.2023 10:30
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?\s*$")
DATE_ORDERS = ("auto", "day", "month")     # how 01/02/2023 is read: found from the values, or as chosen


def _numeric_date_order(column: pd.Series, order: str) -> tuple[str, bool, str] | None:
    """(order used, whether the values prove it, strptime format) when most of the column's dates are
    written dd/mm/yyyy or mm/dd/yyyy; None for other formats (ISO 2023-02-01, month names...).
    A first number above 12 proves day first, a second one month first; when no value says (every day is
    12 at most), day first, as Spanish and most spreadsheets outside the US write them."""
    filled = column.dropna().astype(str).iloc[:10_000]
    parts = filled.str.extract(_NUMERIC_DATE)
    matched = parts[0].notna()
    if len(filled) == 0 or matched.sum() < 0.5 * len(filled):
        return None
    parts = parts[matched]
    first, second = parts[0].astype(int), parts[2].astype(int)
    day_first, month_first = bool((first > 12).any()), bool((second > 12).any())
    if order == "auto":
        order, proven = ("month", True) if month_first and not day_first else ("day", day_first)
    else:
        proven = day_first if order == "day" else month_first
    separator, year = parts[1].iloc[0], "%Y" if len(parts[3].iloc[0]) == 4 else "%y"
    day_month = ("%d", "%m") if order == "day" else ("%m", "%d")
    clock = parts[4].dropna()
    time = "" if clock.empty else " %H:%M:%S" if clock.iloc[0].count(":") == 2 else " %H:%M"
    return order, proven, f"{day_month[0]}{separator}{day_month[1]}{separator}{year}{time}"


def _dates(column: pd.Series, order: str = "auto") -> tuple[np.ndarray, str | None, bool]:
    """(the column as datetime64[us], NaT where unreadable; "day" or "month" when its dates were
    written with numbers only, as 01/02/2023; whether the values prove that order). Such dates are read
    day first unless the values or `order` say otherwise; other formats: one format inferred from the
    first value is fast; mixed formats or time zones fall back to reading each value (times in UTC)."""
    import pandas as pd

    if order not in DATE_ORDERS:
        raise ValueError(f"order={order!r} is invalid: allowed is one of {', '.join(DATE_ORDERS)}")
    if not pd.api.types.is_numeric_dtype(column):
        numeric = _numeric_date_order(column, order)
        if numeric is not None:
            used, proven, form = numeric
            text = column.astype(str).str.strip().where(column.notna())
            parsed = pd.to_datetime(text, format=form, errors="coerce")
            if form.endswith("%M") or form.endswith("%S"):      # times on some rows only
                parsed = parsed.fillna(pd.to_datetime(text, format=form.split(" ")[0], errors="coerce"))
            return parsed.to_numpy(dtype="datetime64[us]"), used, proven

    if pd.api.types.is_numeric_dtype(column):            # years or 20240131 written as numbers
        whole = column.notna() & (column == column.round()) & (column.abs() < 1e17)   # fits an int64
        column = column.where(whole).astype("Int64").astype(str).where(whole)
    present = column.notna()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                  # pandas warns when it cannot infer one format
        try:
            parsed = pd.to_datetime(column, errors="coerce")
        except (ValueError, TypeError, OverflowError):   # mixed time zones
            parsed = None
        if parsed is None or parsed[present].isna().any():
            sample = column[present].iloc[:1000]
            if pd.to_datetime(sample, errors="coerce", format="mixed", utc=True).notna().mean() >= 0.5:
                parsed = pd.to_datetime(column, errors="coerce", format="mixed", utc=True)
            elif parsed is None:
                parsed = pd.Series(pd.NaT, index=column.index, dtype="datetime64[us]")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert(None)
    return parsed.to_numpy(dtype="datetime64[us]"), None, False


@dataclass(frozen=True, eq=False)
class OwnSeries:
    """A learner's time series ready to forecast like `sine`: values in time order, missing ones handled."""

    task: ClassVar[str] = "sine"
    name: str                        # the file's name
    column: str
    values: np.ndarray = field(repr=False)          # (N,) float64, finite, in time order, N <= MAX_SERIES_VALUES
    times: np.ndarray | None = field(repr=False)    # (N,) datetime64[us] when a date column was chosen
    date_column: str | None
    rows: int                        # data rows in the file
    undated: int                     # rows left out: their date could not be read
    missing: int                     # empty or non-number values among the dated rows, before handling
    handling: str                    # "interpolate" or "drop"
    interpolated: int
    dropped: int                     # missing values left out (all of them for "drop", at the ends for "interpolate")
    cut: int                         # oldest values left out: only the last MAX_SERIES_VALUES are used
    date_order: str | None = None     # "day" or "month": how dates written 01/02/2023 were read; None otherwise
    date_order_proven: bool = False   # a value proves that order (13/02/2023); else it was assumed or chosen

    @property
    def missing_share(self) -> float:
        return self.missing / max(1, self.rows - self.undated)


def series_from_table(table: pd.DataFrame, column: str, date_column: str | None = None,
                      missing: str = "interpolate", name: str = "", date_order: str = "auto") -> OwnSeries:
    """The series in `column`, sorted by `date_column` if given, missing values interpolated linearly
    (in time when there are dates, else by position) or dropped. Values at the ends have no neighbour on
    one side to interpolate from: they are dropped and counted. Dates written 01/02/2023 are read day
    first unless a value (02/13/2023) or `date_order` ("day", "month") says otherwise."""
    if missing not in MISSING_CHOICES:
        raise ValueError(f"missing={missing!r} is invalid: allowed is one of {', '.join(MISSING_CHOICES)}")
    for chosen in (column, date_column):
        if chosen is not None and chosen not in table.columns:
            raise UploadProblem("unknown_column", f"there is no column {chosen!r}", column=chosen)
    values = _numbers(table[column])
    if values is None:
        raise UploadProblem("not_numeric", f"column {column!r} does not hold numbers", column=column)
    rows, times, undated, read_order, proven = len(values), None, 0, None, False
    if date_column is not None:
        if date_column == column:
            raise UploadProblem("same_column", "the date column must differ from the value column", column=column)
        times, read_order, proven = _dates(table[date_column], date_order)
        readable = ~np.isnat(times)
        filled = int(table[date_column].notna().sum())
        if readable.sum() < max(1, filled / 2):
            example = str(table[date_column][table[date_column].notna() & ~readable].iloc[0]) if filled else ""
            raise UploadProblem("bad_dates", f"column {date_column!r} does not hold dates pandas can read "
                                f"(e.g. {example!r})", column=date_column, example=example)
        undated = int(rows - readable.sum())
        order = np.argsort(times[readable], kind="stable")           # equal dates keep the file's order
        values, times = values[readable][order], times[readable][order]

    is_missing = np.isnan(values)
    n_missing = int(is_missing.sum())
    if n_missing == len(values):
        raise UploadProblem("all_missing", f"column {column!r} has no values", column=column)
    infinite = int(np.isinf(values).sum())
    if infinite:
        raise UploadProblem("infinite_values", f"column {column!r} has {infinite} infinite value(s) (inf, often "
                            f"a division by zero in the spreadsheet): empty those cells to treat them as missing, "
                            f"or correct them", column=column, count=infinite)
    largest = float(np.abs(values[~is_missing]).max())
    if largest > FLOAT32_MAX:
        raise UploadProblem("huge_values", f"column {column!r} has values up to {largest:.3g}: the networks "
                            f"compute in float32, up to ±{FLOAT32_MAX:.3g}; rescale the column (divide it by a "
                            f"power of ten) first", column=column, largest=f"{largest:.3g}", limit=f"{FLOAT32_MAX:.3g}")
    if missing == "drop":
        keep = ~is_missing
        interpolated, dropped = 0, n_missing
    else:
        known = np.flatnonzero(~is_missing)
        keep = np.zeros(len(values), dtype=bool)
        keep[known[0]:known[-1] + 1] = True                         # the ends have nothing on one side
        fill = is_missing & keep
        # where each value sits: its time (microseconds) with dates, else its row
        position = (times.astype(np.int64) if times is not None else np.arange(len(values))).astype(np.float64)
        values = values.copy()
        values[fill] = np.interp(position[fill], position[known], values[known])
        interpolated, dropped = int(fill.sum()), n_missing - int(fill.sum())
    values = values[keep]
    times = times[keep] if times is not None else None
    cut = max(0, len(values) - MAX_SERIES_VALUES)
    return OwnSeries(name=name, column=column, values=values[cut:], times=times[cut:] if times is not None else None,
                     date_column=date_column, date_order=read_order, date_order_proven=proven, rows=rows,
                     undated=undated, missing=n_missing, handling=missing,
                     interpolated=interpolated, dropped=dropped, cut=cut)


# --- text -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OwnText:
    """A learner's text for `char-lm`: at most MAX_TEXT_CHARS characters, line ends as "\\n"."""

    task: ClassVar[str] = "char-lm"
    name: str
    text: str
    chars: int                       # characters given
    cut: int                         # characters left out at the end


def own_text(text: str, name: str = "") -> OwnText:
    """Pasted or uploaded text, checked: not blank, at least two different characters, a vocabulary of
    at most MAX_TEXT_CHARACTERS_SET characters."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UploadProblem("empty", "the text is empty")
    kept = text[:MAX_TEXT_CHARS]
    distinct = len(set(kept))
    if distinct < 2:
        raise UploadProblem("one_character", "the text repeats one character: there is nothing to predict")
    if distinct > MAX_TEXT_CHARACTERS_SET:
        raise UploadProblem("too_many_characters", f"the text uses {distinct} different characters; at most "
                            f"{MAX_TEXT_CHARACTERS_SET}", count=distinct, limit=MAX_TEXT_CHARACTERS_SET)
    return OwnText(name=name, text=kept, chars=len(text), cut=len(text) - len(kept))


def text_from_bytes(data, name: str = "") -> OwnText:
    return own_text(decode_utf8(data), name)


# --- labelled sentences ---------------------------------------------------------------------------

LABEL_WORDS = {"positive": 1, "negative": 0, "positivo": 1, "negativo": 0, "pos": 1, "neg": 0,
               "1": 1, "0": 0, "1.0": 1, "0.0": 0}


@dataclass(frozen=True)
class OwnSentences:
    """A learner's labelled sentences for `sentiment`: (text, label) with 1 = positive, 0 = negative."""

    task: ClassVar[str] = "sentiment"
    name: str
    rows: tuple[tuple[str, int], ...]
    read: int                        # rows in the file
    wordless: int                    # rows left out: no word in their text
    cut: int                         # rows left out beyond MAX_SENTENCES


# the names a sentence table's two columns may have, in English or Spanish (any case)
TEXT_COLUMNS = ("text", "texto", "frase")
LABEL_COLUMNS = ("label", "etiqueta", "clase", "sentimiento")


def sentences_from_table(table: pd.DataFrame, name: str = "") -> OwnSentences:
    """Columns text and label, or texto and etiqueta (any case, any order, other columns ignored); labels
    positive/negative (or positivo/negativo, pos/neg) or 1/0. At most MAX_SENTENCE_WORDS distinct words."""
    import pandas as pd

    names = {str(c).strip().lower(): c for c in table.columns}
    text_name = next((names[n] for n in TEXT_COLUMNS if n in names), None)
    label_name = next((names[n] for n in LABEL_COLUMNS if n in names), None)
    if text_name is None or label_name is None:
        found = ", ".join(map(str, table.columns))
        raise UploadProblem("missing_columns", f"the table needs the columns text and label (or texto and "
                            f"etiqueta); it has: {found}", columns=found)
    texts, labels = table[text_name], table[label_name]
    words = labels.map(lambda v: str(v).strip().lower() if pd.notna(v) else "")
    bad = sorted(set(words[~words.isin(LABEL_WORDS)]))
    if bad:
        shown = ", ".join(repr(b) for b in bad[:5])
        raise UploadProblem("bad_labels", f"labels must be positive/negative or 1/0; found {shown}", labels=shown)
    rows = [(str(text), LABEL_WORDS[word]) for text, word in zip(texts, words)
            if pd.notna(text) and tokenize(str(text))]
    read, wordless = len(table), len(table) - len(rows)
    cut = max(0, len(rows) - MAX_SENTENCES)
    rows = rows[:MAX_SENTENCES]
    vocabulary = set()
    for text, _ in rows:
        vocabulary.update(tokenize(text))
        if len(vocabulary) > MAX_SENTENCE_WORDS:      # said at once, not after reading the whole file
            raise UploadProblem("too_many_words", f"the sentences use more than {MAX_SENTENCE_WORDS} different "
                                f"words; keep fewer or shorter sentences", limit=MAX_SENTENCE_WORDS)
    counts = [sum(1 for _, label in rows if label == value) for value in (0, 1)]
    if min(counts) == 0:
        only = "positive" if counts[1] else "negative"
        raise UploadProblem("one_label", f"every sentence is {only}: the network needs both labels", label=only)
    if min(counts) < MIN_SENTENCES_PER_LABEL:
        raise UploadProblem("too_few_sentences", f"{counts[0]} negative and {counts[1]} positive sentences: at "
                            f"least {MIN_SENTENCES_PER_LABEL} of each are needed", negative=counts[0],
                            positive=counts[1], needed=MIN_SENTENCES_PER_LABEL)
    return OwnSentences(name=name, rows=tuple(rows), read=read, wordless=wordless, cut=cut)


def sentences_from_bytes(data, name: str = "") -> OwnSentences:
    return sentences_from_table(read_table(data), name)


# --- a model's state_dict ------------------------------------------------------------------------

# weight_ih_l0, bias_hh_l1_reverse, ... with whatever prefix the module had in its model ("rnn.", "lstm.")
_RNN_KEY = re.compile(r"^(?P<prefix>.*?)(?:weight|bias)_(?P<part>ih|hh|hr)_l(?P<layer>\d+)(?:_reverse)?$")
CELL_BY_GATES = {1: "rnn", 4: "lstm", 3: "gru"}     # row blocks of weight_hh: G*H rows
GATES_BY_CELL = {cell: gates for gates, cell in CELL_BY_GATES.items()}
_MODULES = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}


@dataclass(frozen=True)
class RNNShape:
    """What the weights' names and shapes say about the module that made them."""
    cell: str                        # "rnn", "lstm" or "gru"
    input_size: int
    hidden_size: int
    num_layers: int
    bidirectional: bool
    bias: bool

    def expected(self) -> dict[str, tuple[int, ...]]:
        """The key -> shape of every weight such a module has (PyTorch's names)."""
        gates = GATES_BY_CELL[self.cell] * self.hidden_size            # rows: every gate's block stacked
        directions = 2 if self.bidirectional else 1
        shapes = {}
        for layer in range(self.num_layers):
            for suffix in ("", "_reverse")[:directions]:
                below = self.input_size if layer == 0 else directions * self.hidden_size
                shapes[f"weight_ih_l{layer}{suffix}"] = (gates, below)
                shapes[f"weight_hh_l{layer}{suffix}"] = (gates, self.hidden_size)
                if self.bias:
                    shapes[f"bias_ih_l{layer}{suffix}"] = (gates,)
                    shapes[f"bias_hh_l{layer}{suffix}"] = (gates,)
        return shapes


@dataclass(eq=False)
class OwnModel:
    """An uploaded recurrent module, ready for rnnviz.trace: eval mode, float32, batch_first=True, so it
    reads own_model_inputs(...) of shape (1, T, I)."""
    name: str
    shape: RNNShape
    rnn: nn.RNNBase
    ignored: tuple[str, ...]         # keys outside the recurrent module (a head, an embedding), not used
    digest: str = ""                 # SHA-256 of the file: what results computed from it are remembered by

    @property
    def version(self) -> tuple[str, str]:
        """(file digest, nonlinearity): the same for the same weights computing the same way, whatever
        object holds them; a page remembers a trace or a figure of this model by it."""
        return self.digest, getattr(self.rnn, "nonlinearity", "")


def read_state_dict(data) -> dict[str, Tensor]:
    """The tensors of a .pt file (a state_dict, or rnnviz's {"state_dict": ...} checkpoint). A file that
    unpacks beyond MAX_UNPACKED_BYTES is refused before torch.load unpacks it (2 MB of zeros would
    otherwise take GB)."""
    from rnnviz.models import MAX_UNPACKED_BYTES, unpacked_size

    data = check_size(data)
    unpacked = unpacked_size(io.BytesIO(data))
    if unpacked is None:                    # torch.save has written zip archives since PyTorch 1.6
        raise UploadProblem("not_torch_file", "the file is truncated or not a PyTorch file")
    if unpacked > MAX_UNPACKED_BYTES:
        raise UploadProblem("unpacks_too_big", f"the file unpacks to {unpacked / MB:.0f} MB; a model here is at "
                            f"most {MAX_UNPACKED_BYTES / MB:.0f} MB", size_mb=round(unpacked / MB),
                            limit_mb=round(MAX_UNPACKED_BYTES / MB))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")                  # torch warns about pickle protocols it reads anyway
        try:
            loaded = torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)
        except pickle.UnpicklingError as error:
            if "weights only" in str(error).lower():
                raise UploadProblem("carries_code", "the file holds pickled Python objects, not only tensors: "
                                    "loading it could run code, so it is refused. Save model.state_dict() "
                                    "instead of the model") from None
            raise UploadProblem("not_torch_file", "the file is truncated or not a PyTorch file") from None
        except Exception:                                # truncated zip, another format, ...
            raise UploadProblem("not_torch_file", "the file is truncated or not a PyTorch file") from None
    if isinstance(loaded, Mapping) and isinstance(loaded.get("state_dict"), Mapping):
        loaded = loaded["state_dict"]
    if not isinstance(loaded, Mapping) or not any(isinstance(v, Tensor) for v in loaded.values()):
        raise UploadProblem("not_state_dict", f"the file holds a {type(loaded).__name__}, not a state_dict "
                            "(a dict of weight tensors)", found=type(loaded).__name__)
    return {str(k): v for k, v in loaded.items() if isinstance(v, Tensor)}


def _first(keys, count: int = 5) -> str:
    keys = sorted(keys)
    return ", ".join(keys[:count]) + (f" (+{len(keys) - count})" if len(keys) > count else "")


def infer_rnn_shape(state: Mapping[str, Tensor]) -> tuple[RNNShape, str, tuple[str, ...]]:
    """(shape, prefix, ignored keys) of the one nn.RNN / LSTM / GRU whose weights `state` holds.

    weight_hh_l0 is (G*H, H): H its columns, G = 1 (RNN), 4 (LSTM) or 3 (GRU); weight_ih_l0 is (G*H, I).
    Layers, directions and bias come from the names; every weight is then checked against the shape
    such a module would have. Keys outside the module's prefix (a model's head) are ignored."""
    matches = {key: _RNN_KEY.match(key) for key in state}
    recurrent = {key: m for key, m in matches.items() if m}
    if not recurrent:
        raise UploadProblem("no_rnn_weights", f"no weights of an nn.RNN/LSTM/GRU (weight_ih_l0, ...); the "
                            f"keys are: {_first(state)}", keys=_first(state))
    prefixes = sorted({m["prefix"] for m in recurrent.values()})
    if len(prefixes) > 1:
        raise UploadProblem("several_rnns", f"weights of several recurrent modules: {', '.join(prefixes)}; "
                            f"upload the state_dict of one", prefixes=", ".join(repr(p) for p in prefixes))
    prefix = prefixes[0]
    if any(m["part"] == "hr" for m in recurrent.values()):
        raise UploadProblem("projection", "an LSTM with proj_size > 0 (weight_hr_l*) is not supported")
    unknown = [key for key in state if key.startswith(prefix) and key not in recurrent]
    if unknown:
        raise UploadProblem("unknown_keys", f"keys an nn.RNN/LSTM/GRU does not have: {_first(unknown)}",
                            keys=_first(unknown))
    ignored = tuple(sorted(key for key in state if not key.startswith(prefix)))
    weights = {key[len(prefix):]: value for key, value in state.items() if key in recurrent}
    for key in ("weight_ih_l0", "weight_hh_l0"):
        if key not in weights or weights[key].dim() != 2:
            raise UploadProblem("missing_keys", f"missing {key} (a 2-D tensor)", keys=key)
    layers = sorted({int(m["layer"]) for m in recurrent.values()})
    gap = next(k for k in range(len(layers) + 1) if k not in layers)     # the first layer with no weights
    if gap < layers[-1]:                                                  # e.g. l0 and l7 but no l1
        raise UploadProblem("missing_keys", f"there are weights of layer {layers[-1]} but none of layer {gap}",
                            keys=f"weight_ih_l{gap}, weight_hh_l{gap}")
    rows, hidden = weights["weight_hh_l0"].shape
    if hidden == 0 or rows % hidden or rows // hidden not in CELL_BY_GATES:
        raise UploadProblem("bad_gate_rows", f"weight_hh_l0 is {rows}x{hidden}: its rows must be 1, 3 or 4 times "
                            f"its columns (RNN, GRU, LSTM)", rows=rows, hidden=hidden)
    shape = RNNShape(cell=CELL_BY_GATES[rows // hidden], input_size=weights["weight_ih_l0"].shape[1],
                     hidden_size=hidden, num_layers=len(layers),
                     bidirectional=any(key.endswith("_reverse") for key in weights),
                     bias=any(key.startswith("bias") for key in weights))
    check_model_bounds(shape)
    expected = shape.expected()
    missing = expected.keys() - weights.keys()
    if missing:
        raise UploadProblem("missing_keys", f"a {shape.cell} with these sizes also needs: {_first(missing)}",
                            keys=_first(missing))
    extra = weights.keys() - expected.keys()
    if extra:
        raise UploadProblem("unknown_keys", f"keys this {shape.cell} does not have: {_first(extra)}",
                            keys=_first(extra))
    for key, size in expected.items():
        if tuple(weights[key].shape) != size:
            raise UploadProblem("wrong_shape", f"{prefix}{key} is {tuple(weights[key].shape)}, but a {shape.cell} "
                                f"with hidden size {hidden} and input size {shape.input_size} needs {size}",
                                weight=prefix + key, got=str(tuple(weights[key].shape)), expected=str(size))
        if not weights[key].is_floating_point():
            raise UploadProblem("not_float", f"{prefix}{key} holds {weights[key].dtype}, not floating-point numbers",
                                weight=prefix + key)
        if not torch.isfinite(weights[key]).all():
            raise UploadProblem("not_finite", f"{prefix}{key} holds NaN or infinite values", weight=prefix + key)
    return shape, prefix, ignored


def model_bounds() -> dict[str, int]:
    """The largest sizes of a model the dashboard trains, which an uploaded model may not exceed: what
    it costs to trace, differentiate and draw grows with each (a 2.4-million-input or 14 000-layer file
    of a few MB kept a core of the server busy for minutes)."""
    from rnnviz.config import knob
    from rnnviz.models import MAX_FEATURES

    return {"input_size": MAX_FEATURES, "hidden_size": knob("hidden_size").high, "num_layers": knob("layers").high}


def check_model_bounds(shape: RNNShape) -> None:
    """An UploadProblem naming the first size of `shape` beyond model_bounds(); their product, the
    number of weights, is then at most that of the largest model trained here."""
    bounds = model_bounds()
    said = "the model's {} is {}; a model here has at most {}"
    if shape.input_size > bounds["input_size"]:
        raise UploadProblem("too_many_inputs", said.format("input size", shape.input_size, bounds["input_size"]),
                            got=shape.input_size, limit=bounds["input_size"])
    if shape.hidden_size > bounds["hidden_size"]:
        raise UploadProblem("too_many_units", said.format("hidden size", shape.hidden_size, bounds["hidden_size"]),
                            got=shape.hidden_size, limit=bounds["hidden_size"])
    if shape.num_layers > bounds["num_layers"]:
        raise UploadProblem("too_many_layers", said.format("number of layers", shape.num_layers,
                                                           bounds["num_layers"]),
                            got=shape.num_layers, limit=bounds["num_layers"])


def own_model(data, name: str = "", nonlinearity: str = "tanh") -> OwnModel:
    """The nn.RNN / LSTM / GRU a state_dict describes, with its weights loaded (as float32).

    An nn.RNN's nonlinearity (tanh or relu) leaves no trace in its weights: the caller says which."""
    return finished(own_model_work(data, name, nonlinearity))


def own_model_work(data, name: str = "", nonlinearity: str = "tanh") -> Generator[None, None, OwnModel]:
    """own_model(...) in chunks (a generator that yields between them, returning the model): the file read,
    its shapes checked, the module built. rnnviz.live.upload_work runs it, asking between chunks whether
    the learner's session is still there."""
    if nonlinearity not in NONLINEARITIES:
        raise ValueError(f"nonlinearity={nonlinearity!r} is invalid: allowed is one of {', '.join(NONLINEARITIES)}")
    data = check_size(data)
    state = read_state_dict(data)
    yield
    shape, prefix, ignored = infer_rnn_shape(state)
    yield
    extra = {"nonlinearity": nonlinearity} if shape.cell == "rnn" else {}
    # built on the meta device, then given empty storage: no random initialisation, so loading a model
    # draws nothing from torch's global generator (which seeded model builds elsewhere rely on)
    rnn = _MODULES[shape.cell](input_size=shape.input_size, hidden_size=shape.hidden_size,
                               num_layers=shape.num_layers, bias=shape.bias, bidirectional=shape.bidirectional,
                               batch_first=True, device="meta", **extra).to_empty(device="cpu")
    rnn.load_state_dict({key: state[prefix + key].float() for key in shape.expected()})
    return OwnModel(name=name, shape=shape, rnn=rnn.eval(), ignored=ignored,
                    digest=hashlib.sha256(data).hexdigest())


def with_nonlinearity(own: OwnModel, nonlinearity: str) -> OwnModel:
    """The same uploaded nn.RNN computing with `nonlinearity` (tanh or relu), its weights shared, not read
    again: a file is read once whichever the learner picks. An LSTM or GRU is returned as it is."""
    if nonlinearity not in NONLINEARITIES:
        raise ValueError(f"nonlinearity={nonlinearity!r} is invalid: allowed is one of {', '.join(NONLINEARITIES)}")
    if own.shape.cell != "rnn" or own.rnn.nonlinearity == nonlinearity:
        return own
    shape = own.shape
    rnn = nn.RNN(input_size=shape.input_size, hidden_size=shape.hidden_size, num_layers=shape.num_layers,
                 bias=shape.bias, bidirectional=shape.bidirectional, batch_first=True, nonlinearity=nonlinearity,
                 device="meta")
    rnn.load_state_dict(own.rnn.state_dict(), assign=True)      # the very tensors, no copy
    return replace(own, rnn=rnn.eval())


def finished(work: Generator):
    """Run a chunked work (a generator) to its end on this thread; its return value."""
    while True:
        try:
            next(work)
        except StopIteration as done:
            return done.value


# --- inputs for an uploaded model -----------------------------------------------------------------

def _parse_numbers(text: str, input_size: int) -> np.ndarray:
    """Typed or CSV numbers -> (T, I): one step per line (or per ';'), its I values separated by commas
    or spaces; with I = 1 a single line of numbers is a sequence. A first line that is not numbers (a CSV
    header) is skipped."""
    lines = [line for line in re.split(r"[\n;]", text.replace("\r", "\n")) if line.strip()]
    rows = [[v for v in re.split(r"[,\s]+", line.strip()) if v] for line in lines]
    if rows and not all(_is_number(v) for v in rows[0]):
        rows = rows[1:]
    if not rows:
        raise UploadProblem("no_numbers", "no numbers were given")
    if input_size == 1 and len(rows) == 1:
        rows = [[v] for v in rows[0]]
    for number, row in enumerate(rows, start=1):
        if len(row) != input_size:
            raise UploadProblem("wrong_width", f"step {number} has {len(row)} numbers; the model reads "
                                f"{input_size} per step", step=number, got=len(row), expected=input_size)
        for value in row:
            if not _is_number(value) or not abs(float(value)) <= FLOAT32_MAX:
                raise UploadProblem("bad_number", f"{value!r} (step {number}) is not a finite number",
                                    value=value, step=number)
    return np.array(rows, dtype=np.float64)


def own_model_inputs(input_size: int, steps: int = 20, seed: int = 0, numbers: str | None = None) -> Tensor:
    """An input (1, T, I) float32 for an uploaded model: N(0, 1) draws from `seed` (T = steps) when
    `numbers` is None, else the numbers typed or uploaded (see _parse_numbers). At most MAX_INPUT_STEPS."""
    for name, value in (("input_size", input_size), ("steps", steps), ("seed", seed)):
        if isinstance(value, bool) or not isinstance(value, int) or value < (0 if name == "seed" else 1):
            raise ValueError(f"{name}={value!r} is invalid: allowed is an integer >= {0 if name == 'seed' else 1}")
    if numbers is None:
        if steps > MAX_INPUT_STEPS:
            raise UploadProblem("too_many_steps", f"{steps} steps; at most {MAX_INPUT_STEPS}",
                                steps=steps, limit=MAX_INPUT_STEPS)
        generator = torch.Generator().manual_seed(seed)
        return torch.randn(1, steps, input_size, generator=generator)          # (1, T, I)
    values = _parse_numbers(numbers, input_size)                               # (T, I)
    if len(values) > MAX_INPUT_STEPS:
        raise UploadProblem("too_many_steps", f"{len(values)} steps; at most {MAX_INPUT_STEPS}",
                            steps=len(values), limit=MAX_INPUT_STEPS)
    return torch.from_numpy(values).float().unsqueeze(0)                       # (1, T, I)


def last_state_energy(output: Tensor) -> Tensor:
    """L = 1/2 ||h_T||^2 of the last output: a loss for a model that came without a task, so its
    ||dL/dh_t|| says how far back the last state looks."""
    return 0.5 * output[:, -1].pow(2).sum()
