"""How often a live page redraws: at its own pace while few sessions train, less often under load.

Every redraw of a live page costs the server a script run and the learner's browser a redraw of its
charts. Twenty sessions training on one 2-core server, each redrawing 2.5 times a second, kept the
server and the browsers so busy that a click waited seconds. So a page's polling interval grows with the
number of sessions training on the server at that moment, in a few steps. The Train page reruns once to
take a new interval while it polls; the other live pages take it when they are drawn.
"""
from __future__ import annotations

SLOWDOWN = ((4, 1), (10, 2))    # (at most this many sessions training, polling interval x this factor)
HEAVY_LOAD_FACTOR = 4           # the factor beyond the last row


def poll_seconds(base: float, training: int) -> float:
    """The polling interval of a page whose own pace is `base` seconds, while `training` sessions of
    this server train (its own included)."""
    return base * next((factor for most, factor in SLOWDOWN if training <= most), HEAVY_LOAD_FACTOR)
