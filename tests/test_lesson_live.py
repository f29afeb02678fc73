"""Lessons 6 and 9 show what they claim, live (issue 21): lesson 6 runs the Compare page's race on its page and
its observations set views of it; lesson 9 turns early stopping on and the curve stops at the minimum. The
numbers their words say are checked against the training they describe."""
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from rnnviz import lessons
from rnnviz.compare import Race, history_arrays
from rnnviz.experiment import Experiment
from rnnviz.i18n import t
from rnnviz.live.status import FINISHED, PAUSED, RUNNING
from rnnviz.ui import lesson_race
from testkit.plotly_spec import values
from testkit.waiting import wait_for


def left_baseline(steps, losses, baseline) -> int | None:
    """The first validation step whose loss is below 80 % of the best constant's, if any."""
    below = np.flatnonzero(np.asarray(losses) < 0.8 * baseline)
    return int(steps[below[0]]) if len(below) else None


def test_lesson_6_says_what_its_race_gives():
    config = lessons.lesson(6).config
    race = Race(config)
    list(race.run(config.steps))
    curves = {cell: history_arrays(history) for cell, history in race.histories().items()}
    baseline = race.data.baseline_loss
    assert round(baseline, 2) == 0.18
    left = {cell: left_baseline(c["val_step"], c["val_loss"], baseline) for cell, c in curves.items()}
    assert left == {"gru": 125, "lstm": 450, "rnn": None}       # obs 0, 1, 2: "near step 125", "near 450", never
    gru, lstm, rnn = (curves[cell]["val_loss"] for cell in ("gru", "lstm", "rnn"))
    assert gru[list(curves["gru"]["val_step"]).index(225)] < 0.005          # "0.004 by step 225"
    assert gru[-1] < 0.001 and 0.001 < lstm[-1] < 0.003                    # "near 0.0005", "near 0.002"
    assert rnn.min() > 0.99 * baseline and round(float(rnn[-1]), 2) == 0.26   # on the 0.18 line, ends at 0.26
    parameters = {row["cell"]: row["parameters"] for row in race.results()}
    assert (parameters["gru"], parameters["lstm"]) == (13121, 17473)       # "a quarter fewer weights"


def test_lesson_9_says_where_early_stopping_stops():
    config = lessons.lesson(9).observations[3].config(lessons.lesson(9).config)
    experiment = Experiment.build(config)
    list(experiment.trainer.run(config.steps))
    stop = experiment.trainer.stopped
    assert (stop.step, stop.best_step, round(stop.best_val_loss, 2)) == (50, 20, 0.72)
    free = Experiment.build(lessons.lesson(9).config)
    list(free.trainer.run(config.steps))
    assert round(free.trainer.history[-1]["val_loss"], 1) == 1.5                # "no longer climbs to 1.5"


@pytest.fixture
def app():
    at = AppTest.from_file("../app.py", default_timeout=120)
    yield at
    if "worker" in at.session_state:
        at.session_state["worker"].stop()
    if lesson_race.RACE in at.session_state:
        at.session_state[lesson_race.RACE].stop()


def open_lesson(at, number: int, lang: str):
    at.session_state["lang"] = lang
    at.query_params["lesson"] = str(number)
    at.switch_page("views/lesson.py").run()
    assert not at.exception, at.exception
    at.button(key="lesson.prepare").click().run()
    assert not at.exception, at.exception
    return at


def newest_spec(at, key: str) -> dict:
    """The figure a live chart shows now (its newest slot is the last: rnnviz/ui/patches/live_chart.py)."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart") if key in c.proto.id][-1]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lesson_6_races_the_three_cells_on_its_page_and_its_views_pick_cells(app, lang):
    at = open_lesson(app, 6, lang)
    assert lesson_race.RACE not in at.session_state                  # prepared: no race yet
    at.button(key="lesson.show.0").click().run()                     # "start the race"
    runner = at.session_state[lesson_race.RACE]
    assert runner.race.config == lessons.lesson(6).config and runner.race.cells == ["rnn", "lstm", "gru"]
    assert wait_for(lambda: runner.snapshot().step >= 30, timeout=300)
    at.button(key="lesson.race.pause").click().run()                # Pause, as the learner would
    assert wait_for(lambda: runner.status == PAUSED, timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert at.button(key="lesson.race.pause").label == t("compare.resume", lang)
    # in lock-step: once the step under way when Pause came has ended, every cell has taken as many steps
    histories = runner.race.histories()
    assert wait_for(lambda: len({len(history) for history in histories.values()}) == 1, timeout=60)
    assert {len(history) for history in histories.values()} == {runner.race.step_count}
    spec = newest_spec(at, "lesson.race_chart")
    assert all(trace.get("visible", True) is True for trace in spec["data"])        # every cell shown
    assert spec["layout"]["yaxis"]["type"] == "log"

    at.button(key="lesson.show.1").click().run()                     # only the gated cells, on a log axis
    assert not at.exception, at.exception
    assert at.session_state[lesson_race.RACE] is runner               # a view of the same race, not a new one
    spec = newest_spec(at, "lesson.race_chart")
    hidden = {trace["legendgroup"] for trace in spec["data"] if trace.get("visible") == "legendonly"}
    assert hidden == {"rnn"} and spec["layout"]["yaxis"]["type"] == "log"
    at.button(key="lesson.show.2").click().run()                     # the tanh RNN alone
    spec = newest_spec(at, "lesson.race_chart")
    hidden = {trace["legendgroup"] for trace in spec["data"] if trace.get("visible") == "legendonly"}
    assert hidden == {"lstm", "gru"} and spec["layout"]["yaxis"]["type"] == "linear"
    shown = [trace for trace in spec["data"] if trace.get("legendgroup") == "rnn"]
    assert len(values(shown[0]["x"])) > 0                             # its curve, drawn from the race so far
    at.button(key="lesson.race.pause").click().run()                 # Resume
    assert wait_for(lambda: runner.status in (RUNNING, FINISHED), timeout=60)
    runner.stop()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lesson_9_turns_early_stopping_on_and_the_curve_stops_at_the_minimum(app, lang):
    at = open_lesson(app, 9, lang)
    at.button(key="lesson.show.3").click().run()
    assert not at.exception, at.exception
    assert at.session_state["config"].patience == 3                  # in the sidebar (and the URL)
    assert at.number_input(key="cfg.patience").value == 3
    assert at.query_params["patience"] in ("3", ["3"])
    worker = at.session_state["worker"]
    assert wait_for(lambda: worker.snapshot().status == FINISHED, timeout=300)
    at.run()
    assert not at.exception, at.exception
    snap = worker.snapshot()
    assert (snap.step, snap.early_stop.best_step) == (50, 20)
    assert t("train.early_stop", lang, step=50, best=20) in [e.value for e in at.info]
    spec = newest_spec(at, "lesson.loss_chart")
    kept = [trace for trace in spec["data"] if trace.get("name") == t("train.loss.kept", lang, step=20)]
    assert len(kept) == 1 and list(values(kept[0]["x"])) == [20]
    assert [shape["x0"] for shape in spec["layout"]["shapes"]] == [20]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lesson_6s_race_that_fails_says_so_in_the_learners_language(app, lang, monkeypatch):
    """As on the Compare page: what failed and what was kept, in words; the exception only in the log."""
    def out_of_memory(self, steps, should_stop, around_step=None):
        raise MemoryError("can't allocate memory: you tried to allocate 8711 MB")
        yield        # a generator, as Race.run

    monkeypatch.setattr(Race, "run", out_of_memory)
    at = open_lesson(app, 6, lang)
    at.button(key="lesson.show.0").click().run()                     # "start the race"
    runner = at.session_state[lesson_race.RACE]
    assert wait_for(lambda: not runner.alive, timeout=60)
    at.run()
    assert not at.exception, at.exception
    [shown] = [e.value for e in at.error]
    assert shown == t("compare.failed.race.memory", lang, step=0)
