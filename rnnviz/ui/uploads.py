"""Uploads on any page: problems shown as messages in the learner's language (never tracebacks), results
remembered per upload, and the uploaded model, looked at on the Data page and, instead of the session's
trained model, on the Inside and Gradients pages. Every computation on an upload runs as upload work
(rnnviz/live/upload_work.py): yielding to the class's training, and stopping when this session ends."""
from __future__ import annotations

import hashlib
import inspect
import logging

import streamlit as st
import torch

from rnnviz.figures.animation import states_animation_figure
from rnnviz.figures.gradients import grad_norms_figure, layer_names
from rnnviz.gradients import hidden_grad_norms
from rnnviz.i18n import STRINGS
from rnnviz.inside import fit_units, layer_states
from rnnviz.live import upload_work
from rnnviz.live.session_watch import SessionWatch
from rnnviz.live.training_threads import training_now
from rnnviz.live.upload_work import SessionEnded, chunked
from rnnviz.tracing import trace
from rnnviz.ui import session
from rnnviz.ui.export import chart
from rnnviz.ui.session import tr
from rnnviz.ui.session_cache import MAX_KEPT, remember
from rnnviz.ui.states_animation import animation_labels, layer_picker
from rnnviz.ui.url import plain_text
from rnnviz.uploads import (
    MAX_INPUT_STEPS,
    MAX_UPLOAD_MB,
    UploadProblem,
    decode_utf8,
    last_state_energy,
    own_model_inputs,
)

log = logging.getLogger(__name__)

OWN_MODEL = "own_model"      # the uploaded model (rnnviz.uploads.OwnModel), shared by the pages
CACHE = "data.cache"
DIGESTS = "data.digests"
MAX_INPUT_LINES = 8          # input channels drawn of an uploaded model's input: one line each
# results kept per kind, in a store of their own: a trace of the largest model is 15 MB, its weights 67 MB
KEPT = {"model": 1, "trace": 2, "figure": 2}
UPLOAD_GRACE_SECONDS = 0.0   # a result not computed is not remembered: a reconnecting browser's rerun redoes it


def digest(file) -> str:
    """What an upload's results are remembered by: a hash of its content (computed once per upload), so
    a file is read once, whatever reruns follow, and uploading it again reads nothing."""
    return remember(DIGESTS, file.file_id, lambda: hashlib.sha256(file.getvalue()).hexdigest())


def attempt(compute, *args, **kwargs):
    """compute(...), or None after a warning saying what is wrong with the upload (never a traceback).
    `compute` may be a function or a generator function (work in chunks, see rnnviz.live.upload_work): it
    runs as upload work, and if this session ends meanwhile, it stops and so does this script run."""
    try:
        return _shown(_outcome(compute, *args, **kwargs))
    except SessionEnded:
        st.stop()


def remembered(key: tuple, compute, *args, **kwargs):
    """attempt(compute, ...) computed once per key (an upload's file_id and the options) in this session.
    A key whose first item is in KEPT is remembered in a smaller store of its own."""
    name, keep = (f"{CACHE}.{key[0]}", KEPT[key[0]]) if key[0] in KEPT else (CACHE, MAX_KEPT)
    try:
        return _shown(remember(name, key, lambda: _outcome(compute, *args, **kwargs), keep=keep))
    except SessionEnded:     # nothing remembered: the session is gone, or a reconnected browser reruns it
        st.stop()


def _session_watch() -> SessionWatch:
    """Says when this session has ended, asked before each chunk of its upload work."""
    return SessionWatch(session.session_alive(), grace_seconds=UPLOAD_GRACE_SECONDS, check_every=0.0)


def _outcome(compute, *args, **kwargs):
    work = compute(*args, **kwargs) if inspect.isgeneratorfunction(compute) else chunked(compute, *args, **kwargs)
    # said while it works: with the class training, upload work yields to them and takes several times longer.
    # The spinner's end is a message to the browser: once the session is gone, Streamlit stops the script
    # there, so what the work did is logged inside it
    with st.spinner(tr("data.working.busy" if training_now() else "data.working")):
        return _done(work)


def _done(work):
    """The work's value, or the problem that stopped it (logged); SessionEnded is raised again."""
    try:
        # on a thread of its own: below training's priority, taking turns with it, stopping with the session
        return upload_work.run(work, _session_watch())
    except SessionEnded:
        log.info("upload work stopped: its session ended")
        raise
    except UploadProblem as problem:  # the learner's file, and the page says what is wrong with it
        log.info("upload refused: %s", problem)
        return problem
    except Exception as problem:      # what no check foresaw: a message for the learner, the traceback for the log
        log.exception("upload failed unexpectedly")
        return problem


def _shown(outcome):
    if isinstance(outcome, UploadProblem):
        key = f"data.problem.{outcome.kind}"
        st.warning(tr(key, **_as_text(outcome.values, STRINGS[key])), icon=":material/error:")
    elif isinstance(outcome, Exception):
        st.warning(tr("data.problem.unexpected", error=plain_text(outcome)), icon=":material/error:")
    else:
        return outcome
    return None


def _as_text(values: dict, entry: dict) -> dict:
    """A problem's values (column names, keys: whatever the file holds) shown as they are: inside a
    message's code span (`{columns}`, in every language) with no backtick to end it early, elsewhere
    with Markdown escaped."""
    shown = {}
    for name, value in values.items():
        if not isinstance(value, str):
            shown[name] = value
        elif all(f"`{{{name}}}`" in text for text in entry.values()):
            shown[name] = " ".join(value.replace("`", "'").split())
        else:
            shown[name] = plain_text(value)
    return shown


# --- the uploaded model --------------------------------------------------------------------------------

def own_model_input_picker(own) -> tuple[torch.Tensor | None, tuple]:
    """The inputs the learner gives the uploaded model: random N(0,1) steps from a seed, or their own
    numbers typed or uploaded. Returns x (1, T, I) (None after a message) and a key for caching."""
    st.subheader(tr("data.model.inputs"))
    size = own.shape.input_size
    if st.toggle(tr("data.model.typed"), key="data.model.typed",
                 help=tr("data.model.typed.help", steps=MAX_INPUT_STEPS)):
        numbers_file = st.file_uploader(tr("data.model.numbers_upload", mb=MAX_UPLOAD_MB), type=["csv", "txt"],
                                        max_upload_size=MAX_UPLOAD_MB, key="data.model.numbers_file")
        typed = st.text_area(tr("data.model.numbers", size=size), key="data.model.numbers")
        if numbers_file:      # read once per file: a refused 10 MB file must not be read again at each click
            key = ("numbers file", digest(numbers_file), size)
            x = remembered(key, lambda: own_model_inputs(size, numbers=decode_utf8(numbers_file.getvalue())))
            return x, key
        key = ("numbers", hashlib.sha256(typed.encode()).hexdigest(), size)      # typed text is read once too
        x = remembered(key, own_model_inputs, size, numbers=typed) if typed.strip() else None
        return x, key
    steps_column, seed_column = st.columns(2)
    steps = int(steps_column.number_input(tr("data.model.steps"), 1, MAX_INPUT_STEPS, 20, key="data.model.steps"))
    seed = int(seed_column.number_input(tr("data.model.seed"), 0, 2**31 - 1, 0, key="data.model.seed"))
    return own_model_inputs(size, steps=steps, seed=seed), ("random", steps, seed)      # (1, T, I)


def own_model_states(own, x: torch.Tensor, inputs_key: tuple) -> None:
    """Its hidden states and gates on x, animated (the Inside page's figure)."""
    layer, direction, units = layer_picker(own.rnn)
    traced = remembered(("trace", own.version, inputs_key), trace, own.rnn, x)       # once per model and input
    if traced is None:
        return
    states = layer_states(traced, layer, direction)
    shown = fit_units(units, x.shape[1], len(states.panels()))
    inputs = x[0, :, :MAX_INPUT_LINES].numpy()                   # (T, <= MAX_INPUT_LINES): a line each
    # 200 frames of a model of 500 inputs and 512 units: a second of building, done once, not at each rerun
    figure = remembered(("figure", own.version, inputs_key, layer, direction, tuple(shown), session.lang(),
                         session.style()), states_animation_figure, states, units=shown, inputs=inputs,
                        labels=animation_labels(), style=session.style())
    if figure is None:
        return
    chart(figure, key="data.model.animation")
    st.caption(tr("data.model.fig.explain"))
    if x.shape[2] > MAX_INPUT_LINES:
        st.caption(tr("data.model.inputs_drawn", size=x.shape[2], drawn=MAX_INPUT_LINES))


def own_model_gradients(own, x: torch.Tensor, inputs_key: tuple) -> None:
    """||dL/dh_t|| over time for L = 1/2 ||h_T||^2: how far back the last state looks (the Gradients
    page's figure)."""
    norms = remembered(("grads", own.version, inputs_key), hidden_grad_norms, own.rnn, x, last_state_energy)
    if norms is None:
        return
    chart(grad_norms_figure({tr("data.model.grads.panel"): norms.numpy()},
                            layer_names(own.rnn.num_layers, 2 if own.rnn.bidirectional else 1,
                                        {"layer": tr("gradients.layer")}),
                            labels={"title": tr("data.model.grads.title"), "x": tr("axis.time"),
                                    "zero": tr("gradients.zero"), "not_finite": tr("gradients.not_finite")},
                            style=session.style()), key="data.model.grads")
    st.caption(tr("data.model.grads.explain"))


def show_own_model_instead(page: str, draw) -> None:
    """On the Inside and Gradients pages: a switch to look at the uploaded model instead of the
    session's trained one; when it is on, draw(own, x, inputs_key) on the learner's inputs and stop
    the page there."""
    own = st.session_state.get(OWN_MODEL)
    if own is None or not st.toggle(tr("data.model.instead", name=plain_text(own.name)), key=f"{page}.own_model",
                                    help=tr("data.model.instead.help")):
        return
    x, inputs_key = own_model_input_picker(own)
    if x is not None:
        draw(own, x, inputs_key)
    st.stop()
