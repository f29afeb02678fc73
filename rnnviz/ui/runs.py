"""Recorded runs in the dashboard: load a shipped demo run or your own RUN.json (+ its .pt weights),
replay its curves and inspect its trained model on every page; download the current run and model."""
from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import streamlit as st

from rnnviz.experiment import Experiment
from rnnviz.i18n import STRINGS, explain, t
from rnnviz.live.worker import TrainingWorker
from rnnviz.models import load_model, save_model
from rnnviz.runs import Run, demo_runs
from rnnviz.ui import session, sidebar
from rnnviz.ui.session import tr
from rnnviz.ui.url import plain_text
from rnnviz.uploads import MAX_UPLOAD_MB

log = logging.getLogger(__name__)

_ERROR = "runs.error"


def read_uploaded_run(run_file, weights_file=None) -> Run:
    """A Run from uploaded RUN.json bytes and optional .pt bytes, each checked completely before use;
    a ValueError saying in the learner's language what is wrong."""
    try:
        run = Run.from_json_text(run_file.getvalue())
    except ValueError as error:         # a RunFileError: said in the learner's words
        raise ValueError(tr("runs.bad_json", error=explain(error, session.lang()))) from error
    if weights_file is not None:
        try:
            run.model, _ = load_model(io.BytesIO(weights_file.getvalue()))
        except ValueError as error:     # a spec out of bounds (a SettingError), tensors that do not fit it
            detail = explain(error, session.lang()) if callable(getattr(error, "message", None)) else None
            raise ValueError(tr("runs.invalid_weights", error=detail) if detail else
                             tr("runs.problem.weights_unreadable")) from error
        except Exception as error:      # torch raises several kinds for a bad or unsafe file: its words in the log
            raise ValueError(tr("runs.problem.weights_unreadable")) from error
    return run


def experiment_of(run: Run) -> Experiment:
    """The experiment a run brings back; weights of another model than its config's are a ValueError
    in the learner's language."""
    try:
        return Experiment.from_run(run)
    except ValueError as error:     # the config and history are checked already: the weights are wrong
        raise ValueError(tr("runs.problem.weights_mismatch")) from error


def use_run(run: Run, experiment: Experiment | None = None) -> None:
    """Make `run` the session's experiment (`experiment`, if already built from it): the sidebar shows
    its settings, the pages its model."""
    if experiment is None:
        experiment = Experiment.from_run(run)
    old = session.worker()
    if old is not None:
        old.stop()
    values = run.config.to_dict()
    params = {run.config.task: values.pop("task_params")}
    values.update(params=params, custom_init=run.config.spectral_radius is not None,
                  spectral_radius=run.config.spectral_radius or 1.0,
                  forget_bias=1.0 if run.config.forget_bias is None else run.config.forget_bias)
    sidebar.set_knobs(values)
    session.adopt_worker(TrainingWorker(experiment, is_alive=session.session_alive()))


def recorded_runs_panel() -> None:
    """An expander to load a recorded run (a demo or your own)."""
    with st.expander(tr("runs.title"), icon=":material/history:"):
        st.caption(tr("runs.explain", mb=MAX_UPLOAD_MB))
        demos = demo_runs()
        left, right = st.columns(2)
        language = session.lang()     # format_func may run after this script run (AppTest does)
        name = left.selectbox(tr("runs.demo"), list(demos), format_func=lambda n: _demo_label(n, language),
                              key="runs.demo")
        left.button(tr("runs.load_demo"), key="runs.load_demo", disabled=not demos, on_click=_load_demo,
                    args=(demos.get(name),))
        run_file = right.file_uploader(tr("runs.upload"), type=["json"], key="runs.upload",
                                       max_upload_size=MAX_UPLOAD_MB)
        right.file_uploader(tr("runs.upload_weights"), type=["pt"], key="runs.upload_weights",
                            max_upload_size=MAX_UPLOAD_MB)
        right.button(tr("runs.load_upload"), key="runs.load_upload", disabled=run_file is None,
                     on_click=_load_upload)
        if _ERROR in st.session_state:
            # plain text: the message quotes the file's keys, which anyone may have written
            right.error(plain_text(st.session_state.pop(_ERROR)), icon=":material/error:")


# button callbacks: they run before the next script run, when the sidebar's widgets may still be set
def _load_demo(path: Path) -> None:
    def read() -> Run:
        try:
            return Run.load(path)
        except ValueError as error:
            raise ValueError(tr("runs.bad_demo", error=explain(error, session.lang()))) from error
    _load(read)


def _load_upload() -> None:
    run_file = st.session_state.get("runs.upload")
    if run_file is not None:          # (the button is disabled without one; the file may be gone since)
        _load(lambda: read_uploaded_run(run_file, st.session_state.get("runs.upload_weights")))


def _load(read) -> None:
    """Make the run that read() returns the session's experiment, once it and its experiment are built
    and checked: a bad file is shown and logged, and the session's worker and model stay as they were."""
    try:
        run = read()
        experiment = experiment_of(run)
    except ValueError as error:
        # the learner reads `error`; the log keeps what the library said too (its English, with the details)
        log.warning("a recorded run was refused: %s [%s]", error, error.__cause__ or error, exc_info=True)
        st.session_state[_ERROR] = str(error)
    else:
        use_run(run, experiment)


def downloads(worker: TrainingWorker) -> None:
    """Download buttons for the run so far (RUN.json) and the model now (.pt)."""
    experiment = worker.experiment
    stem = f"{experiment.config.task}-{experiment.config.cell}"
    left = right = st.container(horizontal=True)     # wraps rather than truncating the labels
    left.download_button(tr("export.run"), data=lambda: json.dumps(_run_now(worker).to_json()),
                         file_name=f"{stem}.json", mime="application/json", on_click="ignore",
                         icon=":material/download:", key="runs.download_run")
    right.download_button(tr("export.model"), data=lambda: _model_bytes(worker), file_name=f"{stem}.pt",
                          mime="application/octet-stream", on_click="ignore", icon=":material/download:",
                          key="runs.download_model")


def _run_now(worker: TrainingWorker) -> Run:
    with worker.lock:
        return worker.experiment.to_run()


def _model_bytes(worker: TrainingWorker) -> bytes:
    buffer = io.BytesIO()
    save_model(buffer, worker.model_copy(), worker.experiment.config)
    return buffer.getvalue()


def _demo_label(name: str, language: str) -> str:
    key = f"runs.demo.{name}"
    return t(key, language) if key in STRINGS else name
