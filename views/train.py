"""Train: start, pause, step or reset a live run at a pace a class can follow, watch the loss fall, then
see what the task is for.

Training runs in the session's worker thread; this page only sends it commands and polls its snapshot
from a fragment, so widgets, other pages and scrolling keep working while it trains. The buttons, the
progress and the loss chart come first, so that on a projector (1024x768) they are on screen together.
"""
import time

import streamlit as st

from rnnviz.figures.decimate import SCREEN_POINTS
from rnnviz.figures.training import loss_figure
from rnnviz.live.pace import poll_seconds
from rnnviz.live.speed import KEEP_GOING_MAX_MINUTES, KEEP_GOING_MAX_STEPS
from rnnviz.live.status import DIVERGED, FINISHED, PAUSED, RUNNING, STOPPED
from rnnviz.live.training_threads import training_now
from rnnviz.ui import session
from rnnviz.ui.export import chart
from rnnviz.ui.live_progress import live_progress
from rnnviz.ui.lost_run import lost_step
from rnnviz.ui.runs import downloads, recorded_runs_panel
from rnnviz.ui.session import tr
from rnnviz.ui.task_results import task_results_section
from rnnviz.ui.train_controls import control_row, less_room_on_top, press, take_pressed
from rnnviz.ui.training_stops import polls, rerun_when_stopped

POLL_SECONDS = 0.4     # the live chart refreshes at least twice a second (less often on a busy server)
RESULTS_SECONDS = 2.0   # the task's predictions, redrawn less often: they cost a forward pass
REPACE_AFTER = 3.0      # seconds a polling pace is kept at least
FIRST_STEP_WAIT = 0.2   # seconds Start waits for the first step, so this very rerun draws its point
PRELOAD_AFTER = 0.5     # seconds after the first screen at which the empty loss chart is drawn (see below)
CHART_SHOWN = "train.chart_shown"   # False: the first screen is drawn, the empty chart not yet; True: drawn
LIVE_CHART_HEIGHT = 360  # px: with the buttons above it, the whole chart fits a 1024x768 projector
# keep-going training's caps, as the page says them (100 000 with a thin space, in either language)
CAPS = dict(minutes=KEEP_GOING_MAX_MINUTES, steps=f"{KEEP_GOING_MAX_STEPS:,}".replace(",", "\u202f"))
# keep going past the step budget: kept apart from its toggle's state, which Streamlit drops on other pages
KEEP_GOING = "keep_going"

less_room_on_top()
st.title(tr("train.title"))
config = session.config()
pressed = take_pressed()               # taken first: a press is for this rerun only, even if the page stops
worker = session.worker_for_page()     # a model not trained yet follows the sidebar, so Start trains what it shows
worker.set_pace(session.pace())        # the pace and keep-going apply at once, mid-run too
worker.set_keep_going(st.session_state.get(KEEP_GOING, False))
if pressed is not None:
    before = worker.snapshot().step
    {"start": worker.start, "step": worker.step_once}[pressed]()
    # the first step takes a few ms: waiting for it lets this rerun draw its point, not the next poll
    deadline = time.monotonic() + FIRST_STEP_WAIT
    while worker.snapshot().step == before and time.monotonic() < deadline:
        time.sleep(0.005)
experiment = worker.experiment


def controls():
    """Start/Resume, Pause, One step, Reset, enabled by what the worker can do now."""
    status = worker.snapshot().status
    control_row(press("start"), worker.pause, press("step"), lambda: session.new_worker(config),
                can_start=worker.can_start, can_pause=status == RUNNING, can_reset=config is not None,
                resume=status == PAUSED or (status == FINISHED and worker.can_start))


def notices():
    """Why the model differs from what the sidebar shows, when it does."""
    if config is not None and config != experiment.config:
        st.info(tr("train.config_changed"), icon=":material/info:")
    elif session.own_data_source(experiment.config.task) is not getattr(experiment.data, "source", None):
        st.info(tr("data.train.data_changed"), icon=":material/info:")


def progress_text(snap) -> str:
    if snap.status == RUNNING and snap.step > snap.total:
        return tr("train.progress_beyond", step=snap.step, total=snap.total, minutes=KEEP_GOING_MAX_MINUTES)
    if snap.capped:
        return tr("train.progress_idle", step=snap.step, total=snap.total) + " · " + tr("train.status.capped", **CAPS)
    if snap.status == RUNNING and snap.seconds_left is not None:
        return tr("train.progress", step=snap.step, total=snap.total, rate=snap.steps_per_second,
                  left=tr("train.seconds", s=snap.seconds_left))
    text = tr("train.progress_idle", step=snap.step, total=snap.total) + " · " + tr(f"train.status.{snap.status}")
    if snap.update_norm is not None:      # One step: said beside the marked point, on screen with it
        text += " · " + tr("train.progress_update", norm=session.num(snap.update_norm, ".3g"))
    return text


def metrics_row(snap) -> None:
    data = experiment.data
    last, val = (snap.history[-1] if snap.history else None), snap.last_validation
    row = st.container(horizontal=True, gap="large")      # wraps on a narrow screen, never truncates
    num = session.num              # 0,3548 on a Spanish page
    row.metric(tr("train.metric.train_loss"), num(last["train_loss"], ".4g") if last else "–", width="content")
    row.metric(tr("train.metric.val_loss"), num(val["val_loss"], ".4g") if val else "–", width="content")
    row.metric(tr("train.metric.baseline"), num(data.baseline_loss, ".4g"), help=tr("train.metric.baseline.help"),
               width="content")
    if data.metric_name:
        value = val.get("val_metric") if val else None
        row.metric(tr(f"metric.{data.metric_name}"), "–" if value is None else num(value, ".4g"), width="content")
    if snap.update_norm is not None:      # after One step: how far that step moved the weights
        row.metric(tr("train.metric.update"), num(snap.update_norm, ".3g"), help=tr("train.metric.update.help"),
                   width="content")


def live_panel():
    """Progress, the loss chart and the metrics, redrawn from the worker's latest snapshot."""
    snap = worker.snapshot()
    lost = lost_step(snap.step)          # the server this tab trained on went away: its run went with it
    if lost:
        st.warning(tr("train.lost_run", step=lost), icon=":material/restart_alt:")
    live_progress(snap.step, snap.total, progress_text(snap))
    log_y = st.session_state.get("train.log_y", False)      # its toggle sits below the metrics
    labels = {k: tr(f"train.loss.{k}") for k in ("title", "train", "val", "baseline", "clip", "this_step", "kept")}
    labels.update(x=tr("axis.step"), y=tr("axis.loss"))
    def figure(max_points=None, compact=False):
        fig = loss_figure(snap.history, experiment.data.baseline_loss, log_y=log_y, labels=labels,
                          style=session.style(), max_points=max_points, mark_last=snap.update_norm is not None,
                          compact=compact)
        fig.layout.height = LIVE_CHART_HEIGHT
        return fig

    if snap.history or st.session_state.get(CHART_SHOWN):
        # compact on the page (a tall plot under the buttons on a projector); exported whole, with its title
        chart(figure(SCREEN_POINTS if snap.status == RUNNING else None, compact=True), key="train.loss_chart",
              name="loss", full=figure, live=True)
    else:
        st.caption(tr("train.loss.empty"))
        # The first screen has no chart: it need not wait for the browser to load Plotly (~0.7 s). Loaded
        # only at Start, Plotly put ~1 s between the click and the first point (bench/bench_pace.py), so
        # the fragment's first timed run, once the first screen is up, reruns the page with the empty chart.
        if st.session_state.get(CHART_SHOWN) is False and not st.session_state.get("train.full_run"):
            st.session_state[CHART_SHOWN] = True
            st.rerun()
    metrics_row(snap)
    if snap.early_stop is not None:      # the run ended at the validation minimum's model (rnnviz/train.py)
        st.info(tr("train.early_stop", step=snap.early_stop.step, best=snap.early_stop.best_step),
                icon=":material/front_hand:")
    if snap.status == DIVERGED:
        step = snap.step + 1
        st.error(tr("train.diverged", step=step), icon=":material/warning:")
    if snap.status == STOPPED and snap.failure:      # an error no check foresaw: said, and the model kept
        st.error(tr(f"train.failed.{snap.failure}", step=snap.step + 1, kept=snap.step, detail=snap.error),
                 icon=":material/error:")
    # in the fragment: switching the axis reruns the chart alone, not the whole page (with 40 learners on one
    # server a whole run's ~50 elements queued behind the other pages' refreshes: docs/deploy.md)
    st.toggle(tr("train.log_y"), key="train.log_y")
    rerun_when_stopped("train", snap.status == RUNNING)      # the run ended: redraw the buttons, stop polling
    if snap.status == RUNNING and repace_due():
        st.rerun()         # the server's load changed: poll at the pace it allows now


def repace_due() -> bool:
    """True when the server's load calls for another polling pace and the page has kept this one for
    REPACE_AFTER seconds (when a class presses Start together, the pages rerun once, not at every step)."""
    pace, since = st.session_state.get("train.poll", (None, 0.0))
    return poll_seconds(POLL_SECONDS, training_now()) != pace and time.monotonic() - since >= REPACE_AFTER


def take_keep_going() -> None:
    st.session_state[KEEP_GOING] = st.session_state["train.keep_going"]


def options():
    """The keep-going switch, below the chart's own log-axis switch: not needed to start."""
    st.toggle(tr("train.keep_going"), value=st.session_state.get(KEEP_GOING, False), key="train.keep_going",
              on_change=take_keep_going, help=tr("train.keep_going.help", **CAPS))


controls()
notices()
running = worker.snapshot().status == RUNNING
polls("train", running)
training = training_now()
poll = poll_seconds(POLL_SECONDS, training)
if st.session_state.get("train.poll", (None,))[0] != poll:
    st.session_state["train.poll"] = (poll, time.monotonic())
st.session_state.setdefault(CHART_SHOWN, False)
st.session_state["train.full_run"] = True         # the fragment tells its own timed runs from the page's
preloading = st.session_state[CHART_SHOWN] is False and not worker.snapshot().history
st.fragment(live_panel, run_every=poll if running else PRELOAD_AFTER if preloading else None)()
st.session_state["train.full_run"] = False
options()
recorded_runs_panel()

if worker.snapshot().step:
    downloads(worker)
    st.subheader(tr("train.what_for"))
    task_results_section(worker, refresh_every=poll_seconds(RESULTS_SECONDS, training) if running else None)
