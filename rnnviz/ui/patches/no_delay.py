"""A fix for Streamlit 1.67's server sockets: Nagle's algorithm off, so that no small reply waits 40 ms.

The bug: Streamlit binds its listening socket as socket.socket(family), with protocol 0, and asyncio turns
Nagle's algorithm off (TCP_NODELAY) only on connections whose protocol reads IPPROTO_TCP. With Nagle on, a
small write waits until the browser has acknowledged the previous one, and on a connection it keeps alive
the browser delays that acknowledgement by 40 ms. So every file after the first on a connection came 40 ms
late, whatever its size (measured: 44 ms for a 622-byte script, 1 ms with Nagle off). The sidebar's
widgets need about 40 scripts more than a one-line app, fetched over 6 connections once the first run's
elements arrive: the Start button, which shows only when they all have loaded, came about 0.3 s late.

install() turns Nagle off on every TCP socket of the process: the listening one, whose setting the
connections it accepts later inherit (Linux does), and the connections already accepted (the first
visitor's page and websocket). app.py calls it first thing (through rnnviz.ui.patches.install, which
applies it on Streamlit 1.67.x only); the work is done once per process.

Upstream: no report found (searched streamlit/streamlit's issues for Nagle, TCP_NODELAY and 40 ms delays).
Canary: tests/test_no_delay.py::test_canary_streamlit_still_leaves_nagle_on fails once Streamlit's
connections have Nagle off by themselves; then delete this file.
"""
from __future__ import annotations

import os
import socket
import threading

WRITTEN_FOR = "1.67."                           # the Streamlit versions it was checked against (gate.py)
CANARY = "tests/test_no_delay.py::test_canary_streamlit_still_leaves_nagle_on"
_FD_FOLDERS = ("/proc/self/fd", "/dev/fd")     # Linux, then macOS and the BSDs; neither on Windows
_lock = threading.Lock()
_done = False


def install() -> None:
    """Turn Nagle's algorithm off on this process's TCP sockets, once (later calls return at once)."""
    global _done
    with _lock:
        if not _done:
            _done = True
            turn_nagle_off()


def turn_nagle_off() -> int:
    """Set TCP_NODELAY on every TCP socket this process has open; return how many there are."""
    folder = next((f for f in _FD_FOLDERS if os.path.isdir(f)), None)
    if folder is None:
        return 0
    count = 0
    for name in os.listdir(folder):
        try:
            duplicate = os.dup(int(name))       # the socket object below owns (and closes) the copy only
        except (OSError, ValueError):           # closed meanwhile (the listing's own descriptor is)
            continue
        try:
            sock = socket.socket(fileno=duplicate)
        except OSError:                         # not a socket
            os.close(duplicate)
            continue
        with sock:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                try:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    count += 1
                except OSError:                 # e.g. a socket not yet connected on some systems
                    pass
    return count
