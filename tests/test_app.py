"""app.py and the Train page under AppTest: the frame, the sidebar, the controls, live training."""
import gc
import json

import pytest
from streamlit.testing.v1 import AppTest

from testkit.learner_text import as_read
from rnnviz import tasks
from rnnviz.config import ExperimentConfig, knob
from rnnviz.experiment import Experiment
from rnnviz.live.session_watch import GRACE_SECONDS
from rnnviz.live.status import DIVERGED, FINISHED, PAUSED
from rnnviz.live.training_threads import training_now
from rnnviz.live.worker import TrainingWorker
from testkit.plotly_spec import values
from testkit.waiting import wait_for


@pytest.fixture
def app():
    at = AppTest.from_file("../app.py", default_timeout=60).switch_page("views/train.py")
    yield at
    worker = at.session_state["worker"] if "worker" in at.session_state else None
    if worker is not None:
        worker.stop()


def set_knobs(at, knobs: dict) -> None:
    """Change sidebar knobs through their widgets, as a learner would."""
    widgets = {w.key: w for kind in ("number_input", "selectbox", "slider", "toggle") for w in getattr(at, kind)}
    for name, value in knobs.items():
        if name == "params":
            for task, params in value.items():
                for param, param_value in params.items():
                    widgets[f"cfg.{task}.{param}"].set_value(param_value)
        else:
            widgets[f"cfg.{name}"].set_value(value)


def start(at, lang="en", **knobs):
    """Run the app once with the given language and knob values."""
    at.session_state["lang"] = lang
    at.run()
    for first in ("task", "custom_init"):                  # knobs that enable or reveal other knobs
        if first in knobs:
            set_knobs(at, {first: knobs.pop(first)})
            at.run()
    set_knobs(at, knobs)
    at.run()
    if knobs:
        at.button(key="train.reset").click().run()       # a new worker with these knobs
    assert not at.exception
    return at


def figure(at, key):
    charts = [c for c in at.get("plotly_chart") if c.proto.id and key in c.proto.id]
    assert charts, f"no chart {key}"
    return json.loads(charts[-1].proto.spec)         # a live chart's newest figure is the last of its stack


def test_frame_sidebar_and_train_page(app):
    app.session_state["lang"] = "en"
    app.run()    # (AppTest drops the entry file's sidebar from later runs' element trees: check it now)
    assert not app.exception
    labels = {w.proto.label for w in [*app.sidebar.number_input, *app.sidebar.selectbox]}
    for label in ("Task", "Cell type", "Hidden size", "Learning rate", "Batch size", "Training steps",
                  "Gradient clipping", "Seed", "Sequence length", "Optimizer"):
        assert label in labels
    assert all(w.help for w in app.sidebar.number_input)        # every knob teaches
    assert [app.button(key=f"train.{k}").label for k in ("start", "pause", "step", "reset")] == \
        ["Start", "Pause", "One step", "Reset"]
    assert not app.get("plotly_chart")                 # no empty chart on the first screen: no Plotly to load
    assert any("drawn here from the first step" in c.value for c in app.caption)
    app.button(key="train.step").click().run()
    worker = app.session_state["worker"]
    assert wait_for(lambda: worker.snapshot().step == 1)
    app.run()
    names = {t["name"] for t in figure(app, "train.loss_chart")["data"]}
    assert {"train", "validation", "best constant", "gradient clipped"} <= names


def test_every_sidebar_widget_takes_its_bounds_from_the_config(app):
    """One source of truth: a value the config (and so a link, a RUN.json, the CLI) accepts is one the
    widget accepts: a number input with a minimum of its own raised on every rerun for ?lr=1e-7, which the
    config took."""
    start(app, custom_init=True)
    for task in tasks.TASKS:
        set_knobs(app, {"task": task})
        app.run()
        assert not app.exception
        widgets = {w.key: w for kind in ("number_input", "slider") for w in getattr(app, kind)}
        knobs = {key[4:]: w for key, w in widgets.items() if key.count(".") == 1 and key.startswith("cfg.")}
        assert {"hidden_size", "layers", "dropout", "lr", "clip", "spectral_radius", "forget_bias"} <= set(knobs)
        for name, widget in knobs.items():
            allowed = knob(name)
            assert (widget.min, widget.max) == (allowed.low, allowed.high), name
        for param in tasks.get_task(task).params:
            if not param.choices:
                widget = widgets[f"cfg.{task}.{param.name}"]
                assert (widget.min, widget.max) == (param.low, param.high), (task, param.name)


@pytest.mark.parametrize("lang, off, on", [
    ("en", "does not clip by default", "clips to 1 by default"),
    ("es", "no recorta por defecto", "recorta a 1 por defecto")])
def test_the_clip_help_says_what_the_task_does_by_default_and_why(app, lang, off, on):
    """Clipping is an emergency brake: off where a task trains as well without it, and where a task keeps it
    the help says why (measured in each task's file, rnnviz/tasks/)."""
    start(app, lang=lang)
    assert app.number_input(key="cfg.clip").value == 0.0
    assert off in app.number_input(key="cfg.clip").help
    set_knobs(app, {"task": "adding"})
    app.run()
    assert app.number_input(key="cfg.clip").value == 1.0 and on in app.number_input(key="cfg.clip").help


def test_spanish_by_default_and_switch(app):
    app.run()
    assert app.title[0].value == "Entrenar en vivo"
    app.session_state["lang"] = "en"
    app.run()
    assert app.title[0].value == "Train live"


def test_one_step_then_train_to_the_end(app):
    start(app, steps=60, hidden_size=8)
    app.button(key="train.step").click().run()
    worker = app.session_state["worker"]
    assert wait_for(lambda: worker.snapshot().status == PAUSED and worker.snapshot().step == 1)
    app.button(key="train.start").click().run()
    assert wait_for(lambda: worker.snapshot().status == FINISHED)
    app.run()
    assert not app.exception
    spec = figure(app, "train.loss_chart")
    train = next(t for t in spec["data"] if t["name"] == "train")
    assert values(train["x"]).tolist() == list(range(1, 61))
    assert values(train["y"]).tolist() == [r["train_loss"] for r in worker.experiment.trainer.history]   # exact
    assert "Step 60 of 60" in app.get("progress")[0].proto.text


def test_changing_the_experiment_waits_for_reset(app):
    start(app, steps=50)
    app.button(key="train.step").click().run()                 # a model with training in it
    first = app.session_state["worker"]
    assert wait_for(lambda: first.snapshot().step == 1)
    assert not first.alive or first.experiment.config.steps == 50
    set_knobs(app, {"hidden_size": 12})
    app.run()
    assert any("apply when you press" in i.value for i in app.info)
    assert app.session_state["worker"] is first                # nothing mixed silently
    app.button(key="train.reset").click().run()
    assert app.session_state["worker"].experiment.config.hidden_size == 12
    assert not first.alive                                      # the old worker ended
    assert not app.info


@pytest.mark.parametrize("button", ["train.start", "train.step"])
def test_a_model_not_trained_yet_trains_the_sidebars_settings(app, button):
    """A fresh session set to sine + GRU, Start pressed: it trains sine with a GRU, not the default it
    opened with; a setting changed in the same rerun as the press (a number typed, then Start) counts too."""
    app.session_state["lang"] = "en"
    app.run()
    first = app.session_state["worker"]
    set_knobs(app, {"task": "sine"})
    app.run()
    assert not any("apply when you press" in i.value for i in app.info)     # nothing to reset yet
    set_knobs(app, {"cell": "gru", "hidden_size": 8})
    app.button(key=button).click().run()
    assert not app.exception
    worker = app.session_state["worker"]
    config = worker.experiment.config
    assert (config.task, config.cell, config.hidden_size) == ("sine", "gru", 8)
    assert config == app.session_state["config"]
    assert wait_for(lambda: worker.snapshot().step >= 1)
    assert not first.alive                                      # the model it replaced ended


def test_divergence_is_shown_and_the_model_kept(app):
    start(app, task="adding", params={"adding": {"seq_len": 60}}, cell="rnn-relu", lr=1.0, optimizer="sgd",
          custom_init=True, spectral_radius=2.0, clip=0.0, steps=500)
    app.button(key="train.start").click().run()
    worker = app.session_state["worker"]
    assert wait_for(lambda: worker.snapshot().status == DIVERGED)
    app.run()
    assert not app.exception
    assert any("diverged at step" in e.value for e in app.error)
    assert all(p.isfinite().all() for p in worker.model_copy().parameters())


def test_the_language_switch_turns_the_page_and_keeps_the_choice(app):
    app.session_state["lang"] = "en"
    app.run()
    switch = app.radio(key="lang.choice")
    assert switch.options == ["Español", "English"] and switch.value == "en"
    switch.set_value("es").run()
    assert not app.exception
    assert app.session_state["lang"] == "es"
    assert app.title[0].value == "Entrenar en vivo"
    assert app.button(key="train.start").label == "Empezar"
    app.run()                                                    # and it stays
    assert app.title[0].value == "Entrenar en vivo"


def test_invalid_value_in_the_store_gives_a_message_not_a_traceback(app):
    start(app)
    app.session_state["experiment"]["lr"] = 5.0      # out of [1e-6, 1]: e.g. a hand-edited store
    app.session_state["cfg.lr"] = 5.0
    app.run()
    assert not app.exception
    assert app.session_state["config"] is None or app.session_state["config"].lr <= 1.0


def test_the_live_chart_polls_less_often_while_many_sessions_train(app):
    start(app, steps=100_000)
    app.button(key="train.start").click().run()
    assert app.session_state["train.poll"][0] == 0.4                    # alone: its own pace
    others = [TrainingWorker(Experiment.build(ExperimentConfig(steps=100_000))) for _ in range(10)]
    try:
        for other in others:
            other.start()
        app.run()
        assert training_now() >= 11 and app.session_state["train.poll"][0] == 1.6
    finally:
        for other in others:
            other.stop()


def test_worker_ends_when_the_session_state_is_dropped(app):
    start(app, steps=100_000)
    worker = app.session_state["worker"]
    app.button(key="train.start").click().run()
    assert wait_for(lambda: worker.snapshot().step > 0)
    del app.session_state["_session_token"]      # what Streamlit drops with a closed session's state
    gc.collect()
    assert wait_for(lambda: not worker.alive, timeout=GRACE_SECONDS + 10)


def test_a_shared_link_restores_the_experiment(app):
    params = {"task": "adding", "seq_len": "80", "cell": "gru", "hidden_size": "24", "seed": "7",
              "lr": "0.002", "lang": "en", "projector": "1"}
    for name, value in params.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    config = app.session_state["config"]
    assert (config.task, config.seq_len, config.cell, config.hidden_size, config.seed, config.lr) == \
        ("adding", 80, "gru", 24, 7, 0.002)
    assert app.session_state["projector"] is True and app.title[0].value == "Train live"
    assert app.session_state["worker"].experiment.config == config     # same seed, same data, same weights
    assert not app.warning


def test_invalid_link_parameters_are_ignored_with_a_notice(app):
    for name, value in {"task": "adding", "hidden_size": "-3", "colour": "red", "lang": "en"}.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception
    assert app.session_state["config"].task == "adding"
    notice = as_read(app.warning[0].value)
    assert "2 parameters of the link were ignored" in notice
    assert "“Hidden size” = -3 is not a valid value" in notice and "“colour” is not a setting" in notice


def test_a_link_notice_stays_through_a_pages_own_rerun_until_the_experiment_changes(app):
    """The Train page reruns itself half a second after its first screen: a notice shown once was gone
    before anyone could read it."""
    for name, value in {"hidden_size": "-3", "lang": "en"}.items():
        app.query_params[name] = value
    app.run()
    app.run()                                                           # the page's own rerun
    assert any("“Hidden size” = -3" in as_read(w.value) for w in app.warning)
    app.sidebar.number_input(key="cfg.hidden_size").set_value(16).run()   # the learner's first change
    assert not any("“Hidden size” = -3" in as_read(w.value) for w in app.warning)


def test_a_demo_run_replays_its_curves_and_model(app):
    start(app)
    app.selectbox(key="runs.demo").set_value("adding-lstm")
    app.button(key="runs.load_demo").click().run()
    assert not app.exception
    worker = app.session_state["worker"]
    snap = worker.snapshot()
    assert snap.status == FINISHED and snap.step == 1500 and len(snap.history) == 1500
    config = app.session_state["config"]
    assert config == worker.experiment.config and (config.task, config.cell) == ("adding", "lstm")
    assert snap.grad_steps == (0, 1500)                       # at initialisation, and trained
    val = worker.experiment.trainer.evaluate()["val_loss"]
    assert val < 0.1 * worker.experiment.data.baseline_loss   # the trained weights came with it
    spec = figure(app, "train.loss_chart")
    assert len(values(next(t for t in spec["data"] if t["name"] == "train")["x"])) == 1500
