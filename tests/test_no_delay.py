"""rnnviz.ui.patches.no_delay: Streamlit 1.67's server connections keep Nagle's algorithm on; install() turns it off
on the listening socket (inherited by later connections) and on the connections already accepted."""
import asyncio
import os
import socket
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit.web.server.starlette.starlette_server import _bind_socket

from rnnviz.ui.patches import no_delay

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux: /proc/self/fd, inheritance")


def nagle_off(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


def accepted_by_asyncio(listening: socket.socket) -> bool:
    """Whether a connection that asyncio accepts on `listening` (as uvicorn serves Streamlit) has Nagle off."""
    async def serve() -> bool:
        accepted = asyncio.get_running_loop().create_future()

        class Protocol(asyncio.Protocol):
            def connection_made(self, transport):
                accepted.set_result(nagle_off(transport.get_extra_info("socket")))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Protocol, sock=listening)
        with socket.create_connection(listening.getsockname()):
            result = await asyncio.wait_for(accepted, 5)
        server.close()
        return result

    with ThreadPoolExecutor(1) as thread:      # a loop of its own (Playwright's may be running in this thread)
        return thread.submit(asyncio.run, serve()).result()


def open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def test_canary_streamlit_still_leaves_nagle_on():
    """Fails once Streamlit turns Nagle's algorithm off itself: then rnnviz/ui/patches/no_delay.py can go."""
    assert not accepted_by_asyncio(_bind_socket("127.0.0.1", 0, 8)), \
        "Streamlit's connections now have TCP_NODELAY: remove rnnviz/ui/patches/no_delay.py and its call in app.py"


def test_turns_nagle_off_on_the_listening_socket_and_its_connections():
    listening = _bind_socket("127.0.0.1", 0, 8)
    client = socket.create_connection(listening.getsockname())
    listening.setblocking(True)
    before, _ = listening.accept()                    # a connection accepted before the fix (the first visitor's)
    reader, writer = os.pipe()                        # descriptors that are no TCP sockets stay as they were
    unix_a, unix_b = socket.socketpair()
    descriptors = open_descriptors()
    try:
        assert not nagle_off(listening) and not nagle_off(before)
        assert no_delay.turn_nagle_off() >= 3         # listening, accepted, and the client's end
        assert nagle_off(listening) and nagle_off(before) and nagle_off(client)
        assert open_descriptors() == descriptors, "a descriptor was leaked or closed"
        os.write(writer, b"x")
        assert os.read(reader, 1) == b"x"
        unix_a.sendall(b"y")
        assert unix_b.recv(1) == b"y"
        listening.setblocking(False)
        assert accepted_by_asyncio(listening)         # and connections accepted later inherit it
    finally:
        for sock in (before, client, listening, unix_a, unix_b):
            sock.close()
        os.close(reader)
        os.close(writer)


def test_install_scans_once(monkeypatch):
    calls = []
    monkeypatch.setattr(no_delay, "turn_nagle_off", lambda: calls.append(1))
    monkeypatch.setattr(no_delay, "_done", False)
    no_delay.install()
    no_delay.install()
    assert calls == [1]
