"""Trainer.evaluate reads a split in chunks (rnnviz.cost.evaluation_rows, a quarter of the session budget) and
gives the one-shot loss and metric: each task's split through the model whole, computed here, against the
chunked evaluation with small chunks; the chunks' exact boundaries on a set that does not divide evenly."""
import pytest
import torch

from rnnviz import cost
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.models import SequenceModel
from rnnviz.train import Trainer

TASKS = {"sum-sign": {}, "next-number": {}, "sine": {}, "sentiment": {}, "adding": {"seq_len": 20},
         "copy": {"seq_len": 5}, "char-lm": {"seq_len": 20}}


def one_shot(model, data, split: str) -> tuple[float, float | None]:
    """The loss and metric of the whole split through the model at once (what evaluate computed before)."""
    x, y = getattr(data, split)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        output = model(x)
        result = data.loss(output, y).item(), data.metric(output, y)
    model.train(was_training)
    return result


@pytest.mark.parametrize("task", sorted(TASKS))
@pytest.mark.parametrize("rows", [1, 7, 100])
def test_chunked_equals_one_shot(monkeypatch, task, rows):
    experiment = Experiment.build(ExperimentConfig.for_task(task, hidden_size=8, steps=3,
                                                            task_params=TASKS[task]))
    for _ in range(3):
        experiment.trainer.step()                  # weights away from the initial ones
    expected = {split: one_shot(experiment.model, experiment.data, split) for split in ("val", "test")}
    monkeypatch.setattr(cost, "evaluation_rows", lambda model, steps, budget=None: rows)
    for split, (loss, metric) in expected.items():
        got = experiment.trainer.evaluate(split)
        assert got[f"{split}_loss"] == pytest.approx(loss, rel=1e-6, abs=1e-6)
        if metric is None:
            assert got[f"{split}_metric"] is None
        else:
            assert got[f"{split}_metric"] == pytest.approx(metric, rel=1e-6, abs=1e-6)
    assert experiment.model.training                # evaluate restores the training flag


class Recorder(torch.nn.Module):
    """A SequenceModel that remembers the rows of each call (evaluate must read the split in order)."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.inner = SequenceModel("gru", input_size=1, output_size=1, hidden_size=5)
        self.cell, self.rnn, self.head = self.inner.cell, self.inner.rnn, self.inner.head
        self.calls: list[torch.Tensor] = []

    def forward(self, x):
        self.calls.append(x)
        return self.inner(x)


class TenSums:
    """10 validation sequences: no chunk size below 10 but 1, 2, 5 divides them evenly."""

    def __init__(self):
        g = torch.Generator().manual_seed(1)
        x = torch.randn(10, 6, 1, generator=g)            # (N, T, 1)
        self.val = x, x.sum(dim=1)                         # (N, 1)

    def train_batch(self, batch_size, generator):
        x = torch.randn(batch_size, 6, 1, generator=generator)
        return x, x.sum(dim=1)

    def loss(self, output, target):
        return torch.nn.functional.mse_loss(output, target)

    def metric(self, output, target):
        return float(((output - target) ** 2).mean().sqrt())


@pytest.mark.parametrize("rows, sizes", [(4, [4, 4, 2]), (3, [3, 3, 3, 1]), (10, [10]), (64, [10])])
def test_chunk_boundaries(monkeypatch, rows, sizes):
    model, data = Recorder(), TenSums()
    monkeypatch.setattr(cost, "evaluation_rows", lambda model, steps, budget=None: rows)
    got = Trainer(model, data).evaluate()
    assert [len(call) for call in model.calls] == sizes
    assert torch.equal(torch.cat(model.calls), data.val[0])          # every row once, in order
    with torch.no_grad():
        output = model.inner(data.val[0])
    assert got["val_loss"] == pytest.approx(data.loss(output, data.val[1]).item(), rel=1e-6)
    assert got["val_metric"] == pytest.approx(data.metric(output, data.val[1]), rel=1e-6)


def test_chunk_size_follows_the_budget(monkeypatch):
    """The chunk is the budget's quarter over what one sequence costs read without gradients: 16 MB and a
    long, wide LSTM give a chunk smaller than the split, and the evaluation reads it in those chunks."""
    monkeypatch.setenv(cost.SETTING, "16")
    torch.manual_seed(0)
    model = SequenceModel("lstm", input_size=1, output_size=1, hidden_size=256, num_layers=2)
    rows = cost.evaluation_rows(model, steps=400)
    sizes = cost.Sizes(cell="lstm", hidden=256, layers=2, directions=1, batch=1, steps=400, features=1,
                       outputs=1, vocabulary=0, many_to_many=True)
    assert rows * sizes.inference_row() <= 16 * cost.MB / 4 < (rows + 1) * sizes.inference_row()
    assert 1 <= rows < 512
    assert cost.evaluation_rows(torch.nn.Linear(1, 1), steps=400) is None     # sizes unknown: one piece

    calls = []
    original = model.forward
    model.forward = lambda x: calls.append(len(x)) or original(x)
    data = TenSums()
    data.val = (torch.randn(2 * rows + 1, 400, 1), torch.randn(2 * rows + 1, 1))
    Trainer(model, data).evaluate()
    assert calls == [rows, rows, 1]
