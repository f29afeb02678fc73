"""Lessons 6 and 9 show what they claim, live (issue 21): lesson 6 runs the Compare page's race on its page and
its observations set views of it; lesson 9 turns early stopping on and the curve stops at the loss's minimum,
and its accuracy chart shows what that model gets right. The numbers their words say are checked against the
training they describe, the share of right answers computed from the models' outputs."""
import json

import numpy as np
import pytest
import torch

from rnnviz import lessons
from rnnviz.compare import Race, history_arrays
from rnnviz.experiment import Experiment
from rnnviz.i18n import t
from rnnviz.live.status import FINISHED, PAUSED, RUNNING
from rnnviz.ui import lesson_race
from testkit.plotly_spec import values
from testkit.waiting import wait_for

from lesson_pages import app, open_lesson  # noqa: F401 (app: a fixture)


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


def right_answers(experiment, x, y) -> tuple[float, float]:
    """The share of sentences the model now gets right, and the median probability it gives the right class
    on the ones it gets wrong: computed from its outputs here, not from the trainer's records."""
    model = experiment.model.eval()
    with torch.no_grad():
        probabilities = torch.softmax(model(x), dim=-1)                 # (n, 2)
    wrong = probabilities.argmax(-1) != y                                # (n,)
    confidence = probabilities[wrong, y[wrong]].median().item() if wrong.any() else float("nan")
    return 1 - wrong.double().mean().item(), confidence


def validations(experiment) -> dict[int, tuple[float, float]]:
    return {r["step"]: (r["val_loss"], r["val_metric"]) for r in experiment.trainer.history if "val_loss" in r}


def test_lesson_9_says_where_early_stopping_stops_and_what_the_kept_model_gets_right():
    lesson = lessons.lesson(9)
    assert lesson.config.seed == 0        # the claims are seed 0's (seeds 1 and 2: rnnviz/lessons/path.py)
    config = lesson.observations[3].config(lesson.config)
    stopped = Experiment.build(config)
    list(stopped.trainer.run(config.steps))
    stop = stopped.trainer.stopped
    assert (stop.step, stop.best_step, round(stop.best_val_loss, 2)) == (50, 20, 0.72)        # obs 3
    assert round(stopped.data.baseline_loss, 2) == 0.69 < round(stop.best_val_loss, 2)        # obs 0: above it
    kept_accuracy, _ = right_answers(stopped, *stopped.data.val)
    assert round(100 * kept_accuracy) == 58                              # obs 0, 3: the kept model gets 58 % right

    free = Experiment.build(lesson.config)
    list(free.trainer.run(config.steps))
    curve = validations(free)
    assert min(curve, key=lambda step: curve[step][0]) == 20             # the same minimum without stopping
    assert round(curve[300][0], 1) == 1.5                                # "then rises to 1.5"
    accuracy, confidence = right_answers(free, *free.data.val)
    assert round(100 * accuracy) == 78 and round(100 * curve[300][1]) == 78             # "78 % at the end"
    assert all(0.74 <= curve[step][1] <= 0.79 for step in curve if step >= 140)       # "level from about 140"
    assert all(curve[step][1] < 0.77 for step in curve if step < 140)
    assert 0.18 <= 1 - accuracy <= 0.25 and confidence < 0.01            # obs 1: one in five wrong, surely so
    assert right_answers(free, *free.data._train)[0] == 1.0              # obs 1: every training sentence right


def test_lesson_9s_smaller_network_is_less_sure_not_more_right():
    lesson = lessons.lesson(9)
    small = Experiment.build(lesson.observations[2].config(lesson.config))
    list(small.trainer.run(small.config.steps))
    curve = validations(small)
    assert small.config.hidden_size == 16
    assert 0.9 <= max(loss for loss, _ in curve.values()) <= 1.1         # obs 2: "to about 1 instead of 1.5"
    assert round(100 * right_answers(small, *small.data.val)[0]) == round(100 * curve[300][1]) == 75   # obs 2
    assert right_answers(small, *small.data._train)[0] == 1.0             # obs 2: every training sentence right


def newest_spec(at, key: str) -> dict:
    """The figure a live chart shows now (its newest slot is the last: rnnviz/ui/patches/live_chart.py)."""
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart") if key in c.proto.id][-1]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lesson_6_races_the_three_cells_on_its_page_and_its_views_pick_cells(app, lang):
    at = open_lesson(app, 6, lang, prepared=True)
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
    at = open_lesson(app, 9, lang, prepared=True)
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
    # below it the validation accuracy, the same kept model starred: 58 %, where the run's end gets 78 %
    accuracy = newest_spec(at, "lesson.metric_chart")
    assert accuracy["layout"]["yaxis"]["title"]["text"] == t("metric.accuracy", lang)
    kept = [trace for trace in accuracy["data"] if trace.get("name") == t("train.loss.kept", lang, step=20)]
    assert len(kept) == 1 and list(values(kept[0]["x"])) == [20] and round(values(kept[0]["y"])[0]) == 58
    [validation] = [trace for trace in accuracy["data"] if trace.get("name") == t("train.loss.val", lang)]
    assert list(values(validation["x"])) == list(range(10, 60, 10))
    assert accuracy["layout"]["yaxis"]["ticksuffix"] == {"es": " %", "en": "%"}[lang]    # as the sentences write it


@pytest.mark.parametrize("lang", ["es", "en"])
def test_lesson_6s_race_that_fails_says_so_in_the_learners_language(app, lang, monkeypatch):
    """As on the Compare page: what failed and what was kept, in words; the exception only in the log."""
    def out_of_memory(self, steps, should_stop, around_step=None):
        raise MemoryError("can't allocate memory: you tried to allocate 8711 MB")
        yield        # a generator, as Race.run

    monkeypatch.setattr(Race, "run", out_of_memory)
    at = open_lesson(app, 6, lang, prepared=True)
    at.button(key="lesson.show.0").click().run()                     # "start the race"
    runner = at.session_state[lesson_race.RACE]
    assert wait_for(lambda: not runner.alive, timeout=60)
    at.run()
    assert not at.exception, at.exception
    [shown] = [e.value for e in at.error]
    assert shown == t("compare.failed.race.memory", lang, step=0)
