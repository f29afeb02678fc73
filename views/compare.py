"""Compare: the tanh RNN, the LSTM and the GRU trained in lock-step on the same batches, and a sweep
of the sequence length. Both run on background threads of this session (rnnviz.live.runners), kept in
st.session_state; fragments poll their snapshots. Both train at the session's pace (the Train page's, in
the URL), and pause, resume and stop at once; a pace never changes what a race computes."""
import logging

import pandas as pd
import streamlit as st

from rnnviz.compare import COMPARED_CELLS, Race, contestants, race_refusal
from rnnviz.figures.compare import CELL_NAMES, grad_norms_figure, loss_curves_figure, sweep_figure
from rnnviz.i18n import explain
from rnnviz.live.pace import poll_seconds
from rnnviz.live.runners import RaceRunner, SweepRunner
from rnnviz.live.status import PAUSED, RUNNING
from rnnviz.live.training_threads import training_now
from rnnviz.tasks import get_task
from rnnviz.ui import session
from rnnviz.ui.export import chart
from rnnviz.ui.live_progress import live_progress
from rnnviz.ui.number_tables import readable
from rnnviz.ui.page_errors import guarded
from rnnviz.ui.session import tr
from rnnviz.ui.train_controls import pace_selector
from rnnviz.ui.training_stops import polls, rerun_when_stopped

POLL_SECONDS = 0.5
LENGTH_CHOICES = (5, 10, 25, 50, 100, 200, 400, 1000)
DEFAULT_LENGTHS = [10, 25, 50, 100]
DEFAULT_SWEEP_STEPS = 150     # measured: the default sweep (sum-sign, H=32, B=128) takes ~20 s on the busy 2-core host
RACE, SWEEP = "compare.race_runner", "compare.sweep_runner"     # this session's runners in st.session_state

st.title(tr("compare.title"))
st.markdown(tr("compare.intro"))
config = session.config()
if config is None:
    st.stop()              # the sidebar already says what is invalid


def table(rows: list[dict], metric_name: str | None = None):
    """Rows of rnnviz.compare with translated column names (the metric columns named after the metric), their
    numbers written in the learner's language (a Spanish page's table is a Styler: it still sorts by value)."""
    metric = tr(f"metric.{metric_name}") if metric_name else None
    names = {key: tr(f"compare.col.{key}") for key in ("cell", "hidden_size", "parameters", "steps", "val_loss",
             "baseline_loss", "steps_per_second", "diverged", "seq_len", "seconds")}
    names.update(val_metric=metric, baseline_metric=tr("compare.col.baseline_metric", metric=metric))
    frame = pd.DataFrame(rows)
    frame["cell"] = frame["cell"].map(CELL_NAMES)
    frame = frame.round({"steps_per_second": 0, "seconds": 2})
    keep = [c for c in frame.columns if c in names and (metric or "metric" not in c)]
    return readable(frame[keep].rename(columns=names), {names["steps_per_second"]: ".0f", names["seconds"]: ".2f"})


def stop_runner(key: str) -> None:
    """Stop this session's race or sweep, if it has one (a runner ends after its current step)."""
    if st.session_state.get(key) is not None:
        st.session_state[key].stop()


def pause_or_resume(key: str) -> None:
    """Pause this session's race or sweep, or resume it if paused."""
    runner = st.session_state.get(key)
    if runner is not None:
        (runner.resume if runner.status == PAUSED else runner.pause)()


def runner_buttons(key: str, prefix: str, start_label: str, on_start, args=(), can_start: bool = True) -> None:
    """Start, Pause (Resume when paused), Stop and the pace, in a row that wraps rather than truncating the
    labels (fixed columns cut "Empezar la carrera" on a projector)."""
    runner = st.session_state.get(key)
    if runner is not None:
        runner.set_pace(session.pace())        # the pace applies at once, mid-run too
    active = runner is not None and runner.active
    row = st.container(horizontal=True)
    row.button(start_label, type="primary", icon=":material/play_arrow:", key=f"{prefix}start", on_click=on_start,
               args=args, disabled=active or not can_start)
    paused = active and runner.status == PAUSED
    row.button(tr("compare.resume" if paused else "compare.pause"), key=f"{prefix}pause",
               icon=":material/play_arrow:" if paused else ":material/pause:", on_click=pause_or_resume,
               args=(key,), disabled=not active)
    row.button(tr("compare.stop"), icon=":material/stop:", key=f"{prefix}stop", on_click=stop_runner, args=(key,),
               disabled=not active)
    pace_selector(row, key=f"{prefix}pace")


def start_race(config, match_parameters: bool) -> None:
    """Stop this session's race, if any, and start a new one for config.steps steps."""
    stop_runner(RACE)
    st.session_state[RACE] = RaceRunner(Race(config, COMPARED_CELLS, match_parameters), config.steps,
                                        session.session_alive(), pace=session.pace())


# --- the race ----------------------------------------------------------------------------------------
match = st.toggle(tr("compare.match"), help=tr("compare.match.help"), key="compare.match")
st.caption(tr("compare.contestants") + " · " + tr("compare.steps_info", steps=config.steps))
with guarded("compare.contestants"):
    st.dataframe(table(contestants(config, match)), hide_index=True)
refused = race_refusal(config, match)      # a contestant over the session budget (rnnviz/cost.py)
if refused is not None:
    st.warning(refused.message(session.lang()), icon=":material/memory:")
runner_buttons(RACE, "compare.", tr("compare.start"), start_race, (config, match), can_start=refused is None)
race = st.session_state.get(RACE)


def race_panel():
    """Progress, the overlaid loss and gradient-norm curves, and the results table."""
    snap = st.session_state[RACE].snapshot()
    status = tr(f"compare.status.{snap.status}")
    live_progress(snap.step, snap.total, tr("compare.progress", step=snap.step, total=snap.total) + f" · {status}")
    if snap.failure:        # its words are in the log (rnnviz.live.runners); the learner reads what was kept
        st.error(tr(f"compare.failed.race.{snap.failure}", step=snap.step), icon=":material/error:")
    diverged = [CELL_NAMES[row["cell"]] for row in snap.results if row["diverged"]]
    if diverged:
        st.warning(tr("compare.diverged", cells=", ".join(diverged)), icon=":material/warning:")
    log_y = st.toggle(tr("compare.log_y"), key="compare.log_y")
    # side by side on a laptop; one under the other on a projector, whose larger type cut the titles of two
    # half-width charts at 1024 pixels
    left, right = (st.container(), st.container()) if session.projector() else st.columns(2)
    with left, guarded("compare.loss"):
        labels = {k: tr(f"compare.loss.{k}") for k in ("title", "train", "baseline")}
        labels.update(x=tr("axis.step"), y=tr("axis.loss"))
        chart(loss_curves_figure(snap.curves, snap.baseline_loss, log_y=log_y, labels=labels,
                                 style=session.style()), key="compare.loss_chart", live=True)
        st.caption(tr("compare.loss.caption"))
    with right, guarded("compare.gradients"):
        first_layer = {cell: norms[0] for cell, norms in snap.grad_norms.items()}
        labels = {"title": tr("compare.grad.title", step=snap.grad_step), "x": tr("axis.time"),
                  "zero": tr("compare.grad.zero")}
        chart(grad_norms_figure(first_layer, labels=labels, style=session.style()), key="compare.grad_chart", live=True)
        st.caption(tr("compare.grad.caption"))
    st.subheader(tr("compare.results"))
    with guarded("compare.results"):
        st.dataframe(table(list(snap.results), st.session_state[RACE].race.data.metric_name), hide_index=True)
    rerun_when_stopped("compare.race", snap.status == RUNNING)      # it ended: redraw the buttons, stop polling


if race is None:
    st.info(tr("compare.not_started"), icon=":material/info:")
else:
    if race.race.config != config:
        st.info(tr("compare.config_changed"), icon=":material/info:")
    polls("compare.race", race.running)
    st.fragment(race_panel, run_every=poll_seconds(POLL_SECONDS, training_now()) if race.running else None)()

# --- the sequence-length sweep -------------------------------------------------------------------------
st.header(tr("compare.sweep"))
st.markdown(tr("compare.sweep.intro"))
seq_len = get_task(config.task).param("seq_len")
choices = [T for T in LENGTH_CHOICES if seq_len.low <= T <= seq_len.high]
lengths_column, steps_column = st.columns([3, 1])
# pills, not a multiselect: every length in sight, one tap each on a projector, and none of a list's English
# chrome ("Clear all", "No results")
lengths = lengths_column.pills(tr("compare.sweep.lengths"), choices, selection_mode="multi",
                               key="compare.sweep_lengths", default=[T for T in DEFAULT_LENGTHS if T in choices],
                               wrap=True) or []      # on a projector 1000 went out of sight in a scrolling row
sweep_steps = steps_column.number_input(tr("compare.sweep.steps"), 1, 100_000, DEFAULT_SWEEP_STEPS, step=50,
                                        key="compare.sweep_steps", help=tr("compare.sweep.steps.help"))


def start_sweep():
    """Stop this session's sweep, if any, and start a new one; the page says why if its lengths are refused."""
    stop_runner(SWEEP)
    try:     # the runner checks its arguments on this thread: a bad length is a ValueError here
        st.session_state[SWEEP] = SweepRunner(config, sorted(lengths), int(sweep_steps), COMPARED_CELLS, match,
                                              session.session_alive(), pace=session.pace())
        st.session_state.pop("compare.sweep_error", None)
    except ValueError as error:
        logging.getLogger("rnnviz.views.compare").warning("sweep refused", exc_info=True)
        st.session_state["compare.sweep_error"] = explain(error, session.lang())


runner_buttons(SWEEP, "compare.sweep_", tr("compare.sweep.start"), start_sweep, can_start=bool(lengths))
sweep = st.session_state.get(SWEEP)
if not lengths:
    st.warning(tr("compare.sweep.empty"))
if "compare.sweep_error" in st.session_state:
    st.warning(tr("compare.sweep.invalid", error=st.session_state["compare.sweep_error"]))


@guarded("compare.sweep")
def sweep_results(snap) -> None:
    """The metric against T for each cell so far, and the points as a table."""
    metric_name = snap.points[0].metric_name
    field = "val_metric" if metric_name else "val_loss"
    metric = tr(f"metric.{metric_name}") if metric_name else tr("compare.metric.loss")
    lengths_by_cell, values = snap.by_cell(field)
    baseline = snap.baseline("baseline_metric" if metric_name else "baseline_loss")
    labels = {"title": tr("compare.sweep.title", metric=metric), "x": tr("compare.sweep.x"), "y": metric,
              "baseline": tr("compare.loss.baseline")}
    log_x = max(baseline[0]) >= 8 * min(baseline[0])
    chart(sweep_figure(lengths_by_cell, values, baseline, log_x=log_x, labels=labels,
                       style=session.style()), key="compare.sweep_chart", live=True)
    st.caption(tr("compare.sweep.caption"))
    st.dataframe(table([vars(p) for p in snap.points], metric_name), hide_index=True)


def sweep_panel():
    """Progress, then the sweep's results so far (an error drawing them is a message: the sweep goes on)."""
    snap = st.session_state[SWEEP].snapshot()
    text = tr("compare.sweep.progress", done=snap.done, total=snap.total, points=len(snap.points))
    live_progress(snap.done, snap.total, text + " · " + tr(f"compare.status.{snap.status}"))
    if snap.failure:
        st.error(tr(f"compare.failed.sweep.{snap.failure}", points=len(snap.points)), icon=":material/error:")
    if snap.points:
        sweep_results(snap)
    rerun_when_stopped("compare.sweep", snap.status == RUNNING)


if sweep is not None:
    polls("compare.sweep", sweep.running)
    st.fragment(sweep_panel, run_every=poll_seconds(POLL_SECONDS, training_now()) if sweep.running else None)()
