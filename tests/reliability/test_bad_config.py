"""Property-based: every configuration knob, in range and out of it, of the right type and not.

A value is either accepted (and then builds a valid experiment) or refused with a ValueError that names
the knob and the value; through the URL, it is ignored with a notice. Never anything else.
"""
import dataclasses
import math

import pytest

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from testkit.learner_text import as_read
from rnnviz import cost, tasks
from rnnviz.config import ExperimentConfig, from_query_params, knob, to_query_params
from rnnviz.i18n.numbers import number
from rnnviz.setting_error import setting_label

KNOBS = [f.name for f in dataclasses.fields(ExperimentConfig) if f.name not in ("task", "task_params")]
# the switches, which a URL may spell true/false or 1/0 (a link writes them back as true/false)
SWITCHES = [f.name for f in dataclasses.fields(ExperimentConfig) if isinstance(f.default, bool)]
SPELLINGS = {"true": True, "1": True, "false": False, "0": False}
NUMERIC = [name for name in KNOBS if knob(name).kind in (int, float)]


def edges(name) -> dict[str, str]:
    """A numeric knob's bounds and the nearest values beyond them, as a link spells them."""
    allowed = knob(name)
    if allowed.kind is int:
        return {"low": str(allowed.low), "high": str(allowed.high), "below": str(allowed.low - 1),
                "above": str(allowed.high + 1)}
    return {"low": repr(allowed.low), "high": repr(allowed.high), "below": repr(math.nextafter(allowed.low, -math.inf)),
            "above": repr(math.nextafter(allowed.high, math.inf))}


EDGE_TEXTS = sorted({text for name in NUMERIC for text in edges(name).values()})

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
    return st.floats(allowed.low, allowed.high)


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


def run_link(params: dict) -> AppTest:
    """The app opened from a link with these query parameters (its worker stopped)."""
    at = AppTest.from_file("../../app.py", default_timeout=60).switch_page("views/train.py")
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    worker = at.session_state["worker"] if "worker" in at.session_state else None
    if worker is not None:
        worker.stop()
    return at


# a link's value: any text, any number, or a knob's bound and what lies just beyond it (where a widget
# with bounds of its own once raised on every rerun: ?lr=0.0000001, ?spectral_radius=0.05)
link_value = st.one_of(st.text(max_size=8), st.floats(allow_nan=True, allow_infinity=True).map(str),
                       st.sampled_from(EDGE_TEXTS))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=st.dictionaries(st.sampled_from(KNOBS + ["task", "seq_len", "x"]), link_value, min_size=1, max_size=4))
@example(params={"lr": "0.0000001"})
@example(params={"spectral_radius": "0.05"})
def test_the_app_never_shows_a_traceback_for_a_link(params):
    assert not run_link(params).exception


@pytest.mark.parametrize("edge", ["low", "high", "below", "above"])
def test_a_link_with_every_knob_at_or_beyond_its_bound_is_used_or_noticed(edge):
    params = {name: edges(name)[edge] for name in NUMERIC}
    at = run_link({**params, "cell": "lstm"})       # an LSTM, which the forget-gate bias applies to
    assert not at.exception
    config = at.session_state["config"]
    notices = "\n".join(as_read(w.value) for w in at.warning)
    if edge == "high":      # every size at its top at once is over the session budget (rnnviz/cost.py, issue 23)
        assert cost.fits(config) and ("memory" in notices or "memoria" in notices)
        return
    for name, text in params.items():
        if edge in ("low", "high"):
            assert getattr(config, name) == knob(name).kind(float(text)), name
        else:
            value = float(text) if knob(name).kind is float else int(text)    # said in Spanish, the default
            assert f"«{setting_label(name, 'es')}» = {number(value, 'es')}" in notices, name
