"""Issue 24, "one upload must never hurt the whole class": upload work (rnnviz/live/upload_work.py) runs on a
thread of its own below training's CPU priority, with one intra-op thread, holding a training slot and the
process's one upload turn while each chunk works; while anyone trains it rests so that it takes at most
SHARE of the time; and it stops at its next check when its session ends, leaving no thread behind.
Nothing here is timed: a fake clock says how long a chunk took, and the rests are recorded, not slept.
(The rate another session keeps meanwhile is measured by bench/bench_uploads.py.)"""
import threading
from contextlib import contextmanager

import pytest
import torch
from torch import nn

from rnnviz import uploads
from rnnviz.live import cpu_slots, upload_work
from rnnviz.live.session_watch import SessionWatch
from rnnviz.live.upload_work import SessionEnded, UploadWork
from testkit.state_dicts import deflated, saved, zeros_state

JOIN_GUARD = 120.0      # seconds: only a guard, so that a broken test ends; nothing waits for time

class Recorded:
    """A stand-in for FairSlots that says whether it is held right now."""

    def __init__(self):
        self.holding = 0
        self.times = 0

    @contextmanager
    def held(self):
        self.holding += 1
        self.times += 1
        try:
            yield
        finally:
            self.holding -= 1


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def upload_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "rnnviz-upload"]


def test_each_chunk_runs_below_training_priority_with_one_thread_a_slot_and_the_upload_turn():
    slots, turn, seen = Recorded(), Recorded(), []

    def work():
        for chunk in range(3):
            seen.append({"nice": upload_work.niceness(), "threads": torch.get_num_threads(), "slot": slots.holding,
                         "turn": turn.holding, "name": threading.current_thread().name,
                         "caller": threading.current_thread() is threading.main_thread()})
            if chunk < 2:
                yield
        return "done"

    here = upload_work.niceness()
    assert upload_work.run(work(), slots=slots, turn=turn) == "done"
    assert len(seen) == 3 and slots.times == 3 and turn.times == 3
    for chunk in seen:
        assert chunk["slot"] == 1 and chunk["turn"] == 1              # a training slot and the upload turn, held
        assert chunk["threads"] == upload_work.INTRA_OP_THREADS == 1
        assert chunk["name"] == "rnnviz-upload" and not chunk["caller"]
        if here is not None:
            assert chunk["nice"] >= upload_work.UPLOAD_NICENESS > cpu_slots.TRAINING_NICENESS
    assert upload_work.niceness() == here                               # the caller's thread: untouched
    assert slots.holding == turn.holding == 0


def test_by_default_it_takes_the_training_slots_steps_take(monkeypatch):
    slots = Recorded()
    monkeypatch.setattr(cpu_slots, "TRAINING", slots)
    assert upload_work.run(upload_work.chunked(lambda: slots.holding)) == 1


def test_while_anyone_trains_it_rests_to_take_at_most_its_share_and_not_otherwise():
    clock, rested_in_turn = Clock(), []
    turn = Recorded()

    def work(durations):
        for index, seconds in enumerate(durations):
            clock.now += seconds                   # the chunk "took" this long
            if index < len(durations) - 1:
                yield

    waits = []

    def wait(seconds):
        rested_in_turn.append(turn.holding)
        waits.append(seconds)

    training = UploadWork(work([0.3, 0.1, 0.6]), slots=Recorded(), turn=turn, others_training=lambda: 2,
                          clock=clock, wait=wait)
    training.start().result(timeout=JOIN_GUARD)
    share = upload_work.SHARE
    assert training.rests == pytest.approx([d * (1 - share) / share for d in (0.3, 0.1, 0.6)])
    for took, rest in zip((0.3, 0.1, 0.6), training.rests):
        assert took / (took + rest) == pytest.approx(share)
    assert set(rested_in_turn) == {1}      # resting, it keeps the upload turn: all uploads share one SHARE
    assert sum(waits) == pytest.approx(sum(training.rests))                # in waits of at most ...
    assert max(waits) == upload_work.REST_CHECK_SECONDS                    # ... this, each after a look

    alone = UploadWork(work([0.3, 0.6]), slots=Recorded(), turn=Recorded(), others_training=lambda: 0,
                       clock=clock, wait=lambda s: pytest.fail("rested though no one trains"))
    alone.start().result(timeout=JOIN_GUARD)
    assert alone.rests == []


def test_the_work_stops_at_its_next_check_once_its_session_has_ended():
    baseline = set(threading.enumerate())
    session_open = threading.Event()
    session_open.set()
    chunks, closed = [], []

    def work():
        try:
            for chunk in range(6):
                chunks.append(chunk)
                if chunk == 1:
                    session_open.clear()          # the learner closes the tab during the second chunk
                yield
        finally:
            closed.append(True)

    watch = SessionWatch(session_open.is_set, grace_seconds=0.0, check_every=0.0)
    job = UploadWork(work(), watch, slots=Recorded(), turn=Recorded()).start()
    with pytest.raises(SessionEnded):
        job.result(timeout=JOIN_GUARD)
    assert chunks == [0, 1]                       # the check before the third chunk saw it: nothing more ran
    assert job.chunks_done == 2 and job.checks == 3 and closed == [True]
    assert set(threading.enumerate()) == baseline and not upload_threads()     # no thread left behind


def test_a_problem_in_the_work_reaches_the_caller_and_the_thread_ends():
    def work():
        yield
        raise uploads.UploadProblem("empty", "the file is empty")

    with pytest.raises(uploads.UploadProblem):
        upload_work.run(work(), slots=Recorded(), turn=Recorded())
    assert not upload_threads()


def worst_accepted() -> bytes:
    """The heaviest model the bounds accept: an LSTM of 500 inputs, 512 units, 3 layers, both directions."""
    bounds = uploads.model_bounds()
    return deflated(saved(zeros_state("lstm", bounds["input_size"], bounds["hidden_size"], bounds["num_layers"],
                                      bidirectional=True, biases=True)))


def test_reading_the_heaviest_model_stops_between_its_chunks_when_the_session_ends(monkeypatch):
    session_open, shapes_checked = threading.Event(), []
    session_open.set()
    original = uploads.read_state_dict
    monkeypatch.setattr(uploads, "read_state_dict", lambda data: (original(data), session_open.clear())[0])
    monkeypatch.setattr(uploads, "infer_rnn_shape", lambda state: shapes_checked.append(1))
    watch = SessionWatch(session_open.is_set, grace_seconds=0.0, check_every=0.0)
    with pytest.raises(SessionEnded):
        upload_work.run(uploads.own_model_work(worst_accepted(), "worst.pt"), watch)
    assert not shapes_checked and not upload_threads()


def test_an_rnn_read_once_computes_with_either_nonlinearity_on_the_same_weights():
    data = saved(nn.RNN(3, 4, num_layers=2, bidirectional=True).state_dict())
    tanh = uploads.own_model(data)
    relu = uploads.with_nonlinearity(tanh, "relu")
    assert relu.rnn.weight_hh_l1_reverse.data_ptr() == tanh.rnn.weight_hh_l1_reverse.data_ptr()
    assert relu.version == (tanh.digest, "relu") and tanh.version == (tanh.digest, "tanh")
    reference = nn.RNN(3, 4, num_layers=2, bidirectional=True, nonlinearity="relu", batch_first=True)
    reference.load_state_dict(torch.load(__import__("io").BytesIO(data)))
    x = torch.randn(2, 7, 3)
    assert torch.allclose(relu.rnn(x)[0], reference(x)[0])
    assert uploads.with_nonlinearity(tanh, "tanh") is tanh


def test_a_session_that_ends_during_a_rest_ends_the_rest_and_the_work():
    """A rest is nine times its chunk: minutes, after a slow chunk on a busy server. A closed tab must not wait
    for its end (CI saw a closed tab's work still resting 180 s on)."""
    clock, waits, ran = Clock(), [], []

    def work():
        for chunk in range(3):
            ran.append(chunk)
            clock.now += 60.0                      # a slow chunk: a rest of 540 s follows
            yield

    class Session:
        def ended(self):
            return len(waits) >= 2                 # the tab closes during the first rest's second wait

    resting = UploadWork(work(), Session(), slots=Recorded(), turn=Recorded(), others_training=lambda: 1,
                         clock=clock, wait=waits.append)
    with pytest.raises(SessionEnded):
        resting.start().result(timeout=JOIN_GUARD)
    assert ran == [0] and len(waits) == 2          # no chunk after it, and the rest ended at its next look
