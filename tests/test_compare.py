"""The cell comparison: parameter counts and matching, the lock-step race, the sequence-length sweep,
the figures, the strings, and the Compare page under AppTest (the runners: test_runners.py)."""
import contextlib
import json
import logging
import re
import string
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
import torch

from rnnviz.compare import (Race, cell_configs, contestants, history_arrays, matched_hidden_sizes, parameter_count,
                            sequence_length_sweep)
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.figures import compare as figures
from rnnviz.figures.decimate import SCREEN_POINTS
from rnnviz.i18n.compare import STRINGS
from rnnviz.live.session_watch import GRACE_SECONDS
from rnnviz.live.speed import FULL_SPEED
from rnnviz.live.status import PAUSED, STOPPED
from rnnviz.live.worker import FAILURES
from rnnviz.models import SequenceModel
from rnnviz.tasks import make_task
from rnnviz.train import TrainingDiverged
from testkit.waiting import wait_for

from app_pages import open_with

ROOT = Path(__file__).resolve().parent.parent


def small(**changes) -> ExperimentConfig:
    settings = dict(task="sum-sign", hidden_size=6, batch_size=8, steps=12, eval_every=4, task_params={"seq_len": 5})
    settings.update(changes)
    return ExperimentConfig(**settings)


def data_of(config):
    return make_task(config.task, seed=config.seed, **config.task_params)


# --- parameter counts and matching -------------------------------------------------------------------

def meta_count(config: ExperimentConfig, data, cell: str, hidden_size: int) -> int:
    """Independent count: build the very module (on the meta device, no memory) and count its numbers."""
    with torch.device("meta"):
        model = SequenceModel(cell=cell, input_size=data.input_size, output_size=data.output_size,
                              hidden_size=hidden_size, num_layers=config.layers,
                              bidirectional=config.bidirectional, tokens=data.input_kind == "tokens",
                              embedding_dim=config.embedding_dim, many_to_many=data.many_to_many)
    return sum(p.numel() for p in model.parameters())


@pytest.mark.parametrize("config", [
    small(),
    ExperimentConfig(task="sentiment", hidden_size=7, layers=2, bidirectional=True, embedding_dim=5),
    ExperimentConfig(task="char-lm", hidden_size=9, layers=3, embedding_dim=4),
    ExperimentConfig(task="adding", hidden_size=11, layers=2),
])
@pytest.mark.parametrize("cell", ["rnn", "rnn-relu", "lstm", "gru"])
def test_parameter_count_equals_the_built_model(config, cell):
    data = data_of(config)
    counted = parameter_count(config.replace(cell=cell), data)
    assert counted == meta_count(config, data, cell, config.hidden_size)
    assert counted == Experiment.build(config.replace(cell=cell)).model.num_parameters()


def brute_force_match(config, data) -> dict[str, int]:
    """Every hidden size 1..512 of every cell, counted on built modules: the closest to the LSTM's."""
    target = meta_count(config, data, "lstm", config.hidden_size)
    sizes = {"lstm": config.hidden_size}
    for cell in ("rnn", "gru"):
        distances = [abs(meta_count(config, data, cell, H) - target) for H in range(1, 513)]
        sizes[cell] = 1 + distances.index(min(distances))          # ties: the smallest size
    return sizes


@pytest.mark.parametrize("config", [
    ExperimentConfig(task="sum-sign", hidden_size=32),
    ExperimentConfig(task="sentiment", hidden_size=20, layers=2, bidirectional=True, embedding_dim=6),
])
def test_matching_picks_the_closest_count_by_brute_force(config):
    data = data_of(config)
    matched = matched_hidden_sizes(config, data)
    assert matched == brute_force_match(config, data)
    assert matched["rnn"] > matched["gru"] > config.hidden_size    # fewer gates per unit: more units
    rows = contestants(config, match_parameters=True)
    assert [r["cell"] for r in rows] == ["rnn", "lstm", "gru"]
    assert [r["hidden_size"] for r in rows] == [matched["rnn"], config.hidden_size, matched["gru"]]
    assert [r["parameters"] for r in rows] == [meta_count(config, data, r["cell"], r["hidden_size"]) for r in rows]


def test_without_matching_only_the_cell_changes():
    config = small(hidden_size=9)
    configs = cell_configs(config)
    assert list(configs) == ["rnn", "lstm", "gru"]
    for cell, c in configs.items():
        assert c == config.replace(cell=cell)


@pytest.mark.parametrize("cells", [[], ["lstm", "lstm"], ["tcn"], "rnn"])
def test_bad_cells_are_refused(cells):
    with pytest.raises(ValueError, match="cells"):
        cell_configs(small(), cells)


# --- the lock-step race --------------------------------------------------------------------------------

def test_race_trains_every_cell_on_identical_batches():
    race = Race(small(), match_parameters=True)
    seen = {cell: [] for cell in race.cells}
    for cell, run in race.runs.items():
        original = run.experiment.data.train_batch

        def recording(batch_size, generator, original=original, cell=cell):
            batch = original(batch_size, generator)
            seen[cell].append(batch)
            return batch

        run.experiment.data.train_batch = recording
    assert list(race.run(5)) == [1, 2, 3, 4, 5]
    first = seen["rnn"]
    assert len(first) == 5
    assert not torch.equal(first[0][0], first[1][0]), "batches differ from step to step"
    for cell in ("lstm", "gru"):
        assert len(seen[cell]) == 5
        for (x, y), (x0, y0) in zip(seen[cell], first):
            assert torch.equal(x, x0) and torch.equal(y, y0)
        assert torch.equal(race.runs[cell].experiment.data.val[0], race.runs["rnn"].experiment.data.val[0])


def test_lock_step_changes_nothing_against_solo_runs():
    config = small()
    race = Race(config)
    list(race.run(config.steps))
    for cell, history in race.histories().items():
        solo = Experiment.build(config.replace(cell=cell))
        list(solo.trainer.run(config.steps))
        assert history == solo.trainer.history
    rows = race.results()
    for row in rows:
        solo_model = race.runs[row["cell"]].experiment.model
        x, y = race.data.val
        with torch.no_grad():
            loss = race.data.loss(solo_model.eval()(x), y).item()
        assert row["val_loss"] == pytest.approx(loss, rel=1e-6)
        assert row["parameters"] == sum(p.numel() for p in solo_model.parameters())
        assert row["steps"] == config.steps and row["steps_per_second"] > 0 and not row["diverged"]


def test_race_stops_between_steps_when_asked():
    race = Race(small(steps=1000))
    steps = iter(range(100))
    taken = list(race.run(1000, should_stop=lambda: next(steps) >= 7))
    assert taken == list(range(1, 8)) and race.step_count == 7


def test_each_race_step_runs_inside_around_step():
    race, inside = Race(small(steps=1000)), []

    @contextlib.contextmanager
    def around_step():
        before = race.step_count
        yield
        inside.append((before, race.step_count))      # the whole step happened inside

    list(race.run(4, around_step=around_step))
    assert inside == [(0, 1), (1, 2), (2, 3), (3, 4)]


def test_grad_norms_equal_a_hand_unrolled_rnn():
    race = Race(small(hidden_size=5))
    list(race.run(3))
    model = race.runs["rnn"].experiment.model
    x, y = race.data.val[0][:32], race.data.val[1][:32]
    rnn = model.rnn
    h = torch.zeros(x.shape[0], rnn.hidden_size)
    states = []
    for t in range(x.shape[1]):
        h = torch.tanh(x[:, t] @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T + rnn.bias_hh_l0)
        h.retain_grad()
        states.append(h)
    loss = race.data.loss(model.head(h), y)
    loss.backward()
    expected = np.array([s.grad.norm().item() for s in states])
    norms = race.grad_norms()
    assert set(norms) == {"rnn", "lstm", "gru"}
    assert norms["rnn"].shape == (1, x.shape[1])
    np.testing.assert_allclose(norms["rnn"][0], expected, rtol=1e-4, atol=1e-12)
    model.zero_grad()


def test_a_diverging_cell_stops_and_the_others_go_on(caplog):
    config = ExperimentConfig(task="adding", hidden_size=16, lr=0.1, optimizer="sgd", spectral_radius=2.0,
                              task_params={"seq_len": 40}, steps=60)
    race = Race(config, cells=["rnn-relu", "lstm"])
    with caplog.at_level(logging.INFO, logger="rnnviz"):
        list(race.run(60))
    rows = {r["cell"]: r for r in race.results()}
    assert rows["rnn-relu"]["diverged"] and rows["rnn-relu"]["steps"] < 60
    assert not rows["lstm"]["diverged"] and rows["lstm"]["steps"] == 60
    [record] = [r for r in caplog.records if r.name == "rnnviz.compare"]        # the deployer sees it too
    assert "rnn-relu" in record.getMessage() and isinstance(record.exc_info[1], TrainingDiverged)


def test_history_arrays():
    history = [{"step": 1, "train_loss": 0.5}, {"step": 2, "train_loss": 0.4, "val_loss": 0.45},
               {"step": 3, "train_loss": 0.3}]
    arrays = history_arrays(history)
    assert arrays["step"].tolist() == [1, 2, 3] and arrays["train_loss"].tolist() == [0.5, 0.4, 0.3]
    assert arrays["val_step"].tolist() == [2] and arrays["val_loss"].tolist() == [0.45]


# --- the sweep -------------------------------------------------------------------------------------------

def test_sweep_yields_one_point_per_length_and_cell():
    config = small()
    progress = []
    points = list(sequence_length_sweep(config, [4, 7], steps=6, on_step=lambda d, t: progress.append((d, t))))
    assert [(p.seq_len, p.cell) for p in points] == [(4, "rnn"), (4, "lstm"), (4, "gru"),
                                                     (7, "rnn"), (7, "lstm"), (7, "gru")]
    assert progress == [(i, 12) for i in range(1, 13)]
    assert all(p.steps == 6 and p.metric_name == "accuracy" for p in points)
    # each point is what a solo run of that cell at that length reaches
    solo = Experiment.build(config.replace(cell="gru", steps=6, task_params={"seq_len": 7}))
    list(solo.trainer.run(6))
    assert points[-1].val_loss == pytest.approx(solo.trainer.evaluate("val")["val_loss"], rel=1e-6)
    assert points[-1].baseline_loss == solo.data.baseline_loss


def test_sweep_stops_when_asked_without_half_trained_points():
    checks = []

    def should_stop():
        checks.append(1)
        return len(checks) > 8            # 5 steps finish length 3, then 3 steps into length 4

    points = list(sequence_length_sweep(small(), [3, 4, 5], steps=5, should_stop=should_stop))
    assert [p.seq_len for p in points] == [3, 3, 3]


@pytest.mark.parametrize("lengths, message", [([], "non-empty"), ([5, 5], "repeats"), ([1], "seq_len=1"),
                                              ([2.5], "integer")])
def test_sweep_refuses_bad_lengths_at_once(lengths, message):
    with pytest.raises(ValueError, match=message):
        sequence_length_sweep(small(), lengths, steps=3)       # before any iteration


# --- figures ---------------------------------------------------------------------------------------------

def types(fig: go.Figure) -> list[str]:
    return [trace.type for trace in fig.data]


def test_loss_curves_figure():
    curves = {cell: {"step": np.arange(1, 11), "train_loss": np.linspace(1, 0.1, 10) * (i + 1),
                     "val_step": np.array([5, 10]), "val_loss": np.array([0.6, 0.2]) * (i + 1)}
              for i, cell in enumerate(["rnn", "lstm", "gru"])}
    fig = figures.loss_curves_figure(curves, baseline_loss=0.69, labels={"train": "{cell} tr"})
    assert types(fig) == ["scatter"] * 7
    assert fig.data[2].name == "LSTM tr"
    np.testing.assert_allclose(fig.data[3].y, [1.2, 0.4], rtol=1e-6)
    assert list(fig.data[-1].y) == [0.69, 0.69]
    colours = {fig.data[2 * i].line.color for i in range(3)}
    dashes = {fig.data[2 * i].line.dash for i in range(3)}
    assert len(colours) == 3 and len(dashes) == 3                   # told apart by colour and by dash


def test_long_loss_curves_are_thinned_below_two_megabytes():
    steps = np.arange(1, 100_001)
    losses = np.random.default_rng(0).random(100_000)
    losses[54_321] = 7.0                                               # one spike: it must be drawn
    curves = {cell: {"step": steps, "train_loss": losses,
                     "val_step": steps[::25], "val_loss": np.ones(4000)} for cell in ("rnn", "lstm", "gru")}
    fig = figures.loss_curves_figure(curves)
    drawn = np.asarray(fig.data[0].x)
    assert len(drawn) <= SCREEN_POINTS + 2 and 54_322 in drawn
    np.testing.assert_array_equal(fig.data[0].y, losses[drawn - 1].astype(np.float32))   # real points only
    assert len(fig.to_json()) < 2_000_000
    assert fig.data[1].mode == "lines" and len(fig.data[1].x) == 4000     # every validation point, unmarked
    assert figures.loss_curves_figure({"rnn": {**curves["rnn"], "val_step": steps[:100:25], "val_loss": np.ones(4)}}
                                      ).data[1].mode == "lines+markers"


def test_grad_norms_figure_marks_zeros_honestly():
    norms = {"rnn": np.array([0.0, 0.0, 1e-30, 1e-3, 1.0]), "lstm": np.array([1e-2, 1e-2, 0.1, 0.5, 1.0])}
    fig = figures.grad_norms_figure(norms)
    assert types(fig) == ["scatter", "scatter", "scatter"]
    assert fig.layout.yaxis.type == "log"
    rnn_y = np.asarray(fig.data[0].y, dtype=np.float64)
    assert np.isnan(rnn_y[:2]).all() and rnn_y[2] == pytest.approx(1e-30, rel=1e-6)
    zeros = fig.data[2]
    assert list(zeros.x) == [0, 1] and zeros.visible is True
    assert all(0 < y < 1e-30 for y in zeros.y)                      # below everything drawn
    fig = figures.grad_norms_figure({"gru": np.ones(4)})
    assert len(fig.data[-1].x) == 0 and fig.data[-1].visible == "legendonly"


def test_sweep_figure_sorts_by_length():
    fig = figures.sweep_figure({"rnn": np.array([50, 10]), "gru": np.array([10])},
                               {"rnn": np.array([0.5, 0.9]), "gru": np.array([1.0])},
                               baseline=(np.array([50, 10]), np.array([0.5, 0.5])), log_x=True)
    assert types(fig) == ["scatter"] * 3
    assert list(fig.data[0].x) == [10, 50]
    np.testing.assert_allclose(fig.data[0].y, [0.9, 0.5], rtol=1e-6)
    assert fig.layout.xaxis.type == "log"


# --- strings ---------------------------------------------------------------------------------------------

def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_both_languages_and_every_asked_key_exists():
    for key, entry in STRINGS.items():
        assert key.startswith("compare."), key
        assert set(entry) == {"es", "en"} and all(entry.values()), key
        assert placeholders(entry["es"]) == placeholders(entry["en"]), key
    source = (ROOT / "views" / "compare.py").read_text()
    asked = set(re.findall(r'tr\(f?"(compare\.[a-z_.]+)"', source))
    asked |= {f"compare.col.{k}" for k in re.findall(r'"([a-z_]+)"', source.split("names = {key:")[1].split("}")[0])}
    asked |= {f"compare.status.{s}" for s in ("running", "paused", "finished", "stopped", "failed")}
    asked = {key for key in asked if not key.endswith(".")}        # a key completed at run time: below
    asked |= {f"compare.failed.{runner}.{failure}" for runner in ("race", "sweep") for failure in FAILURES}
    asked |= {f"compare.loss.{k}" for k in ("title", "train", "baseline")}
    assert len(asked) > 30, "the regex found too few keys: the test would prove little"
    assert asked - STRINGS.keys() == set()


# --- the page under AppTest ------------------------------------------------------------------------------

@pytest.fixture
def app():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    yield at
    for key in ("compare.race_runner", "compare.sweep_runner", "worker"):
        if key in at.session_state:
            at.session_state[key].stop()


def open_page(at, **knobs):
    """The Compare page in English, the experiment's knobs set before the first run (the sidebar then
    draws its widgets from them, as for a learner who set them)."""
    return open_with(at, "views/compare.py", ExperimentConfig.for_task("sum-sign", **knobs))


def chart(at, key: str) -> dict:
    found = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if key in c.proto.id]
    assert found, f"no chart {key}"
    return found[-1]                     # a live chart's newest figure is the last of its stack


def test_page_race_then_sweep(app):
    at = open_page(app, steps=30, hidden_size=6, batch_size=16, task_params={"seq_len": 6})
    assert {"compare.start", "compare.stop", "compare.sweep_start", "compare.sweep_stop"} <= {b.key for b in at.button}
    assert at.toggle(key="compare.match") is not None
    assert at.dataframe[0].value.shape[0] == 3                     # the contestants
    at.toggle(key="compare.match").set_value(True).run()
    at.selectbox(key="compare.pace").set_value(FULL_SPEED).run()         # the session's pace, for both rows
    assert at.session_state["pace"] == FULL_SPEED and at.selectbox(key="compare.sweep_pace").value == FULL_SPEED
    expected = brute_force_match(at.session_state["config"], data_of(at.session_state["config"]))
    assert at.dataframe[0].value["hidden size"].tolist() == [expected["rnn"], 6, expected["gru"]]
    at.button(key="compare.start").click().run()
    runner = at.session_state["compare.race_runner"]
    assert wait_for(lambda: not runner.alive)
    at.run()
    assert not at.exception, at.exception
    loss = chart(at, "compare.loss_chart")
    assert len(json.dumps(loss)) < 2_000_000
    assert [t["type"] for t in loss["data"]] == ["scatter"] * 7
    grads = chart(at, "compare.grad_chart")
    assert [t["type"] for t in grads["data"]] == ["scatter"] * 4 and grads["layout"]["yaxis"]["type"] == "log"
    results = at.dataframe[-1].value
    assert results["cell"].tolist() == ["RNN (tanh)", "LSTM", "GRU"] and (results["steps"] == 30).all()
    assert "Accuracy" in results.columns

    at.pills(key="compare.sweep_lengths").set_value([5, 10]).run()
    at.number_input(key="compare.sweep_steps").set_value(10).run()
    at.button(key="compare.sweep_start").click().run()
    sweep = at.session_state["compare.sweep_runner"]
    assert wait_for(lambda: not sweep.alive)
    at.run()
    assert not at.exception, at.exception
    spec = chart(at, "compare.sweep_chart")
    assert [t["type"] for t in spec["data"]] == ["scatter"] * 4
    assert len(at.dataframe[-1].value) == 6


def test_page_race_at_the_sessions_pace_pauses_resumes_and_stops(app):
    """The race trains at the pace of the link (pace=1 here), which its selector changes mid-run; Pause and
    Resume take turns on one button; Stop ends a paused race."""
    app.session_state["pace"] = 1
    at = open_page(app, steps=100_000)
    assert at.selectbox(key="compare.pace").value == 1 and at.button(key="compare.pause").disabled
    at.button(key="compare.start").click().run()
    runner = at.session_state["compare.race_runner"]
    assert runner.pace == 1 and runner.running
    at.selectbox(key="compare.pace").set_value(5).run()
    assert runner.pace == 5 and at.session_state["pace"] == 5
    assert at.button(key="compare.start").disabled and not at.button(key="compare.stop").disabled
    at.button(key="compare.pause").click().run()
    assert runner.status == PAUSED and at.button(key="compare.pause").label == "Resume"
    assert "Paused" in at.get("progress")[0].proto.text
    at.button(key="compare.pause").click().run()
    assert runner.running and at.button(key="compare.pause").label == "Pause"
    at.button(key="compare.pause").click().run()
    at.button(key="compare.stop").click().run()
    assert not runner.alive and runner.snapshot().status == STOPPED
    assert not at.button(key="compare.start").disabled and at.button(key="compare.pause").disabled
    assert not at.exception, at.exception


def test_page_stop_button_ends_a_long_sweep(app):
    at = open_page(app)
    at.pills(key="compare.sweep_lengths").set_value([100]).run()
    at.number_input(key="compare.sweep_steps").set_value(100_000).run()
    at.button(key="compare.sweep_start").click().run()
    sweep = at.session_state["compare.sweep_runner"]
    assert wait_for(lambda: sweep.snapshot().done > 0)
    at.run()
    assert not at.exception and not at.button(key="compare.sweep_stop").disabled
    at.button(key="compare.sweep_stop").click().run()
    assert wait_for(lambda: not sweep.alive, timeout=10)
    assert sweep.snapshot().status == STOPPED
    at.run()
    assert not at.exception, at.exception


def test_page_warns_when_no_length_is_chosen(app):
    at = open_page(app)
    at.pills(key="compare.sweep_lengths").set_value([]).run()
    assert not at.exception
    assert at.warning and at.button(key="compare.sweep_start").disabled


def test_page_runner_ends_when_the_session_state_is_dropped(app):
    import gc

    at = open_page(app, steps=100_000)
    at.button(key="compare.start").click().run()
    runner = at.session_state["compare.race_runner"]
    assert wait_for(lambda: runner.snapshot().step > 0)
    state = at.session_state._state._state                    # as when Streamlit forgets a closed session:
    state._new_session_state.clear()
    state._old_state.clear()
    gc.collect()
    assert wait_for(lambda: not runner.alive, timeout=GRACE_SECONDS + 10)     # after the grace period
    assert runner.snapshot().status == STOPPED
