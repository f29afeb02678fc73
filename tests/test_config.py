"""ExperimentConfig: defaults, bounds, clear errors, round trips."""
import json
import math

import pytest

from rnnviz import optim, tasks
from rnnviz.config import OPTIMIZERS, ExperimentConfig, knob


def test_defaults_are_valid_and_complete():
    config = ExperimentConfig()
    assert config.task_params == tasks.validate_task_params(config.task, {})
    assert config.seq_len == config.task_params["seq_len"]


@pytest.mark.parametrize("name,value,allowed", [
    ("hidden_size", 0, "[1, 512]"), ("hidden_size", 513, "[1, 512]"), ("hidden_size", 3.5, "[1, 512]"),
    ("layers", 4, "[1, 3]"), ("lr", 0.0, "[1e-06, 1]"), ("lr", 1e-7, "[1e-06, 1]"),
    ("lr", 1.5, "[1e-06, 1]"), ("lr", math.nan, "[1e-06, 1]"), ("lr", "fast", "[1e-06, 1]"),
    ("cell", "transformer", "one of rnn, rnn-relu, lstm, gru"),
    ("bidirectional", 1, "true or false"), ("batch_size", True, "[1, 1024]"),
    ("spectral_radius", 0.0, "[0.05, 3]"), ("seed", -1, "[0, 2147483647]"),
])
def test_out_of_range_or_wrong_type_names_knob_value_and_range(name, value, allowed):
    with pytest.raises(ValueError) as raised:
        ExperimentConfig(**{name: value})
    message = str(raised.value)
    assert name in message and repr(value) in message and allowed in message


def test_the_optimizer_knob_offers_what_the_trainer_has():
    assert OPTIMIZERS == tuple(optim.OPTIMIZERS)     # named in config.py, which must not import torch


def test_sequence_length_bounds_come_from_the_task():
    with pytest.raises(ValueError, match="seq_len=1 is invalid"):
        ExperimentConfig(task="adding", task_params={"seq_len": 1})
    with pytest.raises(ValueError, match="seq_len=1001 is invalid"):
        ExperimentConfig(task="adding", task_params={"seq_len": 1001})
    assert ExperimentConfig(task="adding", task_params={"seq_len": 1000}).seq_len == 1000


def test_bidirectional_refused_where_it_would_read_the_answer():
    with pytest.raises(ValueError, match="bidirectional=True is invalid for task 'char-lm'"):
        ExperimentConfig(task="char-lm", bidirectional=True)
    assert ExperimentConfig(task="sentiment", bidirectional=True).bidirectional


def test_dict_round_trip_and_unknown_keys():
    config = ExperimentConfig.for_task("copy", cell="gru", seed=3, task_params={"seq_len": 30})
    assert ExperimentConfig.from_dict(config.to_dict()) == config
    with pytest.raises(ValueError, match="unknown config keys: colour"):
        ExperimentConfig.from_dict({**config.to_dict(), "colour": "red"})


def test_for_task_takes_recommendations_then_overrides():
    recommended = tasks.get_task("adding").recommended
    config = ExperimentConfig.for_task("adding", lr=0.002)
    assert config.lr == 0.002
    assert config.hidden_size == recommended.get("hidden_size", ExperimentConfig().hidden_size)


def test_replace_resets_task_params_when_the_task_changes():
    config = ExperimentConfig(task="adding", task_params={"seq_len": 200})
    assert config.replace(seed=1).seq_len == 200
    assert config.replace(task="sine").task_params == tasks.validate_task_params("sine", {})


def test_knob_describes_itself():
    assert knob("lr").describe() == "float in [1e-06, 1]"
    assert knob("forget_bias").describe() == "float in [-5, 5] or None"


def test_query_params_round_trip_every_knob():
    from rnnviz.config import from_query_params, to_query_params
    config = ExperimentConfig.for_task("copy", cell="gru", layers=2, bidirectional=True, spectral_radius=0.9,
                                       seed=42, lr=0.0025, task_params={"seq_len": 37})
    restored, notices = from_query_params(to_query_params(config))
    assert restored == config and notices == []


def test_bad_query_params_are_ignored_with_a_notice():
    from rnnviz.config import from_query_params
    config, notices = from_query_params({"task": "adding", "hidden_size": "9999", "lr": "fast",
                                         "colour": "red", "seq_len": "80", "bidirectional": "maybe",
                                         "lang": "en"})
    assert config.task == "adding" and config.seq_len == 80             # the good ones are kept
    assert config.hidden_size == ExperimentConfig.for_task("adding").hidden_size
    assert len(notices) == 4
    assert any("hidden_size=9999" in n for n in notices) and any("'fast'" in n for n in notices)
    assert any("colour" in n for n in notices) and any("'maybe'" in n for n in notices)
    config, notices = from_query_params({"task": "chess"})
    assert config.task == "sum-sign" and "task='chess'" in notices[0]


def test_task_params_are_read_only():
    config = ExperimentConfig(task="adding", task_params={"seq_len": 200})
    with pytest.raises(TypeError):
        config.task_params["seq_len"] = 99999       # would skip validation
    with pytest.raises(TypeError):
        del config.task_params["seq_len"]
    with pytest.raises(AttributeError):
        config.task_params.update(seq_len=99999)
    assert config.seq_len == 200


def test_configs_with_equal_knobs_are_equal_and_hash_equal():
    one = ExperimentConfig(task="adding", task_params={"seq_len": 200}, seed=3)
    same = ExperimentConfig(task="adding", task_params={"seq_len": 200}, seed=3)
    assert one == same and hash(one) == hash(same) and len({one, same}) == 1
    assert one != one.replace(task_params={"seq_len": 201})
    assert config_dict_is_plain(one.to_dict())
    assert ExperimentConfig.from_dict(one.to_dict()) == one
    assert hash(ExperimentConfig.from_dict(json.loads(json.dumps(one.to_dict())))) == hash(one)


def config_dict_is_plain(value) -> bool:
    """Only dicts, lists and JSON scalars: what RUN.json, URLs and the sidebar's widgets take."""
    if isinstance(value, dict):
        return type(value) is dict and all(isinstance(k, str) and config_dict_is_plain(v) for k, v in value.items())
    return value is None or isinstance(value, (bool, int, float, str))
