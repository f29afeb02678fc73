"""Fewer points, the same picture: min-max decimation of a long curve for drawing.

A chart ~1000 pixels wide cannot show 100 000 points, but sending them costs the server JSON work and the
browser a redraw on every refresh of a live chart. Splitting the curve into equal buckets and keeping each
bucket's lowest and highest point (in their order) draws the same envelope at screen resolution: every
spike survives, and every point kept is a real, exact point of the curve.
"""
from __future__ import annotations

import numpy as np

SCREEN_POINTS = 2000    # points per curve a live chart draws: the same picture, a light refresh


def minmax_indices(y, max_points: int) -> np.ndarray:
    """Sorted indices of at most `max_points` points of `y` (plus the first and last) that keep, in each of
    max_points // 2 equal buckets, the minimum and the maximum. All indices when y is short enough."""
    y = np.asarray(y, dtype=np.float64)
    n = len(y)
    if max_points < 4:
        raise ValueError(f"max_points must be at least 4, got {max_points}")
    if n <= max_points:
        return np.arange(n)
    size = -(-n // (max_points // 2))                     # bucket length, rounded up
    rows = -(-n // size)
    padded = np.full(rows * size, np.nan)
    padded[:n] = np.where(np.isnan(y), np.inf, y)        # a NaN point is not dropped silently: kept as a max
    buckets = padded.reshape(rows, size)                  # (buckets, size), the last one NaN-padded
    start = np.arange(rows) * size
    lowest = start + np.nanargmin(buckets, axis=1)
    highest = start + np.nanargmax(buckets, axis=1)
    return np.unique(np.concatenate([[0, n - 1], lowest, highest]))


def drawn_indices(y, max_points: int | None):
    """Indices of the points of `y` a chart draws: all of them (a range) when `max_points` is None or `y`
    is short enough, else minmax_indices(y, max_points). A 0/1 series keeps a 1 in every bucket that
    has one."""
    if not max_points or len(y) <= max_points:
        return range(len(y))
    return minmax_indices(y, max_points)
