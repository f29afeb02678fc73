"""Property-based: every configuration knob, in range and out of it, of the right type and not.

A value is either accepted (and then builds a valid experiment) or refused with a ValueError that names
the knob and the value; through the URL, it is ignored with a notice. Never anything else.
"""
import dataclasses
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from rnnviz import tasks
from rnnviz.config import ExperimentConfig, from_query_params, knob, to_query_params

KNOBS = [f.name for f in dataclasses.fields(ExperimentConfig) if f.name not in ("task", "task_params")]
# the switches, which a URL may spell true/false or 1/0 (a link writes them back as true/false)
SWITCHES = [f.name for f in dataclasses.fields(ExperimentConfig) if isinstance(f.default, bool)]
SPELLINGS = {"true": True, "1": True, "false": False, "0": False}

any_value = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                      st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12))


def in_range(name):
    allowed = knob(name)
    if allowed.choices:
        return st.sampled_from(allowed.choices)
    if allowed.kind is bool:
        return st.booleans()
    if allowed.kind is int:
        return st.integers(int(allowed.low), int(allowed.high))
    return st.floats(allowed.low, allowed.high, exclude_min=allowed.low_open)


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(KNOBS), value=any_value)
def test_any_value_is_accepted_or_refused_naming_the_knob(name, value):
    try:
        config = ExperimentConfig(**{name: value})
    except ValueError as error:
        assert name in str(error) and repr(value) in str(error)
    else:
        knob(name).check(getattr(config, name))     # what was accepted is within the allowed values
        if isinstance(value, float):
            assert math.isfinite(value)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), name=st.sampled_from(KNOBS))
def test_every_in_range_value_is_accepted(data, name):
    value = data.draw(in_range(name))
    task = "sentiment" if name == "bidirectional" else "sum-sign"    # bidirectional: not for forecasting tasks
    assert getattr(ExperimentConfig(task=task, **{name: value}), name) == value


@settings(max_examples=200, deadline=None)
@given(task=st.sampled_from(list(tasks.TASKS)), value=any_value)
def test_task_parameters_in_and_out_of_range(task, value):
    for param in tasks.get_task(task).params:
        try:
            config = ExperimentConfig(task=task, task_params={param.name: value})
        except ValueError as error:
            assert param.name in str(error)
        else:
            assert config.task_params[param.name] == value


@settings(max_examples=300, deadline=None)
@given(params=st.dictionaries(st.sampled_from(KNOBS + ["task", "seq_len", "noise", "text", "junk"]),
                              st.text(max_size=10), max_size=6))
def test_any_url_gives_a_valid_config_and_says_what_it_ignored(params):
    config, notices = from_query_params(params)
    assert isinstance(config, ExperimentConfig)
    kept = to_query_params(config)
    for name, text in params.items():                     # each parameter was used or reported
        used = kept.get(name) == text or (name in kept and _same_number(kept[name], text)) or \
            (name in SWITCHES and SPELLINGS.get(text.lower(), "?") == SPELLINGS[kept[name]])
        assert used or any(name in n or repr(text) in n for n in notices), (name, text, notices)


def _same_number(a: str, b: str) -> bool:
    try:
        return float(a) == float(b)
    except ValueError:
        return a.lower() == b.lower()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=st.dictionaries(st.sampled_from(["task", "hidden_size", "lr", "seq_len", "cell", "layers", "x"]),
                              st.text(max_size=8), min_size=1, max_size=4))
def test_the_app_never_shows_a_traceback_for_a_link(params):
    at = AppTest.from_file("../../app.py", default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    try:
        assert not at.exception
    finally:
        worker = at.session_state["worker"] if "worker" in at.session_state else None
        if worker is not None:
            worker.stop()
