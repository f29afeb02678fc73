"""The lessons the tasks promise, trained for real with their recommended settings (a few seconds each).

The slower, full-budget measurements are in docs/performance.md, with the CLI commands that reproduce
them.
"""
import pytest

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment


def trained(task, **overrides) -> Experiment:
    experiment = Experiment.build(ExperimentConfig.for_task(task, **overrides))
    for _ in experiment.trainer.run(experiment.config.steps):
        pass
    return experiment


def test_sum_sign_tanh_rnn_reaches_95_percent_held_out():
    experiment = trained("sum-sign", cell="rnn")
    assert experiment.config.seq_len == 10
    assert experiment.trainer.evaluate("test")["test_metric"] >= 0.95


def test_sine_lstm_beats_repeating_the_last_value():
    experiment = trained("sine", cell="lstm")
    rmse = experiment.trainer.evaluate("test")["test_metric"]
    assert rmse < experiment.data.repeat_last_rmse


@pytest.mark.parametrize("task", ["sum-sign", "next-number", "sine", "sentiment"])   # a few seconds each
def test_a_default_run_clips_rarely_if_at_all(task):
    """Clipping is an emergency brake: a default run that clips most of its steps (sum-sign clipped 792 of
    1000 with a clip of 1) teaches that it is the normal state."""
    experiment = trained(task)
    clipped = sum(record["clipped"] for record in experiment.trainer.history)
    assert clipped <= 0.02 * experiment.config.steps


@pytest.mark.slow
def test_adding_lstm_learns_what_a_tanh_rnn_cannot():
    """Le, Jaitly & Hinton's adding problem at T = 50: the textbook contrast (1000 steps each)."""
    lstm = trained("adding", cell="lstm", steps=1000)
    rnn = trained("adding", cell="rnn", steps=1000)
    baseline = lstm.data.baseline_loss
    assert lstm.trainer.evaluate()["val_loss"] < 0.1 * baseline
    assert rnn.trainer.evaluate()["val_loss"] > 0.5 * baseline
