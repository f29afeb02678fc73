"""The task registry: what a network can be asked to learn, and the data to learn it from.

    spec = get_task("adding")               # TaskSpec: summary, knobs, recommended settings
    data = make_task("adding", seed=0, seq_len=100)
    x, y = data.train_batch(32, torch.Generator().manual_seed(0))
    data.loss(model(x), y), data.metric(model(x), y), data.baseline_loss

The registry itself (catalogue.py: each task's summary, knobs, recommended settings and traits) imports no
PyTorch, so the dashboard's sidebar draws before torch has loaded; a task's data is built by its family,
one file each:
- toy.py          sum-sign, next-number   (the first examples)
- forecasting.py  sine                    (time series, split by time)
- sentiment.py    sentiment               (a shipped Spanish/English corpus)
- memory.py       adding, copy            (long-range memory benchmarks)
- char_lm.py      char-lm                 (character-level language model)
base.py holds what they share (the TaskData base class), spec.py TaskParam and TaskSpec, texts.py the
texts char-lm reads, custom.py the learner's own data as a built-in task's.

Everything the rest of rnnviz needs to know about a task is on its TaskSpec (forecasts_its_input,
reads_tokens, reads_text, results) or its TaskData class: the config and the pages read these, never a
list of task names (only the learner's uploads name the built-in task each stands in for).
To add a task: write its TaskData subclass (in a family file or a new one), add its TaskSpec to
catalogue.py (and to IN_COURSE_ORDER there), and its strings: task.<name> and task.<name>.summary in
rnnviz/i18n/experiment.py, results.explain.<name> if it has a results section, the Inside page's text
strings if it reads text.
tests/test_task_traits.py checks the traits against the data and the strings.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rnnviz.tasks.catalogue import IN_COURSE_ORDER
from rnnviz.tasks.spec import TaskParam, TaskSpec

if TYPE_CHECKING:
    from rnnviz.tasks.base import TaskData

TASKS: dict[str, TaskSpec] = {spec.name: spec for spec in IN_COURSE_ORDER}


def get_task(name: str) -> TaskSpec:
    """The registry entry of a task; an unknown name is a ValueError listing the known ones."""
    if name not in TASKS:
        raise ValueError(f"unknown task {name!r}: the tasks are {', '.join(TASKS)}")
    return TASKS[name]


def validate_task_params(name: str, params: Mapping | None = None) -> dict:
    """All of a task's knobs, defaults filled in, in the task's order.

    An unknown knob, a wrong type or an out-of-range value is a ValueError naming the knob, the value
    and what is allowed.
    """
    spec = get_task(name)
    params = {} if params is None else params
    if not isinstance(params, Mapping):
        raise TypeError(f"task parameters must be a dict, not {type(params).__name__}")
    known = [p.name for p in spec.params]
    unknown = [key for key in params if key not in known]
    if unknown:
        raise ValueError(f"task {name!r} has no parameter {unknown[0]!r}={params[unknown[0]]!r}; "
                         f"its parameters are: {', '.join(known)}")
    valid = {p.name: p.check(params.get(p.name, p.default), task=name) for p in spec.params}
    if spec.check is not None:
        spec.check(valid)
    return valid


def make_task(name: str, seed: int = 0, **params) -> TaskData:
    """Validate the knobs, then build the task's data for this seed."""
    valid = validate_task_params(name, params)
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed={seed!r} is invalid: allowed is an integer >= 0")
    return get_task(name).build(seed=seed, **valid)


__all__ = ["TASKS", "get_task", "validate_task_params", "make_task", "TaskParam", "TaskSpec"]
