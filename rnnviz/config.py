"""ExperimentConfig: every knob of an experiment, with its default, its allowed range and why.

One frozen dataclass is the single description of an experiment: the sidebar edits it, the URL carries
it, RUN.json records it, and the CLI builds it from its flags. An invalid value never gets in: the
constructor raises a ValueError naming the knob, the value and the allowed range.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from rnnviz import tasks
from rnnviz.setting_error import SettingError

CELLS = ("rnn", "rnn-relu", "lstm", "gru")
OPTIMIZERS = ("adam", "sgd")     # rnnviz.optim.OPTIMIZERS, named here without importing torch


@dataclass(frozen=True)
class Knob:
    """The allowed values of one ExperimentConfig field: a numeric range or a set of choices."""

    name: str
    kind: type                  # int, float, bool or str
    # closed, as a widget's range is: the sidebar's widgets take their bounds from here (rnnviz/ui/sidebar.py)
    low: float | None = None    # inclusive
    high: float | None = None   # inclusive
    choices: tuple = ()
    optional: bool = False      # None is allowed and means "PyTorch's default"

    def describe(self) -> str:
        if self.choices:
            allowed = "one of " + ", ".join(map(str, self.choices))
        elif self.kind is bool:
            allowed = "true or false"
        else:
            allowed = f"{self.kind.__name__} in [{_fmt(self.low)}, {_fmt(self.high)}]"
        return allowed + (" or None" if self.optional else "")

    def check(self, value: Any) -> None:
        """Raise a SettingError (a ValueError) naming the knob, the value and the allowed range unless value
        is allowed."""
        if value is None and self.optional:
            return
        if not self._fits(value):
            raise self.refusal(value)

    def refusal(self, value: Any) -> SettingError:
        """Why `value` is not allowed, in the library's English and (message(lang)) in the learner's words."""
        text = f"{self.name}={value!r} is invalid: allowed is {self.describe()}"
        if self.choices:
            return SettingError(text, self.name, value, "choice", choices=self.choices)
        if self.kind is bool:
            return SettingError(text, self.name, value, "switch")
        return SettingError(text, self.name, value, "range", low=self.low, high=self.high, integer=self.kind is int)

    def _fits(self, value: Any) -> bool:
        if self.choices:
            return isinstance(value, str) and value in self.choices
        if self.kind is bool:
            return isinstance(value, bool)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if self.kind is int and not isinstance(value, int):
            return False
        return math.isfinite(value) and self.low <= value <= self.high


def _fmt(x: float | None) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


class FrozenDict(Mapping):
    """A dict that cannot change and hashes: a config's task_params, validated once, stay so."""

    def __init__(self, items: Mapping | None = None):
        self._items = dict(items or {})

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))   # order-free, like Mapping's ==

    def __repr__(self) -> str:
        return repr(self._items)


def _knob(default, help: str, **allowed):
    """A dataclass field whose metadata carries its Knob and its help text."""
    return field(default=default, metadata={"allowed": allowed, "help": help})


@dataclass(frozen=True)
class ExperimentConfig:
    """Everything that defines an experiment. Same config and seed: same data, weights and losses."""

    # what to learn and with which cell
    task: str = _knob("sum-sign", "The sequence problem the network learns.", choices=tuple(tasks.TASKS))
    task_params: FrozenDict = _knob(None, "The task's own knobs (seq_len, ...): see `python -m rnnviz tasks`.")
    cell: str = _knob("lstm", "rnn: tanh RNN; rnn-relu: ReLU RNN; lstm and gru have gates.", choices=CELLS)

    # network size: small by default so it trains in seconds on a laptop CPU
    hidden_size: int = _knob(32, "Units in each hidden state h_t.", kind=int, low=1, high=512)
    layers: int = _knob(1, "Stacked recurrent layers; each reads the states of the one below.", kind=int, low=1, high=3)
    bidirectional: bool = _knob(False, "Also run a second RNN right-to-left and join both states.", kind=bool)
    dropout: float = _knob(0.0, "Dropout between stacked layers (needs layers > 1).", kind=float, low=0.0, high=0.9)
    embedding_dim: int = _knob(16, "Size of the learned vector for each token (text tasks).", kind=int, low=1, high=256)

    # initialisation, for the vanishing/exploding gradient lessons
    spectral_radius: float | None = _knob(
        None, "Recurrent matrix initialised orthogonal x this radius; None keeps PyTorch's init.",
        kind=float, low=0.05, high=3.0, optional=True)     # at 0.05 ||dL/dh_t|| shrinks 20x a step already
    forget_bias: float | None = _knob(
        None, "LSTM forget-gate bias at init; 1-2 helps remember. None keeps PyTorch's init.",
        kind=float, low=-5.0, high=5.0, optional=True)

    # optimisation
    optimizer: str = _knob("adam", "adam adapts the step per weight; sgd is the plain gradient step.", choices=OPTIMIZERS)
    # from 1e-6: Adam moves a weight about lr a step, so 0.1 at most in the longest run (100 000 steps)
    lr: float = _knob(0.01, "Learning rate: size of each update step.", kind=float, low=1e-6, high=1.0)
    batch_size: int = _knob(32, "Sequences per training step.", kind=int, low=1, high=1024)
    steps: int = _knob(300, "Training steps in a run.", kind=int, low=1, high=100_000)
    clip: float = _knob(0.0, "Clip the gradient norm to this value; 0 turns clipping off.", kind=float, low=0.0, high=1000.0)
    eval_every: int = _knob(25, "Steps between validation measurements.", kind=int, low=1, high=10_000)
    # early stopping: off by default, so a run without it is exactly as before
    patience: int = _knob(0, "Stop after this many validation measurements without a lower validation loss, "
                             "keeping the weights of the best one; 0 turns early stopping off.",
                          kind=int, low=0, high=1000)
    seed: int = _knob(0, "Seeds the data, the initial weights and the batches.", kind=int, low=0, high=2**31 - 1)

    def __post_init__(self):
        for f in dataclasses.fields(self):
            if f.name != "task_params":
                knob(f.name).check(getattr(self, f.name))
        # store the task's knobs complete and validated, so two equal experiments compare equal
        object.__setattr__(self, "task_params",
                           FrozenDict(tasks.validate_task_params(self.task, dict(self.task_params or {}))))
        if self.bidirectional and tasks.get_task(self.task).forecasts_its_input:
            raise SettingError(f"bidirectional=True is invalid for task {self.task!r}: its targets are the next "
                               f"inputs, so a right-to-left pass would read the answer", "bidirectional", True,
                               "reads_answer", task=self.task)
        # each knob is within its range; their product must also fit the session's memory (rnnviz/cost.py)
        from rnnviz import cost as rnnviz_cost

        rnnviz_cost.check_budget(self)

    @property
    def seq_len(self) -> int:
        return self.task_params["seq_len"]

    @classmethod
    def for_task(cls, task: str, **overrides) -> "ExperimentConfig":
        """The task's recommended settings, then the caller's overrides."""
        settings = dict(tasks.get_task(task).recommended)
        settings.update(overrides)
        return cls(task=task, **settings)

    def replace(self, **changes) -> "ExperimentConfig":
        """A copy with some knobs changed; changing the task resets task_params unless given."""
        if "task" in changes and changes["task"] != self.task and "task_params" not in changes:
            changes["task_params"] = None
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """Every knob as plain JSON-able values (task_params a plain dict), for RUN.json, URLs and widgets."""
        return {**dataclasses.asdict(self), "task_params": dict(self.task_params)}

    @classmethod
    def from_dict(cls, data: dict) -> "ExperimentConfig":
        """Inverse of to_dict. Unknown keys raise a ValueError naming them."""
        unknown = set(data) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            names = ", ".join(sorted(unknown))
            raise SettingError(f"unknown config keys: {names}", names, None, "unknown")
        return cls(**data)


def to_query_params(config: ExperimentConfig) -> dict[str, str]:
    """Every knob as a URL query parameter (the task's own knobs by their names), so a link restores
    the very same experiment: same data, same seed, same weights."""
    params = {}
    for name, value in config.to_dict().items():
        if name == "task_params":
            params.update({k: str(v) for k, v in value.items()})
        elif value is not None:
            params[name] = str(value).lower() if isinstance(value, bool) else str(value)
    return params


def from_query_params(params: dict[str, str], lang: str | None = None) -> tuple[ExperimentConfig, list[str]]:
    """The experiment a URL describes, and a notice for each parameter that was ignored (unknown,
    unparsable or out of range): in the learner's words in `lang`, the library's English line without.
    Missing knobs take the task's recommended settings. The whole must fit the session budget
    (rnnviz/cost.py), whatever order the link lists its knobs in; if it does not, the knobs are taken in
    the link's order while they fit, and a notice says what to lower."""
    from rnnviz import cost

    with cost.deferred():
        config, refusals = _from_query_params(params)
    try:
        cost.check_budget(config, always=True)
    except cost.BudgetError as error:
        config, _ = _from_query_params(params)      # each knob checked as it comes: the first over budget stop
        refusals.append(error)
    return config, [str(error) if lang is None else error.message(lang) for error in refusals]


def _from_query_params(params: dict[str, str]) -> tuple[ExperimentConfig, list[ValueError]]:
    """The experiment, and a refusal (a SettingError or BudgetError) for each parameter ignored."""
    notices = []
    task = params.get("task", ExperimentConfig.task)
    if task not in tasks.TASKS:
        notices.append(knob("task").refusal(task))
        task = ExperimentConfig.task
    config = ExperimentConfig.for_task(task)
    task_param_names = {p.name for p in tasks.get_task(task).params}
    fields = {f.name for f in dataclasses.fields(ExperimentConfig)} - {"task", "task_params"}
    for name, text in params.items():
        if name == "task" or name in URL_ONLY:
            continue
        try:
            if name in task_param_names:
                changed = _with_task_param(config, name, text)
            elif name in fields:
                changed = config.replace(**{name: _parse(name, text, knob(name).kind)})
            else:
                notices.append(SettingError(f"{name} is not a setting of task {task!r}", name, text, "unknown",
                                            task=task))
                continue
        except ValueError as error:         # a SettingError; anything else is said as a conflict, never raised
            notices.append(error if isinstance(error, SettingError) else
                           SettingError(str(error), name, text, "conflict"))
            continue
        config = changed
    return config, notices


# parameters the URL carries besides the experiment (read by the app, not by the config): how it is
# shown and how fast it trains, none of which changes a run's results
URL_ONLY = ("lang", "projector", "pace")


def _with_task_param(config: ExperimentConfig, name: str, text: str) -> ExperimentConfig:
    """`config` with its task's knob `name` set from a URL's text; a SettingError if it cannot be: outside the
    knob's own range, or (char-lm's window over its text) not with the experiment's other settings."""
    param = tasks.get_task(config.task).param(name)
    value = param.check(_parse(name, text, param.kind), task=config.task)      # its own range: a SettingError
    try:
        return config.replace(task_params={**config.task_params, name: value})
    except SettingError:
        raise
    except ValueError as error:
        raise SettingError(str(error), name, value, "conflict") from None


def _parse(name: str, text: str, kind: type):
    """A URL value as the knob's type; a SettingError naming it if it can't be."""
    if kind is bool:
        if text.lower() not in ("true", "false", "1", "0"):
            raise SettingError(f"{name}={text!r}: {text!r} is not true or false", name, text, "switch")
        return text.lower() in ("true", "1")
    if kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            what = "integer" if kind is int else "number"
            raise SettingError(f"{name}={text!r}: {text!r} is not a{'n' if kind is int else ''} {what}", name, text,
                               f"not_{what}") from None
    return text


def knob(name: str) -> Knob:
    """The allowed values of one ExperimentConfig field."""
    f = {f.name: f for f in dataclasses.fields(ExperimentConfig)}[name]
    allowed = dict(f.metadata["allowed"])
    kind = allowed.pop("kind", str if allowed.get("choices") else type(f.default))
    return Knob(name=name, kind=kind, **allowed)
