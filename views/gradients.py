"""Vanishing and exploding gradients: ||dL/dh_t|| through time, now and at initialisation; the same
recorded while training; a lab for the recurrent matrix's spectral radius with Pascanu's bound;
gradient clipping tamed on the loss curve; and which inputs the output depends on.

The sections that follow training poll the worker's snapshot from fragments while it runs, like the
Train page, so the page stays responsive; "Follow training" makes the ||dL/dh_t|| now curve poll twice as
often. Every number comes from rnnviz.gradients (exact) through
rnnviz.model_gradients; each section draws one figure and says beside it what to look for. Heavy results
are remembered in the session (rnnviz.ui.session_cache) by (worker, step, inputs); the worker itself is
the key (not its id, which a new worker could reuse after a reset).
"""
import numpy as np
import streamlit as st

from rnnviz import model_gradients
from rnnviz import tasks
from rnnviz.config import ExperimentConfig
from rnnviz.figures import gradients as figures
from rnnviz.figures.decimate import SCREEN_POINTS
from rnnviz.figures.training import loss_figure
from rnnviz.gradients import PROBE_SIZE
from rnnviz.live.pace import poll_seconds
from rnnviz.live.status import RUNNING
from rnnviz.live.training_threads import training_now
from rnnviz.ui import session, sidebar
from rnnviz.ui.gradient_lab import radius_lab, unrolled_view
from rnnviz.ui.gradient_panels import curve_names, figure_and_words, latest, log_labels, marker_captions, model_now, show
from rnnviz.ui.uploads import own_model_gradients, show_own_model_instead
from rnnviz.ui.export import chart
from rnnviz.ui.page_errors import guarded
from rnnviz.ui.session import tr
from rnnviz.ui.session_cache import throttled
from rnnviz.ui.training_stops import polls, rerun_when_stopped

POLL_SECONDS = 1.0             # live figures refresh once a second while training runs (less often under load)
FOLLOW_SECONDS = 0.5           # following training: ||dL/dh_t|| now twice a second
FOLLOW_THROTTLE = 3            # following: a new measurement once 3x the last one's duration has passed (not 10x)


def within(key: str, last: int) -> None:
    """Keep an index widget's remembered value valid after a reset to a smaller model or data set."""
    if st.session_state.get(key, 0) > last:
        st.session_state[key] = last


# --- ||dL/dh_t|| now and while training (a polling fragment) ------------------------------------------

@guarded("gradients.now")
def now_and_initial(worker, step: int, following: bool) -> None:
    """||dL/dh_t|| on the probe batch at initialisation and now, side by side on one log axis."""
    experiment = worker.experiment
    initial = latest("initial", worker, lambda: model_gradients.probe_grad_norms(
        worker.initial_model, experiment.data, PROBE_SIZE))

    def measure_now():
        model, model_step = model_now(worker)
        return model_step, model_gradients.probe_grad_norms(model, experiment.data, PROBE_SIZE)

    # a measurement's wall-clock duration includes waiting for the training thread (the GIL, the worker's
    # lock): at 10x it, the default model's curve was measured every other second, too seldom to follow
    now_step, now = throttled("gradients.cache.now", worker, step, measure_now,
                              **({"factor": FOLLOW_THROTTLE} if following else {}))
    labels = {"title": tr("gradients.now.title"), "x": tr("axis.time"), "y": tr("gradients.axis.grad"),
              **log_labels(experiment.config.cell)}
    panels = {tr("gradients.now.initial"): initial, tr("gradients.now.now", step=now_step): now}
    figure, words = figure_and_words()
    with figure:
        chart(figures.grad_norms_figure(panels, curve_names(experiment.config), labels=labels,
                                        style=session.style()), key="gradients.now", live=True)
    with words:
        st.markdown(tr("gradients.now.explain"))
        marker_captions(initial, now)


@guarded("gradients.heatmap")
def training_heatmap(worker, snap) -> None:
    """The recorded ||dL/dh_t|| of one layer-direction: training step x timestep."""
    recorded = snap.grad_norm_array()                                     # (S, L*D, T)
    names = curve_names(worker.experiment.config)
    figure, words = figure_and_words()
    with words:
        curve = 0
        if len(names) > 1:
            within("gradients.heatmap.curve", len(names) - 1)
            curve = st.selectbox(tr("gradients.heatmap.curve"), range(len(names)), format_func=names.__getitem__,
                                 key="gradients.heatmap.curve")
        st.markdown(tr("gradients.heatmap.explain"))
        st.caption(tr("gradients.heatmap.recordings", count=len(snap.grad_steps), every=worker.grad_recorder.every))
        marker_captions(recorded[:, curve] if recorded.size else recorded)
    title = tr("gradients.heatmap.title") + (f" · {names[curve]}" if len(names) > 1 else "")   # one layer: no name
    labels = {"title": title, "x": tr("axis.time"),
              "y": tr("axis.step"), "colorbar": tr("gradients.heatmap.colorbar"), "value": tr("gradients.axis.grad"),
              **log_labels(worker.experiment.config.cell)}
    norms = recorded[:, curve] if recorded.size else np.zeros((0, 0))
    with figure:
        chart(figures.grad_heatmap_figure(np.asarray(snap.grad_steps), norms, labels=labels, style=session.style()),
              key="gradients.heatmap", live=True)


def live_training(worker, following: bool) -> None:
    """The sections that follow training: redrawn from the latest snapshot while the worker runs."""
    snap = worker.snapshot()
    now_and_initial(worker, snap.step, following)
    st.subheader(tr("gradients.heatmap.header"))
    training_heatmap(worker, snap)
    rerun_when_stopped("gradients.training", snap.status == RUNNING)


# --- clipping: the sidebar's clip knob, and the loss with its clipped steps (a polling fragment) ----------

def switch_clipping(config: ExperimentConfig) -> None:
    """on_change of the switch: set the sidebar's clip knob (the task's recommended threshold, or 0: off)."""
    on = st.session_state["gradients.clip_on"]
    clip = float(tasks.get_task(config.task).recommended.get("clip") or 1.0) if on else 0.0
    sidebar.set_knobs({"clip": clip})


def clipping_switch(config: ExperimentConfig | None, worker) -> None:
    """The clipping switch (the sidebar's clip knob), what this run does, and Reset to apply a change."""
    running_clip = worker.experiment.config.clip
    show("gradients.clip_on", (config.clip if config is not None else running_clip) > 0)   # follows the sidebar
    st.toggle(tr("gradients.clip.switch"), key="gradients.clip_on", help=tr("gradients.clip.switch.help"),
              disabled=config is None, on_change=switch_clipping, args=(config,))
    st.caption(tr("gradients.clip.state_on", clip=running_clip) if running_clip > 0 else tr("gradients.clip.state_off"))
    if config is not None and config != worker.experiment.config:
        st.info(tr("gradients.clip.pending", clip=config.clip), icon=":material/info:")
        st.button(tr("gradients.clip.reset"), icon=":material/restart_alt:", on_click=session.new_worker,
                  args=(config,), key="gradients.reset")


@guarded("gradients.clipping")
def live_clipping(worker) -> None:
    """Loss with its clipped steps, and each step's gradient norm against the threshold."""
    snap, experiment = worker.snapshot(), worker.experiment
    summary = model_gradients.clip_summary(snap.history, experiment.config.clip)
    # the numbers in a row of their own: in the narrow words column their labels were cut on a projector
    numbers = st.container(horizontal=True, gap="large")
    numbers.metric(tr("gradients.clip.events"), summary["events"],
                   help=tr("gradients.clip.events_of", steps=summary["steps"]), width="content")
    if summary["largest"] is not None:
        numbers.metric(tr("gradients.clip.largest"), session.num(summary["largest"], ".3g"), width="content")
    figures_column, words = figure_and_words()
    with words:
        st.markdown(tr("gradients.clip.explain"))
    if not snap.history:
        figures_column.info(tr("gradients.clip.no_steps"), icon=":material/info:")
    loss_labels = {k: tr(f"train.loss.{k}") for k in ("title", "train", "val", "baseline", "clip", "kept")}
    loss_labels.update(x=tr("axis.step"), y=tr("axis.loss"))
    step_labels = {"title": tr("gradients.steps.title"), "x": tr("axis.step"), "y": tr("gradients.steps.y"),
                   "norm": tr("gradients.steps.norm"), "clip": tr("train.loss.clip"),
                   "threshold": tr("gradients.steps.threshold"), **log_labels(experiment.config.cell)}

    def loss(max_points=None):
        return loss_figure(snap.history, experiment.data.baseline_loss, labels=loss_labels, style=session.style(),
                           max_points=max_points)

    def step_norms(max_points=None):
        return figures.grad_norm_steps_figure(snap.history, experiment.config.clip, labels=step_labels,
                                              style=session.style(), max_points=max_points)

    with figures_column:       # drawn thinned (every step would be thousands of marks), exported whole
        chart(loss(SCREEN_POINTS), key="gradients.loss", full=loss, live=True)
        chart(step_norms(SCREEN_POINTS), key="gradients.step_norms", full=step_norms, live=True)
    rerun_when_stopped("gradients.clipping", snap.status == RUNNING)


# --- which inputs the output depends on ------------------------------------------------------------------

@guarded("gradients.attribution")
def attribution(worker) -> None:
    """||dy/dx_t|| of one chosen test sample, for the model now."""
    data, step = worker.experiment.data, worker.snapshot().step
    figure, words = figure_and_words()
    with words:
        within("gradients.attribution.sample", len(data.test[0]) - 1)
        index = st.slider(tr("gradients.attribution.sample"), 0, len(data.test[0]) - 1,
                          key="gradients.attribution.sample")
        st.markdown(tr("gradients.attribution.explain"))

    def measure():
        model, model_step = model_now(worker)
        return model_step, *model_gradients.sample_attribution(model, data, int(index))

    model_step, values, tokens = latest("attribution", (worker, step, int(index)), measure)
    with words:
        marker_captions(values)
    labels = {"title": tr("gradients.attribution.title", index=int(index), step=model_step),
              "x": tr("gradients.attribution.x"), **log_labels(worker.experiment.config.cell)}
    with figure:
        chart(figures.attribution_figure(values, tokens, labels=labels, style=session.style()),
              key="gradients.attribution")


# --- the page -----------------------------------------------------------------------------------------------

st.title(tr("gradients.title"))
config = session.config()
worker = session.worker_for_page()
st.markdown(tr("gradients.intro"))
with guarded("own_model.gradients"):
    show_own_model_instead("gradients", own_model_gradients)    # or the uploaded model, if asked
if worker.snapshot().step == 0:
    st.info(tr("no_model"), icon=":material/info:")

running = worker.snapshot().status == RUNNING
polls("gradients.training", running)
polls("gradients.clipping", running)
poll = poll_seconds(POLL_SECONDS, training_now()) if running else None

# ||dL/dh_t|| now vs at initialisation, and the step x timestep heatmap recorded while training; followed,
# they poll twice as often and the now curve is measured again sooner (throttled() still keeps a big model's
# measurements to a share of the CPU)
st.subheader(tr("gradients.now.header"))
following = st.toggle(tr("gradients.now.follow"), key="gradients.follow", help=tr("gradients.now.follow.help"))
st.fragment(live_training, run_every=poll_seconds(FOLLOW_SECONDS, training_now()) if running and following
            else poll)(worker, following)

# what does rho do: a fresh model from the sidebar's experiment, and the learner's own beside it
st.subheader(tr("gradients.lab.header"))
lab_config = None          # as when the lab refuses its settings: the unrolled view then says so
with guarded("gradients.lab"):
    lab_config = radius_lab(config or worker.experiment.config, worker)

# the same unrolled in time: the gradient flowing back, cell by cell
st.subheader(tr("gradients.unrolled.header"))
with guarded("gradients.unrolled"):
    unrolled_view(lab_config, worker)

# clipping: the switch is the sidebar's clip knob; the figures follow training
st.subheader(tr("gradients.clip.header"))
clipping_switch(config, worker)
st.fragment(live_clipping, run_every=poll)(worker)

# which inputs the last output depends on, for the model now
st.subheader(tr("gradients.attribution.header"))
attribution(worker)
