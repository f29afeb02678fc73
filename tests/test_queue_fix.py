"""rnnviz.ui.patches.queue_fix: a fragment run that starts before a finished full run was sent must not take that
run's deltas away from the browser (Streamlit 1.67 drops them and keeps the run's "finished" message,
and the browser's page tree breaks)."""
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

from rnnviz.ui.patches import queue_fix

LIVE = "live-panel-fragment"


def new_run() -> ForwardMsg:
    msg = ForwardMsg()
    msg.new_session.main_script_path = "app.py"
    return msg


def element(path: list[int], fragment: str = "") -> ForwardMsg:
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = path
    msg.delta.new_element.markdown.body = f"at {path}"
    msg.delta.fragment_id = fragment
    return msg


def finished(status) -> ForwardMsg:
    msg = ForwardMsg()
    msg.script_finished = status
    return msg


def described(queue: ForwardMsgQueue) -> list[tuple]:
    """The queue as (type, delta path or finish status) pairs, in order."""
    out = []
    for msg in queue._queue:
        kind = msg.WhichOneof("type")
        out.append((kind, tuple(msg.metadata.delta_path) if kind == "delta" else
                    msg.script_finished if kind == "script_finished" else None))
    return out


def full_run_unsent() -> ForwardMsgQueue:
    """A full run (the page with the polling fragment at [0, 3]) finished and not yet flushed."""
    queue = ForwardMsgQueue()
    for msg in (new_run(), element([0, 2]), element([0, 3], LIVE), element([0, 4]),
                finished(ForwardMsg.FINISHED_SUCCESSFULLY)):
        queue.enqueue(msg)
    return queue


def test_streamlit_alone_drops_a_finished_runs_fragment_deltas():
    """The bug the fix exists for. If this fails, Streamlit has fixed it and queue_fix can go."""
    queue = full_run_unsent()
    queue_fix._original_clear(queue, retain_lifecycle_msgs=True, fragment_ids_this_run=[LIVE])
    assert described(queue) == [("new_session", None), ("delta", (0, 2)), ("delta", (0, 4)),
                                ("script_finished", ForwardMsg.FINISHED_SUCCESSFULLY)]


def test_a_finished_full_run_is_sent_whole_before_the_fragment_run():
    queue = full_run_unsent()
    queue_fix._clear_keeping_finished_runs(queue, retain_lifecycle_msgs=True, fragment_ids_this_run=[LIVE])
    assert described(queue) == [("new_session", None), ("delta", (0, 2)), ("delta", (0, 3)), ("delta", (0, 4)),
                                ("script_finished", ForwardMsg.FINISHED_SUCCESSFULLY)]


def test_what_follows_the_full_run_is_cleared_the_streamlit_way():
    """An earlier fragment run of the same fragment is superseded: its drawing goes, its end is marked
    'interrupted' (so the browser prunes nothing); another fragment's deltas stay."""
    queue = full_run_unsent()
    for msg in (new_run(), element([0, 3], LIVE), element([0, 6], "showcase"),
                finished(ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)):
        queue.enqueue(msg)
    queue_fix._clear_keeping_finished_runs(queue, retain_lifecycle_msgs=True, fragment_ids_this_run=[LIVE])
    assert described(queue)[5:] == [("new_session", None), ("delta", (0, 6)),
                                    ("script_finished", ForwardMsg.FINISHED_EARLY_FOR_RERUN)]
    assert described(queue)[:5] == described(full_run_unsent())


def test_full_reruns_and_flushes_are_unchanged():
    queue = full_run_unsent()
    queue_fix._clear_keeping_finished_runs(queue, retain_lifecycle_msgs=True)     # a full rerun starts
    assert described(queue) == [("new_session", None), ("script_finished", ForwardMsg.FINISHED_EARLY_FOR_RERUN)]
    queue = full_run_unsent()
    assert len(queue.flush()) == 5 and described(queue) == []


def test_the_app_installs_it():
    from streamlit.testing.v1 import AppTest

    ForwardMsgQueue.clear = queue_fix._original_clear
    AppTest.from_file("../app.py", default_timeout=60).run()
    assert ForwardMsgQueue.clear is queue_fix._clear_keeping_finished_runs
