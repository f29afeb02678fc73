"""Streamlit helpers of the "Your data and models" page: uploads that state their limit, problems shown
as messages (never tracebacks), results remembered per upload, and the buttons that choose the data."""
from __future__ import annotations

import streamlit as st

from rnnviz import tasks
from rnnviz.i18n import t
from rnnviz.ui import session
from rnnviz.ui.session import OWN_DATA, tr
from rnnviz.uploads import MAX_UPLOAD_MB, UploadProblem


def attempt(compute, *args, **kwargs):
    """compute(...), or None after a warning saying what is wrong with the upload (never a traceback)."""
    outcome = _outcome(compute, *args, **kwargs)
    return _shown(outcome)


def remembered(key: tuple, compute, *args, **kwargs):
    """attempt(compute, ...) computed once per key (an upload's file_id and the options) in this session."""
    cache = st.session_state.setdefault("data.cache", {})
    if key not in cache:
        if len(cache) > 32:
            cache.clear()
        cache[key] = _outcome(compute, *args, **kwargs)
    return _shown(cache[key])


def _outcome(compute, *args, **kwargs):
    try:
        return compute(*args, **kwargs)
    except Exception as problem:      # an UploadProblem, or what no check foresaw: a message, never a traceback
        return problem


def _shown(outcome):
    if isinstance(outcome, UploadProblem):
        st.warning(tr(f"data.problem.{outcome.kind}", **outcome.values), icon=":material/error:")
    elif isinstance(outcome, Exception):
        st.warning(tr("data.problem.unexpected", error=outcome), icon=":material/error:")
    else:
        return outcome
    return None


def task_seq_len(task: str) -> int:
    """The window length the sidebar holds for `task` (its default if never set)."""
    params = st.session_state.get("experiment", {}).get("params", {}).get(task, {})
    return params.get("seq_len", tasks.get_task(task).param("seq_len").default)


def use_buttons(source) -> None:
    """Train on this data from the next model on, or go back to the built-in data; say which is in use."""
    own = st.session_state.setdefault(OWN_DATA, {})
    task_name = t(f"task.{source.task}", session.lang())
    if own.get(source.task) is source:
        st.success(tr("data.in_use", task=task_name), icon=":material/check_circle:")
        st.button(tr("data.builtin"), key=f"data.builtin.{source.task}", on_click=own.pop, args=(source.task, None))
    else:
        st.button(tr("data.use", task=task_name), type="primary", key=f"data.use.{source.task}",
                  on_click=own.__setitem__, args=(source.task, source))


def upload(section: str, kinds: list[str]):
    """A file uploader stating its limit; returns the file or None."""
    return st.file_uploader(tr(f"data.{section}.upload", mb=MAX_UPLOAD_MB), type=kinds, key=f"data.{section}.file",
                            max_upload_size=MAX_UPLOAD_MB, help=tr(f"data.{section}.upload.help", mb=MAX_UPLOAD_MB))
