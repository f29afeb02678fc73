"""The figures a lesson page draws (rnnviz.lessons.FIGURES), each from an existing builder of rnnviz/figures
with the session's model as it is now; the loss curve live, from a polling fragment, while it trains. The
LSTM lesson's gates are the cell diagram of the Cell page (rnnviz/figures/cell_diagram.py) at a step t; the
race is the Compare page's (rnnviz/ui/lesson_race.py).

    draw(name, worker, config)     one figure of a lesson, below the lesson's training buttons
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from rnnviz import model_gradients
from rnnviz.cell_steps import cell_steps
from rnnviz.figures.animation import states_animation_figure
from rnnviz.figures.cell_diagram import cell_diagram_figure, diagram_labels
from rnnviz.figures.gradients import grad_norms_figure, layer_names
from rnnviz.figures.scratch import bptt_figure
from rnnviz.figures.training import loss_figure
from rnnviz.inside import fit_units, look_inside, sample_from_test_set, visible
from rnnviz.live.pace import poll_seconds
from rnnviz.live.status import RUNNING
from rnnviz.live.training_threads import training_now
from rnnviz.scratch import ScratchRNN, explain_sample
from rnnviz.scratch_check import gradient_check, sum_sign_arrays
from rnnviz.tracing import trace_model
from rnnviz.ui import lesson_race, session
from rnnviz.ui.live_progress import live_progress
from rnnviz.ui.patches.live_chart import live_chart
from rnnviz.ui.session import tr
from rnnviz.ui.session_cache import cached, model_at_step, remember
from rnnviz.ui.states_animation import DEFAULT_UNITS, animation_labels, clamp
from rnnviz.ui.task_results import class_name, task_results_section
from rnnviz.ui.training_stops import polls, rerun_when_stopped

CACHE = "lesson.cache"
SAMPLE = "lesson.sample"         # the test sequence the lesson's figures show (an observation may set it)
STEP_T = "lesson.t"              # the step t the cell diagram computes
LOG_Y = "lesson.log_y"           # the loss on a log axis (an observation may set it)
POLL_SECONDS = 0.5               # the live loss chart's refresh while training (less often on a busy server)
LOSS_HEIGHT = 360                # px: with the buttons above it, the chart fits a 1024x768 projector
METRIC_HEIGHT = 300              # px: the validation metric below it, a second, smaller look at the same run
SCRATCH = dict(hidden_size=4, seq_len=5, samples=256, check=16, seed=0)   # the From scratch page's defaults


def draw(name: str, worker, config) -> None:
    """Draw the lesson figure `name` (one of rnnviz.lessons.FIGURES)."""
    {"loss": loss, "loss_metric": loss_metric, "states": states, "gates": gates, "bptt": bptt, "radius": radius,
     "results": results, "race": lesson_race.draw}[name](worker, config)


def sample_index(count: int) -> int:
    """The test sequence to show, kept within the data set."""
    return min(max(int(st.session_state.get(SAMPLE, 0)), 0), count - 1)


# --- the loss, live ---------------------------------------------------------------------------------------

def loss(worker, config, with_metric: bool = False) -> None:
    """The loss curve and the progress, redrawn from the worker's snapshot while it trains."""
    running = worker.snapshot().status == RUNNING
    polls("lesson", running)
    st.fragment(_live_loss, run_every=poll_seconds(POLL_SECONDS, training_now()) if running else None)(
        worker, with_metric)


def loss_metric(worker, config) -> None:
    """The loss curve and, below it, the validation metric (accuracy...), in the same refresh: the validation
    loss can rise while the share of right answers still grows (lesson 9), and a learner must see both."""
    loss(worker, config, with_metric=True)


def metric_history(history, scale: float = 1.0) -> list[dict]:
    """The validation metric (times `scale`) as the loss figure's validation curve: each validated record with
    its metric in place of its loss (the early stop's kept_step kept), and no training curve (NaN: nothing drawn)."""
    return [{"step": r["step"], "train_loss": float("nan"), "val_loss": scale * r["val_metric"],
             **({"kept_step": r["kept_step"]} if "kept_step" in r else {})}
            for r in history if r.get("val_metric") is not None]


def _metric_chart(history, data) -> None:
    """The validation metric against step, the kept model's star and line where the loss chart has them."""
    percent = data.metric_name == "accuracy"       # in percent: the sentences say 58 % (es), 58% (en)
    points = metric_history(history, 100.0 if percent else 1.0)
    if not data.metric_name or not points:
        return
    labels = {k: tr(f"train.loss.{k}") for k in ("val", "kept")}
    labels.update(x=tr("axis.step"), y=tr(f"metric.{data.metric_name}"))
    fig = loss_figure(points, None, labels=labels, style=session.style(), max_points=400, compact=True)
    fig.data[0].showlegend = False       # the builder's training curve, empty here: no key to nothing
    if percent:
        fig.layout.yaxis.ticksuffix = " %" if session.lang() == "es" else "%"
    fig.layout.height = METRIC_HEIGHT
    live_chart(fig, key="lesson.metric_chart", theme=session.chart_theme())


def _live_loss(worker, with_metric: bool = False) -> None:
    snap = worker.snapshot()
    progress = tr("train.progress_idle", step=snap.step, total=snap.total) + " · " + tr(f"train.status.{snap.status}")
    live_progress(snap.step, snap.total, progress)
    if not snap.history:         # as the Train page: no empty chart (on a projector its empty axis's ticks collide)
        st.caption(tr("train.loss.empty"))
        rerun_when_stopped("lesson", snap.status == RUNNING)
        return
    labels = {k: tr(f"train.loss.{k}") for k in ("title", "train", "val", "baseline", "clip", "this_step", "kept")}
    labels.update(x=tr("axis.step"), y=tr("axis.loss"))
    fig = loss_figure(snap.history, worker.experiment.data.baseline_loss, log_y=st.session_state.get(LOG_Y, False),
                      labels=labels, style=session.style(), max_points=400, compact=True)
    fig.layout.height = LOSS_HEIGHT      # compact, as the Train page's: its legend wraps, the plot keeps the height
    live_chart(fig, key="lesson.loss_chart", theme=session.chart_theme())
    st.toggle(tr("train.log_y"), key=LOG_Y)
    if with_metric:
        _metric_chart(snap.history, worker.experiment.data)
    if snap.early_stop is not None:      # the run ended at the validation minimum's model (rnnviz/train.py)
        st.info(tr("train.early_stop", step=snap.early_stop.step, best=snap.early_stop.best_step),
                icon=":material/front_hand:")
    rerun_when_stopped("lesson", snap.status == RUNNING)      # the run ended: redraw the buttons and figures


# --- inside the network: h_t (and the gates) step by step --------------------------------------------------

def states(worker, config) -> None:
    """The Inside page's animation of one test sequence, with the model now: h_t, and for an LSTM or a GRU
    every gate and the cell state."""
    store = model_at_step(worker, CACHE)
    data = worker.experiment.data
    index = sample_index(len(data.test[0]))
    sample = sample_from_test_set(data, index)
    look = cached(store, ("look", index), lambda model: look_inside(model, data, sample))
    shown = fit_units(list(range(min(look.states.hidden.shape[1], DEFAULT_UNITS))), sample.length,
                      len(look.states.panels()))
    output = replace(look.output, class_name=class_name(data, look.output.class_name))
    figure = cached(store, ("figure", index, tuple(shown), session.lang(), session.projector()),
                    lambda _: states_animation_figure(
                        look.states, units=shown, inputs=None if sample.tokens else sample.x[0].numpy(),
                        tokens=sample.tokens, output=output, projection=look.projection,
                        labels=animation_labels(), style=session.style()))
    where = tr("lesson.sample", index=index)
    st.caption(tr("lesson.model_at", step=store["step"], sample=where) if store["step"]
               else tr("lesson.untrained"))
    st.plotly_chart(figure, key="lesson.states", theme=session.chart_theme())


def gates(worker, config) -> None:
    """The cell as the textbooks draw it, computing step t of one test sequence with the model now: for an
    LSTM its forget, input and output gates, its candidate and its cell state, each with its number."""
    store = model_at_step(worker, CACHE)
    data = worker.experiment.data
    index = sample_index(len(data.test[0]))

    def steps_now(model):
        sample = sample_from_test_set(data, index)
        return cell_steps(model.rnn, trace_model(model, sample.x, sample.y).rnn), sample.tokens

    steps, tokens = cached(store, ("cell_steps", index), steps_now)
    clamp(STEP_T, 0, len(steps) - 1)
    st.session_state.setdefault(STEP_T, 0)
    t = st.slider(tr("cell.t"), 0, len(steps) - 1, key=STEP_T)
    figure = cached(store, ("cell_diagram", index, t, session.lang(), session.projector()),
                    lambda _: cell_diagram_figure(steps[t], unit=0, labels=diagram_labels(session.lang()),
                                                  style=session.style(),
                                                  token=visible(tokens[t]) if tokens else None))
    st.plotly_chart(figure, key="lesson.cell_diagram", theme=session.chart_theme())
    st.caption(tr("lesson.cell_diagram", sample=tr("lesson.sample", index=index)) + " "
               + (tr("cell.model_at", step=store["step"]) if store["step"] else tr("lesson.untrained")))


# --- from scratch: BPTT by hand ---------------------------------------------------------------------------

def bptt(worker, config) -> None:
    """The NumPy RNN's h_t and dL/dh_t for one sequence, and how far its gradients are from autograd's."""
    model = ScratchRNN(1, SCRATCH["hidden_size"], seed=SCRATCH["seed"])
    x, y = sum_sign_arrays(SCRATCH["samples"], SCRATCH["seq_len"], seed=SCRATCH["seed"])
    index = sample_index(len(x))
    example = explain_sample(model, x[index], y[index])
    labels = {"title": tr("scratch.heatmap.title"), "hidden": tr("scratch.heatmap.hidden"),
              "gradient": tr("scratch.heatmap.gradient"), "x": tr("axis.time"), "y": tr("axis.unit")}
    st.plotly_chart(bptt_figure(example["h_t"], example["dL_dh_t"], labels=labels, style=session.style()),
                    key="lesson.bptt", theme=session.chart_theme())
    check = remember("lesson.bptt_check", tuple(SCRATCH.items()),
                     lambda: gradient_check(model, x[:SCRATCH["check"]], y[:SCRATCH["check"]]))
    st.caption(tr("lesson.bptt.caption", sample=tr("lesson.sample", index=index),
                  difference=session.num(check["autograd_rel"].max(), ".1e")))


# --- vanishing and exploding: the spectral radius ----------------------------------------------------------

def radius(worker, config) -> None:
    """||dL/dh_t|| of a fresh network of the sidebar's experiment (W_hh orthogonal x rho), with Pascanu's
    bound for a tanh RNN."""
    if config is None or config.spectral_radius is None:
        st.info(tr("lesson.radius.no_custom"), icon=":material/info:")
        return
    data = remember("lesson.radius.data", (config.task, tuple(config.task_params.items()), config.seed),
                    lambda: model_gradients.lab_task_data(config), keep=1)
    lab = remember("lesson.radius", config, lambda: model_gradients.radius_lab(config, data), keep=4)
    names = layer_names(config.layers, 2 if config.bidirectional else 1, {"layer": tr("gradients.layer")})
    labels = {"title": tr("gradients.lab.title", cell=tr(f"cell.{config.cell}"), T=data.seq_len,
                          rho=config.spectral_radius),
              "x": tr("axis.time"), "y": tr("gradients.axis.grad"), "bound": tr("gradients.lab.bound", sigma=lab.sigma),
              "zero": tr("gradients.zero"), "not_finite": tr("gradients.not_finite")}
    st.plotly_chart(grad_norms_figure({"": lab.norms}, names, bound=lab.bound, labels=labels, style=session.style()),
                    key="lesson.radius", theme=session.chart_theme())
    top = lab.norms[model_gradients.top_forward_curve(config)]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = float(np.float64(top[0]) / np.float64(top[-1]))
    st.caption(tr("lesson.radius.caption", rho=config.spectral_radius, T=data.seq_len,
                  ratio=session.num(ratio, ".3g")))


# --- what the task is for ---------------------------------------------------------------------------------

def results(worker, config) -> None:
    """The Train page's results section of the task (a forecast, a continued sequence, a sentence...)."""
    running = worker.snapshot().status == RUNNING
    task_results_section(worker, refresh_every=poll_seconds(2.0, training_now()) if running else None)
