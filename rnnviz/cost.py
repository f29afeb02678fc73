"""What an experiment costs in memory, and the one budget every session's experiment must fit.

Each knob is bounded alone (rnnviz/config.py), but their product is what a computation allocates: an LSTM
with 512 units, 3 layers, both directions, batch 1024 and 1000 steps asked for 32 GB in one training step.
So every ExperimentConfig is checked here as a whole, in its own validation (the sidebar, a link, the CLI,
a recorded run and an uploaded model all build one), and refused with the knobs to lower and by how much.

The model counts float32 values, from the sizes that drive them (B batch, T steps, H hidden units, L
layers, D directions, G gate blocks per cell):
- resident: the weights and the copies a session keeps of them (gradients, Adam's two moments, the last
  finite weights, the initial model, the pages' copies), and the task's fixed validation and test sets;
- a training step: the activations autograd keeps, B x T x H x L x D x (values per unit and step, by cell);
- a validation: the validation set through the network without gradients, rows x T x H x D x (values per
  unit and step), the layers one after another (an upper bound: Trainer.evaluate reads it in chunks of
  `evaluation_rows`, a quarter of the budget each, and keeps only the outputs);
- the Gradients page's probe: ||dL/dh_t|| on PROBE_SIZE sequences, through the explicit trace with autograd;
- Inside's gate saturation: the trace of as many test sequences as keep about SATURATION_VALUES per gate;
- a page over the test set (the Train page's results): read in chunks of `inference_rows` sequences, so
  it costs at most a chunk (a quarter of the budget).
The values per unit and step were measured (peak RSS, PyTorch 2.13 on CPU, tests/test_cost.py measures
them again over the whole knob space) and rounded up; SAFETY covers what the count leaves out.

    cost = experiment_cost(config)          # bytes: resident, train_step, validation, probe
    check_budget(config)                    # BudgetError (a ValueError) with the advice, if over
"""
from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import math
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rnnviz.i18n import t
from rnnviz.i18n.numbers import number

if TYPE_CHECKING:
    from rnnviz.config import ExperimentConfig

SETTING = "RNNVIZ_SESSION_BUDGET_MB"
# One session's share of the server, in MB: the resident model and data plus its largest computation.
# 256 fits Streamlit Community Cloud's ~1 GB (a process with every page opened holds ~390 MB, so one session
# at its budget stays under 700 MB) and a 2-core server with 40 learners: the training slots let at most two
# steps run at once (2 x 256 MB), and 40 resident models at a typical 10-50 MB need 0.4-2 GB.
DEFAULT_BUDGET_MB = 256

FLOAT = 4                       # bytes of a float32
MB = 2**20
SAFETY = 1.15                   # over the measured values per unit and step: allocator slack, temporaries
OVERHEAD = 24 * MB              # a computation's fixed cost: thread pools, the optimizer's flat buffers, ...
GATE_BLOCKS = {"rnn": 1, "rnn-relu": 1, "lstm": 4, "gru": 3}
# float32 values kept per (sequence, step, unit, layer-direction), measured at H = 128 (B x T = 8000 to
# 16 000): a training step (autograd's saved gates and states), a validation without gradients (the fused
# module's buffers), the probe's explicit trace with autograd
TRAIN_VALUES = {"rnn": 5, "rnn-relu": 5, "lstm": 17, "gru": 14}
EVAL_VALUES = {"rnn": 3, "rnn-relu": 3, "lstm": 2.5, "gru": 5}
PROBE_VALUES = {"rnn": 7, "rnn-relu": 7, "lstm": 19, "gru": 19}
PROBE_SIZE = 32                 # rnnviz.gradients.PROBE_SIZE, named here without importing torch
SATURATION_VALUES = 1 << 20     # rnnviz.inside.SATURATION_VALUES
# weight copies a session holds: weights, gradients, Adam's two moments, the last finite weights, the initial
# model, and a copy for each inspecting page (Train results, Inside, Gradients)
RESIDENT_COPIES = 8
VAL_ROWS = 512                  # rnnviz.tasks.base.VAL_SIZE: the largest validation and test sets
VAL_WINDOWS = {"char-lm": 256}   # rnnviz.tasks.custom.MAX_VAL_WINDOWS: a text's validation windows, at most
VAL_LOGITS = {"char-lm": 2**23}  # rnnviz.tasks.custom.MAX_VAL_LOGITS: ... and logits
# per task: (features per step or vocabulary for a task that reads tokens, outputs per step, extra steps the
# network reads besides seq_len); a learner's own text has at most 500 distinct characters
TASK_SIZES = {"sum-sign": (1, 2, 0), "next-number": (1, 1, 0), "sine": (1, 1, 0), "sentiment": (512, 2, 0),
              "adding": (2, 1, 0), "copy": (10, 10, 20), "char-lm": (500, 500, 0)}
MANY_TO_MANY = ("next-number", "copy", "char-lm")
TOKENS = ("sentiment", "copy", "char-lm")
# knobs a learner can lower, in the order the advice names them; each lowers every cost it enters
LOWERABLE = ("batch_size", "seq_len", "hidden_size", "layers", "bidirectional")
# their labels in the sidebar, so the advice names them as the learner sees them
KNOB_LABELS = {"batch_size": "knob.batch_size", "seq_len": "param.seq_len", "hidden_size": "knob.hidden_size",
               "layers": "knob.layers", "bidirectional": "knob.bidirectional"}


def budget_bytes(environ=os.environ) -> int:
    """The session budget in bytes: RNNVIZ_SESSION_BUDGET_MB (a number of MB, at least 16) when set."""
    text = environ.get(SETTING, "").strip()
    if not text:
        return DEFAULT_BUDGET_MB * MB
    try:
        mb = float(text)
    except ValueError:
        raise ValueError(f"{SETTING}={text!r}: a number of megabytes, at least 16") from None
    if not math.isfinite(mb) or mb < 16:
        raise ValueError(f"{SETTING}={text!r}: a number of megabytes, at least 16")
    return int(mb * MB)


@dataclass(frozen=True)
class Sizes:
    """The sizes an experiment's cost depends on."""
    cell: str
    hidden: int            # H
    layers: int            # L
    directions: int        # D
    batch: int             # B
    steps: int             # T: what the network reads (copy: seq_len + 20)
    features: int          # per step into the first layer (the embedding's size for a task that reads tokens)
    outputs: int           # per step (many-to-many) or per sequence
    vocabulary: int        # embedding rows, 0 without an embedding
    many_to_many: bool

    @classmethod
    def of(cls, config: "ExperimentConfig") -> "Sizes":
        vocabulary, outputs, extra = TASK_SIZES[config.task]
        tokens = config.task in TOKENS
        return cls(cell=config.cell, hidden=config.hidden_size, layers=config.layers,
                   directions=2 if config.bidirectional else 1, batch=config.batch_size,
                   steps=config.seq_len + extra, features=config.embedding_dim if tokens else vocabulary,
                   outputs=outputs, vocabulary=vocabulary if tokens else 0,
                   many_to_many=config.task in MANY_TO_MANY)

    @property
    def parameters(self) -> int:
        """Weights of embedding, recurrent layers and head."""
        G, H, D = GATE_BLOCKS[self.cell], self.hidden, self.directions
        rnn = sum(D * G * H * ((self.features if layer == 0 else D * H) + H + 2) for layer in range(self.layers))
        return self.vocabulary * self.features + rnn + (D * H + 1) * self.outputs

    def activations(self, rows: int, values: float) -> float:
        """Values of `rows` sequences through every layer-direction, `values` per unit and step."""
        return rows * self.steps * self.hidden * self.layers * self.directions * values

    def inference_row(self, outputs: bool = True) -> float:
        """Bytes one sequence costs read without gradients: the layers run one after another, so a layer's
        buffers and the outputs of the one below are alive at once (measured: each layer above the first adds
        a fifth), plus the inputs and (`outputs`) the outputs of a many-to-many task."""
        layers_alive = 1 + 0.25 * (self.layers - 1)
        values = self.steps * self.hidden * self.directions * EVAL_VALUES[self.cell] * layers_alive
        values += self.steps * (self.features + (self.outputs if self.many_to_many and outputs else 0))
        return values * FLOAT * SAFETY


@dataclass(frozen=True)
class Cost:
    """Bytes an experiment needs: what stays while the session lives, and each computation on top of it."""
    resident: int          # weights and their copies, the fixed data sets
    train_step: int        # one training step
    validation: int        # the validation set read without gradients
    probe: int             # ||dL/dh_t|| on the probe sequences (Gradients page, and recorded while training)
    saturation: int        # Inside's gate saturation: the trace of the first test sequences, every gate kept

    @property
    def peak(self) -> int:
        """The most one computation asks for while the session's resident memory is held."""
        return self.resident + max(self.train_step, self.validation, self.probe, self.saturation)

    def parts(self) -> dict[str, int]:
        return dataclasses.asdict(self)


def experiment_cost(config: "ExperimentConfig") -> Cost:
    """The memory `config` needs, by the counts in this module's docstring."""
    s = Sizes.of(config)
    # validation and test sets: inputs (ids or vectors) and targets (ids or values), every step at most
    data = 2 * VAL_ROWS * s.steps * ((1 if s.vocabulary else s.features) + (s.outputs if not s.vocabulary else 1))
    resident = (RESIDENT_COPIES * s.parameters + data) * FLOAT
    batch_io = s.batch * s.steps * (s.features + s.outputs) * 3          # inputs, outputs and their gradients
    train = (s.activations(s.batch, TRAIN_VALUES[s.cell]) + batch_io) * FLOAT * SAFETY
    probe = (s.activations(PROBE_SIZE, PROBE_VALUES[s.cell])
             + PROBE_SIZE * s.steps * (s.features + s.outputs) * 3) * FLOAT * SAFETY
    # a text's validation windows are at most 256 and 2**23 logits (rnnviz/tasks/custom.py); the others' 512
    rows = VAL_WINDOWS.get(config.task, VAL_ROWS)
    logits = min(rows * s.steps * s.outputs, VAL_LOGITS.get(config.task, math.inf)) if s.many_to_many else 0
    validation = rows * s.inference_row(outputs=False) + logits * FLOAT * SAFETY
    # rnnviz.inside.saturation_over_test_set traces as many sequences as keep SATURATION_VALUES per gate (at
    # least one); the trace holds each gate, h and c of every layer-direction, and their NumPy copies
    per_sequence = s.steps * s.hidden * s.layers * s.directions
    traced = max(1, min(VAL_ROWS, SATURATION_VALUES // per_sequence)) * per_sequence
    saturation = traced * (max(GATE_BLOCKS[s.cell], 2) + 4) * 2 * FLOAT * SAFETY
    return Cost(resident=int(resident), train_step=int(train + OVERHEAD), validation=int(validation + OVERHEAD),
                probe=int(probe + OVERHEAD), saturation=int(saturation))


def evaluation_rows(model, steps: int, budget: int | None = None) -> int | None:
    """How many sequences of `steps` steps Trainer.evaluate reads at once: `inference_rows` of the model's
    sizes (a SequenceModel: its .cell, .rnn and .head), the chunk every page over a set reads. None for a
    model whose sizes are unknown (a test's stand-in): it reads the set in one piece."""
    rnn, head = getattr(model, "rnn", None), getattr(model, "head", None)
    if rnn is None or head is None or getattr(model, "cell", None) not in GATE_BLOCKS:
        return None
    return inference_rows(model.cell, rnn.hidden_size, rnn.num_layers, 2 if rnn.bidirectional else 1, steps,
                          features=rnn.input_size, outputs=head.out_features, budget=budget)


def inference_rows(cell: str, hidden: int, layers: int, directions: int, steps: int, features: int = 1,
                   outputs: int = 1, budget: int | None = None) -> int:
    """How many sequences a page may read at once without gradients (at least one): a chunk costs at most a
    quarter of the session budget, so a page's computation stays well inside it."""
    sizes = Sizes(cell=cell, hidden=hidden, layers=layers, directions=directions, batch=1, steps=steps,
                  features=features, outputs=outputs, vocabulary=0, many_to_many=True)
    share = (budget_bytes() if budget is None else budget) // 4
    return max(1, int(share // sizes.inference_row()))


# --- the check and its advice -------------------------------------------------------------------------

@dataclass(frozen=True)
class Lowering:
    """One way back within budget: this knob alone at this value (bidirectional: turned off)."""
    knob: str
    now: int | bool
    to: int | bool


class BudgetError(ValueError):
    """A configuration over the session budget, with the knobs that, lowered alone, would bring it back."""

    def __init__(self, needed: int, budget: int, lowerings: list[Lowering]):
        self.needed, self.budget, self.lowerings = needed, budget, lowerings
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        """What is wrong and what to lower, in the learner's language."""
        head = t("cost.over_budget", lang, needed=_megabytes(self.needed, lang),
                 budget=_megabytes(self.budget, lang))
        if not self.lowerings:
            return head + " " + t("cost.lower_several", lang)
        ways = [t("cost.turn_off", lang, knob=t(KNOB_LABELS[low.knob], lang)) if low.knob == "bidirectional"
                else t("cost.lower_to", lang, knob=t(KNOB_LABELS[low.knob], lang), to=number(low.to, lang),
                       now=number(low.now, lang))
                for low in self.lowerings]
        return head + " " + t("cost.lower_one", lang, ways="; ".join(ways))


def _megabytes(n: int, lang: str) -> str:
    """A size as the learner's language writes it: 8711 MB in Spanish, 8,711 MB in English."""
    return f"{number(round(n / MB), lang)} MB" if n < 10 * 2**30 else f"{number(round(n / 2**30), lang)} GB"


_deferred = contextvars.ContextVar("rnnviz.cost.deferred", default=False)


@contextlib.contextmanager
def deferred():
    """Inside, configurations are built without the budget check: for one that is assembled knob by knob
    (a link), where only the whole must fit, and that the caller then checks with check_budget."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def check_budget(config: "ExperimentConfig", budget: int | None = None, *, always: bool = False) -> None:
    """BudgetError unless `config` fits the session budget (RNNVIZ_SESSION_BUDGET_MB); skipped inside
    `deferred()` unless `always`."""
    if _deferred.get() and not always:
        return
    budget = budget_bytes() if budget is None else budget
    needed = experiment_cost(config).peak
    if needed > budget:
        raise BudgetError(needed, budget, lowerings(config, budget))


def fits(config: "ExperimentConfig", budget: int | None = None) -> bool:
    return experiment_cost(config).peak <= (budget_bytes() if budget is None else budget)


def lowerings(config: "ExperimentConfig", budget: int) -> list[Lowering]:
    """For each knob a learner can lower, the largest value that alone brings `config` within `budget`
    (the costs grow with each, so a bisection finds it); knobs that cannot are left out."""
    found = []
    for name in LOWERABLE:
        now = config.seq_len if name == "seq_len" else getattr(config, name)
        if name == "bidirectional":
            if now and _fits_with(config, name, False, budget):
                found.append(Lowering(name, True, False))
            continue
        low = _lowest(config, name)
        if now <= low or not _fits_with(config, name, low, budget):
            continue
        good, bad = low, now                  # fits at good, not at bad
        while bad - good > 1:
            middle = (good + bad) // 2
            good, bad = (middle, bad) if _fits_with(config, name, middle, budget) else (good, middle)
        found.append(Lowering(name, now, good))
    return found


def _lowest(config, name: str) -> int:
    from rnnviz import config as config_module, tasks

    if name == "seq_len":
        return int(tasks.get_task(config.task).param("seq_len").low)
    return int(config_module.knob(name).low)


def _fits_with(config, name: str, value, budget: int) -> bool:
    """Whether `config` with one knob changed fits, without building (and checking) a new config."""
    changed = dict(config.__dict__)
    if name == "seq_len":
        changed["task_params"] = {**config.task_params, "seq_len": value}
    else:
        changed[name] = value
    return experiment_cost(_Unchecked(**changed)).peak <= budget


@dataclass(frozen=True)
class _Unchecked:
    """The fields experiment_cost reads, for a what-if that need not be a valid configuration."""
    task: str
    task_params: dict
    cell: str
    hidden_size: int
    layers: int
    bidirectional: bool
    batch_size: int
    embedding_dim: int

    def __init__(self, **fields):
        for name in ("task", "task_params", "cell", "hidden_size", "layers", "bidirectional", "batch_size",
                     "embedding_dim"):
            object.__setattr__(self, name, fields[name])

    @property
    def seq_len(self) -> int:
        return self.task_params["seq_len"]
