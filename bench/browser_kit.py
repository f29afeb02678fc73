"""What the browser benchmarks measure a server with: its process's memory and threads (/proc/<pid>/status:
VmRSS, Threads), a background sampler of those figures, where its CPU goes thread by thread, the machine's
load and steal, and Chromium launched for a benchmark (a missing one ends the run, saying why).

The server, the browser and what is read from the page are the tests' own (testkit/), so benchmarks and
tests drive the same server and browser the same way.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from testkit import chromium
from testkit.app_page import IDLE


def proc_status(pid: int) -> dict:
    """Resident memory (MB) and thread count of process `pid`, from /proc/<pid>/status."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return {"rss_mb": int(fields["VmRSS"].split()[0]) / 1024, "threads": int(fields["Threads"])}


class Sampler:
    """Samples proc_status(pid) every `every` seconds on a daemon thread; `samples` holds
    (seconds since start, rss_mb, threads)."""

    def __init__(self, pid: int, every: float = 0.5):
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, float, int]] = []
        self._stop = threading.Event()
        self._start = time.perf_counter()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                status = proc_status(self.pid)
            except (FileNotFoundError, ProcessLookupError):
                return
            self.samples.append((time.perf_counter() - self._start, status["rss_mb"], status["threads"]))
            self._stop.wait(self.every)

    def peak_rss(self) -> float:
        return max(rss for _, rss, _ in self.samples)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)


def process_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) process `pid` has used so far; 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """The living processes started by `pid`, its children's children, and so on."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    found, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def thread_cpu_seconds(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each thread of process `pid`, by thread id."""
    seconds = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue                                   # the thread ended meanwhile
        fields = stat.rsplit(")", 1)[1].split()         # after "(comm)": state is field 3 of stat
        seconds[int(task.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return seconds


class ThreadCPU:
    """Where a process's CPU goes over a window: polls every thread's CPU time, so threads that start
    and end in between (Streamlit's script runs) are counted too. Python threads carry no OS name here,
    so they are told apart by lifetime: the main thread (Tornado's event loop), threads alive through
    the whole window (the training worker is the busiest of them), and threads that came and went."""

    def __init__(self, pid: int, every: float = 0.05):
        self.pid, self.every = pid, every
        self.first = thread_cpu_seconds(pid)
        self.last = dict(self.first)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.start = time.perf_counter()
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.last.update(thread_cpu_seconds(self.pid))

    def stop(self) -> dict:
        """CPU seconds per second of window: main, worker (busiest long-lived), other long-lived, transient."""
        self._stop.set()
        self._thread.join(5)
        now = thread_cpu_seconds(self.pid)
        self.last.update(now)
        seconds = time.perf_counter() - self.start
        used = {tid: cpu - self.first.get(tid, 0.0) for tid, cpu in self.last.items()}
        lasting = {tid: cpu for tid, cpu in used.items() if tid in self.first and tid in now and tid != self.pid}
        worker = max(lasting, key=lasting.get) if lasting else None
        return {"main": used.get(self.pid, 0.0) / seconds,
                "worker": lasting.get(worker, 0.0) / seconds,
                "other_lasting": (sum(lasting.values()) - lasting.get(worker, 0.0)) / seconds,
                "transient": sum(cpu for tid, cpu in used.items()
                                 if tid != self.pid and tid not in lasting) / seconds,
                "transient_threads": sum(1 for tid in used if tid != self.pid and tid not in lasting)}


def launch_chromium(playwright):
    """Debian's headless Chromium with the browser tests' flags (never a downloaded browser); a benchmark
    without it stops, saying why."""
    if not os.path.exists(chromium.CHROMIUM):
        raise SystemExit(f"Chromium not found at {chromium.CHROMIUM} (apt-get install -y chromium)")
    return chromium.launch_chromium(playwright)


def cpu_ticks() -> list[int]:
    """The machine's CPU time so far by kind (/proc/stat): give two readings to stolen_share()."""
    return [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]


def stolen_share(before: list[int], after: list[int]) -> float:
    """The share of CPU time the virtual machine's host gave to others between two cpu_ticks() readings
    (steal): on a shared host a figure is only comparable beside it."""
    spent = [b - a for a, b in zip(before, after)]
    return spent[7] / sum(spent) if sum(spent) else 0.0


def loadavg() -> str:
    """The 1, 5 and 15-minute load averages (the machine is shared: results are read beside them)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def redraw_rates(log: list, window: float, what: str) -> dict:
    """Steps and redraws per second from a page's log of [ms, step] entries, one per redraw (the first is
    the state when sampling began); RuntimeError if it hardly redrew."""
    changes = log[1:]
    if len(changes) < 2:
        raise RuntimeError(f"{what} changed {len(changes)} times in {window} s: is training running?")
    seconds = (changes[-1][0] - changes[0][0]) / 1000
    return {"steps_per_second": (changes[-1][1] - changes[0][1]) / seconds,
            "refreshes_per_second": (len(changes) - 1) / seconds,
            "largest_gap_s": max(b[0] - a[0] for a, b in zip(changes, changes[1:])) / 1000,
            "last_step": changes[-1][1]}


def start_training_page(browser, url: str, points: str):
    """A 1400x1000 page of the app at `url`, Start pressed, once its loss chart holds a point:
    (context, page). `points` is a JS function returning the points the chart holds."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(url)
    page.wait_for_selector(IDLE)
    page.get_by_role("button", name="Start", exact=True).click()
    page.wait_for_function(f"({points})() > 0", timeout=30_000)
    return context, page
