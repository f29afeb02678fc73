"""Issue 24 on the "Your data and models" page under AppTest: an upload is read once per file whatever
the reruns, a Spanish series says which date order it was read in, and a model of 500 inputs draws a
bounded number of lines."""
import io
import json
import re
from pathlib import Path

import pytest
import torch
from torch import nn

from rnnviz import uploads

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "views" / "data.py"


@pytest.fixture
def page():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    assert not at.exception
    return at


def upload(at, key: str, name: str, data: bytes):
    at.file_uploader(key=key).set_value((name, data, "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    return at


def saved(obj) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def counting(monkeypatch, name: str) -> list:
    """Count the calls of rnnviz.uploads.<name> (the page and the library look it up at each call)."""
    calls, original = [], getattr(uploads, name)
    monkeypatch.setattr(uploads, name, lambda *a, **k: calls.append(1) or original(*a, **k))
    return calls


def test_a_refused_numbers_file_is_read_once_whatever_the_reruns(page, monkeypatch):
    upload(page, "data.model.file", "gru.pt", saved(nn.GRU(2, 3).state_dict()))
    page.toggle(key="data.model.typed").set_value(True).run()
    parsed = counting(monkeypatch, "_parse_numbers")
    rows = "\n".join("1, 2, 3" for _ in range(200_000))           # 3 numbers a step; the model reads 2
    upload(page, "data.model.numbers_file", "numbers.csv", rows.encode())
    assert any("Step 1 has 3 number(s)" in w.value for w in page.warning)
    for _ in range(3):                                              # later clicks elsewhere on the page
        page.run()
    assert any("Step 1 has 3 number(s)" in w.value for w in page.warning)
    assert len(parsed) == 1


def test_a_series_is_read_once_per_content(page, monkeypatch):
    read = counting(monkeypatch, "read_table")
    data = b"t;v\n" + b"".join(f"{i};{i % 7},5\n".encode() for i in range(400))
    upload(page, "data.series.file", "a.csv", data)
    page.selectbox(key="data.series.missing").set_value("drop").run()
    page.run()
    upload(page, "data.series.file", "same.csv", data)             # the same content again, another name
    assert len(read) == 1 and not page.exception


def test_a_spanish_series_says_its_date_order(monkeypatch):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state["lang"] = "es"
    at.run()
    rows = "".join(f"{day:02d}/{month:02d}/2023;{day + month},5\n" for month in (1, 2, 3, 4) for day in range(1, 13))
    upload(at, "data.series.file", "serie.csv", ("sep=;\nfecha;valor\n" + rows * 12).encode())      # 576 rows
    at.selectbox(key="data.series.date").set_value("fecha").run()
    said = [m.value for m in at.markdown if "Fechas leídas" in m.value]
    assert said == ["Fechas leídas como **día/mes/año** (01/02/2023 es el 1 de febrero): ninguna fecha lo "
                    "decide, así que es lo habitual en español; cámbialo arriba si no es así."]
    at.selectbox(key="data.series.date_order").set_value("month").run()
    assert any("**mes/día/año**" in m.value and "como elegiste" in m.value for m in at.markdown)
    assert not at.exception and not at.warning, [w.value for w in at.warning]


def test_a_model_of_500_inputs_draws_a_bounded_number_of_lines(page):
    upload(page, "data.model.file", "wide.pt", saved(nn.LSTM(500, 4).state_dict()))
    assert not page.warning
    spec = json.loads(page.get("plotly_chart")[0].proto.spec)
    assert len(spec["data"]) < 40, len(spec["data"])           # not a line for each of 500 inputs
    assert any("the first 8 are drawn" in c.value for c in page.caption)


def test_a_model_beyond_the_bounds_gets_a_message_and_no_chart(page):
    upload(page, "data.model.file", "huge.pt", saved({"weight_ih_l0": torch.zeros(1, 20_000),
                                                      "weight_hh_l0": torch.zeros(1, 1)}))
    assert [w.value for w in page.warning] == [
        "The model reads 20000 values per step (its input size); at most 500 are accepted here, as in the models "
        "this dashboard trains."]
    assert not page.get("plotly_chart")


def test_what_a_file_holds_is_shown_as_plain_text(page):
    link = "[log in here](http://evil.example/login)"
    state = {f"rnn.{key}": value for key, value in nn.GRU(2, 3).state_dict().items()}
    state[f"head.{link}"] = torch.zeros(1)                       # outside the recurrent module: listed, unused
    upload(page, "data.model.file", "![x](http://evil.example/p.png).pt", saved(state))
    [info] = [i.value for i in page.info if "not used" in i.value]
    assert not re.search(r"(?<!\\)[\[\]()!]", info) and "\\[log in here\\]\\(http" in info, info
    assert page.session_state["own_model"].name.startswith("![x]")


def test_a_column_name_is_no_link_in_the_chart(page):
    column = "<a href='http://evil.example'>click</a>"
    data = (f"{column}\n" + "".join(f"{(i * 7) % 11}\n" for i in range(600))).encode()
    upload(page, "data.series.file", "s.csv", data)
    spec = json.loads(page.get("plotly_chart")[0].proto.spec)
    title = spec["layout"]["yaxis"]["title"]["text"]
    assert "<a" not in title and "&lt;a href=" in title


def test_the_pages_upload_work_runs_on_an_upload_thread_below_trainings_priority(page, monkeypatch):
    import threading

    from rnnviz.live import upload_work
    from rnnviz.live.cpu_slots import TRAINING_NICENESS

    seen, original = [], uploads.read_state_dict
    monkeypatch.setattr(uploads, "read_state_dict", lambda *a, **k: seen.append(
        (upload_work.niceness(), threading.current_thread().name, torch.get_num_threads())) or original(*a, **k))
    upload(page, "data.model.file", "gru.pt", saved(nn.GRU(2, 3).state_dict()))
    [(nice, thread, threads)] = seen
    assert thread == "rnnviz-upload" and threads == 1
    assert nice is None or nice >= upload_work.UPLOAD_NICENESS > TRAINING_NICENESS


# --- work for a session stops when its session ends ------------------------------------------------------

def closing_session(monkeypatch):
    """The page's sessions stay open until the returned event is cleared (as a tab closing does)."""
    import threading

    from rnnviz.ui import session

    open_ = threading.Event()
    open_.set()
    monkeypatch.setattr(session, "session_alive", lambda: open_.is_set)
    return open_


def test_a_heavy_models_inspection_stops_when_its_session_ends_and_goes_on_when_asked_again(page, monkeypatch):
    import threading

    from rnnviz.ui import uploads as ui_uploads
    from testkit.state_dicts import deflated, zeros_state

    session_open = closing_session(monkeypatch)
    traced, later = [], []
    original_trace = ui_uploads.trace

    def trace_then_close(*args):
        traced.append(1)
        result = original_trace(*args)
        if len(traced) == 1:
            session_open.clear()            # the learner closes the tab while the model is traced
        return result

    monkeypatch.setattr(ui_uploads, "trace", trace_then_close)
    for name in ("hidden_grad_norms", "states_animation_figure"):
        original = getattr(ui_uploads, name)
        monkeypatch.setattr(ui_uploads, name, lambda *a, _original=original, _name=name, **k: later.append(_name)
                            or _original(*a, **k))
    bounds = uploads.model_bounds()
    worst = deflated(saved(zeros_state("lstm", bounds["input_size"], bounds["hidden_size"], bounds["num_layers"],
                                       bidirectional=True, biases=True)))
    upload(page, "data.model.file", "worst.pt", worst)
    assert traced == [1] and later == []              # traced, then nothing more: no gradients, no figure
    assert not page.get("plotly_chart") and not page.warning
    assert not [t for t in threading.enumerate() if t.name == "rnnviz-upload"]      # no thread left behind

    session_open.set()                                # a browser back on the same session asks again
    page.run()
    assert not page.exception
    assert len(traced) == 1                           # the trace had finished: remembered; the rest is done now
    assert sorted(set(later)) == ["hidden_grad_norms", "states_animation_figure"]
    assert len(page.get("plotly_chart")) == 2


def test_a_tables_reading_stops_between_its_steps_when_its_session_ends(page, monkeypatch):
    session_open = closing_session(monkeypatch)
    original, columns = uploads.read_table, []
    monkeypatch.setattr(uploads, "read_table", lambda *a, **k: (original(*a, **k), session_open.clear())[0])
    monkeypatch.setattr(uploads, "numeric_columns", lambda table: columns.append(1) or ["v"])
    upload(page, "data.series.file", "s.csv", b"v\n" + b"".join(f"{i % 9}\n".encode() for i in range(500)))
    assert columns == [] and not page.get("plotly_chart")


# --- inspected once per model version ---------------------------------------------------------------------

def test_an_uploaded_models_trace_and_figure_are_computed_once_whatever_the_reruns(page, monkeypatch):
    from rnnviz.ui import uploads as ui_uploads

    calls = []
    for name in ("trace", "hidden_grad_norms", "states_animation_figure"):
        original = getattr(ui_uploads, name)
        monkeypatch.setattr(ui_uploads, name, lambda *a, _original=original, _name=name, **k: calls.append(_name)
                            or _original(*a, **k))
    read = counting(monkeypatch, "read_state_dict")
    data = saved(nn.LSTM(3, 5, num_layers=2).state_dict())
    upload(page, "data.model.file", "lstm.pt", data)
    for _ in range(3):
        page.run()                                            # clicks elsewhere on the page
    upload(page, "data.model.file", "same weights, another name.pt", data)
    assert sorted(calls) == ["hidden_grad_norms", "states_animation_figure", "trace"]
    assert len(read) == 1                                     # the file read once, not once for its shape too
    assert len(page.get("plotly_chart")) == 2 and not page.exception


@pytest.mark.parametrize("training, key", [(0, "data.working"), (3, "data.working.busy")])
def test_while_an_upload_works_the_page_says_so_and_why_it_is_slow_when_others_train(page, monkeypatch,
                                                                                   training, key):
    """Upload work yields to the class's training (rnnviz/live/upload_work.py) and then takes several times
    longer: the learner is told, not left before a page that seems stuck."""
    import contextlib

    from rnnviz.i18n import t
    from rnnviz.ui import uploads as page_uploads

    said = []

    @contextlib.contextmanager
    def spinner(text, *args, **kwargs):
        said.append(text)
        yield

    monkeypatch.setattr(page_uploads, "training_now", lambda: training)
    monkeypatch.setattr(page_uploads.st, "spinner", spinner)
    upload(page, "data.model.file", "gru.pt", saved(nn.GRU(2, 3).state_dict()))
    assert said and set(said) == {t(key, "en")}
