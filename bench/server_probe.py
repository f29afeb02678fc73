"""Where a served page's time goes, measured inside the Streamlit server (issue 22's breakdown).

A benchmark starts the server with bench/probe_site/ on PYTHONPATH and RNNVIZ_PROBE_LOG set: Python then
imports that folder's sitecustomize, which calls install(). It wraps four points of Streamlit 1.67's
runtime and writes one JSON line per event to the log (wall-clock seconds, so the benchmark can cut a
window of its own):

  req     a session asked for a run (a click, a fragment's timer): AppSession.request_rerun, event loop
  start   the script run began on the session's script thread (fragment or full run)
  chart   the run handed a Plotly chart to its session (its bytes)
  end     the run ended (wall and the thread's CPU seconds since start)
  sent    the runtime serialised that chart for the websocket (its wait since `chart`, serialising time)
  cpu     every second: CPU seconds of the process since the last line, and of its lasting threads by
          kind (training, the event loop, the rest); script runs' CPU is their `end` lines' sum

summarise(path, since, until) turns a window of it into the figures bench/load_test.py prints: for the
runs a learner asked for (the clicks: a whole page's, or a fragment's when the widget is in it) the queue
wait (asked -> started), the run (started -> chart out, and to its end), the send wait (chart out ->
serialised on the event loop); for the timers' fragment runs the same, and how many per second; and the
share of a core each kind of thread used. Nothing here changes what the server does.
"""
from __future__ import annotations

import json
import os
import statistics
import threading
import time
from pathlib import Path

LOG_SETTING = "RNNVIZ_PROBE_LOG"
SITE = Path(__file__).resolve().parent / "probe_site"      # the folder whose sitecustomize installs the probe


def install(path: str) -> None:
    """Wrap Streamlit's runtime to log every run's times to `path` (JSON lines)."""
    from streamlit.runtime import runtime as runtime_module
    from streamlit.runtime.app_session import AppSession
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunnerEvent

    out = open(path, "a", buffering=1)
    lock = threading.Lock()
    local = threading.local()                # this script thread's run: (session, start, thread CPU, fragment)
    charts: dict[int, tuple[float, str]] = {}     # id(ForwardMsg) -> (handed over at, session)

    def note(**event) -> None:
        event["t"] = time.time()
        line = json.dumps(event)
        with lock:
            out.write(line + "\n")

    request_rerun = AppSession.request_rerun

    def probed_request_rerun(self, client_state):
        note(kind="req", session=self.id, fragment=bool(client_state and client_state.fragment_id),
             auto=bool(client_state and client_state.is_auto_rerun))
        return request_rerun(self, client_state)

    on_event = AppSession._on_scriptrunner_event

    def probed_on_event(self, sender, event, forward_msg=None, *args, **kwargs):
        if event == ScriptRunnerEvent.SCRIPT_STARTED:
            fragment = bool(kwargs.get("fragment_ids_this_run"))
            local.run = (self.id, time.time(), time.thread_time(), fragment)
            note(kind="start", session=self.id, fragment=fragment)
        elif event == ScriptRunnerEvent.ENQUEUE_FORWARD_MSG and forward_msg is not None:
            if (forward_msg.WhichOneof("type") == "delta"
                    and forward_msg.delta.WhichOneof("type") == "new_element"
                    and forward_msg.delta.new_element.WhichOneof("type") == "plotly_chart"):
                charts[id(forward_msg)] = (time.time(), self.id)
                note(kind="chart", session=self.id, msg=id(forward_msg), bytes=forward_msg.ByteSize())
        elif event.name.startswith(("SCRIPT_STOPPED", "FRAGMENT_STOPPED")):
            run = getattr(local, "run", None)
            if run is not None and run[0] == self.id:
                note(kind="end", session=self.id, fragment=run[3], how=event.name,
                     wall=time.time() - run[1], cpu=time.thread_time() - run[2])
                local.run = None
        return on_event(self, sender, event, forward_msg, *args, **kwargs)

    send = runtime_module.Runtime._send_message

    def probed_send(self, session_info, msg):
        handed = charts.pop(id(msg), None)
        began = time.time()
        result = send(self, session_info, msg)
        if handed is not None:
            note(kind="sent", session=handed[1], msg=id(msg), waited=began - handed[0],
                 serialising=time.time() - began)
        return result

    AppSession.request_rerun = probed_request_rerun
    AppSession._on_scriptrunner_event = probed_on_event
    runtime_module.Runtime._send_message = probed_send
    threading.Thread(target=_sample_cpu, args=(note,), name="probe-cpu", daemon=True).start()


def thread_kind(name: str) -> str:
    """The kind of a Python thread, by its name: what the CPU shares are summed by."""
    if name == "MainThread":
        return "event loop"
    if name.startswith("rnnviz-training") or name.startswith(("race", "sweep")):
        return "training"
    if name.startswith("ScriptRunner"):
        return "script runs"
    return "other"


def _sample_cpu(note, every: float = 1.0) -> None:
    """Every `every` s: CPU seconds since the last sample of the whole process, and of its lasting threads
    by kind. Script threads come and go between samples: their CPU is summed from the runs' `end` events."""
    ticks = os.sysconf("SC_CLK_TCK")
    last: dict[int, float] = {}
    process_last = None
    while True:
        names = {t.native_id: t.name for t in threading.enumerate()}
        used: dict[str, float] = {}
        for task in Path("/proc/self/task").iterdir():
            try:
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            tid, cpu = int(task.name), (int(fields[11]) + int(fields[12])) / ticks
            kind = thread_kind(names.get(tid, ""))
            if kind != "script runs":
                used[kind] = used.get(kind, 0.0) + cpu - last.get(tid, cpu if process_last is None else 0.0)
            last[tid] = cpu
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        process = (int(fields[11]) + int(fields[12])) / ticks
        note(kind="cpu", every=every, used=used, process=process - (process_last or process))
        process_last = process
        time.sleep(every)


def read(path: str | Path, since: float, until: float) -> list[dict]:
    """The events logged between wall-clock times `since` and `until`."""
    events = []
    for line in Path(path).read_text().splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue                                   # a line cut short as the server stopped
        if since <= event["t"] <= until:
            events.append(event)
    return events


def _ms(values: list[float]) -> str:
    if not values:
        return "none"
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return f"p50 {1000 * statistics.median(values):.0f} / p95 {1000 * p95:.0f} ms"


def summarise(path: str | Path, since: float, until: float) -> list[str]:
    """The breakdown of the window [since, until] (wall-clock seconds), as report lines."""
    events = read(path, since, until)
    seconds = max(until - since, 1e-9)
    # pair each run with the request before it and the chart it drew, per session
    asked: dict[tuple[str, bool], tuple[float, bool]] = {}
    runs: dict[str, dict] = {}
    full, fragments = [], []
    for event in events:
        session = event.get("session")
        if event["kind"] == "req":
            asked.setdefault((session, event["fragment"]), (event["t"], event.get("auto", event["fragment"])))
        elif event["kind"] == "start":
            at, auto = asked.pop((session, event["fragment"]), (None, event["fragment"]))
            runs[session] = {"asked": at, "start": event["t"], "fragment": event["fragment"], "auto": auto}
        elif event["kind"] == "chart" and session in runs:
            # a live chart's run draws the figure before and then the new one: the new one is timed
            runs[session].update(chart=event["t"], msg=(session, event["msg"]))
            runs[session]["bytes"] = runs[session].get("bytes", 0) + event["bytes"]
        elif event["kind"] == "end" and session in runs:
            run = runs.pop(session)
            run.update(wall=event["wall"], cpu=event["cpu"], how=event["how"])
            (fragments if run["auto"] else full).append(run)      # a timer's, or one a learner asked for
    sent = {(e["session"], e["msg"]): e["t"] for e in events if e["kind"] == "sent"}
    for run in full + fragments:
        if run.get("msg") in sent:
            run["sent"] = sent[run["msg"]]
    cpu: dict[str, float] = {"script runs": sum(r["cpu"] for r in full + fragments)}
    process = 0.0
    for event in events:
        if event["kind"] == "cpu":
            process += event["process"]
            for kind, used in event["used"].items():
                cpu[kind] = cpu.get(kind, 0.0) + used
    cpu["other"] = max(0.0, process - sum(v for k, v in cpu.items() if k != "other"))
    lines = [f"    inside the server ({seconds:.0f} s window):"]
    for name, group in (("runs learners asked for (the clicks)", full), ("the timers' fragment runs", fragments)):
        finished = [r for r in group if not r["how"].endswith("RERUN")]
        lines.append(
            f"      {name}: {len(group)} ({len(group) / seconds:.1f}/s, {len(group) - len(finished)} cut short by "
            f"a rerun); queue wait (asked -> started) {_ms([r['start'] - r['asked'] for r in group if r['asked']])}; "
            f"started -> chart out {_ms([r['chart'] - r['start'] for r in group if 'chart' in r])}; "
            f"run (wall) {_ms([r['wall'] for r in finished])}, its thread's CPU {_ms([r['cpu'] for r in finished])}; "
            f"chart out -> serialised for the socket {_ms([r['sent'] - r['chart'] for r in group if 'sent' in r])}; "
            f"charts {statistics.mean([r['bytes'] for r in group if 'bytes' in r] or [0]) / 1000:.0f} kB a run")
    lines.append(f"      CPU of the server process: {process / seconds:.2f} cores; by thread: "
                 + ", ".join(f"{kind} {used / seconds:.2f}" for kind, used in sorted(cpu.items(), key=lambda kv: -kv[1])))
    return lines


class probed:
    """`with probed() as log:` servers started inside the block carry the probe, logging to `log` (a
    temporary file); the environment is as before after the block (the log stays until deleted)."""

    def __enter__(self) -> Path:
        import tempfile

        self.saved = {k: os.environ.get(k) for k in (LOG_SETTING, "PYTHONPATH")}
        handle, name = tempfile.mkstemp(prefix="rnnviz-probe-", suffix=".jsonl")
        os.close(handle)
        root = str(SITE.parents[1])                  # the repository: `bench` importable in the server
        os.environ[LOG_SETTING] = name
        os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(SITE), root, self.saved["PYTHONPATH"]) if p)
        return Path(name)

    def __exit__(self, *exc) -> None:
        for key, value in self.saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
