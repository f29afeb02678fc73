"""Issue 24: uploads a class really sends. Each file is made here, as a careless or hostile learner would
make it: models far beyond what the dashboard trains, a compressed file that unpacks to GB, a sentence
table with an unbounded vocabulary, and the files Spanish Excel and LibreOffice write."""
import io
import zipfile

import numpy as np
import pytest
import torch
from torch import nn

from rnnviz import uploads
from rnnviz.config import knob
from rnnviz.i18n import t
from rnnviz.models import MAX_FEATURES, MAX_UNPACKED_BYTES
from rnnviz.uploads import UploadProblem
from testkit.state_dicts import deflated, saved, zeros_state


def problem(kind: str, compute, *args, **kwargs) -> UploadProblem:
    """compute(...) must raise an UploadProblem of `kind` whose message fills in both languages."""
    with pytest.raises(UploadProblem) as caught:
        compute(*args, **kwargs)
    assert caught.value.kind == kind, f"expected {kind!r}, got {caught.value.kind!r}: {caught.value}"
    for language in ("es", "en"):
        t(f"data.problem.{kind}", language, **caught.value.values)
    return caught.value


# --- models beyond the dashboard's: refused from their shapes, before anything is built -----------------

@pytest.mark.parametrize("kind, cell, sizes", [
    ("too_many_inputs", "rnn", dict(input_size=2_400_000, hidden_size=1)),        # the 9.6 MB file
    ("too_many_inputs", "lstm", dict(input_size=20_000, hidden_size=1)),          # an 80 KB file
    ("too_many_inputs", "gru", dict(input_size=MAX_FEATURES + 1, hidden_size=2)),
    ("too_many_units", "rnn", dict(input_size=1, hidden_size=knob("hidden_size").high + 1)),
    ("too_many_layers", "rnn", dict(input_size=1, hidden_size=1, num_layers=14_000)),
    ("too_many_layers", "gru", dict(input_size=2, hidden_size=3, num_layers=1000, bidirectional=True)),
])
def test_a_model_beyond_the_dashboards_bounds_is_refused_before_it_is_built(monkeypatch, kind, cell, sizes):
    data = deflated(saved(zeros_state(cell, **sizes)))
    assert len(data) <= uploads.MAX_UPLOAD_BYTES
    built = []
    monkeypatch.setattr(nn.RNNBase, "__init__", lambda *a, **k: built.append(a) or (_ for _ in ()).throw(
        AssertionError("a module was built")))
    error = problem(kind, uploads.own_model, data)
    assert not built
    size = {"too_many_inputs": "input_size", "too_many_units": "hidden_size", "too_many_layers": "num_layers"}[kind]
    assert error.values == {"got": sizes[size], "limit": uploads.model_bounds()[size]}


def test_the_largest_model_the_dashboard_trains_is_accepted_and_traced():
    bounds = uploads.model_bounds()
    assert bounds == {"input_size": MAX_FEATURES, "hidden_size": knob("hidden_size").high,
                      "num_layers": knob("layers").high}
    data = deflated(saved(zeros_state("gru", bounds["input_size"], 8, bounds["num_layers"], bidirectional=True)))
    own = uploads.own_model(data)
    assert (own.shape.input_size, own.shape.num_layers, own.shape.bidirectional) == (MAX_FEATURES, 3, True)
    out, _ = own.rnn(torch.ones(1, 2, MAX_FEATURES))
    assert torch.equal(out, torch.zeros(1, 2, 16))        # zero weights and no bias: h_t = (1 - z) * n = 0


def test_a_file_that_unpacks_beyond_the_limit_is_refused_before_torch_unpacks_it(monkeypatch):
    # one tensor of 300 MB of zeros, deflated to well under the upload limit
    big = io.BytesIO()
    torch.save({"weight_ih_l0": torch.zeros(1, 4)}, big)
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(big.getvalue())) as source, \
            zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            if not entry.filename.endswith("data/0"):
                archive.writestr(entry.filename, source.read(entry.filename))
                continue
            with archive.open(entry.filename, "w", force_zip64=True) as zeros:
                for _ in range(300):
                    zeros.write(bytes(2**20))
    data = bomb.getvalue()
    assert len(data) < uploads.MAX_UPLOAD_BYTES and 300 * 2**20 > MAX_UNPACKED_BYTES
    monkeypatch.setattr(torch, "load", lambda *a, **k: pytest.fail("torch.load was reached"))
    error = problem("unpacks_too_big", uploads.own_model, data)
    assert error.values["limit_mb"] == round(MAX_UNPACKED_BYTES / 10**6)
    assert error.values["size_mb"] == round(300 * 2**20 / 10**6)      # the tensor; the rest is under 0.5 MB


def test_a_legacy_or_foreign_file_is_refused_before_torch_reads_it(monkeypatch):
    buffer = io.BytesIO()
    torch.save(zeros_state("rnn", 2, 3), buffer, _use_new_zipfile_serialization=False)
    monkeypatch.setattr(torch, "load", lambda *a, **k: pytest.fail("torch.load was reached"))
    problem("not_torch_file", uploads.own_model, buffer.getvalue())


# --- one upload limit --------------------------------------------------------------------------------------

def test_one_upload_limit_of_ten_million_bytes():
    assert uploads.MAX_UPLOAD_BYTES == 10_000_000
    uploads.check_size(b"x" * 10_000_000)
    error = problem("too_big", uploads.check_size, b"x" * 10_000_001)
    assert error.values == {"size_mb": 10.0, "limit_mb": 10}
    error = problem("too_big", uploads.check_size, b"x" * 10 * 2**20)       # 10 MiB: over the limit
    assert error.values["size_mb"] == 10.5


# --- a sentence table's vocabulary -------------------------------------------------------------------------

def test_a_sentence_table_of_too_many_different_words_is_refused():
    rows = [f"w{i}a w{i}b w{i}c,{'positive' if i % 2 else 'negative'}" for i in range(uploads.MAX_SENTENCE_WORDS)]
    data = ("text,label\n" + "\n".join(rows)).encode()
    assert len(data) < uploads.MAX_UPLOAD_BYTES
    error = problem("too_many_words", uploads.sentences_from_bytes, data)
    assert error.values == {"limit": uploads.MAX_SENTENCE_WORDS}
    fewer = ("text,label\n" + "\n".join(rows[:uploads.MAX_SENTENCE_WORDS // 3])).encode()   # 3 words a row
    assert len(uploads.sentences_from_bytes(fewer).rows) == uploads.MAX_SENTENCE_WORDS // 3


# --- what Spanish Excel and LibreOffice write ------------------------------------------------------------

def test_semicolons_and_day_first_dates_are_read_day_first_and_said():
    # written by Spanish Excel: 1 February comes after 2 January, which the file lists first
    data = "fecha;valor\r\n02/01/2023;1\r\n01/02/2023;2\r\n15/01/2023;3\r\n".encode()
    series = uploads.series_from_table(uploads.read_table(data), "valor", "fecha")
    assert series.values.tolist() == [1.0, 3.0, 2.0]
    assert series.times.astype(str).tolist() == ["2023-01-02T00:00:00.000000", "2023-01-15T00:00:00.000000",
                                                 "2023-02-01T00:00:00.000000"]
    assert (series.date_order, series.date_order_proven) == ("day", True)      # 15/01 can only be day first


def test_ambiguous_dates_are_read_day_first_unless_told_and_say_so():
    data = b"fecha;valor\n01/02/2023;1\n02/01/2023;2\n03/01/2023;3\n"
    table = uploads.read_table(data)
    assumed = uploads.series_from_table(table, "valor", "fecha")
    assert assumed.values.tolist() == [2.0, 3.0, 1.0]                # 2 Jan, 3 Jan, 1 Feb
    assert (assumed.date_order, assumed.date_order_proven) == ("day", False)
    chosen = uploads.series_from_table(table, "valor", "fecha", date_order="month")
    assert chosen.values.tolist() == [1.0, 2.0, 3.0]                 # 2 Jan, 1 Feb, 1 Mar
    assert chosen.times.astype("datetime64[D]").astype(str).tolist() == ["2023-01-02", "2023-02-01", "2023-03-01"]
    assert chosen.date_order == "month"
    us = uploads.series_from_table(uploads.read_table(b"date,value\n02/13/2023,1\n01/14/2023,2\n"), "value", "date")
    assert (us.values.tolist(), us.date_order, us.date_order_proven) == ([2.0, 1.0], "month", True)
    iso = uploads.series_from_table(uploads.read_table(b"date,value\n2023-02-01,1\n2023-01-02,2\n"), "value", "date")
    assert (iso.values.tolist(), iso.date_order) == ([2.0, 1.0], None)


def test_dates_with_times_and_two_digit_years():
    data = b"fecha;valor\n13/01/23 10:30;1\n13/01/23 09:15;2\n12/01/23;3\n"
    series = uploads.series_from_table(uploads.read_table(data), "valor", "fecha")
    assert series.values.tolist() == [3.0, 2.0, 1.0]
    assert series.times.astype(str)[1] == "2023-01-13T09:15:00.000000"


def test_thousands_dots_and_decimal_commas():
    data = "fecha;importe;nota\n01/01/2023;1.000,50;a\n02/01/2023;2,5;b\n03/01/2023;-12.345.678,25;c\n" \
           "04/01/2023;1.000;d\n05/01/2023;;e\n06/01/2023;7;f\n".encode()
    table = uploads.read_table(data)
    assert uploads.numeric_columns(table) == ["importe"]
    series = uploads.series_from_table(table, "importe", missing="drop")
    assert series.values.tolist() == [1000.5, 2.5, -12345678.25, 1000.0, 7.0]
    assert series.missing == 1


def test_dot_decimals_in_a_semicolon_file_stay_dot_decimals():
    table = uploads.read_table(b"a;b\n1.5;1\n2.25;2\n3.125;3\n")
    assert uploads.series_from_table(table, "a").values.tolist() == [1.5, 2.25, 3.125]


def test_excels_sep_line_names_the_separator():
    data = "sep=;\r\nfecha;valor\r\n01/01/2023;1,5\r\n02/01/2023;2,5\r\n".encode("utf-8-sig")
    table = uploads.read_table(data)
    assert list(table.columns) == ["fecha", "valor"]
    assert uploads.series_from_table(table, "valor").values.tolist() == [1.5, 2.5]
    tabbed = uploads.read_table(b'"sep=\t"\nx\ty\n1\t2\n')
    assert list(tabbed.columns) == ["x", "y"]
    problem("empty", uploads.read_table, b"sep=;\n")


def test_spanish_headers_for_sentences():
    rows = [("me encanta", "positivo"), ("qué horror", "negativo")] * 10
    data = ("Texto;Etiqueta\n" + "\n".join(f"{a};{b}" for a, b in rows)).encode()
    sentences = uploads.sentences_from_bytes(data)
    assert sentences.rows[:2] == (("me encanta", 1), ("qué horror", 0))
    error = problem("missing_columns", uploads.sentences_from_bytes, b"frases;notas\nhola;1\n")
    assert error.values["columns"] == "frases, notas"


def test_infinite_values_get_their_own_advice():
    data = b"fecha;valor\n01/01/2023;1\n02/01/2023;inf\n03/01/2023;-inf\n04/01/2023;2\n"
    error = problem("infinite_values", uploads.series_from_table, uploads.read_table(data), "valor")
    assert error.values == {"column": "valor", "count": 2}
    assert "división por cero" in t("data.problem.infinite_values", "es", **error.values)
    huge = problem("huge_values", uploads.series_from_table, uploads.read_table(b"v\n1\n1e300\n"), "v")
    assert huge.values["largest"] == "1e+300"
    assert np.isfinite(uploads.series_from_table(uploads.read_table(b"v\n1\n1e38\n"), "v").values).all()
