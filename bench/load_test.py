"""Concurrent sessions against one server (issue 7): 20 learners, each training their own experiment.

One `streamlit run app.py` on loopback. Session i opens
    /?task=sum-sign&cell={rnn,gru}&hidden_size=16&steps=1000&seed=i&lang=en
(with a small stagger) and presses Start. The learners (bench/learners.py) are, with --clients
  wire     (the default) session 0 in headless Chromium, the one whose clicks are timed, and sessions
           1.. over the websocket alone (testkit/wire_session.py): they ask the server for exactly what a
           browser's page asks (the same runs, widget states, fragment reruns at the pace the server
           sets) and draw nothing. This is the deployment: a classroom's learners draw their pages on
           their own computers, not on the server's cores.
  browser  every session a Chromium browser context: the worst case of a rig where the learners' 20
           renderers share the server's 2 cores (they took ~1.5 of them), comparable with earlier figures.
Measured, printed (never asserted):

  (a) no cross-talk: each session's whole train-loss history, read from its loss chart once it has
      finished (from the figure the browser drew, or the chart's spec the server sent over the wire),
      compared EXACTLY (float equality) with a solo in-process run of the same config
      (Experiment.build(config); trainer.run(steps); torch.set_num_threads(1))
  (b) the server's resident memory (VmRSS of the streamlit process, sampled every 0.5 s): baseline,
      peak, after the sessions closed
  (c) latency of a page interaction under load: click "Log y axis" in a browser session (rotating
      through them) and time until its chart's yaxis.type has changed                  goal p95 < 1 s
      Where the time went is split in the page itself (its websocket is watched): the browser until it
      sent the request, the server until the new figure arrived, the browser until it was drawn.
  (d) workers end with their sessions: the server's thread count after all sessions close returns to
      the baseline. Baseline = the count after ONE browser session opened and closed: a first session
      makes Streamlit start threads it keeps (an executor), so the count before any connection
      is lower than a steady server's. Starlette serves the app's static files from AnyIO's thread pool,
      which grows with concurrent downloads (each new browser context fetches every script) and retires
      a thread only after 10 s idle, and only when it is next asked for one. So both counts are taken
      the same way (testkit/streamlit_server.py's quiet_thread_count): once the pool's threads have idled
      10.5 s and a closed session's worker has outlived its grace period, one plain GET of the page
      (which retires the idle pool threads), then a quiet count.

Every wait is bounded; the script stops by itself. On this 2-core machine it takes a few minutes.

    python -m bench.load_test [--clients wire|browser] [--sessions 20] [--steps 1000] [--clicks 30]
                              [--streamlit-flags "..."]
"""
from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import torch

from bench.browser_kit import (Sampler, cpu_ticks, descendants, launch_chromium, loadavg, proc_status,
                               process_cpu_seconds, stolen_share)
from bench import server_probe
from bench.learners import CLICK_TIMEOUT, BrowserLearner, WireLearner, finished
from testkit.solo_run import solo_losses
from testkit.streamlit_server import StreamlitServer, quiet_thread_count

STAGGER = 0.3              # seconds between opening two sessions
TIMEOUT = 120.0            # seconds the sessions may take to finish after the latency phase
CLICKING_BUDGET = 90.0     # seconds the latency phase may take in all


def session_params(i: int, steps: int) -> dict[str, str]:
    return {"task": "sum-sign", "cell": "rnn" if i % 2 == 0 else "gru", "hidden_size": "16",
            "steps": str(steps), "seed": str(i), "lang": "en", "pace": "max"}    # the heaviest load: full speed


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", choices=("wire", "browser"), default="wire",
                        help="wire: one timed Chromium page, the other sessions over the websocket alone (the "
                             "deployment); browser: every session in Chromium (renderers share the server's cores)")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--steps", type=int, default=1000, help="sum-sign's own recommendation; they train through the clicks")
    parser.add_argument("--clicks", type=int, default=30, help="latency samples taken during the load")
    parser.add_argument("--streamlit-flags", default="", help="extra `streamlit run` flags, to try a setting")
    args = parser.parse_args()
    torch.set_num_threads(1)
    from playwright.sync_api import sync_playwright

    clients = "1 in Chromium, the others over the wire" if args.clients == "wire" else "all in Chromium"
    print(f"{args.sessions} sessions x {args.steps} steps ({clients}); load average at start: {loadavg()}")
    params = [session_params(i, args.steps) for i in range(args.sessions)]
    start = time.perf_counter()
    expected = [solo_losses(p) for p in params]
    print(f"solo reference runs: {time.perf_counter() - start:.1f} s")

    with server_probe.probed() as probe:
        server = StreamlitServer("app.py", *args.streamlit_flags.split())
    try:
        server.wait_ready()
        sampler = Sampler(server.pid, every=0.5)
        before_any = proc_status(server.pid)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            report = load(browser, server, sampler, params, expected, args, probe)
            browser.close()
        sampler.stop()
    finally:
        log = server.output()
        server.stop()
        probe.unlink(missing_ok=True)             # summarised in the report
    print(f"    threads before any session: {before_any['threads']} (RSS {before_any['rss_mb']:.0f} MB)")
    print(f"    server log: {log.count('Traceback')} tracebacks")
    for line in report:
        print(line)


def load(browser, server, sampler, params, expected, args, probe: Path | None = None) -> list[str]:
    """Runs the sessions; returns the report lines (printed after the server stopped). `probe`: the log of
    bench/server_probe.py in the server, if it carries one: where the clicks' time went inside it."""
    pid, steps = server.pid, args.steps
    # (d) baseline: one session opened and closed, then a quiet thread count
    first = BrowserLearner(browser, server.url, params[0])
    first.wait_ready()
    first.close()
    _, baseline_threads = quiet_thread_count(server)
    baseline_rss = proc_status(pid)["rss_mb"]
    cpu_before = cpu_split(pid)

    # open every session; once all are drawn, press Start in each, so that they train together
    started = time.perf_counter()
    sessions = []
    for i, p in enumerate(params):
        in_browser = args.clients == "browser" or i == 0
        sessions.append(BrowserLearner(browser, server.url, p) if in_browser else WireLearner(server.url, p))
        time.sleep(STAGGER)
    for session in sessions:
        session.wait_ready()
    all_open = time.perf_counter() - started
    ticks = cpu_ticks()
    for session in sessions:
        session.press_start()
    all_started = time.perf_counter() - started
    threads_training = proc_status(pid)["threads"]

    # (c) interaction latency while they train, rotating through the browser sessions
    def training_now() -> int:
        """Sessions whose page does not say Finished yet (the page may lag the worker a little)."""
        return sum("Finished" not in session.progress_text() for session in sessions)

    timed = [session for session in sessions if isinstance(session, BrowserLearner)]
    latencies, driven, timeline, split, no_redraw = [], [], [], [], 0
    slowest = (0.0, [0.0, 0.0, 0.0])    # the slowest redrawn click and its split
    training_at = [training_now()]
    clicking, clicking_wall = time.perf_counter(), time.time()
    for k in range(args.clicks):
        if time.perf_counter() - clicking > CLICKING_BUDGET:
            break
        clicked_at = time.perf_counter() - clicking
        measured = timed[(k * 7) % len(timed)].toggle_latency()   # 7 is coprime with 20
        if measured is None:
            no_redraw += 1
            measured = (CLICK_TIMEOUT, CLICK_TIMEOUT, None)
        latencies.append(measured[0])
        driven.append(measured[1])
        if measured[2]:
            split.append(measured[2])
            slowest = max(slowest, (measured[0], measured[2]))
        timeline.append(f"{clicked_at:.0f}s:{1000 * measured[0]:.0f}")
    clicks_took = time.perf_counter() - clicking
    inside = server_probe.summarise(probe, clicking_wall, time.time()) if probe else []
    training_at.append(training_now())

    # (a) wait for every session to finish, then read its whole history from its chart
    deadline = time.perf_counter() + TIMEOUT
    pending = set(range(len(sessions)))
    while pending and time.perf_counter() < deadline:
        pending = {i for i in pending if not finished(sessions[i], steps)}
        time.sleep(0.5)
    all_finished = time.perf_counter() - started
    stolen = stolen_share(ticks, cpu_ticks())
    cpu = {k: (v - cpu_before[k]) / all_finished for k, v in cpu_split(pid).items()}
    exact, prefix, different, prefix_losses = [], [], [], 0
    for i, session in enumerate(sessions):
        losses = session.train_losses()
        if losses == expected[i]:
            exact.append(i)
        elif i in pending and losses == expected[i][:len(losses)]:
            prefix.append(i)            # not finished, but every loss so far is the solo run's
            prefix_losses += len(losses)
        else:
            different.append(i)
    stuck = [f"    session {i} did not finish; its page shows: {sessions[i].shows()!r}" for i in sorted(pending)]
    sockets = [session.noted for session in sessions]
    dropped = [i for i, noted in enumerate(sockets)
               if [e for e in noted if e.startswith(("open", "close", "error"))] != ["open"]]
    broken = [i for i, noted in enumerate(sockets) if any(e.startswith(("pageerror", "crash")) for e in noted)]
    for i in sorted(set(dropped) | set(broken)):
        print(f"    session {i} noted: {sockets[i][:12]}")
    rss_finished = proc_status(pid)["rss_mb"]
    peak_rss = sampler.peak_rss()

    # (d) close every session: the workers must end, the thread count come back to the baseline
    for session in sessions:
        session.close()
    threads_idle_pool, threads_after = quiet_thread_count(server, at_most=baseline_threads)
    rss_after = proc_status(pid)["rss_mb"]

    ms = [1000 * v for v in latencies]
    unfinished = f" (NOT finished within {TIMEOUT:.0f} s: {len(pending)})" if pending else ""
    return stuck[:3] + [
        f"sessions: all open {all_open:.1f} s, all started {all_started:.1f} s, all finished "
        f"{all_finished:.1f} s after the first opened{unfinished}   [load {loadavg()}; CPU time the VM's host "
        f"took for others meanwhile: {100 * stolen:.0f}%]",
        f"    CPU meanwhile, in cores: server process {cpu['server']:.2f}, browser (Playwright + Chromium) "
        f"{cpu['browser']:.2f}, this script (wire sessions, Playwright's client) {cpu['script']:.2f}; "
        f"sessions whose websocket closed or reopened before the end: "
        f"{len(dropped)}{f' {dropped}' if dropped else ''}; pages that threw or crashed: "
        f"{len(broken)}{f' {broken}' if broken else ''}",
        f"(a) no cross-talk: {len(exact)} of {len(sessions)} sessions finished with a loss history equal to a solo "
        f"run of their config exactly ({steps} floats each)"
        + (f"; {len(prefix)} unfinished, the {prefix_losses} losses their charts showed so far equal to the solo "
           f"runs' first ones" if prefix else "")
        + (f"; DIFFERENT: sessions {different}" if different else ""),
        f"(b) server RSS: baseline {baseline_rss:.0f} MB (one session opened and closed), peak {peak_rss:.0f} MB, "
        f"all finished {rss_finished:.0f} MB, after the sessions closed {rss_after:.0f} MB",
        f"(c) 'Log y axis' click -> chart redrawn: {len(ms)} clicks in {clicks_took:.1f} s, sessions training (as "
        f"their pages said) {training_at[0]} at the first click, {training_at[1]} after the last; p50 "
        f"{statistics.median(ms):.0f} ms, p95 {p95(ms):.0f} ms, max {max(ms):.0f} ms   goal p95 < 1000 ms"
        + (f"; {no_redraw} clicks got no redraw within {CLICK_TIMEOUT:.0f} s (counted as {CLICK_TIMEOUT:.0f} s)"
           if no_redraw else "")
        + f"   (as Playwright drove it, click included: p95 {1000 * p95(driven):.0f} ms)",
        f"    each click, as seconds into the clicking phase:ms: {' '.join(timeline)}",
        "    where a redrawn click's time went (p50 / p95 ms): "
        + " · ".join(f"{name} {1000 * statistics.median(v):.0f} / {1000 * p95(v):.0f}" for name, v in
                     zip(("the browser until it sent the request", "the server (and loopback) until the new "
                          "figure arrived", "the browser until it was drawn"), zip(*split)))
        + f"; the slowest click's: {' / '.join(f'{1000 * v:.0f}' for v in slowest[1])}"
        if split else "    no click was redrawn",
        *inside,
        f"(d) threads: baseline {baseline_threads}, {threads_training} while {len(sessions)} sessions trained; "
        f"once they could have ended {threads_idle_pool} (idle AnyIO pool threads included), then "
        f"{threads_after}: {'back to baseline' if threads_after <= baseline_threads else 'NOT back to baseline'}",
    ]


def cpu_split(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the server process, by the browser (this script's other children), and
    by this script itself."""
    browser = sum(process_cpu_seconds(p) for p in descendants(os.getpid()) if p != server_pid)
    return {"server": process_cpu_seconds(server_pid), "browser": browser, "script": process_cpu_seconds(os.getpid())}


if __name__ == "__main__":
    main()
