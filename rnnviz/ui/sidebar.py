"""The shared sidebar: the language switch and the whole experiment, drawn by app.py on every page.

Widget values live in st.session_state under "cfg.<knob>" keys, so they persist across pages; the
sidebar turns them into one validated ExperimentConfig (or an error message, never a traceback).
"""
from __future__ import annotations

import streamlit as st

from rnnviz import tasks
from rnnviz.config import CELLS, OPTIMIZERS, ExperimentConfig, knob
from rnnviz.i18n import LANGUAGES, STRINGS
from rnnviz.ui.session import lang, tr

# knobs the task's recommendation may set when the learner picks a task (the cell stays theirs)
_RECOMMENDED = ("hidden_size", "lr", "steps", "batch_size", "clip", "optimizer", "embedding_dim")


def _key(name: str) -> str:
    return f"cfg.{name}"


def _param_key(task: str, name: str) -> str:
    return f"cfg.param.{task}.{name}"


def init_state(config: ExperimentConfig) -> None:
    """Give every widget its starting value from `config` (only where the session has none yet)."""
    values = config.to_dict()
    task_params = values.pop("task_params")
    values["custom_init"] = config.spectral_radius is not None
    # where the sliders start when custom initialisation is switched on
    values["spectral_radius"] = config.spectral_radius or 1.0
    values["forget_bias"] = 1.0 if config.forget_bias is None else config.forget_bias
    for name, value in values.items():
        st.session_state.setdefault(_key(name), value)
    for param, value in task_params.items():
        st.session_state.setdefault(_param_key(config.task, param), value)


def _apply_task_recommendation() -> None:
    """on_change of the task: take the new task's recommended training settings."""
    recommended = tasks.get_task(st.session_state[_key("task")]).recommended
    for name in _RECOMMENDED:
        if name in recommended:
            st.session_state[_key(name)] = recommended[name]


def _help(name: str) -> str:
    return tr(f"knob.{name}.help")


def _number(name: str, container, step=None, format=None):
    allowed = knob(name)
    low = allowed.low if not allowed.low_open else (1e-6 if allowed.kind is float else allowed.low + 1)
    return container.number_input(tr(f"knob.{name}"), min_value=allowed.kind(low),
                                  max_value=allowed.kind(allowed.high), step=step, format=format,
                                  key=_key(name), help=_help(name))


def _task_params(task: str, container) -> dict:
    values = {}
    for param in tasks.get_task(task).params:
        key = _param_key(task, param.name)
        st.session_state.setdefault(key, param.default)
        label = tr(f"param.{param.name}") if f"param.{param.name}" in STRINGS else param.name
        specific = f"param.{param.name}.{task}.help"
        generic = f"param.{param.name}.help"
        help_text = tr(specific) if specific in STRINGS else tr(generic) if generic in STRINGS else param.help
        if param.choices:
            values[param.name] = container.selectbox(label, param.choices, key=key, help=help_text)
        else:
            values[param.name] = container.number_input(
                label, min_value=param.kind(param.low), max_value=param.kind(param.high),
                step=1 if param.kind is int else 0.05, key=key, help=help_text)
    return values


def _take_language() -> None:
    """on_change of the switch: a segmented control can be deselected, so keep the last choice then."""
    choice = st.session_state["lang.choice"]
    if choice is None:
        st.session_state["lang.choice"] = lang()
    else:
        st.session_state["lang"] = choice


def language_switch() -> str:
    """The language selector; returns 'es' or 'en'."""
    st.session_state.setdefault("lang.choice", lang())
    st.sidebar.segmented_control(tr("app.language"), list(LANGUAGES), format_func=LANGUAGES.get,
                                 key="lang.choice", on_change=_take_language)
    return lang()


def experiment_sidebar() -> ExperimentConfig | None:
    """Draw the experiment's widgets; store and return the config they describe (None if invalid)."""
    side = st.sidebar
    side.header(tr("app.experiment"))
    task = side.selectbox(tr("knob.task"), list(tasks.TASKS), format_func=lambda n: tr(f"task.{n}"),
                          key=_key("task"), help=_help("task"), on_change=_apply_task_recommendation)
    side.caption(tr(f"task.{task}.summary"))
    task_params = _task_params(task, side)

    network = side.expander(tr("app.network"), expanded=True)
    cell = network.selectbox(tr("knob.cell"), CELLS, format_func=lambda c: tr(f"cell.{c}"), key=_key("cell"),
                             help=_help("cell"))
    hidden_size = _number("hidden_size", network, step=1)
    layers = network.slider(tr("knob.layers"), 1, 3, key=_key("layers"), help=_help("layers"))
    bidirectional = network.toggle(tr("knob.bidirectional"), key=_key("bidirectional"), help=_help("bidirectional"))
    dropout = network.slider(tr("knob.dropout"), 0.0, 0.9, step=0.05, key=_key("dropout"), help=_help("dropout"),
                             disabled=layers == 1)
    reads_tokens = tasks.get_task(task).build.input_kind == "tokens"
    embedding_dim = _number("embedding_dim", network, step=1) if reads_tokens else \
        st.session_state[_key("embedding_dim")]

    training = side.expander(tr("app.training"), expanded=False)
    optimizer = training.selectbox(tr("knob.optimizer"), OPTIMIZERS, key=_key("optimizer"), help=_help("optimizer"))
    lr = _number("lr", training, step=0.001, format="%.4g")
    batch_size = _number("batch_size", training, step=1)
    steps = _number("steps", training, step=50)
    clip = _number("clip", training, step=0.5, format="%.3g")
    seed = _number("seed", training, step=1)

    init = side.expander(tr("app.initialisation"), expanded=False)
    custom_init = init.toggle(tr("knob.custom_init"), key=_key("custom_init"), help=_help("custom_init"))
    spectral_radius = init.slider(tr("knob.spectral_radius"), 0.1, 3.0, step=0.05, key=_key("spectral_radius"),
                                  help=_help("spectral_radius"), disabled=not custom_init)
    forget_bias = init.slider(tr("knob.forget_bias"), -5.0, 5.0, step=0.5, key=_key("forget_bias"),
                              help=_help("forget_bias"), disabled=not custom_init or cell != "lstm")
    try:
        config = ExperimentConfig(
            task=task, task_params=task_params, cell=cell, hidden_size=int(hidden_size), layers=int(layers),
            bidirectional=bool(bidirectional), dropout=float(dropout), embedding_dim=int(embedding_dim),
            optimizer=optimizer, lr=float(lr), batch_size=int(batch_size), steps=int(steps), clip=float(clip),
            seed=int(seed), spectral_radius=float(spectral_radius) if custom_init else None,
            forget_bias=float(forget_bias) if custom_init and cell == "lstm" else None)
    except ValueError as error:
        side.error(tr("app.invalid_config", error=error))
        config = None
    st.session_state["config"] = config
    return config
