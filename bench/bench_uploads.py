"""Big uploads: reading a learner's file against bare pandas / Python doing the least the same job needs.

Three cases at the upload limit: a CSV of a million numbers (rnnviz.uploads.read_table + series_from_table
vs pandas.read_csv alone), a million dated rows in reverse order (series_from_table with its date column vs
pandas.to_datetime + a sort), and 10 MB of ASCII text (text_from_bytes + own_task vs decoding it and numpy's
vocabulary and character ids of the characters kept). Each side runs REPEATS times, in turn; the medians are
compared, so a busy machine slows both alike. Goal: every case well under a second (no per-row Python loop).

Then the class's side (issue 24): another session's training steps per second while the heaviest model the
dashboard accepts is inspected over and over (an LSTM of 500 inputs, 512 units, 3 layers, both directions:
read, traced, differentiated and drawn on 200 steps, as the Data page does: as upload work, in chunks, on a
thread of its own, rnnviz/live/upload_work.py; then the figure serialized on the caller's thread as
st.plotly_chart does), against that session alone, in one process as on the server. Each inspection takes
new inputs (a new seed), so nothing is remembered between them: a learner changing the seed over and over.
Goal: >= 0.8 of its solo rate. tests/test_uploads_work.py checks the mechanism without timing it.
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


TRAIN_SECONDS = 3.0     # each window over which the other session's steps are counted


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


def inspect(data: bytes, seed: int = 0, here: bool = False, session=None) -> None:
    """What the Data page computes for an uploaded model, all of it, as the page does (rnnviz.ui.uploads):
    each piece as upload work, the figure serialized on this thread. here=True: every piece on this thread."""
    from rnnviz.figures.animation import states_animation_figure
    from rnnviz.gradients import hidden_grad_norms
    from rnnviz.inside import fit_units, layer_states
    from rnnviz.live.upload_work import chunked
    from rnnviz.live.upload_work import run as as_upload_work
    from rnnviz.tracing import trace

    def run(work):
        return uploads.finished(work) if here else as_upload_work(work, session)

    own = run(uploads.own_model_work(data, name="worst.pt"))
    x = uploads.own_model_inputs(own.shape.input_size, steps=uploads.MAX_INPUT_STEPS, seed=seed)   # (1, 200, 500)
    states = layer_states(run(chunked(trace, own.rnn, x)), 0, 0)
    units = fit_units(list(range(32)), x.shape[1], len(states.panels()))
    run(chunked(states_animation_figure, states, units=units, inputs=x[0, :, :8].numpy())).to_json()
    run(chunked(hidden_grad_norms, own.rnn, x, uploads.last_state_energy))


def profile(data: bytes) -> None:
    """Where one inspection spends its time (cProfile, alone: no one trains, so no rests)."""
    import cProfile
    import pstats

    inspect(data, here=True)                  # warm: the first run pays for imports
    profiler = cProfile.Profile()
    profiler.enable()
    inspect(data, seed=1, here=True)          # cProfile sees the thread it runs on only
    profiler.disable()
    print("\nwhere one inspection of the worst accepted upload spends its time (cProfile, the top of it):")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"rnnviz/(uploads|tracing|gradients|figures)", 8)


def steps_per_second(worker, seconds: float) -> float:
    start_step, start = worker.snapshot().step, time.perf_counter()
    time.sleep(seconds)
    return (worker.snapshot().step - start_step) / (time.perf_counter() - start)


ROUNDS = 6              # windows shared and alone, in turn: a shared machine's load drifts between windows


def class_side() -> None:
    """class_side_with() as the server runs upload work, then with no rests (upload work may take all the
    time), for comparison in the same run."""
    from rnnviz.live import upload_work

    share = upload_work.SHARE
    for upload_work.SHARE in (share, 1.0):
        print(f"\nupload work taking at most {upload_work.SHARE:.0%} of the time while anyone trains:")
        class_side_with()
    upload_work.SHARE = share


def class_side_with() -> None:
    """Another session's training rate alone, then while the worst upload is inspected over and over, in
    turn ROUNDS times; each shared window is compared with the mean of the windows alone on either side.
    Between shared windows the inspection is paused, not restarted (the bench holds the one upload turn,
    which it takes once the chunk under way and its rest are done), so the windows see all its chunks."""
    from rnnviz.config import ExperimentConfig
    from rnnviz.experiment import Experiment
    from rnnviz.live import upload_work
    from rnnviz.live.session_watch import SessionWatch
    from rnnviz.live.speed import FULL_SPEED
    from rnnviz.live.upload_work import SessionEnded
    from rnnviz.live.worker import TrainingWorker

    data = worst_accepted_upload()
    inspect(data)                                # warm: the first run pays for imports
    alone = [seconds(lambda: inspect(data)) for _ in range(3)]
    worker = TrainingWorker(Experiment.build(ExperimentConfig.for_task("sum-sign", steps=100_000)), pace=FULL_SPEED)
    worker.start()
    solo, shared, inspections, done = [], [], [], threading.Event()
    watch = SessionWatch(lambda: not done.is_set(), grace_seconds=0.0, check_every=0.0)   # ends it as a closed tab

    def inspecting() -> None:
        while True:
            start = time.perf_counter()
            try:
                inspect(data, seed=len(inspections) + 1, session=watch)     # new inputs: nothing remembered
            except SessionEnded:
                return
            inspections.append(time.perf_counter() - start)

    inspector = threading.Thread(target=inspecting, daemon=True)
    try:
        time.sleep(1.0)                          # past the first steps' warm-up
        solo.append(steps_per_second(worker, TRAIN_SECONDS))
        inspector.start()
        for _ in range(ROUNDS):
            shared.append(steps_per_second(worker, TRAIN_SECONDS))
            with upload_work.UPLOAD_TURN.held():         # the inspection waits at its next chunk
                solo.append(steps_per_second(worker, TRAIN_SECONDS))
    finally:
        done.set()
        inspector.join()
        worker.stop()
    ratios = [rate / ((before + after) / 2) for rate, before, after in zip(shared, solo, solo[1:])]
    took = f"median {statistics.median(inspections):.1f} s" if inspections else "none finished"
    print(f"another session training while the worst accepted upload is inspected ({len(data) / 1e3:.0f} kB; "
          f"{len(inspections)} inspections done, {took} with pauses; {statistics.median(alone):.2f} s when no "
          f"one trains):")
    print(f"  steps/s alone {', '.join(f'{r:.0f}' for r in solo)}; during the inspections "
          f"{', '.join(f'{r:.0f}' for r in shared)}")
    print(f"  ratio to the windows alone around it: {', '.join(f'{r:.2f}' for r in ratios)}, median "
          f"{statistics.median(ratios):.2f} (goal >= 0.8); load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")


def main() -> None:
    import torch

    torch.set_num_threads(1)                     # as the server sets it (rnnviz/ui/warm_up.py)
    print(f"big uploads, median of {REPEATS} runs of each side, taken in turn:")
    print(f"{'case':34} {'rnnviz s':>9} {'bare s':>8} {'ratio':>7}")
    for name, ours, bare in cases():
        ours_s, bare_s = medians(ours, bare)
        print(f"{name:34} {ours_s:9.3f} {bare_s:8.3f} {ours_s / bare_s:7.1f}")
    print("goal: each case < 1 s (the tests once asserted < 3 s and < 5 s wall time)")
    profile(worst_accepted_upload())
    class_side()


if __name__ == "__main__":
    main()
