"""The shared sidebar: the language switch and the whole experiment, drawn by app.py on every page.

The knob values live in one plain dict, st.session_state["experiment"]: each widget starts from it and
copies its new value back in its on_change callback. Widget state alone would not do: Streamlit drops
the state of a widget that a run does not draw (the embedding size on a task without tokens, another
task's own knobs), and a plain dict is also what URL parameters and recorded runs write into.
"""
from __future__ import annotations

import streamlit as st

from rnnviz import tasks
from rnnviz.config import CELLS, OPTIMIZERS, ExperimentConfig, knob
from rnnviz.cost import BudgetError
from rnnviz.i18n import LANGUAGES, STRINGS, explain, t
from rnnviz.ui import chrome
from rnnviz.ui.session import OWN_DATA, lang, own_data_source, projector, tr

STORE = "experiment"
WRITTEN = "experiment.written"    # widget keys code has set since the sidebar was last drawn (set_knobs)
# store entries that have a widget of the same name ("cfg.<name>")
_WIDGETS = ("task", "cell", "hidden_size", "layers", "bidirectional", "dropout", "embedding_dim", "optimizer",
            "lr", "batch_size", "steps", "clip", "patience", "seed", "custom_init", "spectral_radius", "forget_bias")
# knobs the task's recommendation sets when the learner picks a task (the cell stays theirs)
_RECOMMENDED = ("hidden_size", "lr", "steps", "batch_size", "clip", "optimizer", "embedding_dim")


def store() -> dict:
    return st.session_state[STORE]


def init_state(config: ExperimentConfig) -> None:
    """Start the session's knob values from `config` (once per session)."""
    if STORE in st.session_state:
        return
    values = config.to_dict()
    params = values.pop("task_params")
    # a knob the link leaves unsaid starts where the sidebar starts it (a character model in Spanish learns
    # Don Quijote); what a link says stays as it says
    for param in tasks.get_task(config.task).params:
        if param.name not in st.query_params and params.get(param.name) == param.default:
            params[param.name] = _default(param)
    values["params"] = {config.task: params}
    values["custom_init"] = config.spectral_radius is not None
    # where the sliders start when custom initialisation is switched on
    values["spectral_radius"] = config.spectral_radius or 1.0
    values["forget_bias"] = 1.0 if config.forget_bias is None else config.forget_bias
    st.session_state[STORE] = values


def set_knobs(values: dict) -> None:
    """Change knobs from code (a task's recommendations, a recorded run, another page's switch): the
    store and the widgets both, so the sidebar shows the new values. Call it from a widget callback,
    which runs before any widget is drawn. `values` uses the store's names; "params" maps a task to its
    own knobs."""
    values = dict(values)
    task_params = values.pop("params", {})
    for task, params in task_params.items():
        store()["params"].setdefault(task, {}).update(params)
        for name, value in params.items():
            st.session_state[f"cfg.{task}.{name}"] = value
    store().update(values)
    for name, value in values.items():
        if name in _WIDGETS:
            st.session_state[f"cfg.{name}"] = value
    written = st.session_state.setdefault(WRITTEN, set())
    written.update(f"cfg.{name}" for name in values if name in _WIDGETS)
    written.update(f"cfg.{task}.{name}" for task, params in task_params.items() for name in params)


def knob_values(config: ExperimentConfig) -> dict:
    """An experiment as the store names it (set_knobs' argument): a lesson's button puts one in the sidebar."""
    values = config.to_dict()
    values["params"] = {config.task: values.pop("task_params")}
    values["custom_init"] = config.spectral_radius is not None
    values["spectral_radius"] = config.spectral_radius or 1.0
    values["forget_bias"] = 1.0 if config.forget_bias is None else config.forget_bias
    return values


def _keep(name: str, task: str | None = None) -> None:
    """on_change: copy a widget's new value into the store (and take a new task's recommendations)."""
    value = st.session_state[f"cfg.{task}.{name}" if task else f"cfg.{name}"]
    if task:
        store()["params"].setdefault(task, {})[name] = value
        return
    store()[name] = value
    if name == "task":
        recommended = tasks.get_task(value).recommended
        set_knobs({k: recommended[k] for k in _RECOMMENDED if k in recommended})


def _bound(name: str) -> dict:
    """The widget arguments that tie it to the store: key, on_change and its value from the store."""
    key = f"cfg.{name}"
    return dict(key=key, on_change=_keep, args=(name,), help=tr(f"knob.{name}.help"), **_value(key, store()[name]))


def _value(key: str, value) -> dict:
    """`value=` for a knob's widget: its value, on every run, not only the first. The element Streamlit
    sends then carries it as the widget's default, and a browser that first draws the widget from a later
    run's element (a page that reruns at once, on a busy server) starts it there; given once and then left
    out, the default was min_value, every knob dropped to its minimum and the next click sent those
    (seen: 'Step 1 of 1'). A keyed widget's identity is its key alone, so the value never resets it.
    Left out where code set the key this run (set_knobs): Streamlit sends that value itself, and warns
    when a default comes with it."""
    return {} if _set_by_code(key) else {"value": value}


def _set_by_code(key: str) -> bool:
    return key in st.session_state.get(WRITTEN, ())


def _range(name: str) -> dict:
    """min_value and max_value of a knob's widget: the config's own bounds, so a value a link, a RUN.json or
    the CLI may hold is one the widget takes (a widget raises on every rerun for a value outside its range)."""
    allowed = knob(name)
    return dict(min_value=allowed.kind(allowed.low), max_value=allowed.kind(allowed.high))


def _number(name: str, container, step=None, format=None, help=None):
    bound = _bound(name) | ({"help": help} if help else {})
    return container.number_input(tr(f"knob.{name}"), step=step, format=format, **_range(name), **bound)


def _clip_help(task: str) -> str:
    """The clip knob's help, then what the task does by default and why: clipping is a brake, not the
    normal state, so a task keeps a clip only where a measurement says it needs one."""
    default = tasks.get_task(task).recommended.get("clip", 0.0)
    return tr("knob.clip.help") + " " + (tr("knob.clip.default_on", clip=default) if default > 0
                                         else tr("knob.clip.default_off"))


def _task_params(task: str, container) -> dict:
    """The task's own knobs (sequence length, noise, ...), each remembered per task."""
    remembered = store()["params"].setdefault(task, {})
    values = {}
    for param in tasks.get_task(task).params:
        value = remembered.setdefault(param.name, _default(param))
        label = tr(f"param.{param.name}") if f"param.{param.name}" in STRINGS else param.name
        specific, generic = f"param.{param.name}.{task}.help", f"param.{param.name}.help"
        help_text = tr(specific) if specific in STRINGS else tr(generic) if generic in STRINGS else param.help
        key = f"cfg.{task}.{param.name}"
        bound = dict(key=key, on_change=_keep, args=(param.name, task), help=help_text)
        if param.choices:
            language = lang()
            values[param.name] = container.selectbox(
                label, param.choices, **_index(key, param.choices, value), **bound,
                format_func=lambda choice, name=param.name: t(f"param.{name}.{choice}", language))
        else:
            values[param.name] = container.number_input(
                label, min_value=param.kind(param.low), max_value=param.kind(param.high),
                step=1 if param.kind is int else 0.05, **_value(key, param.kind(value)), **bound)
    return values


def _default(param) -> object:
    """A task knob's first value: its default, or a choice named after the learner's language (the text a
    character model learns: Don Quijote in Spanish), so what it writes is in the learner's language."""
    return lang() if param.choices and lang() in param.choices else param.default


def _take_language() -> None:
    st.session_state["lang"] = st.session_state["lang.choice"]


def language_switch() -> str:
    """The language selector; returns 'es' or 'en'.

    A horizontal radio, not a segmented control: Streamlit looks for a leading emoji in each non-ASCII
    option of a segmented control ("Español"), and compiling its emoji catalogue for that costs a fresh
    server's first screen 0.15 s."""
    st.sidebar.radio(tr("app.language"), list(LANGUAGES), format_func=LANGUAGES.get, horizontal=True,
                     index=list(LANGUAGES).index(lang()), key="lang.choice", on_change=_take_language)
    chrome.in_learners_language()
    return lang()


# Streamlit sizes its type in rem: a larger root size scales every text, widget and margin at once
_PROJECTOR_CSS = """<style>
html { font-size: 21px !important; }
body, [data-testid="stAppViewContainer"] { color: #000; }
[data-testid="stCaptionContainer"] { color: #222; }
</style>"""


def _take_projector() -> None:
    st.session_state["projector"] = st.session_state["projector.choice"]


def projector_switch() -> bool:
    """Projector mode on or off; when on, the page's type grows (figures follow session.style())."""
    on = st.sidebar.toggle(tr("app.projector"), value=projector(), key="projector.choice",
                           on_change=_take_projector, help=tr("app.projector.help"))
    if on:
        st.html(_PROJECTOR_CSS)
    return on


def experiment_sidebar() -> ExperimentConfig | None:
    """Draw the experiment's widgets; store and return the config they describe (None if invalid)."""
    try:
        return _experiment_widgets()
    finally:
        st.session_state.pop(WRITTEN, None)      # what code set, Streamlit has now sent with the widgets


def _experiment_widgets() -> ExperimentConfig | None:
    side, values = st.sidebar, store()
    # format_func may be called later, outside this run (AppTest does): bind the language now
    language = lang()
    side.header(tr("app.experiment"))
    task = side.selectbox(tr("knob.task"), list(tasks.TASKS), format_func=lambda n: t(f"task.{n}", language),
                          **_choice("task", tasks.TASKS))
    side.caption(tr(f"task.{task}.summary"))
    task_params = _task_params(task, side)
    own = own_data_source(task)
    if own is not None:
        side.info(tr("data.sidebar.own", name=own.name), icon=":material/upload_file:")
        side.button(tr("data.sidebar.builtin"), key="cfg.builtin_data",
                    on_click=st.session_state[OWN_DATA].pop, args=(task, None))

    network = side.expander(tr("app.network"), expanded=True)
    cell = network.selectbox(tr("knob.cell"), CELLS, format_func=lambda c: t(f"cell.{c}", language),
                             **_choice("cell", CELLS))
    hidden_size = _number("hidden_size", network, step=1)
    layers = network.slider(tr("knob.layers"), **_range("layers"), **_bound("layers"))
    bidirectional = network.toggle(tr("knob.bidirectional"), **_bound("bidirectional"))
    dropout = network.slider(tr("knob.dropout"), **_range("dropout"), step=0.05, disabled=layers == 1,
                             **_bound("dropout"))
    reads_tokens = tasks.get_task(task).reads_tokens
    embedding_dim = _number("embedding_dim", network, step=1) if reads_tokens else values["embedding_dim"]

    training = side.expander(tr("app.training"), expanded=False)
    optimizer = training.selectbox(tr("knob.optimizer"), OPTIMIZERS, **_choice("optimizer", OPTIMIZERS),
                                   format_func=lambda name: t(f"optimizer.{name}", language))
    lr = _number("lr", training, step=0.001, format="%.4g")
    batch_size = _number("batch_size", training, step=1)
    steps = _number("steps", training, step=50)
    clip = _number("clip", training, step=0.5, format="%.3g", help=_clip_help(task))
    patience = _number("patience", training, step=1)
    seed = _number("seed", training, step=1)

    init = side.expander(tr("app.initialisation"), expanded=False)
    custom_init = init.toggle(tr("knob.custom_init"), **_bound("custom_init"))
    spectral_radius = init.slider(tr("knob.spectral_radius"), **_range("spectral_radius"), step=0.05,
                                  disabled=not custom_init, **_bound("spectral_radius"))
    forget_bias = init.slider(tr("knob.forget_bias"), **_range("forget_bias"), step=0.5,
                              disabled=not custom_init or cell != "lstm", **_bound("forget_bias"))
    if bidirectional and tasks.get_task(task).forecasts_its_input:      # the one refusal the knobs can reach
        side.error(tr("app.invalid.bidirectional", task=t(f"task.{task}", language)), icon=":material/block:")
        st.session_state["config"] = None
        return None
    try:
        config = ExperimentConfig(
            task=task, task_params=task_params, cell=cell, hidden_size=int(hidden_size), layers=int(layers),
            bidirectional=bool(bidirectional), dropout=float(dropout), embedding_dim=int(embedding_dim),
            optimizer=optimizer, lr=float(lr), batch_size=int(batch_size), steps=int(steps), clip=float(clip),
            eval_every=values["eval_every"], patience=int(patience), seed=int(seed),
            spectral_radius=float(spectral_radius) if custom_init else None,
            forget_bias=float(forget_bias) if custom_init and cell == "lstm" else None)
    except BudgetError as error:           # every knob in range, their product over the session's memory
        side.error(error.message(language), icon=":material/memory:")
        config = None
    except ValueError as error:            # a SettingError says which knob in the learner's words
        side.error(tr("app.invalid_config", error=explain(error, language)))
        config = None
    st.session_state["config"] = config
    return config


def _choice(name: str, options) -> dict:
    """A selectbox's arguments: as _bound, with `index` where other widgets take `value`."""
    bound = _bound(name)
    if "value" in bound:
        bound["index"] = list(options).index(bound.pop("value"))
    return bound


def _index(key: str, options, value) -> dict:
    """As _value, for a selectbox (which takes `index`)."""
    return {} if _set_by_code(key) else {"index": list(options).index(value)}
