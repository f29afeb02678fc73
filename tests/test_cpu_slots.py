"""FairSlots: never more holders than slots, served first come first served; training workers share them.
How many slots: the RNNVIZ_TRAINING_SLOTS setting, else the cores the process may use."""
import os
import threading
import time

import pytest

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.live import cpu_slots
from rnnviz.live.cpu_slots import FairSlots
from rnnviz.live.status import FINISHED
from rnnviz.live.worker import TrainingWorker
from testkit.waiting import wait_for


@pytest.mark.parametrize("n", [1, 2, 3])
def test_never_more_holders_than_slots(n):
    slots, lock = FairSlots(n), threading.Lock()
    holding, most = [0], [0]

    def work():
        for _ in range(200):
            with slots.held():
                with lock:
                    holding[0] += 1
                    most[0] = max(most[0], holding[0])
                time.sleep(0)            # let others try to get in meanwhile
                with lock:
                    holding[0] -= 1

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert most[0] == n and holding[0] == 0


def test_waiters_are_served_in_the_order_they_asked_and_a_releaser_queues_behind_them():
    slots, order = FairSlots(1), []
    slots.acquire()                                   # the main thread holds the only slot

    def waiter(name):
        slots.acquire()
        order.append(name)
        slots.release()

    threads = []
    for name in "abc":
        threads.append(threading.Thread(target=waiter, args=(name,)))
        threads[-1].start()
        assert wait_for(lambda: len(slots._waiting) == len(threads), timeout=10.0), "timed out"  # queued in order
    slots.release()
    slots.acquire()                                   # asks again: behind a, b and c
    order.append("main")
    slots.release()
    for t in threads:
        t.join(10)
    assert order == ["a", "b", "c", "main"]


def test_a_holder_rests_in_its_slot_before_handing_it_to_a_waiter_and_not_when_none_waits():
    """The rest that gives the pages' threads the interpreter's lock while the server is crowded: taken still
    holding the slot (so training as a whole slows, not the pages), and only when someone waits for it."""
    rests = []
    slots = FairSlots(1, crowded_rest=0.001, sleep=lambda seconds: rests.append((seconds, slots._free)))
    with slots.held():
        pass
    assert rests == []                                # alone: no rest, no cost to a lone learner

    def waiter():
        with slots.held():
            pass

    thread = threading.Thread(target=waiter)
    with slots.held():
        thread.start()
        assert wait_for(lambda: slots.crowded, timeout=10.0), "timed out"
    thread.join(10)
    assert rests == [(0.001, 0)]                      # one rest, the slot still held (none free); the waiter none
    assert not slots.crowded and slots._free == 1


def test_training_slots_rest_a_millisecond_when_crowded_unless_set_otherwise():
    assert cpu_slots.TRAINING.crowded_rest == float(os.environ.get("RNNVIZ_CROWDED_REST_MS") or "1") / 1000


def test_no_slots_is_an_error():
    with pytest.raises(ValueError, match="at least one slot"):
        FairSlots(0)


def test_workers_sharing_one_slot_all_train_to_the_end(monkeypatch):
    """Three sessions, one slot: none starves, each history is its solo run's."""
    monkeypatch.setattr(cpu_slots, "TRAINING", FairSlots(1))
    configs = [ExperimentConfig.for_task("sum-sign", hidden_size=8, steps=40, seed=seed) for seed in range(3)]
    workers = [TrainingWorker(Experiment.build(c)) for c in configs]
    for w in workers:
        w.start()
    assert wait_for(lambda: all(w.snapshot().status == FINISHED for w in workers), timeout=60), "timed out"
    for config, worker in zip(configs, workers):
        solo = Experiment.build(config).trainer
        assert [r["train_loss"] for r in worker.snapshot().history] == \
               [r["train_loss"] for r in solo.run(config.steps)]
        worker.stop()


def test_slots_are_the_setting_when_given():
    assert cpu_slots.slots_from({"RNNVIZ_TRAINING_SLOTS": "5"}) == 5
    assert cpu_slots.slots_from({"RNNVIZ_TRAINING_SLOTS": " 1 "}) == 1


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_bad_setting_says_what_it_wants(value):
    with pytest.raises(ValueError, match="RNNVIZ_TRAINING_SLOTS.*whole number of training slots, at least 1"):
        cpu_slots.slots_from({"RNNVIZ_TRAINING_SLOTS": value})


def test_without_the_setting_one_slot_per_core_the_process_may_use(monkeypatch, tmp_path):
    monkeypatch.setattr(cpu_slots, "CGROUP_V2", str(tmp_path / "absent"))
    monkeypatch.setattr(cpu_slots, "CGROUP_V1", (str(tmp_path / "absent"),) * 2)
    assert cpu_slots.slots_from({}) == len(os.sched_getaffinity(0))
    assert cpu_slots.slots_from({"RNNVIZ_TRAINING_SLOTS": ""}) == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("cpu_max, expected", [("max 100000", None), ("150000 100000", 1), ("400000 100000", 4)])
def test_a_containers_cpu_quota_caps_the_slots(monkeypatch, tmp_path, cpu_max, expected):
    """A container started with --cpus 1.5 on a larger machine gets one slot, not one per host core."""
    (tmp_path / "cpu.max").write_text(cpu_max + "\n")
    monkeypatch.setattr(cpu_slots, "CGROUP_V2", str(tmp_path / "cpu.max"))
    monkeypatch.setattr(cpu_slots.os, "sched_getaffinity", lambda pid: set(range(8)))
    assert cpu_slots.cores() == (8 if expected is None else expected)


def test_a_cgroup_v1_quota_is_read_too(monkeypatch, tmp_path):
    (tmp_path / "quota").write_text("300000\n")
    (tmp_path / "period").write_text("100000\n")
    monkeypatch.setattr(cpu_slots, "CGROUP_V2", str(tmp_path / "absent"))
    monkeypatch.setattr(cpu_slots, "CGROUP_V1", (str(tmp_path / "quota"), str(tmp_path / "period")))
    monkeypatch.setattr(cpu_slots.os, "sched_getaffinity", lambda pid: set(range(8)))
    assert cpu_slots.cores() == 3
