"""Property-based: any bytes uploaded as a CSV, a text, a sentence table or a state_dict either become
data or raise UploadProblem, a message the page shows; never another exception."""
import io

import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz.uploads import (UploadProblem, numeric_columns, own_model, read_table, sentences_from_bytes,
                            series_from_table, text_from_bytes)

cells = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers().map(str),
                  st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=8), st.just(""))


@st.composite
def csv_bytes(draw):
    """Tables of random shapes and contents, in UTF-8 or not, with any delimiter."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    rows = draw(st.lists(st.lists(cells, min_size=1, max_size=4), max_size=30))
    text = "\n".join(delimiter.join(row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16"]))
    return text.encode(encoding, errors="replace")


def accepted_or_problem(compute, *args, **kwargs):
    try:
        return compute(*args, **kwargs)
    except UploadProblem as problem:
        assert problem.kind                      # a message exists for it (checked in test_uploads.py)
        return None


@settings(max_examples=150, deadline=None)
@given(data=st.one_of(csv_bytes(), st.binary(max_size=400)), missing=st.sampled_from(["interpolate", "drop"]))
def test_any_csv_becomes_a_series_or_a_clear_problem(data, missing):
    table = accepted_or_problem(read_table, data)
    if table is None:
        return
    for column in accepted_or_problem(numeric_columns, table) or []:
        series = accepted_or_problem(series_from_table, table, column, missing=missing)
        if series is not None:
            assert np.isfinite(np.asarray(series.values, dtype=float)).all()


@settings(max_examples=150, deadline=None)
@given(data=st.one_of(st.text(max_size=300).map(lambda s: s.encode("utf-8")), st.binary(max_size=300)))
def test_any_text_or_sentence_table_is_accepted_or_refused_clearly(data):
    accepted_or_problem(text_from_bytes, data)
    accepted_or_problem(sentences_from_bytes, data)


@st.composite
def state_dicts(draw):
    """Real RNN state_dicts with shapes broken at random, truncated files, pickles of arbitrary objects."""
    cell = draw(st.sampled_from([torch.nn.RNN, torch.nn.LSTM, torch.nn.GRU]))
    module = cell(input_size=draw(st.integers(1, 4)), hidden_size=draw(st.integers(1, 6)),
                  num_layers=draw(st.integers(1, 2)), bidirectional=draw(st.booleans()))
    state = module.state_dict()
    for key in draw(st.lists(st.sampled_from(sorted(state)), max_size=2, unique=True)):
        action = draw(st.sampled_from(["drop", "reshape", "rename"]))
        tensor = state.pop(key)
        if action == "reshape":
            state[key] = torch.zeros(tensor.numel() + 1)
        elif action == "rename":
            state[key + "_x"] = tensor
    buffer = io.BytesIO()
    torch.save(state, buffer)
    data = buffer.getvalue()
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    return data if cut is None else data[:cut]


@settings(max_examples=60, deadline=None)
@given(data=st.one_of(state_dicts(), st.binary(max_size=200)))
def test_any_state_dict_upload_loads_or_is_refused_clearly(data):
    model = accepted_or_problem(own_model, data)
    if model is not None:
        x = torch.randn(1, 5, model.shape.input_size)
        model.rnn(x)                             # what loaded runs
