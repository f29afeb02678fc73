"""The Gradients page under AppTest: every figure drawn from the session's worker, the rho lab, the
heatmap growing with training, the clipping switch, and its strings in Spanish and English."""
import json
import re
import string
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import open_with
from rnnviz import model_gradients
from rnnviz.config import ExperimentConfig, knob
from rnnviz.experiment import Experiment
from rnnviz.gradients import model_hidden_grad_norms
from rnnviz.i18n.gradients import STRINGS
from rnnviz.live.worker import TrainingWorker
from rnnviz.models import build_model
from rnnviz.tasks import make_task
from rnnviz.ui.patches.live_chart import slot_keys
from testkit.plotly_spec import values
from testkit.waiting import wait_for

ROOT = Path(__file__).resolve().parents[1]
PAGE = "views/gradients.py"
FIGURES = ("gradients.now", "gradients.heatmap", "gradients.lab", "gradients.unrolled", "gradients.loss",
           "gradients.step_norms", "gradients.attribution")
SOURCES = (PAGE, "rnnviz/ui/gradient_lab.py", "rnnviz/ui/gradient_panels.py")   # the page and its sections


@pytest.fixture
def app():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    extra = []
    yield at, extra
    for worker in [*extra, at.session_state["worker"] if "worker" in at.session_state else None]:
        if worker is not None:
            worker.stop()


def open_page(app, lang="en", task="sum-sign", **knobs):
    """The Gradients page with the experiment's knobs set before the first run (as the sidebar keeps them)."""
    at, _ = app
    return open_with(at, PAGE, ExperimentConfig.for_task(task, **knobs), lang)


def charts(at) -> dict:
    """Plotly specs by their key (the element id ends with it, or with one of its live slots' keys)."""
    found = {}
    for chart in at.get("plotly_chart"):
        key = next((k for k in FIGURES if chart.proto.id.endswith((k, *slot_keys(k)))), None)
        if key:
            found[key] = json.loads(chart.proto.spec)
    return found


def test_default_page_draws_every_figure(app):
    at = open_page(app, hidden_size=8)
    specs = charts(at)
    assert set(specs) == set(FIGURES)
    first_types = {key: spec["data"][0]["type"] for key, spec in specs.items()}
    assert first_types == {**{key: "scatter" for key in FIGURES}, "gradients.heatmap": "heatmap"}
    for key in ("gradients.now", "gradients.lab", "gradients.step_norms", "gradients.attribution"):
        assert specs[key]["layout"]["yaxis"]["type"] == "log", key
    for key, spec in specs.items():
        assert len(json.dumps(spec)) <= 2_000_000, key
    assert at.info[0].value.startswith("There is no trained model yet")     # untrained, but still drawn

    # the curve at initialisation is the worker's own step-0 recording on the same probe batch
    worker = at.session_state["worker"]
    initial = next(t for t in specs["gradients.now"]["data"] if t["name"] == "layer 1" and t.get("xaxis", "x") == "x")
    np.testing.assert_allclose(values(initial["y"]), worker.snapshot().grad_norms[0][0], rtol=1e-6)
    assert values(specs["gradients.heatmap"]["data"][0]["z"]).shape == (1, worker.experiment.data.seq_len)


def test_spanish_and_english(app):
    at = open_page(app, lang="es", hidden_size=8)
    assert at.title[0].value == "Gradientes que se desvanecen y que explotan"
    assert any("Qué mirar" in m.value for m in at.markdown)
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "Vanishing and exploding gradients"
    assert sum("What to look for" in m.value for m in at.markdown) == 6, "one explanation beside each section"


def test_rho_lab_tanh_rnn_vanishes_to_exact_zeros_and_draws_the_bound(app):
    at = open_page(app, hidden_size=8)
    at.selectbox(key="gradients.lab.cell").set_value("rnn").run()
    at.slider(key="gradients.lab.seq_len").set_value(200).run()
    rho = at.slider(key="gradients.lab.rho")
    assert (rho.min, rho.max) == (knob("spectral_radius").low, knob("spectral_radius").high)   # valid rhos only
    rho.set_value(0.05).run()
    assert not at.exception, at.exception
    lab = charts(at)["gradients.lab"]
    names = [t["name"] for t in lab["data"]]
    assert any(name.startswith("Pascanu bound") for name in names)

    # independently: the same fresh model, its gradient norms, where they are exactly 0
    config = at.session_state["config"].replace(cell="rnn", spectral_radius=0.05, task_params={"seq_len": 200})
    data = make_task(config.task, seed=config.seed, **config.task_params)
    model = build_model(config, data).eval()
    x, y = data.val
    norms = model_hidden_grad_norms(model, x[:32], y[:32], data.loss)[0].numpy()
    zeros = np.flatnonzero(norms == 0)
    assert len(zeros) > 0
    marks = next(t for t in lab["data"] if t["name"] == "layer 1: exactly 0 (underflow)")
    np.testing.assert_array_equal(values(marks["x"]), zeros)
    assert any(f"{len(zeros)} of 200" in c.value for c in at.caption)

    at.selectbox(key="gradients.lab.cell").set_value("lstm").run()
    assert not any(t["name"].startswith("Pascanu") for t in charts(at)["gradients.lab"]["data"])
    assert any("for tanh RNNs" in i.value for i in at.info)


def lab_ratio(at) -> float:
    caption = next(c.value for c in at.caption if "‖dL/dh_0‖ / ‖dL/dh_(T-1)‖ in the top layer" in c.value)
    return float(caption.rsplit("= ", 1)[1])


def test_lab_tells_the_true_story_of_untrained_gated_cells_and_the_forget_bias(app):
    # the student: rho = 1, T = 100, an untrained LSTM; the lab said 3.7e-15 and nothing more
    at = open_page(app)
    at.selectbox(key="gradients.lab.cell").set_value("lstm").run()
    at.slider(key="gradients.lab.seq_len").set_value(100).run()
    at.slider(key="gradients.lab.rho").set_value(1.0).run()
    assert not at.exception, at.exception
    bias = at.select_slider(key="gradients.lab.forget_bias")
    assert bias.value is None and not bias.disabled
    config = at.session_state["config"]
    expected = model_gradients.radius_lab(*lab_setup(config, "lstm", 100, 1.0, None)).ratio
    assert lab_ratio(at) == pytest.approx(expected, rel=1e-2) and expected < 1e-12
    assert any("Untrained, a gated cell vanishes too" in w.value for w in at.warning)
    note = next(m.value for m in at.markdown if "The forget gate decides" in m.value)
    assert "f = 0.49" in note or "f = 0.50" in note or "f = 0.51" in note
    assert "Jozefowicz" in note and "Gers" in note

    at.select_slider(key="gradients.lab.forget_bias").set_value(4.0).run()
    assert not at.exception, at.exception
    assert lab_ratio(at) > 1e10 * expected                   # orders of magnitude more reaches the first step
    assert not any("Untrained, a gated cell vanishes too" in w.value for w in at.warning)
    assert any("f = 0.98" in m.value for m in at.markdown)

    at.selectbox(key="gradients.lab.cell").set_value("gru").run()
    assert at.select_slider(key="gradients.lab.forget_bias").disabled       # the LSTM's knob only
    assert any("the update gate plays that role" in m.value for m in at.markdown)


def test_lab_numbers_in_spanish_have_a_decimal_comma(app):
    at = open_page(app, lang="es", cell="lstm", hidden_size=8)
    at.slider(key="gradients.lab.seq_len").set_value(100).run()
    note = next(m.value for m in at.markdown if "La puerta de olvido" in m.value)
    assert re.search(r"f = 0,\d\d\b", note) and not re.search(r"f = 0\.\d", note)
    assert any("Sin entrenar, una celda con puertas también se desvanece" in w.value for w in at.warning)


def lab_setup(config, cell, seq_len, rho, bias):
    lab_config = model_gradients.radius_lab_config(config, cell, seq_len, rho, bias)
    return lab_config, model_gradients.lab_task_data(lab_config)


def test_lab_shows_the_learners_network_at_initialisation_and_now(app):
    at = open_page(app, cell="lstm", steps=20, hidden_size=8, batch_size=16)
    assert any("has not trained yet" in c.value for c in at.caption)
    worker = at.session_state["worker"]
    for step in (1, 2):
        worker.step_once()
        assert wait_for(lambda: worker.snapshot().step >= step, timeout=30.0), "the worker did not take its step"
    at.run()
    assert not at.exception, at.exception
    both = model_gradients.trained_and_initial(worker.initial_model, worker.model_copy(), worker.experiment.data)
    line = next(m.value for m in at.markdown if m.value.startswith("**Your network**"))
    assert f"**{both['initial']['ratio']:.2g}** at initialisation" in line
    assert f"**{both['now']['ratio']:.2g}** now (step 2)" in line
    assert any(c.value.startswith("Mean of its forget gate") for c in at.caption)


def names(spec) -> list[str]:
    """The unrolled view's row names, written above its rows."""
    return [a["text"][3:-4] for a in spec["layout"]["annotations"] if a["text"].startswith("<b>")]


def test_unrolled_view_draws_the_three_fresh_cells_and_the_learners_network(app):
    at = open_page(app, hidden_size=8)
    spec = charts(at)["gradients.unrolled"]
    assert names(spec) == ["RNN (tanh)", "LSTM", "GRU"]
    config = at.session_state["config"]
    lab_config, data = lab_setup(config, config.cell, config.seq_len, 1.0, None)
    fresh = model_gradients.fresh_cells_unrolled(lab_config, data)
    heads = next(t for t in spec["data"] if t.get("marker", {}).get("colorscale"))
    expected = np.concatenate([np.log10(np.concatenate([row.cell_state, row.hidden]) if row.cell_state is not None
                                        else row.hidden) for row in fresh.values()])
    np.testing.assert_allclose(np.sort(values(heads["marker"]["color"])), np.sort(expected), rtol=1e-5)

    at.radio(key="gradients.unrolled.which").set_value("yours").run()
    assert not at.exception, at.exception
    spec = charts(at)["gradients.unrolled"]
    assert names(spec) == ["at initialisation", "now (step 0)"]


def test_heatmap_has_one_row_per_recording_as_training_goes(app):
    at = open_page(app, steps=20, hidden_size=8, batch_size=16)          # 20 steps: recorded every step
    worker = at.session_state["worker"]
    for step in (1, 2, 3):
        worker.step_once()
        assert wait_for(lambda: worker.snapshot().step >= step, timeout=30.0), "the worker did not take its step"
    at.run()
    assert not at.exception, at.exception
    snap = worker.snapshot()
    heatmap = charts(at)["gradients.heatmap"]["data"][0]
    z = values(heatmap["z"])
    assert z.shape == (4, snap.grad_norm_array().shape[-1]) and list(values(heatmap["y"])) == [0, 1, 2, 3]
    expected = np.log10(snap.grad_norm_array()[:, 0].astype(np.float64))
    np.testing.assert_allclose(z, expected.astype(np.float32), rtol=1e-6)

    specs = charts(at)
    assert specs["gradients.now"]["layout"]["xaxis2"]["title"]["text"].endswith("now (step 3)")
    steps_line = specs["gradients.step_norms"]["data"][0]
    np.testing.assert_allclose(values(steps_line["y"]), [r["grad_norm"] for r in snap.history], rtol=1e-6)
    assert at.metric[0].value == str(len(snap.clip_events))


def test_following_training_measures_now_from_the_weights_of_the_step_drawn(app):
    import copy
    import time

    at = open_page(app, steps=100_000, hidden_size=8)
    worker = at.session_state["worker"]
    kept = {}                           # {step: the model's weights after it}, the last 3000 steps

    def keep_step(trainer):
        kept[trainer.step_count] = copy.deepcopy(trainer.model.state_dict())
        kept.pop(trainer.step_count - 3000, None)

    worker.experiment.trainer.add_callback("on_step_end", keep_step)
    at.toggle(key="gradients.follow").set_value(True).run()
    worker.start()
    x, y = worker.experiment.data.val
    drawn = []
    for _ in range(3):
        last = drawn[-1][0] if drawn else 0
        assert wait_for(lambda: worker.snapshot().step > last + 5, timeout=30), "the worker did not train"
        time.sleep(0.5)                 # past throttled()'s wait, which is about 10x a measurement
        at.run()                        # as a refresh of the fragment would
        assert not at.exception, at.exception
        spec = charts(at)["gradients.now"]
        step = int(re.search(r"now \(step (\d+)\)", spec["layout"]["xaxis2"]["title"]["text"]).group(1))
        now = values(next(t for t in spec["data"] if t["name"] == "layer 1" and t.get("xaxis") == "x2")["y"])
        model = copy.deepcopy(worker.initial_model)
        model.load_state_dict(kept[step])
        expected = model_hidden_grad_norms(model.eval(), x[:32], y[:32], worker.experiment.data.loss)[0].numpy()
        np.testing.assert_allclose(now, expected, rtol=1e-5)
        assert at.toggle(key="gradients.follow").value, "the switch survives the refresh"
        drawn.append((step, now))
    assert drawn[0][0] < drawn[1][0] < drawn[2][0], "each refresh measures a later step"
    assert not np.array_equal(drawn[0][1], drawn[2][1])
    worker.pause()


def test_clipping_switch_sets_the_sidebar_knob_and_reset_applies_it(app):
    at = open_page(app, hidden_size=8, clip=1.0)
    clipped = at.session_state["worker"]
    clipped.step_once()                        # a model that has trained keeps its settings until Reset
    assert wait_for(lambda: clipped.snapshot().step == 1)
    assert at.toggle(key="gradients.clip_on").value is True
    assert any(c.value == "This run clips the gradient norm to 1." for c in at.caption)
    at.toggle(key="gradients.clip_on").set_value(False).run()
    assert not at.exception, at.exception
    assert at.session_state["experiment"]["clip"] == 0.0 and at.session_state["cfg.clip"] == 0.0
    assert at.session_state["config"].clip == 0.0                     # the sidebar now says: no clipping

    # the running model still clips: the page says so, and Reset applies the sidebar
    assert at.session_state["worker"] is clipped
    assert any(c.value == "This run clips the gradient norm to 1." for c in at.caption)
    assert any("applies on reset" in i.value for i in at.info)
    at.button(key="gradients.reset").click().run()
    assert at.session_state["worker"] is not clipped
    assert at.session_state["worker"].experiment.config.clip == 0.0
    assert any(c.value == "This run does not clip the gradient." for c in at.caption)
    assert not any("applies on reset" in i.value for i in at.info)


def test_attribution_follows_the_sample_slider(app):
    at = open_page(app, hidden_size=8)
    at.slider(key="gradients.attribution.sample").set_value(7).run()
    spec = charts(at)["gradients.attribution"]
    assert "sample 7" in spec["layout"]["title"]["text"]
    assert len(values(spec["data"][0]["y"])) == at.session_state["worker"].experiment.data.seq_len


def test_stacked_bidirectional_model_has_a_curve_per_layer_direction(app):
    at = open_page(app, hidden_size=6, layers=2, bidirectional=True)
    curves = [t for t in charts(at)["gradients.now"]["data"] if t.get("mode") == "lines+markers"]
    names = [t["name"] for t in curves if t.get("showlegend", True)]
    assert names == ["layer 1 →", "layer 1 ←", "layer 2 →", "layer 2 ←"]
    at.selectbox(key="gradients.heatmap.curve").set_value(3).run()
    assert charts(at)["gradients.heatmap"]["layout"]["title"]["text"].endswith("layer 2 ←")


def test_remembered_choices_stay_valid_for_a_smaller_experiment(app):
    at = open_page(app, hidden_size=6, layers=2, bidirectional=True)
    at.selectbox(key="gradients.heatmap.curve").set_value(3).run()
    at.slider(key="gradients.attribution.sample").set_value(300).run()
    _, extra = app
    extra.append(at.session_state["worker"])
    small = TrainingWorker(Experiment.build(ExperimentConfig.for_task("char-lm", hidden_size=6, embedding_dim=4)))
    small.step_once()                          # trained: kept although the sidebar describes another experiment
    assert wait_for(lambda: small.snapshot().step == 1)
    at.session_state["worker"] = small
    at.run()
    assert not at.exception, at.exception
    last = len(small.experiment.data.test[0]) - 1
    assert at.slider(key="gradients.attribution.sample").value == last
    assert f"sample {last}" in charts(at)["gradients.attribution"]["layout"]["title"]["text"]


@pytest.mark.parametrize("task", ["copy", "char-lm"])
def test_text_tasks_show_tokens(app, task):
    at = open_page(app, task=task, hidden_size=8, embedding_dim=4)
    line = charts(at)["gradients.attribution"]["data"][0]
    assert len(line["text"]) == at.session_state["worker"].experiment.data.seq_len


def throttle_script():
    import streamlit as st

    from rnnviz.ui.session_cache import throttled

    state = st.session_state
    state["result"] = throttled("test", state["worker"], state["step"], state["compute"])


def test_live_measurement_is_throttled_only_while_training_runs(monkeypatch):
    """On the throttle's own clock, moved by the test: a slow AppTest run on a loaded machine no longer
    counts as time between two polls, nor does a sleep that overran (either made it fail)."""
    from types import SimpleNamespace

    from rnnviz.ui import session_cache

    clock = {"now": 0.0}
    monkeypatch.setattr(session_cache, "time", SimpleNamespace(monotonic=lambda: clock["now"]))
    status = {"now": "running"}
    worker = SimpleNamespace(snapshot=lambda: SimpleNamespace(status=status["now"]))
    calls = []

    def compute():
        calls.append(1)
        clock["now"] += 0.05                   # a measurement taking 50 ms: at most one per 0.5 s
        return len(calls)

    at = AppTest.from_function(throttle_script)
    at.session_state["worker"], at.session_state["compute"] = worker, compute
    results = []
    for step, seconds_later, now in [(1, 0, "running"), (2, 0.49, "running"), (3, 0.6, "running"),
                                     (4, 0, "paused"), (4, 0, "paused")]:
        clock["now"] += seconds_later
        status["now"] = now
        at.session_state["step"] = step
        at.run()
        results.append(at.session_state["result"])
    assert results == [1, 1, 2, 3, 3]


# --- strings -------------------------------------------------------------------------------------

def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_both_languages_with_the_same_placeholders():
    for key, entry in STRINGS.items():
        assert key.startswith("gradients."), key
        assert set(entry) == {"es", "en"} and all(entry.values()), key
        assert placeholders(entry["es"]) == placeholders(entry["en"]), key


def test_every_key_the_page_asks_for_exists():
    from rnnviz.i18n import STRINGS as ALL

    source = "\n".join((ROOT / name).read_text() for name in SOURCES)
    asked = set(re.findall(r'tr\(\s*"([a-z_.]+)"', source)) | set(re.findall(r'tr\(f"(train\.loss)\.', source))
    asked = {key for key in asked if key != "train.loss"} | {f"train.loss.{k}" for k in
                                                             ("title", "train", "val", "baseline", "clip")}
    assert len(asked) > 30, "the regex found too few keys: the test would prove little"
    assert asked - ALL.keys() == set()
    assert {f"gradients.unrolled.{k}" for k in ("hidden", "cell", "colorbar", "forward", "loss", "decimated")} <= ALL.keys()



def test_on_a_projector_each_explanation_goes_below_its_figure(app):
    at = open_page(app, hidden_size=8)
    beside = len(at.columns)
    at.session_state["projector"] = True
    at.run()
    assert not at.exception, at.exception
    # a quarter-wide column beside each figure held a word a line on a projected 1024-pixel page
    assert len(at.columns) <= beside - 2 * 5
