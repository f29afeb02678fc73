"""The "Your data and models" page under AppTest: uploads of every kind, good and bad, in both languages;
no traceback ever, a message saying what is wrong, and the session's model untouched by any upload."""
import io
import json
import pickle
import re
import time
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from testkit.learner_text import as_read
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.i18n import STRINGS, t
from rnnviz.live.worker import TrainingWorker
from rnnviz.tasks.custom import series_rows_needed, text_chars_needed
from rnnviz.uploads import MAX_UPLOAD_MB, MISSING_CHOICES, OwnSentences, OwnSeries, OwnText
from testkit.plotly_spec import values

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "views" / "data.py"


@pytest.fixture
def page():
    """The page on its own, in English, with a session worker it must leave alone."""
    from streamlit.testing.v1 import AppTest

    worker = TrainingWorker(Experiment.build(ExperimentConfig.for_task("sine", hidden_size=4, steps=5)))
    worker.step_once()                                                   # a model with some training in it
    deadline = time.monotonic() + 20
    while worker.experiment.trainer.step_count < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state["lang"] = "en"
    at.session_state["worker"] = worker
    at.run()
    assert not at.exception
    weights = {k: v.clone() for k, v in worker.experiment.model.state_dict().items()}
    yield at
    assert at.session_state["worker"] is worker, "an upload replaced the session's worker"
    after = worker.experiment.model.state_dict()
    assert all(torch.equal(weights[k], after[k]) for k in weights), "an upload changed the trained weights"
    assert worker.experiment.trainer.step_count == 1
    worker.stop()


def upload(at, section: str, name: str, data: bytes):
    at.file_uploader(key=f"data.{section}.file").set_value((name, data, "application/octet-stream"))
    at.run()
    assert not at.exception, at.exception
    return at


def warnings(at) -> list[str]:
    """The warnings as the page reads them: what a file holds is shown with its Markdown escaped."""
    return [as_read(w.value) for w in at.warning]


def saved(obj) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def test_every_string_the_page_asks_for_exists():
    source = PAGE.read_text()
    literal = set(re.findall(r'(?<![\w.])(?:tr|t)\("(data\.[a-z_.]+)"', source))
    assert {"data.title", "data.intro", "data.model.report", "data.series.report"} <= literal
    dynamic = {f"data.{section}.upload{suffix}" for section in ("series", "text", "sentences", "model")
               for suffix in ("", ".help")}
    dynamic |= {f"data.series.missing.{choice}" for choice in MISSING_CHOICES}
    dynamic |= {f"data.series.fig.{k}" for k in ("title", "train", "val", "test")}
    dynamic |= {f"data.model.{what}.{flag}" for what in ("bias", "directions") for flag in (True, False)}
    dynamic |= {f"data.tab.{k}" for k in ("series", "text", "sentences", "model")}
    missing = sorted(key for key in literal | dynamic if key not in STRINGS)
    assert not missing, missing


def test_every_uploader_states_its_limit(page):
    assert len(page.file_uploader) == 4
    for uploader in page.file_uploader:
        assert f"{MAX_UPLOAD_MB} MB" in uploader.label
        assert uploader.proto.max_upload_size_mb == MAX_UPLOAD_MB


def test_the_page_in_spanish():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(PAGE), default_timeout=30)
    at.session_state["lang"] = "es"
    at.run()
    assert not at.exception
    assert "worker" not in at.session_state, "visiting this page must not build a model"
    assert at.title[0].value == t("data.title", "es")
    tabs = ("series", "text", "sentences", "model")
    assert [tab.label for tab in at.tabs] == [t(f"data.tab.{k}", "es") for k in tabs]


def test_a_series_is_reported_drawn_and_kept_for_training(page):
    n = series_rows_needed(50) + 40
    values = np.sin(np.arange(n) / 7.0)
    lines = [f"2024-01-01T00:{i // 60:02d}:{i % 60:02d},{'' if i % 25 == 3 else f'{values[i]:.6f}'}" for i in range(n)]
    data = ("time,level\n" + "\n".join(reversed(lines)) + "\n").encode()         # newest first: sorted by date
    upload(page, "series", "levels.csv", data)
    page.selectbox(key="data.series.date").select_index(1).run()
    assert not page.exception and not warnings(page)
    report = next(m.value for m in page.markdown if "rows read" in m.value)
    missing = sum(1 for i in range(n) if i % 25 == 3)
    assert f"**{n}** rows read; **{missing}** values missing ({missing / n:.1%})" in report
    spec = json.loads(page.get("plotly_chart")[0].proto.spec)
    assert [trace["type"] for trace in spec["data"]] == ["scatter"] * 3
    assert [trace["name"] for trace in spec["data"]] == ["train", "validation", "test"]

    page.button(key="data.use.sine").click().run()
    own = page.session_state["custom_data"]["sine"]
    assert isinstance(own, OwnSeries) and own.name == "levels.csv" and own.date_column == "time"
    assert len(page.success) == 1
    page.button(key="data.builtin.sine").click().run()
    assert "sine" not in page.session_state["custom_data"]


@pytest.mark.parametrize("name, data, message", [
    ("empty.csv", b"", "empty"),
    ("names.csv", b"name\nalice\nbob\n", "No column holds numbers"),
    ("latin1.csv", "año,valor\n2001,1\n".encode("latin-1"), "not UTF-8"),
    ("huge.csv", b"v\n1\n1e300\n2\n", "float32"),
    ("one.csv", b"v\n3\n", f"need at least **{series_rows_needed(50)}**"),
    ("ragged.csv", b"a,b\n1,2\n1,2,3\n", "cannot be read"),
])
def test_a_bad_series_gets_a_message(page, name, data, message):
    upload(page, "series", name, data)
    assert any(message in w for w in warnings(page)), warnings(page)
    assert not page.get("plotly_chart")
    page.run()                                                           # a rerun shows it again (cached)
    assert any(message in w for w in warnings(page))


def test_own_text_pasted_or_uploaded(page):
    page.text_area(key="data.text.pasted").input("too short").run()
    assert any(f"need at least **{text_chars_needed(64)}**" in w for w in warnings(page))
    text = "En un lugar de la Mancha, de cuyo nombre no quiero acordarme.\n" * 30
    page.text_area(key="data.text.pasted").input(text).run()
    assert not page.exception and not warnings(page)
    page.button(key="data.use.char-lm").click().run()
    assert page.session_state["custom_data"]["char-lm"].text == text
    upload(page, "text", "bad.txt", "El niño".encode("latin-1"))
    assert any("not UTF-8" in w for w in warnings(page))
    upload(page, "text", "emoji.txt", "😀🙃🎉🚀".encode() * 300)
    assert not warnings(page)
    page.button(key="data.use.char-lm").click().run()
    own = page.session_state["custom_data"]["char-lm"]
    assert isinstance(own, OwnText) and own.name == "emoji.txt" and own.text == "😀🙃🎉🚀" * 300


def test_own_sentences(page):
    rows = [f"good thing {i},positive" for i in range(15)] + [f"bad thing {i},0" for i in range(15)]
    upload(page, "sentences", "s.csv", ("text,label\n" + "\n".join(rows)).encode())
    assert not warnings(page)
    assert any("**30** rows read, **30** used: 15 positive and 15 negative" in m.value for m in page.markdown)
    page.button(key="data.use.sentiment").click().run()
    assert isinstance(page.session_state["custom_data"]["sentiment"], OwnSentences)
    upload(page, "sentences", "s.csv", b"sentence,label\nhello,1\n")
    assert any("needs the columns `text` and `label`" in w for w in warnings(page))
    upload(page, "sentences", "s.csv", ("text,label\n" + "\n".join(rows[:15])).encode())
    assert any("same label" in w for w in warnings(page))


def test_own_model_is_described_and_animated(page):
    torch.manual_seed(0)
    upload(page, "model", "gru.pt", saved(nn.GRU(2, 6, num_layers=2).state_dict()))
    assert not warnings(page)
    assert any("**GRU** · input size **2** · hidden size **6** · **2** layer(s)" in m.value for m in page.markdown)
    spec = json.loads(page.get("plotly_chart")[0].proto.spec)
    assert len(spec["frames"]) == 20                                     # one frame per step of the default input
    assert "heatmap" in [trace["type"] for trace in spec["data"]]
    assert page.session_state["own_model"].shape.cell == "gru"
    grads = json.loads(page.get("plotly_chart")[1].proto.spec)             # ||dL/dh_t||, L = 1/2 ||h_T||^2
    own = page.session_state["own_model"]
    x = torch.randn(1, 20, 2, generator=torch.Generator().manual_seed(0))
    states = []                                                            # independent: unrolled autograd
    h = [torch.zeros(1, 6), torch.zeros(1, 6)]
    for t in range(20):
        inp = x[:, t]
        for layer in range(2):
            cell = nn.GRUCell(2 if layer == 0 else 6, 6)
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(cell, name).data = getattr(own.rnn, f"{name}_l{layer}").data
            h[layer] = cell(inp, h[layer])
            h[layer].retain_grad()
            states.append((layer, t, h[layer]))
            inp = h[layer]
    (0.5 * h[1].pow(2).sum()).backward()
    top = [float(s.grad.norm()) for layer, t, s in states if layer == 1]
    drawn = [trace for trace in grads["data"] if trace.get("mode") == "lines+markers"]
    assert len(drawn) == 2
    assert np.allclose(values(drawn[1]["y"]), top, rtol=1e-4, atol=0)

    page.number_input(key="data.model.steps").set_value(7).run()
    assert len(json.loads(page.get("plotly_chart")[0].proto.spec)["frames"]) == 7
    page.toggle(key="data.model.typed").set_value(True).run()
    page.text_area(key="data.model.numbers").input("1, 2\n3\n").run()
    assert any("Step 2 has 1 number(s); the network reads 2 per step" in w for w in warnings(page))
    page.text_area(key="data.model.numbers").input("1, 2\n3, 4\n5 6\n").run()
    assert not warnings(page)
    assert len(json.loads(page.get("plotly_chart")[0].proto.spec)["frames"]) == 3


def test_an_rnn_asks_for_its_nonlinearity(page):
    upload(page, "model", "rnn.pt", saved(nn.RNN(1, 3).state_dict()))
    assert page.selectbox(key="data.model.nonlinearity").value == "tanh"
    page.selectbox(key="data.model.nonlinearity").set_value("relu").run()
    assert page.session_state["own_model"].rnn.nonlinearity == "relu"
    assert any("RNN (ReLU)" in m.value for m in page.markdown)


class RunsCode:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_bad_models_get_a_message_and_code_never_runs(page, tmp_path):
    marker = tmp_path / "code_ran"
    upload(page, "model", "evil.pt", saved({"weight_ih_l0": torch.zeros(3, 1), "x": RunsCode(marker)}))
    assert any("could run code" in w for w in warnings(page)) and not marker.exists()
    upload(page, "model", "evil2.pt", pickle.dumps(RunsCode(marker)))     # not torch.save's zip: never unpickled
    assert any("not a PyTorch file" in w for w in warnings(page)) and not marker.exists()
    good = saved(nn.LSTM(2, 4).state_dict())
    upload(page, "model", "cut.pt", good[:len(good) // 2])
    assert any("truncated" in w for w in warnings(page))
    upload(page, "model", "shape.pt", saved(dict(nn.LSTM(2, 4, num_layers=2).state_dict(), bias_ih_l1=torch.zeros(4))))
    assert any("`bias_ih_l1` has shape (4,), but this network needs (16,)" in w for w in warnings(page))
    assert not page.get("plotly_chart")


@pytest.mark.parametrize("view,key,charts", [("inside", "data.model.animation", 1), ("gradients", "data.model.grads", 1)])
def test_the_inside_and_gradients_pages_show_an_uploaded_model(view, key, charts):
    from streamlit.testing.v1 import AppTest

    from rnnviz.uploads import own_model
    torch.manual_seed(0)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    at.session_state["own_model"] = own_model(saved(nn.LSTM(3, 5).state_dict()), name="lstm.pt")
    at.switch_page(f"views/{view}.py").run()
    trained = at.session_state["worker"]
    at.toggle(key=f"{view}.own_model").set_value(True).run()
    try:
        assert not at.exception, at.exception
        shown = [c for c in at.get("plotly_chart") if key in c.proto.id]
        assert len(shown) == charts
        spec = json.loads(shown[0].proto.spec)
        if view == "inside":
            assert len(spec["frames"]) == 20                          # the default 20 random input steps
        assert at.session_state["worker"] is trained                  # the trained model is left alone
    finally:
        trained.stop()
