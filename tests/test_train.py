"""Trainer: reproducibility, clipping records, the divergence guard, callbacks.

The data source here is a tiny stand-in written in the test, so these tests check the loop itself
(any model, any data), independent of rnnviz.tasks.
"""
import math

import pytest
import torch
from torch import nn

from rnnviz.models import SequenceModel
from rnnviz.train import Trainer, TrainingDiverged


class LinearSums:
    """Regression: predict the sum of a (B, T, 1) sequence. Fresh batches from the given generator."""

    def __init__(self, T=8):
        self.T = T
        g = torch.Generator().manual_seed(123)
        self.val = self._batch(64, g)

    def _batch(self, B, generator):
        x = torch.randn(B, self.T, 1, generator=generator)   # (B, T, 1)
        return x, x.sum(dim=1)                                 # (B, 1)

    def train_batch(self, batch_size, generator):
        return self._batch(batch_size, generator)

    def loss(self, output, target):
        return nn.functional.mse_loss(output, target)

    def metric(self, output, target):
        return float((output - target).abs().mean())


def make_model(cell="rnn", seed=0, **kwargs):
    torch.manual_seed(seed)
    return SequenceModel(cell, input_size=1, output_size=1, hidden_size=8, **kwargs)


def test_same_seed_same_history_and_weights():
    runs = []
    for _ in range(2):
        trainer = Trainer(make_model("lstm"), LinearSums(), lr=0.01, seed=7, eval_every=5)
        list(trainer.run(12))
        runs.append(trainer)
    assert runs[0].history == runs[1].history
    for a, b in zip(runs[0].model.parameters(), runs[1].model.parameters()):
        assert torch.equal(a, b)


def test_different_seed_different_batches():
    a = Trainer(make_model(), LinearSums(), seed=1)
    b = Trainer(make_model(), LinearSums(), seed=2)
    assert a.step()["train_loss"] != b.step()["train_loss"]


def test_training_lowers_the_loss():
    trainer = Trainer(make_model("gru"), LinearSums(), lr=0.02, eval_every=100)
    history = list(trainer.run(200))
    assert history[-1]["val_loss"] < 0.2 * trainer.history[0]["train_loss"]


def test_validation_every_k_steps_and_callbacks():
    seen = {"on_step_end": [], "on_validation": []}
    trainer = Trainer(make_model(), LinearSums(), eval_every=4)
    for event in seen:
        trainer.add_callback(event, lambda t, event=event: seen[event].append(t.step_count))
    list(trainer.run(10))
    assert seen["on_step_end"] == list(range(1, 11))
    assert seen["on_validation"] == [4, 8]
    assert [r["step"] for r in trainer.history if "val_loss" in r] == [4, 8]
    assert trainer.last_validation()["step"] == 8
    with pytest.raises(ValueError, match="on_epoch"):
        trainer.add_callback("on_epoch", print)


def test_clip_events_recorded_and_gradient_clipped():
    trainer = Trainer(make_model(), LinearSums(T=20), lr=0.001, clip=1e-3)
    record = trainer.step()
    assert record["clipped"] and trainer.clip_events == [1]
    assert record["grad_norm"] > 1e-3
    clipped_norm = math.sqrt(sum(float(p.grad.pow(2).sum()) for p in trainer.params))
    assert clipped_norm == pytest.approx(1e-3, rel=1e-4)


def test_no_clipping_still_records_the_norm():
    trainer = Trainer(make_model(), LinearSums(), clip=0.0)
    record = trainer.step()
    independent = math.sqrt(sum(float(p.grad.pow(2).sum()) for p in trainer.params))
    assert record["grad_norm"] == pytest.approx(independent, rel=1e-5)
    assert not record["clipped"] and trainer.clip_events == []


def test_sgd_optimizer_and_bad_optimizer():
    before = [p.detach().clone() for p in make_model().parameters()]
    trainer = Trainer(make_model(), LinearSums(), optimizer="sgd", lr=0.1)
    trainer.step()
    grads_applied = [b - 0.1 * p.grad for b, p in zip(before, trainer.params)]
    for expected, p in zip(grads_applied, trainer.params):
        torch.testing.assert_close(p.detach(), expected)
    with pytest.raises(ValueError, match="optimizer='rmsprop'"):
        Trainer(make_model(), LinearSums(), optimizer="rmsprop")


def test_diverging_relu_rnn_stops_and_keeps_finite_weights():
    """A ReLU RNN with a large learning rate blows up; the guard names the step and keeps weights."""
    model = make_model("rnn-relu", spectral_radius=1.5)
    trainer = Trainer(model, LinearSums(T=40), optimizer="sgd", lr=1.0)
    with pytest.raises(TrainingDiverged) as raised:
        for _ in trainer.run(200):
            snapshot = [p.detach().clone() for p in trainer.params]
    diverged = raised.value
    assert diverged.step == trainer.step_count + 1
    assert f"step {diverged.step}" in str(diverged)
    assert all(torch.isfinite(p).all() for p in model.parameters())
    if trainer.step_count:   # the weights are those after the last good step
        for kept, p in zip(snapshot, trainer.params):
            assert torch.equal(kept, p.detach())
    assert math.isfinite(trainer.evaluate()["val_loss"]) or diverged.what == "loss"


def test_same_diverging_run_trains_with_clipping():
    model = make_model("rnn-relu", spectral_radius=1.5)
    trainer = Trainer(model, LinearSums(T=40), optimizer="sgd", lr=1e-3, clip=1.0)
    list(trainer.run(50))
    assert all(math.isfinite(r["train_loss"]) for r in trainer.history)
    assert len(trainer.clip_events) > 0


def test_non_finite_weights_after_an_update_are_rolled_back():
    model = make_model()
    trainer = Trainer(model, LinearSums(), optimizer="sgd", lr=1.0)
    before = [p.detach().clone() for p in trainer.params]
    trainer.optimizer.lr = math.inf      # an update that makes every weight inf/NaN
    trainer.step()
    assert not all(torch.isfinite(p).all() for p in trainer.params)
    with pytest.raises(TrainingDiverged, match="step 2: the weight is not finite"):
        trainer.step()
    for kept, p in zip(before, trainer.params):               # back to the weights before that update
        assert torch.equal(kept, p.detach())
    assert trainer.step_count == 1
