"""A task's knobs (TaskParam) and its registry entry (TaskSpec): plain data, no PyTorch.

Each task file defines its SPEC beside its TaskData class; reading what the tasks are and checking a
configuration never imports torch (task files import it lazily), only building a task's data does.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from rnnviz.tasks.base import TaskData


@dataclass(frozen=True)
class TaskParam:
    """One of a task's own knobs, shown in the sidebar and on the CLI.

    Numeric knobs have inclusive bounds `low`..`high`; a choice knob (a string such as char-lm's `text`)
    has `choices` instead and `low` = `high` = None.
    """

    name: str                       # "seq_len", "noise", ...
    default: int | float | str
    low: int | float | None         # inclusive
    high: int | float | None        # inclusive
    help: str                       # one English sentence: what it is and what changing it does
    choices: tuple[str, ...] = ()   # non-empty for a choice knob

    @property
    def kind(self) -> type:
        """int, float or str: the type a value of this knob must have."""
        return str if self.choices else type(self.default)

    def describe(self) -> str:
        """The allowed values in words, e.g. "an integer in [2, 1000]"."""
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        what = "an integer" if self.kind is int else "a number"
        return f"{what} in [{self.low:g}, {self.high:g}]"

    def check(self, value, task: str = "") -> int | float | str:
        """The value, normalised (int stays int, a float knob gets a float), or a SettingError (a ValueError)
        naming this knob, the value and the allowed range, which a page says in the learner's words."""
        if not self._fits(value):
            from rnnviz.setting_error import SettingError      # here: the registry's import stays this light

            where = f"task {task!r}: " if task else ""
            text = f"{where}{self.name}={value!r} is invalid: allowed is {self.describe()}"
            if self.choices:
                raise SettingError(text, self.name, value, "choice", choices=self.choices)
            raise SettingError(text, self.name, value, "range", low=self.low, high=self.high,
                               integer=self.kind is int)
        if self.choices:
            return value
        return int(value) if self.kind is int else float(value)

    def _fits(self, value) -> bool:
        if self.choices:
            return isinstance(value, str) and value in self.choices
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return False
        if self.kind is int and not isinstance(value, numbers.Integral):
            return False
        return self.low <= value <= self.high     # False for NaN too


READS_TEXT = ("words", "characters")          # what a learner can type for a task to read


@dataclass(frozen=True)
class TaskSpec:
    """A task's registry entry: what it is, its knobs, the settings that train it well, the class that
    builds its data, and the traits the rest of rnnviz asks about (the config, the Inside and Train
    pages read them here, never a list of task names)."""

    name: str                                   # "adding"
    summary: str                                # one English sentence: what the network must learn
    params: tuple[TaskParam, ...]
    recommended: dict                           # ExperimentConfig settings that make this task train well
    data: type[TaskData]                        # the TaskData subclass that builds its data
    reads_tokens: bool = False                  # input ids through an embedding, not vectors
    # the target at step t is the input at step t + 1: a right-to-left pass would read the answer, so a
    # bidirectional network is refused (rnnviz.config)
    forecasts_its_input: bool = False
    # what a learner can type for it on the Inside page: "words", "characters", or None (nothing)
    reads_text: str | None = None
    # the Train page's results section: the name of one of its renderers (RENDERERS in
    # rnnviz/ui/task_results.py: "forecast", "confusion", ...), or None for none (the loss chart says it all)
    results: str | None = None
    check: Callable[[dict], None] | None = None  # constraints between knobs; raises ValueError

    def __post_init__(self):
        if self.reads_text is not None and (self.reads_text not in READS_TEXT or not self.reads_tokens):
            raise ValueError(f"task {self.name!r}: reads_text={self.reads_text!r} is invalid: allowed is None, or "
                             f"one of {', '.join(READS_TEXT)} for a task that reads tokens")

    def build(self, seed: int, **params) -> TaskData:
        """The task's data for this seed (knobs already validated)."""
        return self.data(seed=seed, **params)

    def param(self, name: str) -> TaskParam:
        for p in self.params:
            if p.name == name:
                return p
        raise ValueError(f"task {self.name!r} has no parameter {name!r}; "
                         f"its parameters are: {', '.join(p.name for p in self.params)}")
