"""N `streamlit run app.py` replicas behind nginx on one machine, with sticky sessions (issue 22).

A Streamlit session lives in one process, so the way past one process is several of them behind a
reverse proxy that keeps each learner on the replica holding their session (deploy/nginx.conf.template:
a route cookie, hashed). This module starts the replicas on 127.0.0.1, waits for their health checks
(/_stcore/health), writes nginx's configuration and starts Debian's nginx in front of them; then, until
stopped, it checks every replica's health every CHECK_EVERY seconds and marks one whose process has
exited, or that fails FAILS_TO_DOWN checks in a row, `down` (nginx reloads), and up again once it answers
(a slow answer is a busy replica, not a failure; never are all marked down).

Without a container engine this is also how the container set-up (Dockerfile, compose.yaml) is tested:
the same template, the same `streamlit run` command.

    python -m deploy.replicas [--replicas 2] [--port 8080] [--first-port 8501]      # Ctrl-C stops all
    python -m deploy.replicas --render --servers app1:8501,app2:8501 --listen 8080  # print a config

Each replica gets its share of the cores for training (RNNVIZ_TRAINING_SLOTS = cores // replicas, at least
1; rnnviz/live/cpu_slots.py) unless the setting is given. bench/lecture_hall.py and
tests/browser/test_proxy_routing.py drive the same class, ReplicaSet.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]           # the repository: app.py's folder
TEMPLATE = Path(__file__).with_name("nginx.conf.template")
COOKIE = "rnnviz_route"                              # the cookie nginx routes on
REPLICA_HEADER = "X-Rnnviz-Replica"                  # nginx says which replica answered (host:port)
MULTIPART_MARGIN_MB = 1                              # Streamlit's own margin for a multipart body's framing
CHECK_EVERY = 2.0                                    # seconds between two active health checks
FAILS_TO_DOWN = 3                                    # failed checks in a row that take a replica out
CHECK_TIMEOUT = 5.0                                  # a busy replica's answer may be slow: not yet a failure
MIME_TYPES = "/etc/nginx/mime.types"                 # Debian's nginx package


def nginx_or_none() -> str | None:
    """The nginx executable (Debian installs it in /usr/sbin, often not on a user's PATH), or None."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def max_upload_mb(root: Path = ROOT) -> int:
    """Streamlit's upload cap for the app at `root` (server.maxUploadSize in .streamlit/config.toml;
    Streamlit's default 200 MB when not set there)."""
    config = root / ".streamlit" / "config.toml"
    settings = tomllib.loads(config.read_text()) if config.exists() else {}
    return int(settings.get("server", {}).get("maxUploadSize", 200))


def render_nginx_conf(servers: list[str], listen: str, run_dir: str, *, down: frozenset[str] = frozenset(),
                      access_log: str | None = None, error_log: str | None = None,
                      upload_mb: int | None = None) -> str:
    """nginx's configuration for `servers` ("host:port" each) behind `listen` ("127.0.0.1:8080" or a port);
    `down` lists servers to route around. Logs go to `run_dir` unless given ("/dev/stdout" in a container)."""
    upload_mb = max_upload_mb() if upload_mb is None else upload_mb
    lines = [f"        server {s}{' down' if s in down else ''} max_fails=0;" for s in servers]
    names = {"RUN_DIR": run_dir, "ACCESS_LOG": access_log or f"{run_dir}/access.log",
             "ERROR_LOG": error_log or f"{run_dir}/error.log", "MIME_TYPES": MIME_TYPES, "COOKIE": COOKIE,
             "SERVERS": "\n".join(lines), "LISTEN": listen, "MAX_UPLOAD_MB": str(upload_mb),
             "MAX_BODY_MB": str(upload_mb + MULTIPART_MARGIN_MB)}
    text = TEMPLATE.read_text()
    for name, value in names.items():
        text = text.replace(f"@{name}@", value)
    return text


def rendered_for(servers: list[str], listen: str) -> str:
    """nginx's configuration for replicas elsewhere (containers: compose.yaml's deploy/nginx.compose.conf),
    logging to the container's output, headed by the command that wrote it."""
    command = f"python -m deploy.replicas --render --servers {','.join(servers)} --listen {listen}"
    return f"# Written by `{command}`: edit the template, then rerun it.\n" + \
        render_nginx_conf(servers, listen, "/tmp", access_log="/dev/stdout", error_log="/dev/stderr")


def healthy(url: str, timeout: float = 2.0) -> bool:
    """The replica at `url` answers its health check (GET /_stcore/health -> 200 "ok")."""
    return health(url, timeout) == "ok"


def health(url: str, timeout: float) -> str:
    """"ok" (answers 200), "slow" (no answer within `timeout`: a busy replica, still serving its sessions)
    or "failing" (refuses the connection, or answers an error)."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return "ok" if response.status == 200 else "failing"
    except TimeoutError:
        return "slow"
    except urllib.error.URLError as error:
        return "slow" if isinstance(error.reason, TimeoutError) else "failing"
    except OSError:
        return "failing"


def wait_until(condition, timeout: float, what: str, poll: float = 0.1) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} within {timeout:.0f} s")
        time.sleep(poll)


def streamlit_command(address: str, port: int) -> list[str]:
    """How a replica runs the app (the Dockerfile's CMD is the same; tests/test_replicas.py keeps them in step)."""
    return ["streamlit", "run", "app.py", "--server.address", address, "--server.port", str(port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false"]


def marked_down(fails: dict[str, int], states: dict[str, str], down: frozenset[str]) -> frozenset[str]:
    """The replicas to mark down after a round of checks (`states`: address -> "ok", "slow", "failing" or
    "exited"), counting failures in a row in `fails` (updated); `down`: those marked down before. Never all
    of them: then the ones marked before stay so, or none."""
    for address, state in states.items():
        if state == "ok":
            fails[address] = 0
        elif state == "failing":
            fails[address] += 1
        elif state == "exited":
            fails[address] = FAILS_TO_DOWN
    now = frozenset(a for a, n in fails.items() if n >= FAILS_TO_DOWN)
    if len(now) == len(states):
        return down if len(down) < len(states) else frozenset()
    return now


class Replica:
    """One `streamlit run app.py` on 127.0.0.1:`port`, its output in `log`."""

    def __init__(self, port: int, log: Path, env: dict[str, str], root: Path = ROOT, extra: tuple[str, ...] = ()):
        self.port, self.log = port, log
        self.address, self.url = f"127.0.0.1:{port}", f"http://127.0.0.1:{port}"
        with open(log, "w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", *streamlit_command("127.0.0.1", port), *extra], cwd=root, env=env,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def pid(self) -> int:
        return self.process.pid

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        if self.running():
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


class ReplicaSet:
    """`replicas` Streamlit replicas on 127.0.0.1:first_port.. and nginx on 127.0.0.1:`port` in front of
    them. Construct it, then start(); `url` is what learners open; stop() ends every process it started."""

    def __init__(self, replicas: int = 2, port: int = 8080, first_port: int = 8501, root: Path = ROOT,
                 streamlit_flags: tuple[str, ...] = (), slots: int | None = None, ports: list[int] | None = None):
        from rnnviz.live.cpu_slots import SETTING, cores

        nginx = nginx_or_none()
        if nginx is None:
            raise FileNotFoundError("nginx not found (install Debian's package: apt-get install -y nginx)")
        self.nginx, self.root, self.port = nginx, root, port
        self.url = f"http://127.0.0.1:{port}"
        self.run_dir = tempfile.mkdtemp(prefix="rnnviz-replicas-")
        os.chmod(self.run_dir, 0o755)            # nginx's workers (another user when started by root) write here
        env = dict(os.environ)
        env.setdefault(SETTING, str(slots or max(1, cores() // replicas)))
        self.slots = int(env[SETTING])
        self.ports = ports or [first_port + i for i in range(replicas)]      # tests pass free ports
        self._env, self._flags = env, tuple(streamlit_flags)
        self.replicas: list[Replica] = []
        self.down: frozenset[str] = frozenset()
        self.nginx_process: subprocess.Popen | None = None
        self._stop_checks = threading.Event()
        self._checks: threading.Thread | None = None

    @property
    def conf_path(self) -> Path:
        return Path(self.run_dir) / "nginx.conf"

    def start(self, timeout: float = 120.0) -> "ReplicaSet":
        """Start the replicas, wait for their health checks, then nginx; then the health-check thread."""
        for i, port in enumerate(self.ports):
            self.replicas.append(Replica(port, Path(self.run_dir) / f"replica-{i + 1}.log", self._env, self.root,
                                         self._flags))
        for replica in self.replicas:
            wait_until(lambda: healthy(replica.url) or not replica.running(), timeout,
                       f"replica {replica.address} did not answer /_stcore/health")
            if not replica.running():
                raise RuntimeError(f"replica {replica.address} exited:\n{replica.log.read_text()[-2000:]}")
        self._write_conf()
        self.nginx_process = subprocess.Popen(
            [self.nginx, "-c", str(self.conf_path), "-p", self.run_dir, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=open(Path(self.run_dir) / "nginx.out", "w"), start_new_session=True)
        wait_until(lambda: self._answers("/nginx-health") or self.nginx_process.poll() is not None, 30,
                   "nginx did not answer")
        if self.nginx_process.poll() is not None:
            raise RuntimeError(f"nginx exited: {(Path(self.run_dir) / 'nginx.out').read_text()[-2000:]}")
        self._checks = threading.Thread(target=self._check_health, daemon=True, name="replica health checks")
        self._checks.start()
        return self

    def _answers(self, path: str) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}{path}", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def _write_conf(self) -> None:
        self.conf_path.write_text(render_nginx_conf([r.address for r in self.replicas], f"127.0.0.1:{self.port}",
                                                    self.run_dir, down=self.down))

    def _check_health(self) -> None:
        """Active health checks: a replica whose process has exited, or that refuses or fails its check
        FAILS_TO_DOWN times in a row, is marked down; one answering again is back; nginx reloads its
        configuration on each change (SIGHUP: open connections carry on). A slow answer is not a failure:
        a replica busy training for many learners still serves them, and marking it down would send their
        reconnects where their sessions are not. Nor are all replicas ever marked down at once: nginx
        would then refuse everyone, where routing as usual still reaches whichever answers."""
        fails = {r.address: 0 for r in self.replicas}
        while not self._stop_checks.wait(CHECK_EVERY):
            states = {r.address: "exited" if not r.running() else health(r.url, CHECK_TIMEOUT) for r in self.replicas}
            down = marked_down(fails, states, self.down)
            if down != self.down and not self._stop_checks.is_set():
                self.down = down
                self._write_conf()
                self.nginx_process.send_signal(signal.SIGHUP)
                print(f"replicas down: {sorted(down) or 'none'} (nginx reloaded)", file=sys.stderr, flush=True)

    def replica_at(self, address: str) -> Replica:
        return next(r for r in self.replicas if r.address == address)

    def stop_replica(self, index: int) -> None:
        """Stop one replica, as an operator or a crash would: its learners' websockets close."""
        self.replicas[index].stop()

    def stop(self) -> None:
        """Stop the health checks, nginx and every replica; remove the run folder."""
        self._stop_checks.set()
        if self._checks is not None:
            self._checks.join(CHECK_EVERY + 5)
        if self.nginx_process is not None and self.nginx_process.poll() is None:
            self.nginx_process.send_signal(signal.SIGQUIT)       # graceful: finishes its requests
            try:
                self.nginx_process.wait(10)
            except subprocess.TimeoutExpired:
                self.nginx_process.kill()
                self.nginx_process.wait(5)
        for replica in self.replicas:
            replica.stop()
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def __enter__(self) -> "ReplicaSet":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="nginx listens on 127.0.0.1:PORT")
    parser.add_argument("--first-port", type=int, default=8501, help="replica i listens on 127.0.0.1:FIRST_PORT+i")
    parser.add_argument("--render", action="store_true", help="only print nginx's configuration (for --servers)")
    parser.add_argument("--servers", default="", help="with --render: host:port,host:port of the replicas")
    parser.add_argument("--listen", default="8080", help="with --render: nginx's listen address")
    args = parser.parse_args()
    if args.render:
        print(rendered_for(args.servers.split(","), args.listen), end="")
        return
    if args.replicas < 1:
        parser.error("--replicas: at least 1")
    try:
        replicas = ReplicaSet(args.replicas, args.port, args.first_port)
    except FileNotFoundError as missing:
        parser.exit(2, f"{parser.prog}: {missing}\n")
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        replicas.start()
        print(f"{args.replicas} replicas ({', '.join(r.address for r in replicas.replicas)}; "
              f"{replicas.slots} training slot(s) each) behind nginx: open {replicas.url}   (Ctrl-C stops all; "
              f"logs in {replicas.run_dir})", flush=True)
        stopping.wait()
    except KeyboardInterrupt:
        pass
    finally:
        replicas.stop()


if __name__ == "__main__":
    main()
