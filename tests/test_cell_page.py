"""The "The cell, opened" page under AppTest: walked step by step with its buttons (what the keyboard presses),
in both languages and for every cell kind, its numbers those of the session's own model, layer, direction and
unit chosen, play and pause, and remembered choices pulled back into range when the session's model is smaller."""
import copy
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import rnnviz

from app_pages import open_with
from following import kept_weights
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.figures.cell_diagram import MINUS, number
from rnnviz.i18n import STRINGS, t
from rnnviz.inside import sample_from_test_set, visible
from rnnviz.live.worker import TrainingWorker
from rnnviz.tracing import trace_model
from rnnviz.ui.patches.live_chart import slot_keys
from testkit.waiting import wait_for

ROOT = Path(__file__).resolve().parents[1]
PAGE = "views/cell.py"


@pytest.fixture
def app():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    yield at
    if "worker" in at.session_state:
        at.session_state["worker"].stop()


def open_page(at, lang="en", task="sum-sign", **knobs):
    """The page with the experiment's knobs set before the first run (as the sidebar keeps them)."""
    return open_with(at, PAGE, ExperimentConfig.for_task(task, **knobs), lang)


def diagram(at) -> dict:
    """The diagram's spec as sent to the browser: the newest slot of its live chart."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")
             if chart.proto.id.endswith(slot_keys("cell.diagram"))]
    assert specs, "no diagram drawn"
    return specs[-1]


def title(spec) -> str:
    return spec["layout"]["title"]["text"]


def written(spec) -> dict[str, str]:
    """symbol -> the number written under it on the drawing."""
    found = {}
    for annotation in spec["layout"]["annotations"]:
        parts = annotation.get("text", "").split("<br>")
        if len(parts) == 2 and re.fullmatch(f"{MINUS}?\\d+\\.\\d+", parts[1]):
            found[parts[0]] = parts[1]
    return found


def session_trace(at, index=0):
    """The session's model traced on test sequence `index`, computed here from the worker's own model."""
    experiment = at.session_state["worker"].experiment
    return trace_model(experiment.model, sample_from_test_set(experiment.data, index).x).rnn


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("cell", ["rnn", "rnn-relu", "lstm", "gru"])
def test_walking_the_cell_step_by_step(app, cell, lang):
    at = open_page(app, lang=lang, cell=cell, hidden_size=8)
    assert at.title[0].value == t("cell.title", lang)
    assert [b.label for b in at.button if b.key and b.key.startswith("cell.")] == \
        [t("cell.previous", lang), t("cell.play", lang), t("cell.next", lang)]
    T = at.session_state["worker"].experiment.data.seq_len
    assert at.slider(key="cell.t").value == 0
    layer = session_trace(at).layer(0)
    for expected_t in (1, 2):                       # → twice
        at.button(key="cell.next").click().run()
        assert not at.exception, at.exception
        assert at.slider(key="cell.t").value == expected_t
        spec = diagram(at)
        assert f"t = {expected_t} " in title(spec)
        drawn = written(spec)
        assert drawn["h<sub>t</sub>"] == number(layer.hidden[0, expected_t, 0].item())
        assert drawn[f"h<sub>t{MINUS}1</sub>"] == number(layer.hidden[0, expected_t - 1, 0].item())
        if cell == "lstm":
            assert drawn["c<sub>t</sub>"] == number(layer.cell[0, expected_t, 0].item())
            assert drawn["f<sub>t</sub>"] == number(layer.gates["forget"][0, expected_t, 0].item())
        if cell == "gru":
            assert drawn["z<sub>t</sub>"] == number(layer.gates["update"][0, expected_t, 0].item())
    for _ in range(3):                              # ← three times: from 2 back past 0 to the last step
        at.button(key="cell.previous").click().run()
    assert at.slider(key="cell.t").value == T - 1
    at.slider(key="cell.t").set_value(4).run()
    assert f"t = 4 " in title(diagram(at))
    other = "en" if lang == "es" else "es"
    assert t("cell.fig.numbers", other, unit=0, count=8) not in json.dumps(diagram(at))


@pytest.mark.parametrize("task", ["sentiment", "char-lm"])
def test_a_task_of_words_or_characters_names_the_token_x_t_reads(app, task):
    at = open_page(app, task=task, cell="lstm", hidden_size=8, embedding_dim=4)
    at.button(key="cell.next").click().run()
    assert not at.exception, at.exception
    experiment = at.session_state["worker"].experiment
    sample = sample_from_test_set(experiment.data, 0)
    assert f"(input «{visible(sample.tokens[1])}»)" in json.dumps(diagram(at), ensure_ascii=False)


def test_play_and_pause(app):
    at = open_page(app, cell="lstm", hidden_size=8)
    at.button(key="cell.play").click().run()
    assert not at.exception, at.exception
    assert at.session_state["cell.playing"] is True
    assert at.button(key="cell.play").label == "Pause"
    at.button(key="cell.play").click().run()
    assert at.session_state["cell.playing"] is False
    assert at.button(key="cell.play").label == "Play"


def test_layer_direction_and_unit(app):
    at = open_page(app, cell="gru", hidden_size=8, layers=2, bidirectional=True)
    at.slider(key="cell.layer").set_value(2).run()
    at.toggle(key="cell.backward").set_value(True).run()
    at.number_input(key="cell.unit").set_value(5).run()
    at.number_input(key="cell.index").set_value(3).run()
    assert not at.exception, at.exception
    spec = diagram(at)
    assert "layer 2 (reverse)" in title(spec)
    assert any(a.get("text") == "numbers:<br>unit 5 of 8" for a in spec["layout"]["annotations"])
    layer = session_trace(at, index=3).layer(1, 1)
    drawn = written(spec)
    assert drawn["h<sub>t</sub>"] == number(layer.hidden[0, 0, 5].item())
    assert drawn["h<sub>t+1</sub>"] == number(layer.hidden[0, 1, 5].item())     # reads from the end
    assert drawn["r<sub>t</sub>"] == number(layer.gates["reset"][0, 0, 5].item())


def test_a_smaller_model_pulls_the_chosen_unit_and_step_back_into_range(app):
    at = open_page(app, cell="lstm", hidden_size=8)
    at.number_input(key="cell.unit").set_value(7).run()
    at.slider(key="cell.t").set_value(9).run()
    at.session_state["worker"].stop()
    small = TrainingWorker(Experiment.build(ExperimentConfig.for_task("sum-sign", cell="lstm", hidden_size=4,
                                                                      task_params={"seq_len": 5})))
    small.step_once()                          # trained: kept although the sidebar describes another experiment
    assert wait_for(lambda: small.snapshot().step == 1)
    at.session_state["worker"] = small
    at.run()
    assert not at.exception, at.exception
    assert at.number_input(key="cell.unit").value == 3 and at.slider(key="cell.t").value == 4
    assert any("sidebar describes a different experiment" in i.value for i in at.info)
    assert "numbers:<br>unit 3 of 4" in json.dumps(diagram(at))


def test_every_key_the_page_asks_for_exists():
    source = (ROOT / "views" / "cell.py").read_text()
    literal = set(re.findall(r'tr\("([a-z_.-]+)"', source))
    assert len(literal) > 12, "the regex found too few keys: the test would prove nothing"
    assert literal - STRINGS.keys() == set()


def test_following_training_draws_the_cell_from_the_weights_of_each_step(app):
    at = open_page(app, cell="lstm", hidden_size=8, steps=100_000)
    worker = at.session_state["worker"]
    kept = kept_weights(worker)
    at.toggle(key="cell.follow").set_value(True).run()
    at.slider(key="cell.t").set_value(6).run()
    assert not at.exception, at.exception
    assert any("Start" in c.value for c in at.caption), "following before training says what to do"
    x = worker.experiment.model.embed(worker.experiment.data.test[0][0:1])
    worker.start()
    drawn = []
    for _ in range(3):
        last = drawn[-1][0] if drawn else 0
        assert wait_for(lambda: worker.snapshot().step > last + 3, timeout=60), "the worker did not train"
        at.run()                                                    # as a refresh of the fragment would
        assert not at.exception, at.exception
        step = int(next(re.search(r"training step (\d+)", c.value).group(1) for c in at.caption
                        if "training step" in c.value))
        rnn = copy.deepcopy(worker.initial_model.rnn)
        rnn.load_state_dict(kept[step])
        layer = rnnviz.trace(rnn, x).layers[0]
        shown = written(diagram(at))
        assert shown["h<sub>t</sub>"] == number(layer.hidden[0, 6, 0].item())
        assert shown["c<sub>t</sub>"] == number(layer.cell[0, 6, 0].item())
        assert at.slider(key="cell.t").value == 6 and at.toggle(key="cell.follow").value
        drawn.append((step, shown["c<sub>t</sub>"]))
    assert drawn[0][0] < drawn[1][0] < drawn[2][0], "each refresh draws a later step"
    worker.pause()
