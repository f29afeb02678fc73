"""Big uploads: reading a learner's file against bare pandas / Python doing the least the same job needs.

Three cases at the upload limit: a CSV of a million numbers (rnnviz.uploads.read_table + series_from_table
vs pandas.read_csv alone), a million dated rows in reverse order (series_from_table with its date column vs
pandas.to_datetime + a sort), and 10 MB of ASCII text (text_from_bytes + own_task vs decoding it and numpy's
vocabulary and character ids of the characters kept). Each side runs REPEATS times, in turn; the medians are
compared, so a busy machine slows both alike. Goal: every case well under a second (no per-row Python loop).

Then the class's side (issue 24): another session's training steps per second while the heaviest model the
dashboard accepts is inspected over and over (an LSTM of 500 inputs, 512 units, 3 layers, both directions:
read, traced, differentiated and drawn on 200 steps, as the Data page does), against that session alone,
in one process as on the server. Goal: >= 0.8 of its solo rate.
Prints, never asserts (tests/test_uploads*.py check what the results hold; tests/reliability/
test_sigterm_during_upload.py that the server still stops on SIGTERM during such work).

    python -m bench.bench_uploads
"""
from __future__ import annotations

import io
import os
import statistics
import threading
import time

import numpy as np
import pandas as pd

from rnnviz import uploads
from rnnviz.tasks.custom import own_task

REPEATS = 5


def seconds(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def medians(ours, bare) -> tuple[float, float]:
    """Median seconds of each side over REPEATS runs, taken in turn."""
    runs = [(seconds(ours), seconds(bare)) for _ in range(REPEATS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def cases():
    """(name, rnnviz's work, the bare baseline's work) at the upload limit."""
    rng = np.random.default_rng(1)
    numbers = ("v\n" + "\n".join(f"{x:.3f}" for x in rng.normal(size=10**6)) + "\n").encode()

    def read_numbers():
        table = uploads.read_table(numbers)
        uploads.series_from_table(table, uploads.numeric_columns(table)[0])

    dated = pd.DataFrame({"d": pd.date_range("2000-01-01", periods=10**6, freq="min").strftime("%Y-%m-%d %H:%M"),
                          "v": rng.normal(size=10**6)})[::-1]
    line = "En un lugar de la Mancha, de cuyo nombre no quiero acordarme.\n"
    text = (line * (uploads.MAX_UPLOAD_BYTES // len(line) + 1))[:uploads.MAX_UPLOAD_BYTES].encode()
    return [
        ("a million numbers (CSV)", read_numbers, lambda: pd.read_csv(io.BytesIO(numbers))),
        ("a million dated rows, reversed", lambda: uploads.series_from_table(dated, "v", "d"),
         lambda: dated.assign(d=pd.to_datetime(dated["d"])).sort_values("d")),
        ("10 MB of text", lambda: own_task(uploads.text_from_bytes(text, name="big.txt"), seq_len=64),
         lambda: np.unique(np.frombuffer(text.decode()[:uploads.MAX_TEXT_CHARS].encode(), dtype=np.uint8),
                           return_inverse=True)),
    ]


TRAIN_SECONDS = 8.0     # each window over which the other session's steps are counted


def worst_accepted_upload() -> bytes:
    """The heaviest model the bounds accept, zeros deflated (the compute of the largest, a 70 kB file)."""
    import zipfile

    import torch
    from torch import nn

    bounds = uploads.model_bounds()
    with torch.device("meta"):
        shapes = nn.LSTM(bounds["input_size"], bounds["hidden_size"], bounds["num_layers"],
                         bidirectional=True).state_dict()
    saved, packed = io.BytesIO(), io.BytesIO()
    torch.save({key: torch.zeros(value.shape) for key, value in shapes.items()}, saved)
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            archive.writestr(entry.filename, source.read(entry.filename))
    return packed.getvalue()


def inspect(data: bytes) -> None:
    """What the Data page computes for an uploaded model, all of it (it remembers each piece per upload),
    at the priority the page computes it (rnnviz.ui.uploads: that of a training thread)."""
    with uploads.at_training_priority():
        _inspect(data)


def _inspect(data: bytes) -> None:
    from rnnviz.figures.animation import states_animation_figure
    from rnnviz.gradients import hidden_grad_norms
    from rnnviz.inside import fit_units, layer_states
    from rnnviz.tracing import trace

    own = uploads.own_model(data, name="worst.pt")
    x = uploads.own_model_inputs(own.shape.input_size, steps=uploads.MAX_INPUT_STEPS)      # (1, 200, 500)
    states = layer_states(trace(own.rnn, x), 0, 0)
    units = fit_units(list(range(32)), x.shape[1], len(states.panels()))
    states_animation_figure(states, units=units, inputs=x[0, :, :8].numpy()).to_json()
    hidden_grad_norms(own.rnn, x, uploads.last_state_energy)


def steps_per_second(worker, seconds: float) -> float:
    start_step, start = worker.snapshot().step, time.perf_counter()
    time.sleep(seconds)
    return (worker.snapshot().step - start_step) / (time.perf_counter() - start)


def class_side() -> None:
    """Another session's training rate alone, then while the worst upload is inspected in a loop."""
    import torch

    from rnnviz.config import ExperimentConfig
    from rnnviz.experiment import Experiment
    from rnnviz.live.speed import FULL_SPEED
    from rnnviz.live.worker import TrainingWorker

    torch.set_num_threads(1)                     # as the server sets it (rnnviz/ui/warm_up.py)
    data = worst_accepted_upload()
    inspect(data)                                # warm: the first run pays for imports
    worker = TrainingWorker(Experiment.build(ExperimentConfig.for_task("sum-sign", steps=100_000)), pace=FULL_SPEED)
    worker.start()
    try:
        time.sleep(1.0)                          # past the first steps' warm-up
        solo = steps_per_second(worker, TRAIN_SECONDS)
        done, inspections = threading.Event(), []

        def inspecting() -> None:
            while not done.is_set():
                start = time.perf_counter()
                inspect(data)
                inspections.append(time.perf_counter() - start)
        inspector = threading.Thread(target=inspecting, daemon=True)
        inspector.start()
        shared = steps_per_second(worker, TRAIN_SECONDS)
        done.set()
        inspector.join()
        alone_again = steps_per_second(worker, TRAIN_SECONDS)
    finally:
        worker.stop()
    print(f"\nanother session training while the worst accepted upload is inspected ({len(data) / 1e3:.0f} kB, "
          f"{len(inspections)} inspections of median {statistics.median(inspections):.2f} s):")
    print(f"  steps/s alone {solo:.0f}, during the inspections {shared:.0f}, alone again {alone_again:.0f}")
    print(f"  ratio {shared / solo:.2f} of alone before, {shared / alone_again:.2f} of alone after (goal >= 0.8); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def main() -> None:
    print(f"big uploads, median of {REPEATS} runs of each side, taken in turn:")
    print(f"{'case':34} {'rnnviz s':>9} {'bare s':>8} {'ratio':>7}")
    for name, ours, bare in cases():
        ours_s, bare_s = medians(ours, bare)
        print(f"{name:34} {ours_s:9.3f} {bare_s:8.3f} {ours_s / bare_s:7.1f}")
    print("goal: each case < 1 s (the tests once asserted < 3 s and < 5 s wall time)")
    class_side()


if __name__ == "__main__":
    main()
