"""Min-max decimation: fewer points, every bucket's extremes kept, every point a real one."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz.figures.decimate import minmax_indices
from rnnviz.figures.training import loss_figure


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6), min_size=0, max_size=3000), st.integers(4, 500))
def test_keeps_each_buckets_extremes_and_the_ends(values, max_points):
    y = np.array(values)
    kept = minmax_indices(y, max_points)
    assert np.all(np.diff(kept) > 0)                                # sorted, no repeats
    if len(y) <= max_points:
        assert list(kept) == list(range(len(y)))
        return
    assert len(kept) <= max_points + 2 and kept[0] == 0 and kept[-1] == len(y) - 1
    size = -(-len(y) // (max_points // 2))
    for start in range(0, len(y), size):                            # independent check, bucket by bucket
        bucket = y[start:start + size]
        in_bucket = y[kept[(kept >= start) & (kept < start + size)]]
        assert in_bucket.min() == bucket.min() and in_bucket.max() == bucket.max()


def test_a_single_spike_survives():
    y = np.ones(100_000)
    y[71_234] = 50.0
    assert 71_234 in minmax_indices(y, 2000)


def test_too_few_points_requested_is_an_error():
    with pytest.raises(ValueError, match="at least 4"):
        minmax_indices(np.arange(10.0), 3)


def test_live_loss_figure_is_thinned_and_the_full_one_is_not():
    rng = np.random.default_rng(0)
    history = [{"step": i + 1, "train_loss": float(v), "grad_norm": 1.0, "clipped": i % 3 == 0,
                **({"val_loss": float(v)} if (i + 1) % 25 == 0 else {})} for i, v in enumerate(rng.random(20_000))]
    full = {t.name: t for t in loss_figure(history, 0.5).data}
    live = {t.name: t for t in loss_figure(history, 0.5, max_points=1000).data}
    assert len(full["train"].x) == 20_000 and len(live["train"].x) <= 1002
    assert max(live["train"].y) == max(full["train"].y) and min(live["train"].y) == min(full["train"].y)
    assert live["train"].x[-1] == 20_000                                     # the newest step is drawn
    losses = {r["step"]: r["train_loss"] for r in history}
    assert all(losses[x] == y for x, y in zip(live["train"].x, live["train"].y))   # real points only
    assert len(live["validation"].x) <= 800 and len(live["gradient clipped"].x) <= 1002
    # the clipping band keeps a clipped step in every stretch of the run that has one
    band = live["gradient clipped"]
    clipped_at = [x for x, y in zip(band.x, band.y) if y == 1]
    assert all(history[x - 1]["clipped"] for x in clipped_at) and len(clipped_at) >= 490
