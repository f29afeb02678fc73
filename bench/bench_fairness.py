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
  uploaded   a third session uploads the heaviest model the Data page accepts (bench_uploads'
             worst_accepted_upload: an LSTM of 500 inputs, 512 units, 3 layers, both directions) and looks at
             it on Inside and Gradients, then uploads it again as a new file, again and again (each file is
             read, traced and differentiated on the upload's thread; each page run draws them again)
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
import urllib.request

from streamlit.proto.Common_pb2 import UploadedFileInfo
from streamlit.proto.WidgetStates_pb2 import WidgetState

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


def upload_model(session: WireSession, data: bytes, name: str = "heaviest.pt") -> None:
    """What a page's file uploader does with a file: PUT it into the session, then a rerun whose uploader
    state names it. WireSession has no uploader of its own: this reaches into its widget states."""
    with urllib.request.urlopen(f"{session.base_url}/_stcore/health", timeout=30) as response:
        xsrf = next(c.split(";")[0].partition("=")[2] for c in response.headers.get_all("Set-Cookie")
                    if c.startswith("_streamlit_xsrf="))
    boundary, file_id = "rnnviz-bench-boundary", name
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        f"{session.base_url}/_stcore/upload_file/{session.session_id}/{file_id}", data=body, method="PUT",
        headers={"Cookie": f"_streamlit_xsrf={xsrf}", "X-Xsrftoken": xsrf,
                 "Content-Type": f"multipart/form-data; boundary={boundary}"})
    urllib.request.urlopen(request, timeout=60).close()
    set_widget(session, "data.model.file", lambda state: state.file_uploader_state_value.uploaded_file_info.append(
        UploadedFileInfo(file_id=file_id, name=name, size=len(data))))


def set_widget(session: WireSession, key: str, set_value) -> None:
    """Set the state of the widget keyed `key` and rerun, as the frontend does when a learner changes it."""
    with session._changed:
        widget = next(w for w in session._widgets.values() if w.element.id.endswith(f"-{key}"))
        state = WidgetState(id=widget.element.id)
        set_value(state)
        session._states[state.id] = state
        session._rerun(widget.fragment_id)


def open_page(session: WireSession, page: str) -> None:
    """Go to `page` in the same session (its uploaded model kept), as the navigation's link does."""
    with session._changed:
        session.page, session._page_script_hash = page, ""
        session._rerun("")


def heaviest_upload(variant: int) -> bytes:
    """The heaviest model the Data page accepts (as bench_uploads' worst_accepted_upload: zeros, deflated) with
    one bias set to `variant`, so that each is a new file: read, traced and differentiated again (the page
    remembers them per file)."""
    from rnnviz import uploads
    from testkit.state_dicts import deflated, saved, zeros_state

    bounds = uploads.model_bounds()
    state = zeros_state("lstm", bounds["input_size"], bounds["hidden_size"], bounds["num_layers"],
                        bidirectional=True, biases=True)
    state["bias_ih_l0"][0] = variant * 1e-3
    return deflated(saved(state))


def upload_and_inspect(base_url: str, stop: threading.Event, runs: list[float]) -> None:
    """A session uploads the heaviest model on the Data page, then looks at it on Inside and Gradients, and
    again with a new file, until `stop`."""
    session = WireSession(base_url, {"lang": "en"}, page="data")
    try:
        session.wait_until(lambda: session.runs_finished > 0, 120)
        variant = 0
        while not stop.is_set():
            if variant:
                runs.append(timed_run(session, lambda: open_page(session, "data"), timeout=300))
            data, variant = heaviest_upload(variant), variant + 1
            runs.append(timed_run(session, lambda: upload_model(session, data, name=f"heaviest-{variant}.pt"),
                                  timeout=300))
            for page in ("inside", "gradients"):
                runs.append(timed_run(session, lambda: open_page(session, page), timeout=300))
                key = f"{page}.own_model"
                if session.wait_until(lambda: any(w.element.id.endswith(f"-{key}") for w in session._widgets.values()),
                                      30):
                    runs.append(timed_run(session, lambda: set_widget(
                        session, key, lambda state: setattr(state, "bool_value", True)), timeout=300))
    finally:
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
        heavy_session.close()

        stop, runs = threading.Event(), []
        uploader = threading.Thread(target=upload_and_inspect, args=(server.url, stop, runs))
        uploader.start()
        time.sleep(2.0)                         # the upload read and traced
        light_times = clicks(light, args.clicks)
        stop.set()
        uploader.join(300)
        report["uploaded"] = (light_times, runs, os.getloadavg()[0])
        light.close()
    finally:
        server.stop()
    print(f"{'phase':<11} {'light median':>12} {'light p95':>10} {'heavy page runs (median)':>31} {'load':>5}")
    for phase, (light_times, heavy_times, load) in report.items():
        heavy_text = (f"{statistics.median(heavy_times):.2f} s ({len(heavy_times)}, max {max(heavy_times):.1f})"
                      if heavy_times else "-")
        print(f"{phase:<11} {statistics.median(light_times):>10.2f} s {p95(light_times):>8.2f} s "
              f"{heavy_text:>31} {load:>5.1f}")
    print("goal: light p95 < 1 s in every phase (server side: until the page's run has finished)")


if __name__ == "__main__":
    main()
