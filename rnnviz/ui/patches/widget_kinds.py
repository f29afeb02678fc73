"""A fix for Streamlit 1.67's widget states: a value of the wrong kind from a client is ignored, not raised.

The bug: a browser sends each widget's state as one field of a WidgetState (a list of strings for a
multiselect or multi-select pills, an int for an integer number input, ...), and Streamlit hands whatever
field came to the widget's deserializer at the start of the next run (SessionState.on_script_will_rerun ->
_call_callbacks -> _widget_changed -> WStates.__getitem__). A client that sends a number for the id of a
multiselect drawn in the last run (a learner editing the websocket's messages: issue 23's server log) makes
the multiselect's deserializer iterate an int, "TypeError: 'int' object is not iterable", before the page's
script runs: the learner saw a traceback in place of the page. Every widget with a list value was exposed
(Compare's sequence lengths, the lesson's class link, Inside's panels), and other widgets by other errors
("'int' object is not subscriptable" for a slider).

install() wraps SessionState.set_widgets_from_proto: a state whose value field is not the one its widget
was registered with (WidgetMetadata.value_type), a plain value of another kind or one that the widget's
deserializer refuses, is left out,
with a warning in the log; the widget keeps the value it had and the run goes on. A state of the expected
kind is not deserialized twice here (a chat input's deserializer consumes its uploads).

Upstream: no report found (searched streamlit/streamlit's issues for deserialize and "'int' object is not
iterable"). Canary: tests/test_widget_kinds.py::test_canary_streamlit_still_raises_on_a_wrong_kind fails
once Streamlit ignores such a state by itself; then delete this file.
"""
from __future__ import annotations

import functools
import logging
import threading

from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.state.common import unpack_widget_state_value
from streamlit.runtime.state.session_state import SessionState

WRITTEN_FOR = "1.67."                           # the Streamlit versions it was checked against (gate.py)
CANARY = "tests/test_widget_kinds.py::test_canary_streamlit_still_raises_on_a_wrong_kind"
# the value fields that carry a plain value: a widget declared with one of them reads only its own (numbers
# both ways); a string for a number input would pass its deserializer and reach the page as a string
NUMBERS = frozenset({"int_value", "double_value"})
PLAIN = NUMBERS | {"bool_value", "string_value", "string_array_value", "double_array_value", "int_array_value"}
logger = logging.getLogger(__name__)
_lock = threading.Lock()


def install() -> None:
    """Wrap SessionState.set_widgets_from_proto, once (later calls change nothing)."""
    with _lock:
        original = SessionState.set_widgets_from_proto
        if getattr(original, "ignores_wrong_kinds", False):
            return

        @functools.wraps(original)
        def set_widgets_from_proto(self, widget_states: WidgetStates) -> None:
            return original(self, well_kinded(self, widget_states))

        set_widgets_from_proto.ignores_wrong_kinds = True
        SessionState.set_widgets_from_proto = set_widgets_from_proto


def well_kinded(session_state: SessionState, widget_states: WidgetStates) -> WidgetStates:
    """`widget_states` without the states its widgets cannot read (the same object when all can)."""
    metadata = session_state._new_widget_state.widget_metadata
    refused = [state.id for state in widget_states.widgets if not _readable(metadata.get(state.id), state)]
    if not refused:
        return widget_states
    logger.warning("ignored %d widget state(s) of a kind their widget does not take: %s", len(refused),
                   ", ".join(refused))
    kept = WidgetStates()
    kept.widgets.extend(state for state in widget_states.widgets if state.id not in refused)
    return kept


def _readable(metadata, state) -> bool:
    """Whether the widget (known by its metadata from the last run) can read `state`'s value: a plain value
    of its own kind (an integer number input sends an int where its metadata says a double), or another
    kind its deserializer takes (a component declares JSON and may send bytes)."""
    kind = state.WhichOneof("value")
    if metadata is None or kind is None or kind == metadata.value_type:
        return True
    if kind in PLAIN and metadata.value_type in PLAIN:
        return kind in NUMBERS and metadata.value_type in NUMBERS
    try:
        metadata.deserializer(unpack_widget_state_value(state))
    except Exception:                           # whatever a deserializer raises on a value it was not made for
        return False
    return True
