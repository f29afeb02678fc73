"""Fairness (issue 23): does one session's heavy, allowed experiment make another learner's page slow?

One `streamlit run app.py` on loopback and two sessions driven over the websocket (testkit/wire_session.py):
  light  the Train page of the default experiment; a click is "One step", timed from the request until the
         server has finished the page's run (what the browser then draws is not counted)
  heavy  the adding problem's LSTM, 2 layers, batch 256, 200 steps, with the largest hidden size the session
         budget allows (rnnviz/cost.py): the heaviest training an allowed experiment asks of a step
Three phases, the light session clicking `--clicks` times in each:
  idle       the heavy session only open
  training   the heavy session training at full pace (its steps take the training slots, rnnviz/live/cpu_slots.py)
  inspecting the heavy session's model looked at on the Gradients and Inside pages, again and again (their
             probe, attribution and traces run on its script thread, not in a slot)
Printed, never asserted: the light session's click latency (median, p95) beside the heavy session's own
page-run times in the same phase, and the machine's load average (a busy box says nothing of a quiet one).
Goal: the light p95 under 1 s in every phase.

    python -m bench.bench_fairness [--clicks 20]
"""
from __future__ import annotations

import argparse
import os
import statistics
import threading
import time

from rnnviz import cost
from rnnviz.config import ExperimentConfig, to_query_params
from testkit.streamlit_server import StreamlitServer
from testkit.wire_session import WireSession

LIGHT = {"task": "sum-sign", "hidden_size": "16", "steps": "100000", "lang": "en"}


def heavy_config() -> ExperimentConfig:
    knobs = dict(task="adding", cell="lstm", layers=2, batch_size=256, hidden_size=512,
                 task_params={"seq_len": 200}, steps=100_000)
    with cost.deferred():
        config = ExperimentConfig(**knobs)
    lowered = {way.knob: way.to for way in cost.lowerings(config, cost.budget_bytes())}
    return ExperimentConfig(**{**knobs, "hidden_size": lowered.get("hidden_size", 512)})


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed_run(session: WireSession, act, timeout: float = 60.0) -> float:
    """Seconds from `act()` until the session's next run has finished."""
    before = session.runs_finished
    start = time.perf_counter()
    act()
    if not session.wait_until(lambda: session.runs_finished > before, timeout):
        return float("inf")
    return time.perf_counter() - start


def clicks(light: WireSession, count: int) -> list[float]:
    times = []
    for _ in range(count):
        light.wait_until(lambda: light.has_button("One step"), 30)
        times.append(timed_run(light, lambda: light.press("One step")))
        time.sleep(0.3)                     # a learner's pace between clicks
    return times


def inspect_again_and_again(base_url: str, params: dict, stop: threading.Event, runs: list[float]) -> None:
    """The heavy session's model on the Gradients and Inside pages, reopened until `stop`."""
    while not stop.is_set():
        for page in ("gradients", "inside"):
            start = time.perf_counter()
            session = WireSession(base_url, params, page=page)
            if session.wait_until(lambda: session.runs_finished > 0, 120):
                runs.append(time.perf_counter() - start)
            session.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=20)
    args = parser.parse_args()
    heavy = heavy_config()
    heavy_params = {**to_query_params(heavy), "lang": "en", "pace": "max"}
    print(f"heavy: {heavy}\n  counted {cost.experiment_cost(heavy).peak / 2**20:.0f} MB of a "
          f"{cost.budget_bytes() / 2**20:.0f} MB budget")
    server = StreamlitServer()
    server.wait_ready(120)
    report = {}
    try:
        light = WireSession(server.url, LIGHT, page="train")
        light.wait_until(lambda: light.has_button("One step"), 120)
        heavy_session = WireSession(server.url, heavy_params, page="train")
        heavy_session.wait_until(lambda: heavy_session.has_button("Start"), 120)
        load = os.getloadavg()[0]
        report["idle"] = (clicks(light, args.clicks), [], load)

        heavy_times = [timed_run(heavy_session, lambda: heavy_session.press("Start"))]
        heavy_session.wait_until(lambda: "Step" in heavy_session.progress_text
                                 and not heavy_session.progress_text.startswith("Step 0 "), 120)
        report["training"] = (clicks(light, args.clicks), heavy_times, os.getloadavg()[0])
        heavy_session.wait_until(lambda: heavy_session.has_button("Pause"), 30)
        heavy_session.press("Pause")

        stop, runs = threading.Event(), []
        inspector = threading.Thread(target=inspect_again_and_again, args=(server.url, heavy_params, stop, runs))
        inspector.start()
        time.sleep(2.0)                         # the first page of the heavy model under way
        light_times = clicks(light, args.clicks)
        stop.set()
        inspector.join(300)
        report["inspecting"] = (light_times, runs, os.getloadavg()[0])
        light.close()
        heavy_session.close()
    finally:
        server.stop()
    print(f"{'phase':<11} {'light median':>12} {'light p95':>10} {'heavy page runs (median)':>25} {'load':>5}")
    for phase, (light_times, heavy_times, load) in report.items():
        heavy_text = f"{statistics.median(heavy_times):.2f} s ({len(heavy_times)})" if heavy_times else "-"
        print(f"{phase:<11} {statistics.median(light_times):>10.2f} s {p95(light_times):>8.2f} s "
              f"{heavy_text:>25} {load:>5.1f}")
    print("goal: light p95 < 1 s in every phase (server side: until the page's run has finished)")


if __name__ == "__main__":
    main()
