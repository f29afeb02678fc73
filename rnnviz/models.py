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

import dataclasses
import inspect
import threading
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import torch
from torch import nn

from rnnviz.uploads import MAX_TEXT_CHARACTERS_SET

if TYPE_CHECKING:
    from rnnviz.config import ExperimentConfig

_RNN_CLASSES = {"rnn": nn.RNN, "rnn-relu": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

# The largest sizes a model file may ask for, so that reading one never allocates more than the largest
# model the dashboard trains (a 1 kB file must not make the server that every session shares ask for GB):
# - features in (vectors) and outputs: no task reads or writes more per step than char-lm's vocabulary,
#   and a learner's text may use at most MAX_TEXT_CHARACTERS_SET (500) characters;
# - a token vocabulary in: the shipped sentiment corpus has 399 words; 65 536 leaves a learner's own
#   sentences ample room and keeps the embedding within 65 536 x 256 (embedding_dim's high) floats = 64 MB.
MAX_FEATURES = MAX_TEXT_CHARACTERS_SET
MAX_VOCABULARY = 2**16
# what a model file may unpack to: the largest model these bounds allow is 126 MB of float32 (33 M weights),
# so this leaves room for float64; a deflated entry could otherwise unpack 10 MB into 10 GB
MAX_UNPACKED_BYTES = 256 * 2**20
# the arguments that fix the weights' shapes and what they compute (dropout and the initialisation do not)
ARCHITECTURE = ("cell", "input_size", "output_size", "hidden_size", "num_layers", "bidirectional", "tokens",
                "embedding_dim", "many_to_many")

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
    """Read what save_model wrote. Refuses pickled code (weights_only=True); a spec out of bounds or
    tensors that do not fit it are a ValueError saying what, raised before any weight is allocated."""
    from rnnviz.config import ExperimentConfig

    _check_unpacked_size(path_or_file)
    checkpoint = torch.load(path_or_file, map_location="cpu", weights_only=True)
    if not isinstance(checkpoint, dict) or not {"spec", "state_dict"} <= checkpoint.keys():
        raise ValueError("not an rnnviz model file: expected the keys 'spec' and 'state_dict'")
    spec = check_spec(checkpoint["spec"])
    with torch.device("meta"):               # shapes only: no memory, no draw from the global generator
        model = SequenceModel(**spec)
    check_state_dict(checkpoint["state_dict"], model)
    model.to_empty(device="cpu")             # every weight is then overwritten by the file's
    model.load_state_dict(checkpoint["state_dict"])
    config = None
    if checkpoint.get("config"):
        try:
            config = ExperimentConfig.from_dict(checkpoint["config"])
        except (TypeError, ValueError) as error:
            raise ValueError(f"the model file's config: {_first_line(error)}") from None
    return model.eval(), config


def unpacked_size(path_or_file) -> int | None:
    """The bytes a zip archive (what torch.save writes) unpacks to, read from its directory without
    unpacking anything; None when it is no zip archive. A file object is left at its start."""
    try:
        with zipfile.ZipFile(path_or_file) as archive:     # a file object passed in stays open
            return sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        return None
    finally:
        if hasattr(path_or_file, "seek"):
            path_or_file.seek(0)


def _check_unpacked_size(path_or_file) -> None:
    """ValueError unless the file is a zip archive (what torch.save writes) that unpacks to at most
    MAX_UNPACKED_BYTES: torch.load allocates every entry's unpacked size, whatever the file's own size."""
    unpacked = unpacked_size(path_or_file)
    if unpacked is None:
        raise ValueError("the file is not a zip archive, the format save_model (torch.save) writes")
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValueError(f"the model file unpacks to {unpacked / 2**20:.0f} MB; a model here is at most "
                         f"{MAX_UNPACKED_BYTES / 2**20:.0f} MB")


def check_spec(spec) -> dict:
    """A checkpoint's SequenceModel arguments, checked: every one present with its type, the cell known,
    each size within ExperimentConfig's bounds (MAX_FEATURES, MAX_VOCABULARY for the task-given sizes)."""
    from rnnviz.config import knob

    if not isinstance(spec, Mapping):
        raise ValueError(f"the model's spec must be a dict, not {type(spec).__name__}")
    unknown = [str(key) for key in spec if key not in _SPEC_NAMES]
    if unknown:
        raise ValueError(f"the model's spec has unknown keys: {', '.join(sorted(unknown))}")
    missing = [name for name in _SPEC_NAMES if name not in spec]
    if missing:
        raise ValueError(f"the model's spec lacks: {', '.join(missing)}")
    for name, knob_name in _SPEC_KNOBS.items():
        dataclasses.replace(knob(knob_name), name=name).check(spec[name])
    for name in ("bidirectional", "tokens", "many_to_many"):
        if not isinstance(spec[name], bool):
            raise ValueError(f"{name}={spec[name]!r} is invalid: allowed is true or false")
    for name in ("input_size", "output_size"):
        high = MAX_VOCABULARY if name == "input_size" and spec["tokens"] else MAX_FEATURES
        value = spec[name]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
            raise ValueError(f"{name}={value!r} is invalid: allowed is int in [1, {high}]")
    return {name: spec[name] for name in _SPEC_NAMES}


def check_state_dict(state_dict, model: SequenceModel) -> None:
    """ValueError unless state_dict holds exactly `model`'s weights: same names and shapes (a model
    built on the meta device has them without memory), finite floating-point values."""
    if not isinstance(state_dict, Mapping):
        raise ValueError(f"the model's state_dict must be a dict, not {type(state_dict).__name__}")
    expected = {name: tuple(tensor.shape) for name, tensor in model.state_dict().items()}
    missing = [name for name in expected if name not in state_dict]
    unknown = [str(name) for name in state_dict if name not in expected]
    problems = ([f"missing {', '.join(missing[:3])}"] if missing else []) + \
               ([f"unexpected {', '.join(sorted(unknown)[:3])}"] if unknown else [])
    if problems:
        raise ValueError(f"the weights do not fit the model's spec: {'; '.join(problems)}")
    for name, shape in expected.items():
        tensor = state_dict[name]
        if not isinstance(tensor, torch.Tensor) or tensor.layout != torch.strided:
            raise ValueError(f"the weight {name} is a {type(tensor).__name__}, not a dense tensor")
        if tuple(tensor.shape) != shape:
            raise ValueError(f"the weight {name} has shape {tuple(tensor.shape)}; the model's spec needs {shape}")
        if not tensor.dtype.is_floating_point:
            raise ValueError(f"the weight {name} holds {tensor.dtype}, not floating-point numbers")
        if not bool(torch.isfinite(tensor).all()):
            raise ValueError(f"the weight {name} holds NaN or infinite values")


def check_same_architecture(model: SequenceModel, expected: SequenceModel) -> None:
    """ValueError naming the first argument (cell, hidden_size, ...) in which `model` differs from
    `expected`: its weights would not load, or would compute something else (rnn vs rnn-relu)."""
    for name in ARCHITECTURE:
        if model.spec[name] != expected.spec[name]:
            raise ValueError(f"the weights are of another model: {name}={model.spec[name]!r} in the weights, "
                             f"{expected.spec[name]!r} for the run's config")


# SequenceModel's arguments (what model.spec holds), and the ExperimentConfig knob that bounds each one it shares
_SPEC_NAMES = tuple(inspect.signature(SequenceModel).parameters)
_SPEC_KNOBS = {"cell": "cell", "hidden_size": "hidden_size", "num_layers": "layers", "dropout": "dropout",
               "embedding_dim": "embedding_dim", "spectral_radius": "spectral_radius", "forget_bias": "forget_bias"}


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]


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
