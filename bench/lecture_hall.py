"""A lecture hall (issue 22): 40 learners on one server, then 40 through nginx in front of two replicas with
one replica stopped mid-run, each in one run.

Learners as in bench/load_test.py: session 0 a timed Chromium page, the others wire sessions
(testkit/wire_session.py), each training sum-sign (rnn or gru, hidden 16, its own seed) at full speed.

  single    one `streamlit run app.py` (its training slots from the machine: rnnviz/live/cpu_slots.py):
            bench/load_test.py's figures for 40 learners: (a) histories equal to solo runs, (b) memory,
            (c) click -> redrawn chart p95, (d) threads back to baseline
  replicas  deploy/replicas.py: two replicas + nginx on loopback, every learner through nginx. Each wire
            learner first loads the page (GET /, which sets its route cookie), then opens its websocket
            with that cookie; the page's browser does the same by itself. Printed: how many learners each
            replica holds and the CPU each used (both carry load), each replica's peak memory, and halfway
            through the timed clicks the replica WITHOUT the timed page is stopped. Its learners reconnect
            as the page's frontend does (the same cookie, a new websocket: nginx sends it to the replica
            that runs), find their experiment ready to start again there, and press Start; printed: how
            long that took and whether their new histories, and every other learner's, equal solo runs,
            and whether any other learner's connection dropped. p95 before and after the stop.

Prints, never asserts. Every wait is bounded. A few minutes per setup on a 2-core machine.

    python -m bench.lecture_hall [--setup both|single|replicas] [--sessions 40] [--steps 1000] [--clicks 30]
"""
from __future__ import annotations

import argparse
import statistics
import threading
import time

import torch

from bench import load_test, server_probe
from bench.browser_kit import Sampler, launch_chromium, loadavg, proc_status, process_cpu_seconds
from bench.learners import CLICK_TIMEOUT, READY_TIMEOUT, BrowserLearner, WireLearner, finished
from bench.load_test import p95, session_params
from deploy.replicas import COOKIE, ReplicaSet
from rnnviz.live.cpu_slots import TRAINING_SLOTS
from testkit.proxy import route_to, served_by, visit
from testkit.solo_run import solo_losses
from testkit.streamlit_server import StreamlitServer, free_port, quiet_thread_count

STAGGER = 0.15             # seconds between opening two sessions
TIMEOUT = 240.0            # seconds the sessions may take to finish after the clicks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--setup", choices=("both", "single", "replicas"), default="both")
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--clicks", type=int, default=30)
    args = parser.parse_args()
    args.clients = "wire"                          # load_test.load's learners: 1 page, the rest over the wire
    torch.set_num_threads(1)
    from playwright.sync_api import sync_playwright

    params = [session_params(i, args.steps) for i in range(args.sessions)]
    start = time.perf_counter()
    expected = [solo_losses(p) for p in params]
    print(f"{args.sessions} learners x {args.steps} steps (1 in Chromium, the others over the wire); solo "
          f"reference runs {time.perf_counter() - start:.1f} s; load average at start: {loadavg()}", flush=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        if args.setup in ("both", "single"):
            single_server(browser, params, expected, args)
        if args.setup in ("both", "replicas"):
            through_proxy(browser, params, expected, args)
        browser.close()


def single_server(browser, params, expected, args) -> None:
    """bench/load_test.py's run, with this many learners (and as long to finish as this bench allows)."""
    load_test.TIMEOUT = TIMEOUT
    with server_probe.probed() as probe:
        server = StreamlitServer("app.py")
    try:
        server.wait_ready()
        sampler = Sampler(server.pid, every=0.5)
        report = load_test.load(browser, server, sampler, params, expected, args, probe)
        sampler.stop()
    finally:
        log = server.output()
        server.stop()
        probe.unlink(missing_ok=True)             # summarised in the report
    print(f"\nONE SERVER ({TRAINING_SLOTS} training slots, from the machine): {log.count('Traceback')} tracebacks "
          f"in its log", flush=True)
    for line in report:
        print(line)


def through_proxy(browser, params, expected, args) -> None:
    replica_set = ReplicaSet(2, port=free_port(), ports=[free_port(), free_port()]).start()
    try:
        samplers = {r.address: Sampler(r.pid, every=0.5) for r in replica_set.replicas}
        report = hall(browser, replica_set, samplers, params, expected, args)
        for sampler in samplers.values():
            sampler.stop()                             # the stopped replica's: a second stop() does nothing
    finally:
        logs = [r.log.read_text(errors="replace") for r in replica_set.replicas]
        replica_set.stop()
    print(f"\nTWO REPLICAS BEHIND NGINX ({replica_set.slots} training slot(s) each): "
          f"{sum(log.count('Traceback') for log in logs)} tracebacks in their logs", flush=True)
    for line in report:
        print(line)


def hall(browser, replica_set, samplers, params, expected, args) -> list[str]:
    """The replicated run; returns its report lines."""
    url, steps = replica_set.url, args.steps
    addresses = [r.address for r in replica_set.replicas]
    survivor, doomed = addresses                 # the timed page's replica, and the one that will stop
    page_route = [{"name": COOKIE, "value": route_to(url, survivor), "url": url}]
    # the survivor's baseline as load_test's (d): one page opened and closed, then a quiet thread count
    first = BrowserLearner(browser, url, params[0], cookies=page_route)
    first.wait_ready()
    first.close()
    baseline = quiet_thread_count(replica_set.replica_at(survivor))[1]
    cpu_before = {r.address: process_cpu_seconds(r.pid) for r in replica_set.replicas}

    started = time.perf_counter()
    timed = BrowserLearner(browser, url, params[0], cookies=page_route)
    sessions, homes, routes = [timed], [survivor], [page_route[0]["value"]]
    for p in params[1:]:
        route, _, _ = visit(url)                               # a first page load: nginx sets the route
        learner = WireLearner(url, p, headers={"Cookie": f"{COOKIE}={route}"})
        sessions.append(learner)
        routes.append(route)
        homes.append(served_by(learner.session))
        time.sleep(STAGGER)
    for session in sessions:
        session.wait_ready()
    all_open = time.perf_counter() - started
    for session in sessions:
        session.press_start()
    held = {a: homes.count(a) for a in addresses}

    # the timed clicks; halfway through, the replica without the timed page stops
    gone = [i for i, home in enumerate(homes) if home == doomed]
    reconnect = Reconnect(url, [sessions[i] for i in gone], [params[i] for i in gone], [routes[i] for i in gone])
    before, after, no_redraw = [], [], 0
    stop_at, cpu_at_stop = None, 0.0
    for k in range(args.clicks):
        if k == args.clicks // 2:
            samplers[doomed].stop()                # its peak so far; /proc loses VmRSS as it exits
            cpu_at_stop = process_cpu_seconds(replica_set.replica_at(doomed).pid)
            stop_at = time.perf_counter()
            replica_set.replica_at(doomed).stop()
            reconnect.start(stop_at)
        measured = timed.toggle_latency()
        if measured is None:
            no_redraw += 1
        (before if stop_at is None else after).append(measured[0] if measured else CLICK_TIMEOUT)
    reconnect.join(READY_TIMEOUT + 30)

    # every learner still held finishes; its history is read from its chart
    current = list(sessions)
    for k, i in enumerate(gone):
        current[i] = reconnect.replacement.get(k)       # None: it never came back
    deadline = time.perf_counter() + TIMEOUT
    pending = set(range(len(current)))
    while pending and time.perf_counter() < deadline:
        pending = {i for i in pending if current[i] is not None and not finished(current[i], steps)}
        time.sleep(0.5)
    stuck = [f"    learner {i} did not finish; its page shows: {current[i].shows()!r}" for i in sorted(pending)]
    losses = [s.train_losses() if s is not None else None for s in current]
    exact = [i for i, got in enumerate(losses) if got == expected[i]]
    prefix = [i for i in sorted(pending) if losses[i] and losses[i] == expected[i][:len(losses[i])]]
    survivors = [i for i in range(len(sessions)) if i not in gone]
    dropped = [i for i in survivors
               if [e for e in sessions[i].noted if e.startswith(("open", "close", "error"))] != ["open"]]
    closed = [i for i in gone if any(e.startswith(("close", "error")) for e in sessions[i].noted)]
    cpu = {a: (cpu_at_stop if a == doomed else process_cpu_seconds(replica_set.replica_at(a).pid)) - cpu_before[a]
           for a in addresses}
    peak = {a: samplers[a].peak_rss() for a in addresses}
    took = time.perf_counter() - started
    for session in [*current, *(sessions[i] for i in gone)]:
        if session is not None:
            session.close()
    _, threads_after = quiet_thread_count(replica_set.replica_at(survivor), at_most=baseline)

    ready = reconnect.ready_after
    def ms(values: list[float]) -> str:
        return f"p50 {1000 * statistics.median(values):.0f} ms, p95 {1000 * p95(values):.0f} ms, max {1000 * max(values):.0f} ms"

    return stuck[:3] + [
        f"learners: all open {all_open:.1f} s, all done {took:.1f} s after the first opened   [load {loadavg()}]",
        f"    learners per replica: " + ", ".join(f"{a} {held[a]}" for a in addresses)
        + "; CPU each used (core-seconds, until it stopped): " + ", ".join(f"{a} {cpu[a]:.0f}" for a in addresses)
        + "; peak memory: " + ", ".join(f"{a} {peak[a]:.0f} MB" for a in addresses),
        f"(a) histories: {len(exact)} of {len(current)} learners' final runs equal a solo run of their config "
        f"exactly ({steps} floats each)"
        + (f"; {len(pending)} NOT finished within {TIMEOUT:.0f} s, {len(prefix)} of them with every loss so far equal "
           f"to the solo run's ({sum(len(losses[i]) for i in prefix)} losses)" if pending else ""),
        f"(c) 'Log y axis' click -> chart redrawn, the timed page on {survivor}: before the stop {ms(before)} "
        f"({len(before)} clicks); after {ms(after)} ({len(after)} clicks)   goal p95 < 1000 ms"
        + (f"; {no_redraw} clicks got no redraw within {CLICK_TIMEOUT:.0f} s (counted as that)" if no_redraw else ""),
        f"(e) {doomed} stopped halfway through the clicks, holding {len(gone)} learners: {len(closed)} saw their "
        f"connection close; {len(ready)} reconnected (the same route cookie) to "
        f"{', '.join(sorted(set(reconnect.landed))) or 'nothing'} and found their experiment ready to start "
        + (f"{statistics.median(ready):.1f} s (median), {max(ready):.1f} s (slowest) after the stop" if ready else "")
        + f"; they pressed Start again and trained there: {sum(1 for i in gone if i in exact)} of {len(gone)} "
        f"histories exact",
        f"    the other replica's {len(survivors)} learners: {len(dropped)} lost their connection"
        f"{f' {dropped}' if dropped else ''}; {sum(1 for i in survivors if i in exact)} histories exact",
        f"(d) threads on {survivor}: baseline {baseline}, after every learner left {threads_after}: "
        f"{'back to baseline' if threads_after <= baseline else 'NOT back to baseline'}",
    ]


class Reconnect(threading.Thread):
    """The stopped replica's learners, as their pages' frontends do: once a learner's websocket has closed,
    a new one with the same route cookie (nginx sends it to the replica that runs); once its Train page is
    ready, Start again. `ready_after`: seconds from the stop to each learner's page being ready again."""

    def __init__(self, url: str, learners: list, params: list[dict], routes: list[str]):
        super().__init__(daemon=True, name="reconnect")
        self.url, self.learners, self.params, self.routes = url, learners, params, routes
        self.replacement: dict[int, WireLearner] = {}
        self.ready_after: list[float] = []
        self.landed: list[str] = []
        self.stop_at = 0.0

    def start(self, stop_at: float) -> None:            # type: ignore[override]
        self.stop_at = stop_at
        super().start()

    def run(self) -> None:
        waiting = dict(enumerate(self.learners))
        deadline = time.perf_counter() + READY_TIMEOUT
        while waiting and time.perf_counter() < deadline:
            for k, learner in list(waiting.items()):
                if any(e.startswith(("close", "error")) for e in learner.noted):
                    self.replacement[k] = WireLearner(self.url, self.params[k],
                                                      headers={"Cookie": f"{COOKIE}={self.routes[k]}"})
                    self.landed.append(served_by(self.replacement[k].session))
                    del waiting[k]
            time.sleep(0.05)
        for k, learner in self.replacement.items():
            try:
                learner.wait_ready()
            except TimeoutError:
                continue
            self.ready_after.append(time.perf_counter() - self.stop_at)
            learner.press_start()


if __name__ == "__main__":
    main()
