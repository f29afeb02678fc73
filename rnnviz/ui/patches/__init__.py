"""Patches of Streamlit 1.67's internals, one file each, applied only on the version they were written for.

    no_delay     Nagle's algorithm off on the server's sockets (no reply waits 40 ms)
    queue_fix    a finished full run reaches the browser whole when a fragment run starts
    live_chart   a chart redrawn by a polling fragment never blinks (two slots, stacked by CSS)
    widget_kinds a widget value of the wrong kind from a client is ignored, not raised before the page runs

Each says in its docstring what it works around, the upstream report, and its canary test: the test that
fails once Streamlit no longer needs it. The gate (gate.py) leaves a patch out on another Streamlit version
and logs a warning naming its canary. docs/streamlit-workarounds.md lists them.
"""
from __future__ import annotations

from rnnviz.ui.patches import gate, no_delay, queue_fix, widget_kinds


def install() -> None:
    """Install the process-wide patches that fit this Streamlit: app.py calls it first thing.

    live_chart is no process-wide patch: its widget asks the gate at each call."""
    for patch in (no_delay, queue_fix, widget_kinds):
        if gate.fits(patch.__name__):
            patch.install()
