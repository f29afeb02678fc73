"""Recorded runs and model files are checked completely when they load: a bad RUN.json or .pt is a one-line
ValueError saying what is wrong and where, never a traceback on a page later; the dashboard shows it in the
learner's language, logs it, and keeps the session's trained model."""
import copy
import io
import json
import logging
import math
import re

import pytest
import torch
from streamlit.testing.v1 import AppTest

from testkit.learner_text import as_read
from rnnviz.config import ExperimentConfig, knob
from rnnviz.experiment import Experiment
from rnnviz.models import MAX_FEATURES, MAX_VOCABULARY, SequenceModel, build_model, load_model, save_model
from rnnviz.runs import Run, RunFileError
from rnnviz.tasks import make_task
from rnnviz.runs import demo_runs
from testkit.waiting import wait_for

CONFIG = ExperimentConfig.for_task("sine", hidden_size=4, steps=6, eval_every=3)


@pytest.fixture(scope="module")
def recorded() -> dict:
    """A real run's RUN.json content and .pt bytes: 6 steps of a small sine LSTM."""
    experiment = Experiment.build(CONFIG)
    for _ in experiment.trainer.run(CONFIG.steps):
        pass
    return {"document": experiment.to_run().to_json(), "weights": model_bytes(experiment.model, CONFIG)}


def model_bytes(model, config=None) -> bytes:
    buffer = io.BytesIO()
    save_model(buffer, model, config)
    return buffer.getvalue()


def checkpoint_bytes(spec, state_dict) -> bytes:
    buffer = io.BytesIO()
    torch.save({"spec": spec, "state_dict": state_dict, "config": None}, buffer)
    return buffer.getvalue()


# --- RUN.json ---------------------------------------------------------------------------------------

def test_a_recorded_run_and_every_demo_load_back(recorded):
    run = Run.from_json_text(json.dumps(recorded["document"]))
    assert run.config == CONFIG and len(run.history) == 6 and run.history[2]["val_loss"] > 0
    assert set(demo_runs()) == {"adding-lstm", "adding-rnn", "sine-lstm"}
    for path in demo_runs().values():
        demo = Run.load(path)
        assert demo.model is not None and len(demo.history) == demo.config.steps
        Experiment.from_run(demo)                            # the weights fit the config


def broken(document: dict, change) -> dict:
    document = copy.deepcopy(document)
    change(document)
    return document


def set_in_row(index, key, value):
    return lambda d: d["history"][index].__setitem__(key, value)


BAD_DOCUMENTS = {
    "no train_loss": (lambda d: d["history"][2].pop("train_loss"), "history row 3: 'train_loss' is missing"),
    "no grad_norm": (lambda d: d["history"][0].pop("grad_norm"), "history row 1: 'grad_norm' is missing"),
    "no step": (lambda d: d["history"][1].pop("step"), "history row 2: 'step' is missing"),
    "loss as text": (set_in_row(0, "train_loss", "0.5"), "'train_loss' must be a finite number, not text"),
    "loss null": (set_in_row(0, "train_loss", None), "'train_loss' must be a finite number, not null"),
    "loss NaN": (set_in_row(4, "train_loss", math.nan), "history row 5: 'train_loss' must be a finite number, not nan"),
    "loss true": (set_in_row(0, "train_loss", True), "not true/false"),
    "step true": (set_in_row(0, "step", True), "history row 1: 'step' must be an integer, not true/false"),
    "step 1.0": (set_in_row(0, "step", 1.0), "'step' must be an integer, not a number"),
    "step 0": (set_in_row(0, "step", 0), "history row 1: 'step' must be at least 1, not 0"),
    "steps repeat": (set_in_row(3, "step", 3), "history row 4: step 3 comes after step 3"),
    "step beyond the run": (set_in_row(5, "step", 7), "history row 6: step 7 is beyond the run's 6 steps"),
    "too many rows": (lambda d: d["history"].append({**d["history"][-1], "step": 7}), "step 7 is beyond"),
    "val_loss as text": (set_in_row(2, "val_loss", "low"),
                         "history row 3: 'val_loss' must be a finite number or null, not text"),
    "val_metric infinite": (set_in_row(2, "val_metric", math.inf),
                            "'val_metric' must be a finite number or null, not inf"),
    "clipped as text": (set_in_row(0, "clipped", "no"), "history row 1: 'clipped' must be true or false"),
    "a nested extra field": (set_in_row(0, "note", [[1]]), "history row 1: 'note' must be a number, text"),
    "row not a dict": (lambda d: d["history"].__setitem__(1, [2, 0.5]), "history row 2 must be an object, not a list"),
    "history not a list": (lambda d: d.__setitem__("history", {}), "'history' must be a list, not an object"),
    "config not a dict": (lambda d: d.__setitem__("config", "sine"), "'config' must be an object, not text"),
    "config out of range": (lambda d: d["config"].__setitem__("hidden_size", -3), "config: hidden_size=-3"),
    "config unknown key": (lambda d: d["config"].__setitem__("colour", 1), "config: unknown config keys: colour"),
    "task_params a list": (lambda d: d["config"].__setitem__("task_params", [1]), "config: "),
    "final not a dict": (lambda d: d.__setitem__("final", [0.1]), "'final' must be an object, not a list"),
    "final as text": (lambda d: d["final"].__setitem__("val_loss", "0.1"),
                      "final: 'val_loss' must be a finite number or null, not text"),
    "weights a path": (lambda d: d.__setitem__("weights", "../RUN.pt"), "'weights' must be the name of a .pt file"),
    "no final": (lambda d: d.pop("final"), "expected the keys 'config', 'history' and 'final'"),
    # issue 24's broken runs, each a traceback with server paths once
    "step abc": (set_in_row(0, "step", "abc"), "history row 1: 'step' must be an integer, not text"),
    "config 5": (lambda d: d.__setitem__("config", 5), "'config' must be an object, not a number"),
    "final a list": (lambda d: d.__setitem__("final", [1, 2]), "'final' must be an object, not a list"),
    "step negative": (set_in_row(0, "step", -3), "history row 1: 'step' must be at least 1, not -3"),
    "step 1e30": (set_in_row(0, "step", 1e30), "history row 1: 'step' must be an integer, not a number"),
    "step 10**30": (set_in_row(0, "step", 10**30), "history row 1: step 1000000000000000000000000000000 is beyond"),
    "grad_norm as text": (set_in_row(1, "grad_norm", "big"), "history row 2: 'grad_norm' must be a finite number"),
}


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_a_bad_run_is_refused_in_one_line_saying_what_and_where(recorded, name):
    change, message = BAD_DOCUMENTS[name]
    with pytest.raises(ValueError) as refused:
        Run.from_json(broken(recorded["document"], change))
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_a_loss_written_as_null_reads_back_as_nan(recorded):
    """JSON has no NaN: a diverged validation's loss is written as null, and the Train page formats it."""
    run = Run.from_json(broken(recorded["document"], set_in_row(2, "val_loss", None)))
    assert math.isnan(run.history[2]["val_loss"])
    assert run.to_json()["history"][2]["val_loss"] is None


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000,
                                  '{"config": {"task_params": ' + "[" * 100_000 + "]" * 100_000 + "}}",
                                  '{"config": 1' + "0" * 5000 + "}", b"\xff\xfe{", "", "{'config': 1}"],
                         ids=["deep", "deep inside", "5000 digits", "not UTF-8", "empty", "single quotes"])
def test_text_that_is_no_json_is_refused_in_one_line(text):
    with pytest.raises(ValueError) as refused:
        Run.from_json_text(text)
    assert "\n" not in str(refused.value)


def test_deep_nesting_says_so():
    with pytest.raises(ValueError, match="nested too deeply"):
        Run.from_json_text("[" * 100_000 + "]" * 100_000)


# --- model files --------------------------------------------------------------------------------------

def spec(**changes) -> dict:
    return {**SequenceModel("lstm", 1, 1, hidden_size=4).spec, **changes}


BAD_SPECS = {
    "hidden_size 50000": (spec(hidden_size=50_000), f"hidden_size=50000 is invalid: allowed is int in [1, "
                                                    f"{knob('hidden_size').high}]"),
    "hidden_size as text": (spec(hidden_size="4"), "hidden_size='4' is invalid"),
    "too many layers": (spec(num_layers=40), "num_layers=40 is invalid"),
    "unknown cell": (spec(cell="transformer"), "cell='transformer' is invalid"),
    "huge vector input": (spec(input_size=10**6), f"input_size=1000000 is invalid: allowed is int in [1, "
                                                  f"{MAX_FEATURES}]"),
    "huge vocabulary": (spec(tokens=True, input_size=10**7), f"allowed is int in [1, {MAX_VOCABULARY}]"),
    "huge output": (spec(output_size=10**6), "output_size=1000000 is invalid"),
    "huge embedding": (spec(tokens=True, input_size=10, embedding_dim=10**6), "embedding_dim=1000000 is invalid"),
    "bidirectional 1": (spec(bidirectional=1), "bidirectional=1 is invalid: allowed is true or false"),
    "dropout NaN": (spec(dropout=math.nan), "dropout=nan is invalid"),
    "unknown argument": ({**spec(), "batch_first": False}, "unknown keys: batch_first"),
    "missing argument": ({k: v for k, v in spec().items() if k != "hidden_size"}, "lacks: hidden_size"),
    "not a dict": ([1, 2], "spec must be a dict, not list"),
}


@pytest.mark.parametrize("name", BAD_SPECS)
def test_a_model_file_with_a_bad_spec_is_refused(name):
    bad_spec, message = BAD_SPECS[name]
    with pytest.raises(ValueError) as refused:
        load_model(io.BytesIO(checkpoint_bytes(bad_spec, {})))
    assert message in str(refused.value)


def test_weights_that_do_not_fit_their_spec_are_refused_before_allocating():
    good = SequenceModel("lstm", 1, 1, hidden_size=4).state_dict()
    other = SequenceModel("lstm", 1, 1, hidden_size=5).state_dict()
    cases = {
        "the weight rnn.weight_ih_l0 has shape (20, 1); the model's spec needs (16, 1)": other,
        "missing rnn.bias_hh_l0": {k: v for k, v in good.items() if k != "rnn.bias_hh_l0"},
        "unexpected extra": {**good, "extra": torch.zeros(1)},
        "the weight head.bias is a list, not a dense tensor": {**good, "head.bias": [0.0]},
        "the weight head.bias holds torch.int64": {**good, "head.bias": torch.zeros(1, dtype=torch.long)},
        "the weight head.bias holds NaN or infinite values": {**good, "head.bias": torch.tensor([math.nan])},
    }
    for message, state_dict in cases.items():
        with pytest.raises(ValueError) as refused:
            load_model(io.BytesIO(checkpoint_bytes(spec(), state_dict)))
        assert message in str(refused.value)
    # the largest spec the bounds allow, with a tiny state_dict: refused from the shapes alone
    largest = spec(hidden_size=knob("hidden_size").high, num_layers=knob("layers").high, bidirectional=True,
                   tokens=True, input_size=MAX_VOCABULARY, embedding_dim=knob("embedding_dim").high,
                   output_size=MAX_FEATURES)
    with pytest.raises(ValueError, match="do not fit the model's spec"):
        load_model(io.BytesIO(checkpoint_bytes(largest, good)))


def test_a_model_file_round_trips_with_its_initialisation_spec():
    config = ExperimentConfig(task="copy", cell="lstm", hidden_size=6, spectral_radius=0.9, forget_bias=1.0)
    model = build_model(config, make_task("copy"))
    loaded, loaded_config = load_model(io.BytesIO(model_bytes(model, config)))
    assert loaded_config == config and loaded.spec == model.spec
    assert all(torch.equal(a, b) for a, b in zip(loaded.state_dict().values(), model.state_dict().values()))


def test_weights_of_another_model_than_the_runs_config_are_refused(recorded):
    run = Run.from_json(recorded["document"])
    for other in (CONFIG.replace(hidden_size=5), CONFIG.replace(cell="gru"), CONFIG.replace(cell="rnn")):
        run.model = build_model(other, make_task("sine"))
        with pytest.raises(ValueError, match="the weights are of another model: "):
            Experiment.from_run(run)
    run.model = build_model(CONFIG.replace(cell="rnn-relu"), make_task("sine"))
    run.config = CONFIG.replace(cell="rnn")      # the same shapes, but another nonlinearity
    with pytest.raises(ValueError, match="cell='rnn-relu' in the weights, 'rnn' for the run's config"):
        Experiment.from_run(run)


# --- the Recorded runs panel --------------------------------------------------------------------------

@pytest.fixture
def trained_app():
    """The app in English with a model trained 2 steps: what a bad upload must leave alone."""
    at = AppTest.from_file("../app.py", default_timeout=60).switch_page("views/train.py")
    at.session_state["lang"] = "en"
    at.run()
    worker = at.session_state["worker"]
    worker.step_once()
    worker.step_once()
    assert wait_for(lambda: worker.snapshot().step == 2)
    weights = {k: v.clone() for k, v in worker.experiment.model.state_dict().items()}
    yield at, worker
    assert at.session_state["worker"] is worker, "a refused upload replaced the session's worker"
    assert worker.snapshot().step == 2
    after = worker.experiment.model.state_dict()
    assert all(torch.equal(weights[k], after[k]) for k in weights), "a refused upload changed the model"
    worker.stop()


def upload(at, run_bytes: bytes, weights: bytes | None = None, markdown: bool = False):
    """The messages the panel shows after this upload: as the page reads (the Markdown's escapes undone),
    or the Markdown itself."""
    at.file_uploader(key="runs.upload").set_value(("RUN.json", run_bytes, "application/json"))
    if weights is not None:
        at.file_uploader(key="runs.upload_weights").set_value(("RUN.pt", weights, "application/octet-stream"))
    at.run()
    at.button(key="runs.load_upload").click().run()
    assert not at.exception, at.exception
    return [e.value if markdown else as_read(e.value) for e in at.error]


class RunsCode:
    """Pickled, this would call print when loaded: torch.load(weights_only=True) refuses it."""

    def __reduce__(self):
        return (print, ("this would run",))


HOSTILE_SPEC = spec(hidden_size=50_000)     # ~40 GB of LSTM weights, asked for by a file of ~1 kB


def test_bad_uploads_are_shown_logged_and_leave_the_trained_model(trained_app, recorded, caplog):
    at, worker = trained_app
    no_loss = json.dumps(broken(recorded["document"], lambda d: d["history"][2].pop("train_loss"))).encode()
    good = json.dumps(recorded["document"]).encode()
    other_model = model_bytes(build_model(CONFIG.replace(hidden_size=7), make_task("sine")))
    # what the learner reads (in their words: no detail of the code), and what the log keeps (the library's own)
    cases = [
        (no_loss, None, "Not a valid RUN.json. Row 3 of the history lacks «train_loss».",
         "history row 3: 'train_loss' is missing"),
        (("[" * 100_000 + "]" * 100_000).encode(), None, "Not a valid RUN.json. The file is nested too deeply",
         "the JSON is nested too deeply"),
        (good, other_model, "The weights (.pt) are not those of this RUN.json's model",
         "the weights are of another model: hidden_size=7 in the weights, 4 for the run's config"),
        (good, checkpoint_bytes(HOSTILE_SPEC, {}), "The .pt file is not a valid rnnviz model: “Hidden size” = 50,000 is",
         "hidden_size=50000"),
        (good, b"not a torch file", "The weights could not be loaded: the .pt file is not a model saved by rnnviz",
         "the file is not a zip archive"),
        (good, checkpoint_bytes(RunsCode(), {}), "The weights could not be loaded", "weights_only"),
    ]
    for run_bytes, weights, message, detail in cases:
        with caplog.at_level(logging.WARNING, logger="rnnviz"):
            shown = upload(at, run_bytes, weights)
        assert len(shown) == 1 and shown[0].startswith(message), shown
        [record] = [r for r in caplog.records if r.name == "rnnviz.ui.runs"]
        assert record.levelno == logging.WARNING and record.exc_info and detail in record.getMessage(), \
            record.getMessage()
        caplog.clear()
        at.file_uploader(key="runs.upload_weights").set_value(None)


ISSUE_24_RUNS = ("step abc", "config 5", "final a list", "step negative", "step 1e30", "step 10**30",
                 "loss as text")


def test_the_issues_broken_runs_each_give_one_line_and_leave_training_resumable(trained_app, recorded):
    at, worker = trained_app
    for name in ISSUE_24_RUNS + ("deep nesting",):
        if name == "deep nesting":
            data = ("[" * 100_000 + "]" * 100_000).encode()
            message = "The file is nested too deeply"
        else:
            change, _ = BAD_DOCUMENTS[name]
            document = broken(recorded["document"], change)
            data = json.dumps(document).encode()
            with pytest.raises(RunFileError) as refusal:
                Run.from_json(document)
            message = refusal.value.message("en")        # the learner's words, as the page reads them
        [shown] = upload(at, data)
        assert shown.startswith("Not a valid RUN.json. ") and message in shown, (name, shown)
        assert "\n" not in shown and "Traceback" not in shown and "/rnnviz/" not in shown, (name, shown)
        assert worker.alive and worker.can_start, f"{name}: the session's training can no longer resume"


def test_a_runs_keys_are_shown_as_plain_text(trained_app, recorded):
    at, _ = trained_app
    link = "[Your session expired - log in here](http://evil.example/login)"
    pixel = "![x](http://evil.example/p.png)"
    for key in (link, pixel, "<img src=http://evil.example/p.png>"):
        document = broken(recorded["document"], lambda d: d["config"].__setitem__(key, 1))
        [shown] = upload(at, json.dumps(document).encode(), markdown=True)
        assert "cannot be used" in shown
        # every bracket, parenthesis, ! and < escaped: Markdown makes no link, image or HTML of them
        assert not re.search(r"(?<!\\)[\[\]()!<>]", shown.split("cannot be used", 1)[1]), shown
        assert f"“{key}” is not a setting" in as_read(shown)


def test_a_bad_upload_is_explained_in_spanish(trained_app, recorded):
    at, _ = trained_app
    at.session_state["lang"] = "es"
    good = json.dumps(recorded["document"]).encode()
    [shown] = upload(at, good, checkpoint_bytes(HOSTILE_SPEC, {}))
    assert shown.startswith("El archivo .pt no es un modelo de rnnviz válido: «Tamaño del estado oculto» = 50\u00a0000")


def test_a_good_upload_replaces_the_session_model(recorded):
    at = AppTest.from_file("../app.py", default_timeout=60).switch_page("views/train.py")
    at.session_state["lang"] = "en"
    at.run()
    first = at.session_state["worker"]
    assert not upload(at, json.dumps(recorded["document"]).encode(), recorded["weights"])
    worker = at.session_state["worker"]
    assert worker is not first and worker.experiment.config == CONFIG and worker.snapshot().step == 6
    for page in ("views/train.py", "views/gradients.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
    worker.stop()


def test_every_string_the_panel_shows_is_in_spanish_and_english():
    from pathlib import Path

    from rnnviz.i18n import STRINGS

    source = (Path(__file__).resolve().parents[1] / "rnnviz" / "ui" / "runs.py").read_text()
    keys = set(re.findall(r'tr\("(runs\.[a-z_.]+)"', source))
    assert {"runs.bad_json", "runs.invalid_weights", "runs.problem.weights_mismatch", "runs.problem.weights_unreadable",
            "runs.bad_demo"} <= keys
    assert all(STRINGS[key].get("es") and STRINGS[key].get("en") for key in keys)
