"""Big uploads: reading a learner's file against bare pandas / Python doing the least the same job needs.

Three cases at the upload limit: a CSV of a million numbers (rnnviz.uploads.read_table + series_from_table
vs pandas.read_csv alone), a million dated rows in reverse order (series_from_table with its date column vs
pandas.to_datetime + a sort), and 10 MB of ASCII text (text_from_bytes + own_task vs decoding it and numpy's
vocabulary and character ids of the characters kept). Each side runs REPEATS times, in turn; the medians are
compared, so a busy machine slows both alike. Goal: every case well under a second (no per-row Python loop).
Prints, never asserts (tests/test_uploads.py checks what the results hold).

    python -m bench.bench_uploads
"""
from __future__ import annotations

import io
import statistics
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


def main() -> None:
    print(f"big uploads, median of {REPEATS} runs of each side, taken in turn:")
    print(f"{'case':34} {'rnnviz s':>9} {'bare s':>8} {'ratio':>7}")
    for name, ours, bare in cases():
        ours_s, bare_s = medians(ours, bare)
        print(f"{name:34} {ours_s:9.3f} {bare_s:8.3f} {ours_s / bare_s:7.1f}")
    print("goal: each case < 1 s (the tests once asserted < 3 s and < 5 s wall time)")


if __name__ == "__main__":
    main()
