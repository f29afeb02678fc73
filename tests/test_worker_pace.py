"""The worker's pace, its rate estimate, One step's update size and keep-going training.

Paced waits are timed by an injected clock that only the test moves: no test asserts on wall time, so a
loaded CI machine changes how long they take, not what they check.
"""
import functools
import time

import pytest
import torch

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.live import worker as worker_module
from rnnviz.live.speed import FULL_SPEED, MovingRate, seconds_until_next_step
from rnnviz.live.status import FINISHED, PAUSED, RUNNING
from rnnviz.live.worker import TrainingWorker
from fake_session import FakeSession
from testkit import waiting

wait_for = functools.partial(waiting.wait_for, timeout=20.0)


def small(**changes):
    return Experiment.build(ExperimentConfig(task="sum-sign", hidden_size=8, batch_size=16, **changes))


def test_the_next_step_waits_its_share_of_a_second():
    assert seconds_until_next_step(FULL_SPEED, last_step_at=10.0, now=10.0) == 0.0
    assert seconds_until_next_step(4, last_step_at=None, now=10.0) == 0.0          # the first step: at once
    assert abs(seconds_until_next_step(4, last_step_at=10.0, now=10.1) - 0.15) < 1e-9
    assert seconds_until_next_step(4, last_step_at=10.0, now=11.0) == 0.0           # a slow step: no wait


def test_the_rate_comes_from_a_moving_window_not_the_first_steps():
    now = [0.0]
    rate = MovingRate(window=2.0, least_span=0.5, clock=lambda: now[0])
    rate.add(0)
    assert rate.rate() is None                      # one sample: no rate yet
    now[0] = 1.0                                    # a slow first step (allocations, a cold cache)
    rate.add(1)
    for _ in range(300):                            # then 100 steps a second for 3 s
        now[0] += 0.01
        rate.add(rate._samples[-1][1] + 1)
    assert abs(rate.rate() - 100.0) < 1e-6          # the slow start has left the window
    rate.reset()
    assert rate.rate() is None


def paced_worker(pace, **config):
    session = FakeSession()
    return session, TrainingWorker(small(**config), is_alive=session.is_alive, clock=session.clock, pace=pace)


def test_a_paced_worker_steps_only_when_its_clock_says_a_step_is_due():
    session, worker = paced_worker(pace=2, steps=1000)
    worker.start()
    assert wait_for(lambda: worker.snapshot().step == 1)       # the first step at once
    time.sleep(0.3)                                            # the clock stands still: no step is due
    assert worker.snapshot().step == 1
    session.now += 0.5                                         # half a second at 2 steps/s: one more
    assert wait_for(lambda: worker.snapshot().step == 2)
    time.sleep(0.3)
    assert worker.snapshot().step == 2
    worker.stop()


def test_pause_stop_and_a_new_pace_take_effect_during_a_long_wait():
    session, worker = paced_worker(pace=0.001, steps=1000)     # 1000 s between steps on a frozen clock
    worker.start()
    assert wait_for(lambda: worker.snapshot().step == 1)
    worker.set_pace(FULL_SPEED)                                # the pace changes while training
    assert wait_for(lambda: worker.snapshot().step > 20)
    worker.set_pace(0.001)
    worker.pause()
    assert worker.snapshot().status == PAUSED                  # at once, not after the wait
    worker.start()
    worker.stop(timeout=10.0)
    assert not worker.alive


def test_a_runs_history_is_the_same_at_any_pace():
    worker = TrainingWorker(small(steps=15), pace=100)
    worker.start()
    assert wait_for(lambda: worker.snapshot().status == FINISHED)
    fast = TrainingWorker(small(steps=15))
    fast.start()
    assert wait_for(lambda: fast.snapshot().status == FINISHED)
    assert list(worker.snapshot().history) == list(fast.snapshot().history)
    solo = small(steps=15)
    list(solo.trainer.run(15))
    assert list(worker.snapshot().history) == solo.trainer.history
    worker.stop(), fast.stop()


def test_one_step_says_how_far_it_moved_the_weights():
    worker = TrainingWorker(small(steps=100))
    worker.step_once()
    assert wait_for(lambda: worker.snapshot().step == 1 and worker.snapshot().status == PAUSED)
    moved = torch.sqrt(sum(((p.detach() - q.detach()) ** 2).sum() for p, q in zip(worker.experiment.model.parameters(),
                                                                 worker.initial_model.parameters())))
    assert abs(worker.snapshot().update_norm - float(moved)) < 1e-5 and worker.snapshot().update_norm > 0
    worker.start()                                              # a run shows no single step's update
    assert worker.snapshot().update_norm is None
    worker.stop()


def test_keep_going_trains_past_the_budget_until_paused():
    worker = TrainingWorker(small(steps=5))
    worker.set_keep_going(True)
    worker.start()
    assert wait_for(lambda: worker.snapshot().step > 20)
    assert worker.snapshot().status == RUNNING and worker.snapshot().seconds_left is None
    worker.pause()
    assert worker.snapshot().status == PAUSED
    worker.stop()


def test_keep_going_stops_by_itself_at_its_time_cap():
    session, worker = paced_worker(pace=FULL_SPEED, steps=5)
    worker.set_keep_going(True)
    worker.start()
    assert wait_for(lambda: worker.snapshot().step > 10)
    session.now += worker_module.KEEP_GOING_MAX_MINUTES * 60
    assert wait_for(lambda: worker.snapshot().status == FINISHED)
    assert worker.snapshot().capped
    worker.stop()


def test_keep_going_stops_by_itself_at_its_step_cap(monkeypatch):
    monkeypatch.setattr(worker_module, "KEEP_GOING_MAX_STEPS", 30)
    worker = TrainingWorker(small(steps=5))
    worker.set_keep_going(True)
    worker.start()
    assert wait_for(lambda: worker.snapshot().status == FINISHED)
    assert worker.snapshot().step == 30 and worker.snapshot().capped
    assert not worker.can_start                                 # the cap holds: Resume is off
    worker.stop()


def test_without_keep_going_the_budget_ends_the_run():
    worker = TrainingWorker(small(steps=5))
    worker.start()
    assert wait_for(lambda: worker.snapshot().status == FINISHED)
    assert worker.snapshot().step == 5 and not worker.can_start
    worker.set_keep_going(True)                                 # turned on afterwards: Resume trains on
    assert worker.can_start
    worker.stop()


def test_every_pace_round_trips_through_the_url():
    from rnnviz.live.speed import PACES, pace_from_url, pace_to_url
    assert [pace_from_url(pace_to_url(p)) for p in PACES] == list(PACES)
    assert pace_to_url(FULL_SPEED) == "max"
    with pytest.raises(ValueError, match="allowed is one of 1, 2, 5"):
        pace_from_url("3")
