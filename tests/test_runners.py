"""RaceRunner and SweepRunner: the Compare page's race and sweep on background threads, without Streamlit."""
import contextlib
import logging

import torch

from rnnviz.compare import Race
from rnnviz.config import ExperimentConfig
from rnnviz.live import cpu_slots, training_threads
from rnnviz.live.runners import RaceRunner, SweepRunner
from rnnviz.live.speed import FULL_SPEED
from rnnviz.live.status import FAILED, FINISHED, PAUSED, STOPPED
from fake_session import FakeSession, brief_absences_do_not_end_it_a_long_one_does
from testkit.waiting import wait_for


def small(**changes) -> ExperimentConfig:
    settings = dict(task="sum-sign", hidden_size=6, batch_size=8, steps=12, eval_every=4, task_params={"seq_len": 5})
    settings.update(changes)
    return ExperimentConfig(**settings)


def test_race_runner_finishes_and_publishes():
    runner = RaceRunner(Race(small()), steps=12, publish_every=0.0, measure_every=0.0)
    assert wait_for(lambda: not runner.alive)
    snap = runner.snapshot()
    assert snap.status == FINISHED and snap.step == 12 and snap.grad_step == 12
    assert set(snap.curves) == {"rnn", "lstm", "gru"} and len(snap.curves["lstm"]["step"]) == 12
    assert len(snap.results) == 3


def test_the_runners_take_turns_with_the_sessions_training(monkeypatch):
    """Race and sweep steps hold a training slot (rnnviz.live.cpu_slots), like every session's worker."""
    turns = []

    class CountingSlots:
        @contextlib.contextmanager
        def held(self):
            turns.append(1)
            yield

    monkeypatch.setattr(cpu_slots, "TRAINING", CountingSlots())
    race = RaceRunner(Race(small()), steps=12, publish_every=0.0, measure_every=0.0)
    sweep = SweepRunner(small(), lengths=[5, 8], steps=3)
    assert wait_for(lambda: not race.alive and not sweep.alive)
    assert race.snapshot().status == FINISHED and sweep.snapshot().status == FINISHED
    assert len(turns) == 12 + 2 * 3


def test_a_running_race_or_sweep_counts_as_training_like_a_sessions_worker(monkeypatch):
    """The pages' polling pace follows training_now(), which counts races and sweeps too."""
    monkeypatch.setattr(training_threads, "_TRAINERS", training_threads.TrainerRegistry())     # not other tests' workers
    race = RaceRunner(Race(small(steps=100_000)), steps=100_000)
    sweep = SweepRunner(small(), [50, 100], steps=100_000)
    assert training_threads.training_now() == 2
    race.stop()
    assert training_threads.training_now() == 1
    sweep.stop()
    assert training_threads.training_now() == 0


def test_a_failing_runner_says_why_on_the_page_and_in_the_log(caplog, monkeypatch):
    race = Race(small(steps=1000))

    def broken_step():
        raise RuntimeError("nobody saw this coming")

    monkeypatch.setattr(race, "step", broken_step)
    with caplog.at_level(logging.INFO, logger="rnnviz"):
        runner = RaceRunner(race, steps=1000)
        assert wait_for(lambda: not runner.alive)
    assert runner.snapshot().status == FAILED and "nobody saw this coming" in runner.snapshot().error
    [record] = [r for r in caplog.records if r.name == "rnnviz.live.runners"]
    assert record.levelno == logging.ERROR and str(record.exc_info[1]) == "nobody saw this coming"


def test_race_runner_ends_on_stop():
    runner = RaceRunner(Race(small(steps=100_000)), steps=100_000)
    assert wait_for(lambda: runner.snapshot().step > 2)
    runner.stop()
    assert not runner.alive and runner.snapshot().status == STOPPED


def test_race_runner_ends_with_its_session_after_the_workers_grace_period():
    """A websocket lost for a moment (a busy server, a reconnecting browser) is not the end of a race."""
    session = FakeSession()
    runner = RaceRunner(Race(small(steps=100_000)), steps=100_000, is_alive=session.is_alive,
                        grace_seconds=10.0, clock=session.clock)
    assert wait_for(lambda: runner.snapshot().step > 2)
    brief_absences_do_not_end_it_a_long_one_does(session, 10.0, runner)
    assert runner.snapshot().status == STOPPED


def test_sweep_runner_finishes_and_stops():
    runner = SweepRunner(small(), [3, 4], steps=4)
    assert wait_for(lambda: not runner.alive)
    snap = runner.snapshot()
    assert snap.status == FINISHED and snap.done == snap.total == 8 and len(snap.points) == 6
    lengths, values = snap.by_cell("val_metric")
    assert lengths["gru"].tolist() == [3, 4] and values["gru"].tolist() == [p.val_metric for p in snap.points[2::3]]
    base_lengths, base = snap.baseline("baseline_loss")
    assert base_lengths.tolist() == [3, 4] and base.tolist() == [snap.points[0].baseline_loss, snap.points[3].baseline_loss]

    runner = SweepRunner(small(), [50, 100], steps=100_000)
    assert wait_for(lambda: runner.snapshot().done > 2)
    runner.stop()
    assert not runner.alive and runner.snapshot().status == STOPPED and not runner.snapshot().points


def test_sweep_runner_ends_with_its_session_after_the_workers_grace_period():
    session = FakeSession()
    runner = SweepRunner(small(), [50], steps=100_000, is_alive=session.is_alive, grace_seconds=10.0,
                         clock=session.clock)
    assert wait_for(lambda: runner.snapshot().done > 2)
    brief_absences_do_not_end_it_a_long_one_does(session, 10.0, runner)
    assert runner.snapshot().status == STOPPED


# --- pace, pause and resume (issue 19) ---------------------------------------------------------------------

def pausing_at(step: int, runner_of):
    """Training slots that pause the runner as its lock-step step `step` begins (that step still runs)."""
    class Slots:
        @contextlib.contextmanager
        def held(self):
            runner = runner_of()
            if runner is not None and steps_of(runner) == step - 1:
                runner.pause()
            yield
    return Slots()


def steps_of(runner) -> int:
    return runner.race.step_count if isinstance(runner, RaceRunner) else runner._done


def test_a_race_at_any_pace_with_pauses_is_each_cell_trained_alone(monkeypatch):
    """A pace, a pause and a change of pace change when steps run, never what they compute: every cell's
    losses and weights equal those of the same config trained alone (float equality)."""
    from rnnviz.experiment import Experiment

    holder = []
    monkeypatch.setattr(cpu_slots, "TRAINING", pausing_at(4, lambda: holder[0] if holder else None))
    config = small()
    runner = RaceRunner(Race(config), steps=12, publish_every=0.0, measure_every=0.0, pace=200)
    holder.append(runner)
    assert wait_for(lambda: runner.race.step_count == 4 and runner.snapshot().status == PAUSED)
    assert not runner.is_training and runner.active
    runner.set_pace(FULL_SPEED)
    runner.resume()
    assert wait_for(lambda: not runner.alive)
    assert runner.snapshot().status == FINISHED and runner.snapshot().step == 12
    for cell, run in runner.race.runs.items():
        alone = Experiment.build(config.replace(cell=cell))
        for _ in range(12):
            alone.trainer.step()
        assert [r["train_loss"] for r in run.experiment.trainer.history] == [r["train_loss"] for r in alone.trainer.history]
        for raced, solo in zip(run.experiment.model.parameters(), alone.model.parameters()):
            assert torch.equal(raced, solo), cell


def test_a_paused_race_takes_no_step_and_stops_at_once(monkeypatch):
    holder = []
    monkeypatch.setattr(cpu_slots, "TRAINING", pausing_at(3, lambda: holder[0] if holder else None))
    runner = RaceRunner(Race(small(steps=1000)), steps=1000, publish_every=0.0, measure_every=0.0)
    holder.append(runner)
    assert wait_for(lambda: runner.snapshot().status == PAUSED)
    runner.set_pace(0.001)          # a step every 1000 s: Stop must not wait for it
    runner.stop(timeout=20)
    assert not runner.alive and runner.snapshot().status == STOPPED
    assert runner.race.step_count == 3        # the step under way when paused, none after


def test_a_slow_race_stops_without_waiting_for_its_next_step():
    runner = RaceRunner(Race(small(steps=1000)), steps=1000, pace=0.001)
    assert wait_for(lambda: runner.race.step_count == 1)
    runner.stop(timeout=20)
    assert not runner.alive and runner.snapshot().status == STOPPED and runner.race.step_count == 1


def test_a_paused_sweep_resumes_to_the_same_points_as_an_unpaused_one(monkeypatch):
    holder = []
    monkeypatch.setattr(cpu_slots, "TRAINING", pausing_at(2, lambda: holder[0] if holder else None))
    paused = SweepRunner(small(), [3, 4], steps=4, pace=500)
    holder.append(paused)
    assert wait_for(lambda: paused.snapshot().status == PAUSED and paused.snapshot().done == 2)
    paused.resume()
    assert wait_for(lambda: not paused.alive)
    holder.clear()
    plain = SweepRunner(small(), [3, 4], steps=4)
    assert wait_for(lambda: not plain.alive)
    assert paused.snapshot().status == plain.snapshot().status == FINISHED
    strip = lambda p: {k: v for k, v in vars(p).items() if k != "seconds"}
    assert [strip(p) for p in paused.snapshot().points] == [strip(p) for p in plain.snapshot().points]


def test_a_snapshot_inside_a_lock_step_step_draws_only_the_steps_the_race_counted():
    """Pause publishes from the page's thread, which may fall between two cells' steps of one lock-step step:
    the curves must agree with the step the snapshot names, never show one cell a step ahead."""
    runner = RaceRunner(Race(small()), steps=2, publish_every=0.0, measure_every=0.0)
    assert wait_for(lambda: not runner.alive)
    runner.race.runs["rnn"].experiment.trainer.step()       # the first cell of step 3 done, the others not yet
    runner._publish()
    snap = runner.snapshot()
    assert snap.step == 2
    assert {cell: list(curve["step"]) for cell, curve in snap.curves.items()} == {c: [1, 2] for c in snap.curves}
