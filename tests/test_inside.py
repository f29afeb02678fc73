"""rnnviz.inside against independent computations (a NumPy re-implementation of the cells from PyTorch's
documented equations, an eigendecomposition for PCA, explicit counting for saturation), its strings, and
the "Inside the network" page under AppTest."""
import json
import re
import string
from pathlib import Path

import numpy as np
import pytest
import torch

from app_pages import sidebar_values
from following import kept_weights
from rnnviz import inside
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.i18n import STRINGS
from rnnviz.tasks import TASKS
from rnnviz.tasks.sentiment import PAD, UNK
from testkit.plotly_spec import values
from testkit.waiting import wait_for

ROOT = Path(__file__).resolve().parent.parent


def build(task: str, **overrides) -> Experiment:
    return Experiment.build(ExperimentConfig.for_task(task, **{"hidden_size": 6, "embedding_dim": 4, **overrides}))


# --- an independent forward pass, float64, from the equations in PyTorch's docs ---------------------------

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def weights(rnn, layer: int, direction: int):
    suffix = f"_l{layer}" + ("_reverse" if direction else "")
    return [getattr(rnn, name + suffix).detach().double().numpy() for name in ("weight_ih", "weight_hh",
                                                                             "bias_ih", "bias_hh")]


def reference(rnn, x: np.ndarray) -> dict:
    """{(layer, direction): {"hidden", "cell", gate names...}} each (B, T, H), for input x (B, T, I)."""
    B, T, _ = x.shape
    H = rnn.hidden_size
    directions = 2 if rnn.bidirectional else 1
    result, layer_input = {}, x
    for layer in range(rnn.num_layers):
        outputs = []
        for direction in range(directions):
            w_ih, w_hh, b_ih, b_hh = weights(rnn, layer, direction)
            h, c = np.zeros((B, H)), np.zeros((B, H))
            record = {}
            steps = range(T - 1, -1, -1) if direction else range(T)
            for t in steps:
                from_input, from_hidden = layer_input[:, t] @ w_ih.T + b_ih, h @ w_hh.T + b_hh
                values = {}
                if rnn.mode == "LSTM":
                    i, f, g, o = np.split(from_input + from_hidden, 4, axis=1)
                    values = {"input": sigmoid(i), "forget": sigmoid(f), "candidate": np.tanh(g), "output": sigmoid(o)}
                    c = values["forget"] * c + values["input"] * values["candidate"]
                    h = values["output"] * np.tanh(c)
                    values["cell"] = c
                elif rnn.mode == "GRU":
                    xr, xz, xn = np.split(from_input, 3, axis=1)
                    hr, hz, hn = np.split(from_hidden, 3, axis=1)
                    values = {"reset": sigmoid(xr + hr), "update": sigmoid(xz + hz)}
                    values["candidate"] = np.tanh(xn + values["reset"] * hn)
                    h = (1 - values["update"]) * values["candidate"] + values["update"] * h
                else:
                    pre = from_input + from_hidden
                    h = np.tanh(pre) if rnn.mode == "RNN_TANH" else np.maximum(pre, 0)
                values["hidden"] = h
                for name, value in values.items():
                    record.setdefault(name, np.zeros((B, T, H)))[:, t] = value
            result[layer, direction] = record
            outputs.append(record["hidden"])
        layer_input = np.concatenate(outputs, axis=-1)                 # (B, T, D*H)
    return result


def network_input(model, x: torch.Tensor) -> np.ndarray:
    if model.embedding is None:
        return x.double().numpy()
    return model.embedding.weight.detach().double().numpy()[x.numpy()]     # (B, T, E)


# --- the sequence to look at ---------------------------------------------------------------------------------

def test_sample_from_the_test_set():
    data = build("sentiment").data
    sample = inside.sample_from_test_set(data, 5)
    assert torch.equal(sample.x, data.test[0][5:6]) and torch.equal(sample.y, data.test[1][5:6])
    assert sample.tokens == [data.vocab[i] for i in data.test[0][5].tolist()]
    assert inside.sample_from_test_set(build("adding").data, 0).tokens is None
    for bad in (-1, len(data.test[0]), 1.0, True):
        with pytest.raises(ValueError, match="index"):
            inside.sample_from_test_set(data, bad)


def test_typed_sentence_with_unknown_words():
    data = build("sentiment").data
    known = [w for w in data.vocab if w not in (PAD, UNK)][:3]
    sample = inside.text_sample(data, f"{known[0]} Zzqxw, {known[1]}! qqqz {known[2]}")
    words = [known[0], "zzqxw", known[1], "qqqz", known[2]]
    ids = [data.vocab.index(w) if w in data.vocab else data.vocab.index(UNK) for w in words]
    assert sample.x.tolist() == [[0] * (data.seq_len - len(ids)) + ids]
    assert sample.y is None and sample.unknown == ["zzqxw", "qqqz"] and sample.dropped == 0
    assert sample.tokens[-5:] == [known[0], UNK, known[1], UNK, known[2]]
    long = " ".join([known[0]] * (data.seq_len + 4))
    assert inside.text_sample(data, long).dropped == 4
    with pytest.raises(inside.TextProblem) as problem:
        inside.text_sample(data, " ¿?! ")
    assert problem.value.kind == "empty"


def test_typed_text_for_the_character_model():
    data = build("char-lm").data
    text = data.text[40:70]
    sample = inside.text_sample(data, text)
    ids = [data.vocab.index(c) for c in text]
    assert sample.x.tolist() == [ids[:-1]] and sample.y.tolist() == [ids[1:]]
    assert sample.tokens == list(text[:-1])
    cut = inside.text_sample(data, data.text[:300], max_chars=100)
    assert cut.length == 100 and cut.dropped == 199
    with pytest.raises(inside.TextProblem) as problem:
        inside.text_sample(data, "ab€c¤")
    assert problem.value.kind == "unknown_characters" and problem.value.items == ["¤", "€"]
    with pytest.raises(inside.TextProblem, match="two"):
        inside.text_sample(data, "a")
    with pytest.raises(TypeError, match="typed text"):
        inside.text_sample(build("copy").data, "12")


# --- states, gates and answers against the independent forward pass ---------------------------------------

@pytest.mark.parametrize("task, overrides", [
    ("sum-sign", dict(cell="lstm")),
    ("sum-sign", dict(cell="rnn-relu")),
    ("sentiment", dict(cell="gru", layers=2, bidirectional=True)),
    ("adding", dict(cell="rnn", layers=2)),
])
def test_states_and_gates_match_the_equations(task, overrides):
    experiment = build(task, **overrides)
    model, data = experiment.model, experiment.data
    x, y = data.test
    expected = reference(model.rnn, network_input(model, x[:3]))
    sample = inside.sample_from_test_set(data, 2)
    for (layer, direction), values in expected.items():
        states = inside.look_inside(model, data, sample, layer, direction).states
        panels = states.panels()
        assert set(panels) == set(values)
        for name, array in panels.items():
            assert array.dtype == np.float32
            np.testing.assert_allclose(array, values[name][2], atol=2e-6, err_msg=f"{layer} {direction} {name}")
        assert states.reverse == (direction == 1)


def test_looking_inside_leaves_the_model_mode_alone():
    experiment = build("sum-sign", cell="lstm", layers=2, dropout=0.5)
    model, data = experiment.model.train(), experiment.data
    sample = inside.sample_from_test_set(data, 0)
    first = inside.look_inside(model, data, sample).states.hidden
    assert model.training
    np.testing.assert_array_equal(inside.look_inside(model, data, sample).states.hidden, first)   # no dropout
    inside.saturation_over_test_set(model, data)
    assert model.training


def reference_step_logits(model, x: torch.Tensor) -> np.ndarray:
    """The head applied to every step's top-layer output, (B, T, O), from the independent states."""
    expected = reference(model.rnn, network_input(model, x))
    top = model.rnn.num_layers - 1
    hidden = np.concatenate([expected[top, d]["hidden"] for d in range(2 if model.rnn.bidirectional else 1)], -1)
    return hidden @ model.head.weight.detach().double().numpy().T + model.head.bias.detach().double().numpy()


def softmax(z):
    z = np.exp(z - z.max(-1, keepdims=True))
    return z / z.sum(-1, keepdims=True)


def test_two_class_answer_is_the_probability_of_class_1_with_the_target_at_the_end():
    experiment = build("sum-sign", cell="gru")
    model, data = experiment.model, experiment.data
    sample = inside.sample_from_test_set(data, 7)
    output = inside.look_inside(model, data, sample).output
    probability = softmax(reference_step_logits(model, sample.x))[0, :, 1]
    assert output.kind == "probability" and output.class_name == data.class_names[1]
    np.testing.assert_allclose(output.prediction, probability, atol=1e-6)
    assert np.isnan(output.target[:-1]).all() and output.target[-1] == int(sample.y)
    typed = inside.look_inside(*(lambda e: (e.model, e.data))(build("sentiment")),
                               inside.text_sample(build("sentiment").data, "no es malo")).output
    assert np.isnan(typed.target).all()


def test_many_class_answer_is_the_probability_of_the_right_token():
    experiment = build("char-lm")
    model, data = experiment.model, experiment.data
    sample = inside.text_sample(data, data.text[:25])
    output = inside.look_inside(model, data, sample).output
    probabilities = softmax(reference_step_logits(model, sample.x))[0]              # (T, V)
    right = probabilities[np.arange(sample.length), sample.y[0].numpy()]
    assert output.kind == "target_probability"
    np.testing.assert_allclose(output.prediction, right, atol=1e-6)
    assert output.predicted_labels == [data.vocab[i] for i in probabilities.argmax(-1)]
    assert output.target_labels == list(data.text[1:25])


def test_regression_answer_and_target():
    for task, many_to_many in (("adding", False), ("next-number", True)):
        experiment = build(task, cell="lstm")
        model, data = experiment.model, experiment.data
        sample = inside.sample_from_test_set(data, 3)
        output = inside.look_inside(model, data, sample).output
        np.testing.assert_allclose(output.prediction, reference_step_logits(model, sample.x)[0, :, 0], atol=1e-6)
        target = sample.y[0, ..., 0].numpy()
        if many_to_many:
            np.testing.assert_array_equal(output.target, target)
        else:
            assert np.isnan(output.target[:-1]).all() and output.target[-1] == np.float32(target)


# --- PCA ---------------------------------------------------------------------------------------------------

def test_pca_matches_an_eigendecomposition_of_the_covariance():
    rng = np.random.default_rng(0)
    hidden = (rng.normal(size=(40, 7)) @ rng.normal(size=(7, 7))).astype(np.float32)
    projection = inside.pca_projection(hidden)
    centred = hidden.astype(np.float64) - hidden.astype(np.float64).mean(0)
    eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(eigenvalues)[::-1]
    eigenvalues, eigenvectors = eigenvalues[order], eigenvectors[:, order]
    np.testing.assert_allclose(projection.explained, eigenvalues[:2] / eigenvalues.sum(), rtol=1e-9)
    for k in range(2):
        vector = eigenvectors[:, k] * np.sign(eigenvectors[np.argmax(np.abs(eigenvectors[:, k])), k])
        np.testing.assert_allclose(projection.components[k], vector, atol=1e-9)
        np.testing.assert_allclose(projection.points[:, k], centred @ vector, atol=1e-5)
    assert projection.points.dtype == np.float32


def test_pca_of_degenerate_trajectories():
    line = np.outer(np.arange(5.0), [1.0, -2.0, 0.5])                 # all states on one line
    projection = inside.pca_projection(line)
    np.testing.assert_allclose(projection.explained, [1.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(projection.points[:, 1], 0.0, atol=1e-6)
    assert np.linalg.norm(projection.points[:, 0] - projection.points[0, 0]) > 0
    single = inside.pca_projection(np.ones((1, 4)))
    assert single.points.tolist() == [[0.0, 0.0]] and single.explained.tolist() == [0.0, 0.0]
    with pytest.raises(ValueError, match="hidden"):
        inside.pca_projection(np.zeros(4))


# --- gate saturation -------------------------------------------------------------------------------------

def count_shares(values, tanh: bool):
    flat = [float(v) for v in np.ravel(values)]
    low = sum(v < -0.9 for v in flat) if tanh else sum(v < 0.1 for v in flat)
    return low / len(flat), sum(v > 0.9 for v in flat) / len(flat)


def test_gate_saturation_counts_each_end():
    rng = np.random.default_rng(1)
    values = {"forget": rng.uniform(0, 1, (3, 5, 4)), "candidate": rng.uniform(-1, 1, (3, 5, 4))}
    saturation = inside.gate_saturation(values, sequences=3)
    assert saturation.names == ["forget", "candidate"] and saturation.tanh == [False, True]
    for k, name in enumerate(saturation.names):
        assert (saturation.low[k], saturation.high[k]) == pytest.approx(count_shares(values[name], name == "candidate"))


@pytest.mark.parametrize("cell, names", [("lstm", ["input", "forget", "candidate", "output"]),
                                         ("gru", ["reset", "update", "candidate"]), ("rnn", ["hidden"]),
                                         ("rnn-relu", [])])
def test_saturation_over_the_test_set(cell, names):
    experiment = build("sum-sign", cell=cell, hidden_size=5)
    model, data = experiment.model, experiment.data
    saturation = inside.saturation_over_test_set(model, data)
    x = data.test[0]
    assert saturation.names == names and saturation.sequences == len(x)
    expected = reference(model.rnn, network_input(model, x))[0, 0]
    for k, name in enumerate(names):
        low, high = count_shares(expected[name], name in ("candidate", "hidden"))
        assert saturation.low[k] == pytest.approx(low, abs=0.5 / expected[name].size)
        assert saturation.high[k] == pytest.approx(high, abs=0.5 / expected[name].size)


def test_saturation_budget_caps_the_sequences():
    assert inside.saturation_sequences(512, 10, 32, budget=10 * 32 * 100) == 100
    assert inside.saturation_sequences(512, 10, 32, layers=4, budget=10 * 32 * 100) == 25
    assert inside.saturation_sequences(512, 1000, 512, budget=1000) == 1
    assert inside.saturation_sequences(20, 10, 4) == 20
    experiment = build("adding", cell="gru", hidden_size=64, layers=2, task_params={"seq_len": 200})
    saturation = inside.saturation_over_test_set(experiment.model, experiment.data, layer=1)
    assert saturation.sequences == inside.SATURATION_VALUES // (200 * 64 * 2) < len(experiment.data.test[0])


def test_bad_layer_or_direction():
    experiment = build("sum-sign", cell="gru", layers=2)
    sample = inside.sample_from_test_set(experiment.data, 0)
    with pytest.raises(ValueError, match="layer=2"):
        inside.look_inside(experiment.model, experiment.data, sample, layer=2)
    with pytest.raises(ValueError, match="direction=1"):
        inside.look_inside(experiment.model, experiment.data, sample, direction=1)


# --- strings ----------------------------------------------------------------------------------------------

def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_inside_string_has_both_languages_with_the_same_placeholders():
    from rnnviz.i18n.inside import STRINGS as OWN

    for key, entry in OWN.items():
        assert key.startswith("inside."), key
        assert set(entry) == {"es", "en"} and all(entry.values()), key
        assert placeholders(entry["es"]) == placeholders(entry["en"]), key


def test_every_key_the_page_asks_for_exists():
    source = (ROOT / "views" / "inside.py").read_text() + (ROOT / "rnnviz" / "ui" / "states_animation.py").read_text()
    literal = set(re.findall(r'tr\("([a-z_.-]+)"', source))
    assert len(literal) > 15, "the regex found too few keys: the test would prove nothing"
    assert literal - STRINGS.keys() == set()
    chosen = {f"inside.animation.explain.{mode}" for mode in ("LSTM", "GRU", "RNN_TANH", "RNN_RELU")}
    chosen |= {f"inside.text.{kind}" for kind in ("empty", "too_short", "unknown_characters")}
    chosen |= {f"inside.text.{what}.{task}" for what in ("help", "dropped") for task, spec in TASKS.items()
               if spec.reads_text}
    chosen |= {f"inside.text.example.{task}" for task, spec in TASKS.items() if spec.reads_text == "words"}
    assert chosen - STRINGS.keys() == set()


# --- the page under AppTest ------------------------------------------------------------------------------

@pytest.fixture
def page():
    """AppTest of the app on the Inside page, with a worker for the given config."""
    from streamlit.testing.v1 import AppTest

    from rnnviz.live.worker import TrainingWorker

    workers = []

    def make(config: ExperimentConfig | None, lang: str = "en"):
        """config None: no worker yet, the page makes one from the sidebar's experiment."""
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.session_state["lang"] = lang
        if config is not None:      # the sidebar describes it too: an untrained model follows the sidebar
            at.session_state["experiment"] = sidebar_values(config)
        at.run()
        at.switch_page("views/train.py").run()     # the Train page, which makes a worker: replace it
        at.session_state["worker"].stop()
        del at.session_state["worker"]
        if config is not None:
            at.session_state["worker"] = TrainingWorker(Experiment.build(config))
        at.switch_page("views/inside.py").run()
        workers.append(at.session_state["worker"])
        assert not at.exception, at.exception
        return at

    yield make
    for worker in workers:
        worker.stop()


def charts(at) -> dict:
    """{key: (spec, payload bytes)} of every Plotly chart on the page."""
    found = {}
    for chart in at.get("plotly_chart"):
        spec = chart.proto.spec
        key = next(k for k in ("inside.animation", "inside.saturation") if k in chart.proto.id)
        found[key] = (json.loads(spec), len(spec.encode()))
    return found


def test_page_default_task_without_a_worker_yet(page):
    at = page(None)
    config = at.session_state["worker"].experiment.config
    assert config.task == "sum-sign" and config.hidden_size == 32 and config.seq_len == 10
    spec, size = charts(at)["inside.animation"]
    assert len(spec["frames"]) == 10 and len(spec["layout"]["sliders"][0]["steps"]) == 10
    bars = {"rnn": 1, "rnn-relu": 1, "gru": 4, "lstm": 6}[config.cell]
    assert [trace["type"] for trace in spec["data"]].count("bar") == bars
    print(f"\npage, default experiment ({config.cell}): animation {size:,} bytes")
    assert size <= 2 * 1024 * 1024


def test_page_lstm(page):
    at = page(ExperimentConfig())                                   # sum-sign, LSTM, H = 32, T = 10
    found = charts(at)
    spec, size = found["inside.animation"]
    assert len(spec["frames"]) == 10 and len(spec["layout"]["sliders"][0]["steps"]) == 10
    types = [trace["type"] for trace in spec["data"]]
    assert types.count("heatmap") == 1 and types.count("bar") == 6
    assert size <= 2 * 1024 * 1024
    print(f"\npage, sum-sign LSTM: animation {size:,} bytes")
    saturation, _ = found["inside.saturation"]
    assert [trace["type"] for trace in saturation["data"]] == ["bar", "bar"]
    assert at.info, "the untrained model is said"
    assert not at.text_input                                        # a vector task: no typed input
    at.number_input(key="inside.index").set_value(4).run()
    assert not at.exception, at.exception
    at.slider(key="inside.units").set_value((2, 9)).run()
    spec, _ = charts(at)["inside.animation"]
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert len(bars) == 6 and all(values(bar["x"]).tolist() == list(range(2, 10)) for bar in bars)
    heat = next(trace for trace in spec["data"] if trace["type"] == "heatmap")
    worker = at.session_state["worker"]
    x = worker.experiment.data.test[0][4:5]
    expected = reference(worker.model_copy().rnn, x.double().numpy())[0, 0]["hidden"][0, :, 2:10].T
    np.testing.assert_allclose(values(heat["z"]), expected, atol=2e-6)

    at.button_group(key="inside.panels.LSTM").set_value(["forget", "cell"]).run()   # fewer panels, as on a projector
    spec, _ = charts(at)["inside.animation"]
    bars = [trace for trace in spec["data"] if trace["type"] == "bar"]
    assert len(bars) == 2 and spec["layout"]["height"] < 900
    np.testing.assert_allclose(values(bars[1]["y"]), reference(worker.model_copy().rnn, x.double().numpy())[0, 0]
                               ["cell"][0, 0, 2:10], atol=2e-6)     # the cell panel at t = 0: c_0 of units 2-9

    worker.step_once()                                              # a trained step: the page says which
    wait_for(lambda: worker.snapshot().step >= 1, timeout=20)
    at.run()
    assert not at.exception and any("step 1" in c.value for c in at.caption)


def test_page_bidirectional_two_layer_gru(page):
    at = page(ExperimentConfig(cell="gru", layers=2, bidirectional=True, hidden_size=8), lang="es")
    at.slider(key="inside.layer").set_value(2).run()
    at.toggle(key="inside.backward").set_value(True).run()
    assert not at.exception, at.exception
    spec, _ = charts(at)["inside.animation"]
    assert [frame["name"] for frame in spec["frames"]] == [str(t) for t in range(9, -1, -1)]
    assert [trace["type"] for trace in spec["data"]].count("bar") == 4
    assert any("atrás" in c.value for c in at.caption)              # the reverse direction is explained
    assert at.title[0].value == "Dentro de la red"


def test_page_sentiment_typed_sentence_with_an_unknown_word(page):
    at = page(ExperimentConfig.for_task("sentiment", hidden_size=8, embedding_dim=4))
    at.toggle(key="inside.typed").set_value(True).run()
    at.text_input(key="inside.text.sentiment").input("zzqxw is not bad").run()
    assert not at.exception, at.exception
    assert any("zzqxw" in w.value for w in at.warning)
    spec, _ = charts(at)["inside.animation"]
    assert spec["data"][0]["mode"] == "text" and spec["data"][0]["text"][-4:] == ["<unk>", "is", "not", "bad"]
    coloured = at.get("html")
    assert coloured and coloured[0].proto.body.count("<span") == 12
    # the animation, the saturation and the coloured text each say the step of the model they show
    assert [c.value for c in at.caption].count("The model at training step 0.") == 3
    at.number_input(key="inside.text_unit").set_value(3).run()
    assert not at.exception, at.exception
    at.text_input(key="inside.text.sentiment").input("¿?").run()
    assert not at.exception and any("word" in w.value for w in at.warning)


def test_page_relu_rnn_has_no_saturation_to_count(page):
    at = page(ExperimentConfig(cell="rnn-relu", hidden_size=4))
    assert any("ReLU" in i.value for i in at.info)
    spec, _ = charts(at)["inside.animation"]
    heat = next(trace for trace in spec["data"] if trace["type"] == "heatmap")
    assert heat["zmin"] == 0 and "zmid" not in heat


def test_page_char_lm_unknown_characters(page):
    at = page(ExperimentConfig.for_task("char-lm", hidden_size=8, embedding_dim=4, task_params={"seq_len": 20}))
    at.toggle(key="inside.typed").set_value(True).run()
    at.text_input(key="inside.text.char-lm").input("Beautiful €").run()
    assert not at.exception, at.exception
    assert any("'€'" in w.value for w in at.warning)
    assert not at.get("plotly_chart")


# --- following training ----------------------------------------------------------------------------------------

def drawn_step(at) -> int:
    return int(next(re.search(r"training step (\d+)", c.value).group(1) for c in at.caption
                    if "training step" in c.value))


def test_following_training_draws_each_step_from_its_own_weights_at_the_chosen_step(page):
    import copy

    import rnnviz

    at = page(ExperimentConfig(steps=100_000))                      # sum-sign, LSTM, H = 32, T = 10
    worker = at.session_state["worker"]
    kept = kept_weights(worker)
    at.number_input(key="inside.index").set_value(4).run()
    at.slider(key="inside.units").set_value((2, 9)).run()
    at.toggle(key="inside.follow").set_value(True).run()
    at.slider(key="inside.t").set_value(6).run()
    assert not at.exception, at.exception
    assert any("Start" in c.value for c in at.caption), "following before training says what to do"
    x = worker.experiment.data.test[0][4:5]
    worker.start()
    drawn = []
    for _ in range(3):
        last = drawn[-1][0] if drawn else 0
        assert wait_for(lambda: worker.snapshot().step > last + 5, timeout=30), "the worker did not train"
        at.run()                                                    # as a refresh of the fragment would
        assert not at.exception, at.exception
        step = drawn_step(at)
        spec, _ = charts(at)["inside.animation"]
        assert "frames" not in spec and "sliders" not in spec["layout"]   # one step, the page's slider picks it
        heat = values(next(trace for trace in spec["data"] if trace["type"] == "heatmap")["z"])
        bars = [values(trace["y"]) for trace in spec["data"] if trace["type"] == "bar"]
        # the trace of the worker's own weights at the step drawn
        rnn = copy.deepcopy(worker.initial_model.rnn)
        rnn.load_state_dict(kept[step])
        layer = rnnviz.trace(rnn, x).layers[0]
        np.testing.assert_allclose(heat, layer.hidden[0, :, 2:10].T.detach().numpy(), atol=1e-6)
        expected = [layer.gates["forget"], layer.gates["input"], layer.gates["candidate"], layer.cell,
                    layer.gates["output"], layer.hidden]
        for bar, value in zip(bars, expected, strict=True):
            np.testing.assert_allclose(bar, value[0, 6, 2:10].detach().numpy(), atol=1e-6)
        # the saturation follows too (issue 19): drawn from the worker's weights at the step its caption says
        said = [int(n) for c in at.caption for n in re.findall(r"training step (\d+)", c.value)]
        assert len(said) == 2 and said[0] == step <= said[1], said
        model = copy.deepcopy(worker.initial_model)
        model.rnn.load_state_dict(kept[said[1]])
        expected = inside.saturation_over_test_set(model.eval(), worker.experiment.data)
        spec, _ = charts(at)["inside.saturation"]
        low, high = (values(trace["y"]) for trace in spec["data"])
        np.testing.assert_allclose(low, expected.low, atol=1e-12)
        np.testing.assert_allclose(high, expected.high, atol=1e-12)
        # the learner's choices survive the refresh
        assert at.slider(key="inside.t").value == 6 and at.number_input(key="inside.index").value == 4
        assert at.slider(key="inside.units").value == (2, 9) and at.toggle(key="inside.follow").value
        drawn.append((step, heat))
    assert drawn[0][0] < drawn[1][0] < drawn[2][0], "each refresh draws a later step"
    assert not np.array_equal(drawn[0][1], drawn[2][1]), "h_t changes as the network learns"
    worker.pause()
