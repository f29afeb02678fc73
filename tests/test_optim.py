"""rnnviz.optim's SGD and Adam against torch.optim's: every weight bit-for-bit equal after each step."""
import pytest
import torch
from torch import nn

from rnnviz import optim
from rnnviz.optim import OPTIMIZERS


def _model(cell: str, dtype: torch.dtype) -> nn.Module:
    torch.manual_seed(0)
    rnn = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell](3, 5, num_layers=2, batch_first=True)
    return nn.ModuleDict({"rnn": rnn, "readout": nn.Linear(5, 2)}).to(dtype)


def _loss(model: nn.Module, step: int) -> torch.Tensor:
    generator = torch.Generator().manual_seed(step)
    x = torch.randn(4, 7, 3, generator=generator, dtype=model["readout"].weight.dtype)  # (B, T, D)
    out, _ = model["rnn"](x)                                                              # (B, T, H)
    return model["readout"](out[:, -1]).pow(2).mean()


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64])
@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("name, lr", [("sgd", 0.1), ("adam", 0.01), ("adam", 3e-4)])
def test_same_weights_as_torch_optim(name, lr, cell, dtype):
    ours, theirs = _model(cell, dtype), _model(cell, dtype)
    ours_opt = OPTIMIZERS[name](list(ours.parameters()), lr=lr)
    theirs_opt = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam}[name](theirs.parameters(), lr=lr)
    for step in range(30):
        for model, opt in ((ours, ours_opt), (theirs, theirs_opt)):
            opt.zero_grad(set_to_none=True)
            _loss(model, step).backward()
            opt.step()
        for a, b in zip(ours.parameters(), theirs.parameters()):
            assert torch.equal(a, b), f"step {step}: weights differ by {(a - b).abs().max().item():.3g}"


def test_adam_skips_parameters_without_gradient_as_torch_does():
    """A frozen (grad None) parameter keeps its weights and its own step count, in both."""
    ours, theirs = _model("gru", torch.float32), _model("gru", torch.float32)
    ours_opt = optim.Adam(list(ours.parameters()), lr=0.05)
    theirs_opt = torch.optim.Adam(theirs.parameters(), lr=0.05)
    for step in range(6):
        for model, opt in ((ours, ours_opt), (theirs, theirs_opt)):
            opt.zero_grad()
            _loss(model, step).backward()
            if step % 2:                                   # every other step the readout gets no update
                model["readout"].weight.grad = None
            opt.step()
    for a, b in zip(ours.parameters(), theirs.parameters()):
        assert torch.equal(a, b)


def test_zero_grad_keeps_or_drops_the_gradient_tensor():
    model = _model("rnn", torch.float32)
    opt = optim.SGD(list(model.parameters()), lr=0.1)
    _loss(model, 0).backward()
    opt.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad.any() for p in model.parameters())
    opt.zero_grad()
    assert all(p.grad is None for p in model.parameters())

