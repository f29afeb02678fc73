"""Early stopping (the patience knob, issue 21's lesson 9): the Trainer stops where an independent loop over the
validation losses of a run without it says, with the weights of the best validation step bit for bit; the
worker ends the run there and says so; the loss chart marks the kept step; the knob travels in the URL,
RUN.json and the CLI; off (the default), a run is exactly what it was."""
import json
import subprocess
import sys

import pytest
import torch

from rnnviz.config import ExperimentConfig, from_query_params, to_query_params
from rnnviz.experiment import Experiment
from rnnviz.figures.training import loss_figure
from rnnviz.live.status import FINISHED
from rnnviz.live.worker import TrainingWorker
from rnnviz.runs import Run
from testkit.waiting import wait_for

# measured: an LSTM of 16 units overfits the sentiment sentences, its validation loss lowest at step 60 of 300
OVERFITS = dict(cell="lstm", hidden_size=16, steps=300, eval_every=10)


def config(**changes) -> ExperimentConfig:
    return ExperimentConfig.for_task("sentiment", **{**OVERFITS, **changes})


def trained(steps: int, **changes) -> Experiment:
    experiment = Experiment.build(config(**changes))
    list(experiment.trainer.run(steps))
    return experiment


def where_to_stop(history: list[dict], patience: int) -> tuple[int, int] | None:
    """(the step where training stops, the step of the best validation loss), counted over a history
    recorded without early stopping; None if it would never stop."""
    best_loss, best_step, since = float("inf"), None, 0
    for record in history:
        if "val_loss" not in record:
            continue
        if record["val_loss"] < best_loss:
            best_loss, best_step, since = record["val_loss"], record["step"], 0
        else:
            since += 1
            if since == patience:
                return record["step"], best_step
    return None


def same_weights(a, b) -> bool:
    a, b = a.state_dict(), b.state_dict()
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


@pytest.mark.parametrize("patience", [1, 3, 5])
def test_training_stops_where_the_recorded_validation_losses_say_with_the_best_steps_weights(patience):
    free = trained(300)                                         # no early stopping: the whole run
    expected = where_to_stop(free.trainer.history, patience)
    assert expected is not None                                 # this run overfits: each patience stops it
    stop_step, best_step = expected
    assert best_step < stop_step < 300

    stopped = trained(300, patience=patience)
    trainer = stopped.trainer
    assert trainer.step_count == stop_step
    assert (trainer.stopped.step, trainer.stopped.best_step) == (stop_step, best_step)
    assert trainer.stopped.best_val_loss == next(r["val_loss"] for r in free.trainer.history if r["step"] == best_step)
    # the same steps as the free run up to the stop, which also names the kept step
    assert trainer.history[:-1] == free.trainer.history[:stop_step - 1]
    assert trainer.history[-1] == {**free.trainer.history[stop_step - 1], "kept_step": best_step}
    # the weights: those of a run of exactly best_step steps, bit for bit
    assert same_weights(stopped.model, trained(best_step).model)
    assert not same_weights(stopped.model, trained(stop_step).model)
    # and the model evaluates as it did at that step
    assert stopped.final()["val_loss"] == trainer.stopped.best_val_loss
    assert list(trainer.run(10)) == [] and trainer.step_count == stop_step     # a stopped run stays stopped


def test_a_patience_never_run_out_changes_nothing():
    free, patient = trained(300), trained(300, patience=1000)
    assert where_to_stop(free.trainer.history, 1000) is None
    assert patient.trainer.stopped is None and patient.trainer.history == free.trainer.history
    assert same_weights(patient.model, free.model)


def test_off_by_default_and_an_old_run_json_without_it_loads(tmp_path):
    assert ExperimentConfig().patience == 0 and ExperimentConfig.for_task("adding").patience == 0
    run = trained(30).to_run()
    path = run.save(tmp_path / "run.json")
    data = json.loads(path.read_text())
    del data["config"]["patience"]                              # as written before the knob existed
    path.write_text(json.dumps(data))
    loaded = Run.load(path)
    assert loaded.config == run.config and loaded.config.patience == 0
    assert Experiment.from_run(loaded).trainer.stopped is None


def test_a_recorded_early_stopped_run_comes_back_stopped(tmp_path):
    stopped = trained(300, patience=3)
    path = stopped.to_run().save(tmp_path / "run.json")
    back = Experiment.from_run(Run.load(path))
    assert back.trainer.stopped == stopped.trainer.stopped
    worker = TrainingWorker(back)
    assert worker.snapshot().status == FINISHED and not worker.can_start
    assert worker.snapshot().early_stop == stopped.trainer.stopped
    worker.stop()


def test_the_knob_travels_in_the_url_and_is_checked():
    with_it = config(patience=4)
    assert to_query_params(with_it)["patience"] == "4"
    assert from_query_params(to_query_params(with_it)) == (with_it, [])
    _, notices = from_query_params({**to_query_params(with_it), "patience": "-1"})
    assert any("patience=-1 is invalid" in notice for notice in notices)
    with pytest.raises(ValueError, match="patience"):
        config(patience=1.5)


def test_the_worker_ends_the_run_at_the_stop_and_keeps_the_best_model():
    expected = where_to_stop(trained(300).trainer.history, 3)
    worker = TrainingWorker(Experiment.build(config(patience=3)))
    worker.start()
    assert wait_for(lambda: worker.snapshot().status == FINISHED, timeout=60)
    snap = worker.snapshot()
    assert snap.step == expected[0] and (snap.early_stop.step, snap.early_stop.best_step) == expected
    assert not worker.can_start                         # Start no longer trains: the kept model stays
    worker.step_once()
    worker.start()
    assert worker.snapshot().step == expected[0] and worker.experiment.trainer.step_count == expected[0]
    assert same_weights(worker.model_copy(), trained(expected[1]).model)
    worker.stop()


def test_the_loss_chart_marks_the_kept_step():
    stopped = trained(300, patience=3).trainer
    best = stopped.stopped
    labels = {"kept": "kept {step}"}
    figure = loss_figure(stopped.history, 0.69, labels=labels)
    marks = [trace for trace in figure.data if trace.name == f"kept {best.best_step}"]
    assert len(marks) == 1 and list(marks[0].x) == [best.best_step] and list(marks[0].y) == [best.best_val_loss]
    assert [(shape.x0, shape.x1) for shape in figure.layout.shapes] == [(best.best_step, best.best_step)]
    plain = loss_figure(trained(60).trainer.history, 0.69, labels=labels)
    assert not any("kept" in (trace.name or "") for trace in plain.data) and not plain.layout.shapes


def test_the_cli_takes_patience_and_says_where_it_stopped(tmp_path):
    out = tmp_path / "run.json"
    result = subprocess.run([sys.executable, "-m", "rnnviz", "train", "--cell", "lstm", "--task", "sentiment",
                             "--hidden-size", "16", "--steps", "300", "--eval-every", "10", "--patience", "3",
                             "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    stop = trained(300, patience=3).trainer.stopped
    assert (f"stopped early at step {stop.step}: the validation loss had not improved since step "
            f"{stop.best_step}; the model of step {stop.best_step} is kept") in result.stderr
    run = json.loads(out.read_text())
    assert run["config"]["patience"] == 3 and run["config"]["eval_every"] == 10
    assert run["history"][-1]["step"] == stop.step and run["history"][-1]["kept_step"] == stop.best_step
    assert run["final"]["val_loss"] == pytest.approx(stop.best_val_loss, rel=1e-6)
