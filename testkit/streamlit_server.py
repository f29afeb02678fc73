"""A real `streamlit run` server on a free loopback port, as the browser tests and the benchmarks drive it."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]          # the repository: app.py's folder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    """`streamlit run <script> [extra flags]` on 127.0.0.1:<free port> (cwd `cwd`), until stop(). Its output
    goes to a log file, not a pipe: nobody reads a pipe during a long run, and a full one would block the
    server."""

    def __init__(self, script: str = "app.py", *extra: str, cwd: Path = ROOT):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile("w+", prefix="streamlit-", suffix=".log", delete=False)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(self.port),
             "--browser.gatherUsageStats", "false", *extra],
            cwd=cwd, stdout=self.log, stderr=subprocess.STDOUT, text=True)

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 60.0, poll: float = 0.05) -> float:
        """Block until the server answers its health check; seconds since it was launched."""
        while time.perf_counter() - self.started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited:\n{self.output()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(poll)
        raise TimeoutError(f"streamlit did not answer on {self.url} within {timeout} s")

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        self.log.close()
        os.unlink(self.log.name)


# Starlette serves static files from AnyIO's thread pool, which retires a thread idle 10 s, when next asked
POOL_IDLE = 10.5


def thread_count(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("Threads:"))


def quiet_thread_count(server: StreamlitServer, at_most: int | None = None, timeout: float = 40.0) -> tuple[int, int]:
    """(the server's thread count before AnyIO's idle pool threads are retired, the count once they are and
    it has held for 2 s and is <= at_most, if given; bounded by `timeout`). The wait lets the pool's
    threads idle POOL_IDLE s and a closed session's worker outlive it by its grace period (plus its
    once-a-second check: a reconnecting browser keeps its training); then a plain GET of the page, served
    from the pool, retires its idle threads."""
    from rnnviz.live.session_watch import GRACE_SECONDS

    time.sleep(max(POOL_IDLE, GRACE_SECONDS + 2.0))
    before = thread_count(server.pid)
    with urllib.request.urlopen(f"{server.url}/", timeout=30) as response:
        response.read()
    start = time.monotonic()
    count, since = thread_count(server.pid), start
    while time.monotonic() - start < timeout:
        time.sleep(0.25)
        now = thread_count(server.pid)
        if now != count:
            count, since = now, time.monotonic()
        elif (at_most is None or count <= at_most) and time.monotonic() - since >= 2.0:
            break
    return before, count
