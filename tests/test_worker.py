"""TrainingWorker: commands, snapshots, divergence, and ending with its session."""
import collections
import functools
import gc
import logging
import sys
import threading
import time

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.live.session_watch import SessionWatch
from rnnviz.live.status import DIVERGED, FINISHED, PAUSED, READY, RUNNING, STOPPED
from rnnviz.live.training_threads import counts_as_training, training_now
from rnnviz.live.worker import TrainingWorker
from rnnviz.train import TrainingDiverged
from fake_session import FakeSession, brief_absences_do_not_end_it_a_long_one_does
from testkit import waiting

wait_for = functools.partial(waiting.wait_for, timeout=20.0)     # this file's bound: small workers


def small(**changes):
    return Experiment.build(ExperimentConfig(task="sum-sign", hidden_size=8, batch_size=16, **changes))


def test_start_runs_to_the_end_and_matches_a_solo_run():
    worker = TrainingWorker(small(steps=40))
    assert worker.snapshot().status == READY
    worker.start()
    assert wait_for(lambda: worker.snapshot().status == FINISHED)
    snap = worker.snapshot()
    assert snap.step == 40 and len(snap.history) == 40
    solo = small(steps=40)
    list(solo.trainer.run(40))
    assert list(snap.history) == solo.trainer.history      # training in a thread changes nothing
    worker.stop()


def test_training_now_counts_the_workers_that_train():
    before = training_now()
    workers = [TrainingWorker(small(steps=100_000)) for _ in range(3)]
    assert training_now() == before                        # ready is not training
    for worker in workers:
        worker.start()
    assert training_now() == before + 3
    workers[0].pause()
    assert training_now() == before + 2
    for worker in workers:
        worker.stop()
    assert training_now() == before


class CountedTrainer:
    is_training = True


def test_training_now_is_safe_while_other_sessions_add_and_drop_trainers():
    """Each session's thread registers its worker, race or sweep while any page may be counting them, and
    trainers vanish whenever their last reference goes. A tiny switch interval makes the threads
    interleave inside training_now(): before the fix 9 runs in 10 raised "Set changed size during iteration"."""
    errors = []

    def sessions_come_and_go():
        live = collections.deque()
        for _ in range(20_000):
            live.append(CountedTrainer())
            counts_as_training(live[-1])
            if len(live) > 20:
                live.popleft()                  # its last reference: the trainer is dropped here

    def page_counts():
        while any(thread.is_alive() for thread in sessions):
            try:
                training_now()
            except Exception as error:          # any error at all is the defect
                errors.append(error)

    sessions = [threading.Thread(target=sessions_come_and_go) for _ in range(6)]
    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in sessions:
            thread.start()
        pages = [threading.Thread(target=page_counts) for _ in range(2)]
        for thread in pages:
            thread.start()
        for thread in sessions + pages:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert errors == []


def test_step_once_then_pause_and_resume():
    worker = TrainingWorker(small(steps=10_000))
    worker.step_once()
    assert wait_for(lambda: worker.snapshot().step == 1)
    assert worker.snapshot().status == PAUSED
    worker.start()
    assert wait_for(lambda: worker.snapshot().step > 5)
    worker.pause()
    assert wait_for(lambda: worker.snapshot().status == PAUSED)
    paused_at = worker.snapshot().step
    time.sleep(0.3)                                         # a wait for what must not happen
    # nothing trains while paused, but the step in flight when pause() came may still finish and be
    # published (more likely on a loaded machine, where a step can wait for its CPU slot)
    assert paused_at <= worker.snapshot().step <= paused_at + 1
    worker.stop()


def test_divergence_is_reported_and_model_stays_readable(caplog):
    experiment = Experiment.build(ExperimentConfig(task="adding", cell="rnn-relu", hidden_size=16, lr=1.0,
                                                   optimizer="sgd", spectral_radius=2.0, steps=500,
                                                   task_params={"seq_len": 60}))
    worker = TrainingWorker(experiment)
    with caplog.at_level(logging.INFO, logger="rnnviz"):
        worker.start()
        assert wait_for(lambda: worker.snapshot().status == DIVERGED)
    snap = worker.snapshot()
    assert f"step {snap.step + 1}" in snap.error
    [record] = [r for r in caplog.records if r.name == "rnnviz.live.worker"]    # the deployer sees it too
    assert isinstance(record.exc_info[1], TrainingDiverged)
    model = worker.model_copy()
    assert all(p.isfinite().all() for p in model.parameters())
    worker.stop()


def test_a_failing_step_ends_training_visibly_and_is_logged_with_its_traceback(caplog, monkeypatch):
    """What no check foresaw used to kill the thread silently: the page said "running" for ever."""
    experiment = small(steps=1000)
    step = experiment.trainer.step

    def fails_at_step_5():
        if experiment.trainer.step_count == 4:
            raise RuntimeError("nobody saw this coming")
        step()

    monkeypatch.setattr(experiment.trainer, "step", fails_at_step_5)
    worker = TrainingWorker(experiment)
    with caplog.at_level(logging.INFO, logger="rnnviz"):
        worker.start()
        assert wait_for(lambda: not worker.alive)
    snap = worker.snapshot()
    assert snap.status == STOPPED and snap.step == 4 and "nobody saw this coming" in snap.error
    [record] = [r for r in caplog.records if r.name == "rnnviz.live.worker"]
    assert record.levelno == logging.ERROR and str(record.exc_info[1]) == "nobody saw this coming"
    assert worker.model_copy() is not None                   # the model stays readable


def training_for_a_session(grace_seconds: float) -> tuple[FakeSession, TrainingWorker]:
    """A worker training a long run for a session the test controls (and its clock)."""
    session = FakeSession()
    worker = TrainingWorker(small(steps=100_000), is_alive=session.is_alive, grace_seconds=grace_seconds,
                            clock=session.clock)
    worker.start()
    assert wait_for(lambda: worker.snapshot().step > 3)
    return session, worker


def test_worker_ends_when_its_session_ends():
    session, worker = training_for_a_session(grace_seconds=5.0)
    assert session.then(there=False, seconds_later=1.0)
    assert session.then(there=False, seconds_later=5.0)     # gone for the whole grace period
    assert wait_for(lambda: not worker.alive)
    assert worker.snapshot().status == STOPPED


def test_idle_worker_ends_when_its_session_ends():
    session = FakeSession()
    worker = TrainingWorker(small(), is_alive=session.is_alive, grace_seconds=5.0, clock=session.clock)
    assert session.then(there=False, seconds_later=1.0)     # asked on its idle wake-up (once a second)
    assert session.then(there=False, seconds_later=5.0)
    assert wait_for(lambda: not worker.alive)


def test_stop_ends_the_thread_and_commands_after_stop_do_nothing():
    before = threading.active_count()
    worker = TrainingWorker(small())
    assert threading.active_count() == before + 1
    worker.stop()
    assert not worker.alive and threading.active_count() == before
    worker.start()
    assert worker.snapshot().status != RUNNING
    gc.collect()


def test_gradient_norms_are_recorded_from_initialisation_on():
    worker = TrainingWorker(small(steps=200))
    first = worker.snapshot()
    assert first.grad_steps == (0,) and first.grad_norm_array().shape == (1, 1, 10)
    worker.start()
    assert wait_for(lambda: worker.snapshot().status == FINISHED)
    snap = worker.snapshot()
    assert snap.grad_steps == tuple(range(0, 201, 2))       # every steps // 100 = 2 steps
    assert snap.grad_norm_array().shape == (101, 1, 10)
    assert all(p.equal(q) for p, q in zip(worker.initial_model.parameters(), small().model.parameters()))
    worker.stop()


def test_a_brief_disconnection_does_not_stop_training():
    """A busy server can drop a browser's connection for a moment; the browser reconnects."""
    session, worker = training_for_a_session(grace_seconds=10.0)
    brief_absences_do_not_end_it_a_long_one_does(session, 10.0, worker)
    assert worker.snapshot().status == STOPPED


def test_session_watch_forgives_absences_shorter_than_the_grace_period():
    session = FakeSession()
    watch = SessionWatch(session.is_alive, grace_seconds=10.0, check_every=1.0, clock=session.clock)

    def at(now: float, there: bool) -> bool:
        session.now, session.there = now, there
        return watch.ended()

    assert not at(0.5, there=False) and session.asks == 0      # asked at most once a second
    assert not at(1.0, there=False) and session.asks == 1      # gone since 1.0
    assert not at(10.5, there=False)
    assert not at(11.5, there=True)                            # back: that absence is forgotten
    assert not at(12.5, there=False)                           # gone since 12.5
    assert not at(21.5, there=False)                           # 9 s of this absence, 20.5 s of both
    assert not at(22.0, there=False) and session.asks == 5
    assert at(22.5, there=False)                               # 10 s: the session has ended
    assert at(30.0, there=True) and session.asks == 6          # an end is final: not asked again
