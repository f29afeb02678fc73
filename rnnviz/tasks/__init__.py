"""The task registry: what a network can be asked to learn, and the data to learn it from.

    spec = get_task("adding")               # TaskSpec: summary, knobs, recommended settings
    data = make_task("adding", seed=0, seq_len=100)
    x, y = data.train_batch(32, torch.Generator().manual_seed(0))
    data.loss(model(x), y), data.metric(model(x), y), data.baseline_loss

A task is one file, holding its registry entry (SPEC: summary, knobs, recommended settings, traits) and
the TaskData class that builds its data:
- sum_sign.py, next_number.py    the first examples (many-to-one, many-to-many)
- sine.py                        forecasting a time series, split by time
- sentiment.py                   sentences of a shipped Spanish/English corpus
- adding.py, copy_memory.py      long-range memory benchmarks
- char_lm.py                     a character-level language model
base.py holds what they share (the TaskData base class), spec.py TaskParam and TaskSpec, texts.py the
texts char-lm reads, custom.py the learner's own data as a built-in task's. Task files import torch
through lazy_torch.py, so importing the registry imports no PyTorch: the dashboard's sidebar draws
before torch has loaded.

Everything the rest of rnnviz needs to know about a task is on its TaskSpec (forecasts_its_input,
reads_tokens, reads_text, results) or its TaskData class: the config and the pages read these, never a
list of task names (only the learner's uploads name the built-in task each stands in for).
To add a task: write one file with its TaskData subclass and its SPEC, add it to IN_COURSE_ORDER below,
and add its strings: task.<name> and task.<name>.summary in rnnviz/i18n/experiment.py,
results.explain.<name> if it has a results section, the Inside page's text strings if it reads text.
tests/test_task_traits.py checks the traits against the data and the strings.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rnnviz.tasks import adding, char_lm, copy_memory, next_number, sentiment, sine, sum_sign
from rnnviz.tasks.spec import TaskParam, TaskSpec

if TYPE_CHECKING:
    from rnnviz.tasks.base import TaskData

# the registry's order (the sidebar's, the CLI's): the order a course meets them
IN_COURSE_ORDER: tuple[TaskSpec, ...] = tuple(
    task.SPEC for task in (sum_sign, next_number, sine, sentiment, adding, copy_memory, char_lm))
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
