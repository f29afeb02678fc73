"""A fix for Streamlit 1.67's outgoing message queue: a finished full run reaches the browser whole.

The bug (seen as a blank page under load: "Bad delta path index 6 (should be between [0, 5])"): when a
fragment run starts, the session's unsent messages are cleared of that fragment's deltas, so that the
browser gets only its newest drawing. But if a *full* run finished just before and its messages are still
unsent (a busy server flushes late; a polling fragment asks for a run every 0.4 s), the full run's own
deltas for the fragment are dropped too, while its "finished successfully" message is kept. The browser
then prunes the fragment's container as stale, the later siblings shift up one place, and the next delta
addressed to the old place throws: the page goes blank and never recovers.

The fix keeps every message up to the last finished full run as it is (those runs are complete: sending
them whole is what a prompt flush would have done) and clears only what follows, Streamlit's way.
app.py installs it through rnnviz.ui.patches.install, on Streamlit 1.67.x only.

Upstream: no report of this bug found. The clearing of a fragment's deltas at a fragment run's start came
with streamlit/streamlit PR #9381 ("Clear queue also for fragment-runs to prevent vanishing elements");
issue #17030 reports another message the same clear() drops (heartbeat_ack).
Canary: tests/test_queue_fix.py::test_streamlit_alone_drops_a_finished_runs_fragment_deltas fails once
Streamlit's own clear() keeps a finished full run whole; then delete this file.
"""
from __future__ import annotations

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

WRITTEN_FOR = "1.67."          # the Streamlit versions it was checked against (gate.py)
CANARY = "tests/test_queue_fix.py::test_streamlit_alone_drops_a_finished_runs_fragment_deltas"
# how a full run (not a fragment run, not an interrupted one) ends
_FULL_RUN_ENDS = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
_original_clear = ForwardMsgQueue.clear


def _end_of_last_full_run(queue: list[ForwardMsg]) -> int:
    """How many messages, from the start, belong to full runs that have finished (0 if none has)."""
    for index in range(len(queue) - 1, -1, -1):
        msg = queue[index]
        if msg.WhichOneof("type") == "script_finished" and msg.script_finished in _FULL_RUN_ENDS:
            return index + 1
    return 0


def _clear_keeping_finished_runs(self: ForwardMsgQueue, retain_lifecycle_msgs: bool = False,
                                 fragment_ids_this_run: list[str] | None = None) -> None:
    if not (retain_lifecycle_msgs and fragment_ids_this_run is not None):
        return _original_clear(self, retain_lifecycle_msgs, fragment_ids_this_run)
    finished = self._queue[:_end_of_last_full_run(self._queue)]
    self._queue = self._queue[len(finished):]
    _original_clear(self, retain_lifecycle_msgs, fragment_ids_this_run)
    self._queue = finished + self._queue       # the index map stays empty: nothing composes with them


def install() -> None:
    """Patch ForwardMsgQueue.clear (once per process; calling again does nothing)."""
    ForwardMsgQueue.clear = _clear_keeping_finished_runs
