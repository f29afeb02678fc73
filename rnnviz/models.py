"""SequenceModel: [embedding] -> fused nn.RNN / nn.LSTM / nn.GRU -> linear head.

Training runs on PyTorch's fused recurrent modules (much faster than a hand-unrolled cell); rnnviz.trace
and rnnviz.gradients re-run the same weights explicitly to show what happened inside.

References:
- Elman (1990), Finding structure in time: the simple (tanh) RNN.
- Hochreiter & Schmidhuber (1997), Long short-term memory; Gers et al. (2000) for the forget gate.
- Cho et al. (2014), Learning phrase representations using RNN encoder-decoder: the GRU.
- Le, Jaitly & Hinton (2015): ReLU RNNs; Saxe et al. (2014): orthogonal initialisation.
- Jozefowicz et al. (2015): a forget-gate bias of 1 helps LSTMs remember.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from torch import nn

if TYPE_CHECKING:
    from rnnviz.config import ExperimentConfig

_RNN_CLASSES = {"rnn": nn.RNN, "rnn-relu": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

# nn.Module initialisers draw from torch's global generator; seeding it and building must not interleave
# with another session's build, or two runs of one config would start from different weights.
_build_lock = threading.Lock()


class SequenceModel(nn.Module):
    """A recurrent network for one task: reads (B, T) tokens or (B, T, I) vectors, returns
    (B, O) from the last step (many-to-one) or (B, T, O) from every step (many-to-many)."""

    def __init__(self, cell: str, input_size: int, output_size: int, hidden_size: int = 32,
                 num_layers: int = 1, bidirectional: bool = False, dropout: float = 0.0,
                 tokens: bool = False, embedding_dim: int = 16, many_to_many: bool = False,
                 spectral_radius: float | None = None, forget_bias: float | None = None):
        super().__init__()
        if cell not in _RNN_CLASSES:
            raise ValueError(f"cell={cell!r} is invalid: allowed is one of {', '.join(_RNN_CLASSES)}")
        # the constructor's arguments, so a checkpoint can rebuild the same architecture
        self.spec = dict(cell=cell, input_size=input_size, output_size=output_size, hidden_size=hidden_size,
                         num_layers=num_layers, bidirectional=bidirectional, dropout=dropout, tokens=tokens,
                         embedding_dim=embedding_dim, many_to_many=many_to_many,
                         spectral_radius=spectral_radius, forget_bias=forget_bias)
        self.cell = cell
        self.many_to_many = many_to_many
        self.embedding = nn.Embedding(input_size, embedding_dim) if tokens else None
        extra = {"nonlinearity": "relu" if cell == "rnn-relu" else "tanh"} if cell.startswith("rnn") else {}
        self.rnn = _RNN_CLASSES[cell](
            input_size=embedding_dim if tokens else input_size, hidden_size=hidden_size,
            num_layers=num_layers, bidirectional=bidirectional,
            dropout=dropout if num_layers > 1 else 0.0, batch_first=True, **extra)
        self.head = nn.Linear(hidden_size * (2 if bidirectional else 1), output_size)
        if spectral_radius is not None:
            init_recurrent_orthogonal(self.rnn, spectral_radius)
        if forget_bias is not None:
            init_forget_bias(self.rnn, forget_bias)

    def embed(self, x: torch.Tensor) -> torch.Tensor:
        """The recurrent module's input: embedded tokens (B, T, E) or the vectors as given (B, T, I)."""
        return self.embedding(x) if self.embedding is not None else x

    def readout(self, rnn_output: torch.Tensor) -> torch.Tensor:
        """Apply the head to the recurrent output (B, T, D*H), exactly as forward does.

        Many-to-one reads the final state of each direction: the forward direction's h at the last
        step and the backward direction's h at the first step (where it has read the whole sequence).
        """
        if self.many_to_many:
            return self.head(rnn_output)                             # (B, T, O)
        H = self.rnn.hidden_size
        final = rnn_output[:, -1, :H]                                # (B, H)
        if self.rnn.bidirectional:
            final = torch.cat([final, rnn_output[:, 0, H:]], dim=-1)  # (B, 2H)
        return self.head(final)                                      # (B, O)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        rnn_output, _ = self.rnn(self.embed(x))                     # (B, T, D*H)
        return self.readout(rnn_output)

    def num_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())


def init_recurrent_orthogonal(rnn: nn.RNNBase, spectral_radius: float) -> None:
    """Set every H x H block of each recurrent matrix W_hh to a random orthogonal matrix times the
    radius, so all its singular values (and eigenvalue moduli) equal spectral_radius at the start."""
    H = rnn.hidden_size
    with torch.no_grad():
        for name, weight in rnn.named_parameters():
            if name.startswith("weight_hh"):
                for block in weight.split(H, dim=0):                # one (H, H) block per gate
                    nn.init.orthogonal_(block)
                    block.mul_(spectral_radius)


def init_forget_bias(rnn: nn.RNNBase, forget_bias: float) -> None:
    """Make the LSTM forget gate's total bias (b_if + b_hf) equal forget_bias. No-op for other cells."""
    if not isinstance(rnn, nn.LSTM):
        return
    H = rnn.hidden_size
    with torch.no_grad():
        for name, bias in rnn.named_parameters():
            if name.startswith("bias_ih"):
                bias[H:2 * H] = forget_bias                           # rows i, f, g, o: f is the second
            elif name.startswith("bias_hh"):
                bias[H:2 * H] = 0.0


def build_model(config: "ExperimentConfig", data) -> SequenceModel:
    """The model an experiment trains, its weights drawn from the config's seed."""
    with _build_lock, torch.random.fork_rng(devices=[]):
        torch.manual_seed(config.seed)
        return SequenceModel(
            cell=config.cell, input_size=data.input_size, output_size=data.output_size,
            hidden_size=config.hidden_size, num_layers=config.layers, bidirectional=config.bidirectional,
            dropout=config.dropout, tokens=data.input_kind == "tokens", embedding_dim=config.embedding_dim,
            many_to_many=data.many_to_many, spectral_radius=config.spectral_radius,
            forget_bias=config.forget_bias)


def save_model(path: str | Path, model: SequenceModel, config: "ExperimentConfig | None" = None) -> None:
    """Write the weights, the architecture and (optionally) the experiment: tensors and plain data only,
    so load_model can read it with weights_only=True."""
    torch.save({"spec": model.spec, "config": config.to_dict() if config else None,
                "state_dict": model.state_dict()}, path)


def load_model(path_or_file) -> "tuple[SequenceModel, ExperimentConfig | None]":
    """Read what save_model wrote. Refuses pickled code (weights_only=True)."""
    from rnnviz.config import ExperimentConfig

    checkpoint = torch.load(path_or_file, map_location="cpu", weights_only=True)
    if not isinstance(checkpoint, dict) or not {"spec", "state_dict"} <= checkpoint.keys():
        raise ValueError("not an rnnviz model file: expected the keys 'spec' and 'state_dict'")
    model = SequenceModel(**checkpoint["spec"])
    model.load_state_dict(checkpoint["state_dict"])
    config = ExperimentConfig.from_dict(checkpoint["config"]) if checkpoint.get("config") else None
    return model.eval(), config


@torch.no_grad()
def sample_text(model: SequenceModel, data, prime: str, length: int, temperature: float = 1.0,
                seed: int = 0) -> str:
    """Continue `prime` by `length` tokens drawn from a token model's softmax at this temperature.

    Low temperature sharpens the distribution (repetitive, likely text); high flattens it (surprising
    text). The recurrent state carries the context, so each new token costs one step.
    """
    if not temperature > 0:
        raise ValueError(f"temperature={temperature!r} is invalid: allowed is > 0")
    generator = torch.Generator().manual_seed(seed)
    was_training = model.training
    model.eval()
    ids = data.encode(prime or data.vocab[0])[None]                  # (1, T0)
    rnn_output, state = model.rnn(model.embed(ids))
    new = []
    for _ in range(length):
        logits = model.head(rnn_output[:, -1])                       # (1, V)
        token = torch.multinomial(torch.softmax(logits / temperature, -1), 1, generator=generator)  # (1, 1)
        new.append(int(token))
        rnn_output, state = model.rnn(model.embed(token), state)
    model.train(was_training)
    return data.decode(new)
