"""The lesson figure "race": the Compare page's race on a lesson page. The tanh RNN, the LSTM and the GRU train
in lock-step on the same data, seed, batches and steps (rnnviz.compare.Race on a RaceRunner of this session,
at the session's pace, with Start and Pause), and their loss curves grow together in the Compare page's own
figure (rnnviz.figures.compare.loss_curves_figure). An observation can show only some of the cells.

    draw(worker, config)      the buttons and the live chart (lesson_figures.draw("race", ...) calls it)
    prepare()                 a lesson's "Prepare the experiment": no race yet, every cell shown
    show(view)                an observation's "Show me": its cells, and a new race if it trains or none ran
"""
from __future__ import annotations

import streamlit as st

from rnnviz.compare import COMPARED_CELLS, Race, race_refusal
from rnnviz.figures.compare import CELL_NAMES, loss_curves_figure
from rnnviz.live.pace import poll_seconds
from rnnviz.live.runners import RaceRunner
from rnnviz.live.status import PAUSED, RUNNING
from rnnviz.live.training_threads import training_now
from rnnviz.ui import session
from rnnviz.ui.live_progress import live_progress
from rnnviz.ui.patches.live_chart import live_chart
from rnnviz.ui.session import tr
from rnnviz.ui.training_stops import polls, rerun_when_stopped

RACE = "lesson.race_runner"      # this session's lesson race (a RaceRunner)
CELLS = "lesson.race_cells"      # the cells whose curves are shown (an observation sets them); absent: all
START = "lesson.race_start"      # an observation asked for a new race: started at the page's next run
LOG_Y = "lesson.log_y"           # shared with the loss figure (rnnviz/ui/lesson_figures.py)
POLL_SECONDS = 0.5
HEIGHT = 400                     # px: title, a legend row and the plot under the buttons on a 1024x768 projector


def stop() -> None:
    """End this session's lesson race, if any (after its current step)."""
    runner = st.session_state.pop(RACE, None)
    if runner is not None:
        runner.stop()


def start(config) -> None:
    """A new race of `config` for config.steps steps, at the session's pace (the lesson's)."""
    stop()
    st.session_state[RACE] = RaceRunner(Race(config, COMPARED_CELLS), config.steps, session.session_alive(),
                                        pace=session.pace())


def pause_or_resume() -> None:
    runner = st.session_state.get(RACE)
    if runner is not None:
        (runner.resume if runner.status == PAUSED else runner.pause)()


def prepare() -> None:
    stop()
    st.session_state.pop(CELLS, None)


def show(view) -> None:
    if view.cells is None:
        st.session_state.pop(CELLS, None)
    else:
        st.session_state[CELLS] = tuple(view.cells)
    if view.train or st.session_state.get(RACE) is None:      # a view of a race needs one
        st.session_state[START] = True


def draw(worker, config) -> None:
    """Start and Pause (Resume) the race, then its live loss curves."""
    if config is None:
        return
    refused = race_refusal(config)            # a contestant over the session budget (rnnviz/cost.py)
    if st.session_state.pop(START, False) and refused is None:
        start(config)
    runner = st.session_state.get(RACE)
    if runner is not None:
        runner.set_pace(session.pace())       # the pace applies at once, mid-race too
    if refused is not None:
        st.warning(refused.message(session.lang()), icon=":material/memory:")
    active = runner is not None and runner.active
    paused = active and runner.status == PAUSED
    row = st.container(horizontal=True)
    row.button(tr("compare.start"), type="primary", icon=":material/play_arrow:", key="lesson.race.start",
               on_click=start, args=(config,), disabled=active or refused is not None)
    row.button(tr("compare.resume" if paused else "compare.pause"), key="lesson.race.pause",
               icon=":material/play_arrow:" if paused else ":material/pause:", on_click=pause_or_resume,
               disabled=not active)
    if runner is None:
        st.caption(tr("compare.not_started"))
        return
    if runner.race.config != config:
        st.info(tr("compare.config_changed"), icon=":material/info:")
    polls("lesson.race", runner.running)
    every = poll_seconds(POLL_SECONDS, training_now()) if runner.running else None
    st.fragment(_live_race, run_every=every)()


def _live_race() -> None:
    runner = st.session_state[RACE]
    snap = runner.snapshot()
    status = tr(f"compare.status.{snap.status}")
    live_progress(snap.step, snap.total, tr("compare.progress", step=snap.step, total=snap.total) + f" · {status}")
    if snap.failure:        # what was kept, in the learner's words; the exception itself is in the log
        st.error(tr(f"compare.failed.race.{snap.failure}", step=snap.step), icon=":material/error:")
    labels = {k: tr(f"compare.loss.{k}") for k in ("title", "train", "baseline")}
    labels.update(x=tr("axis.step"), y=tr("axis.loss"))
    fig = loss_curves_figure(snap.curves, snap.baseline_loss, log_y=st.session_state.get(LOG_Y, False),
                             labels=labels, style=session.style())
    shown = st.session_state.get(CELLS)
    if shown is not None:       # the other cells wait in the legend: a click there brings them back
        fig.for_each_trace(lambda trace: trace.update(visible="legendonly"),
                           selector=lambda trace: trace.legendgroup in CELL_NAMES and trace.legendgroup not in shown)
    fig.layout.height = HEIGHT
    live_chart(fig, key="lesson.race_chart", theme=session.chart_theme())
    st.toggle(tr("compare.log_y"), key=LOG_Y)
    st.caption(standings(snap, runner.race.config.eval_every))
    rerun_when_stopped("lesson.race", snap.status == RUNNING)      # it ended: redraw the buttons, stop polling


def standings(snap, eval_every: int) -> str:
    """Each cell's latest validation loss beside the best constant guess's, in words."""
    parts = []
    for cell, curve in snap.curves.items():
        if len(curve["val_loss"]):
            parts.append(f"{CELL_NAMES[cell]} {session.num(curve['val_loss'][-1], '.2g')}")
    if not parts:
        return tr("lesson.race.first_validation", step=eval_every)
    step = max(int(curve["val_step"][-1]) for curve in snap.curves.values() if len(curve["val_step"]))
    return tr("lesson.race.standings", step=step, losses=" · ".join(parts),
              baseline=session.num(snap.baseline_loss, ".2g"))
