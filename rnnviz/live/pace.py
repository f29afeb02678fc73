"""How often a live page redraws: at its own pace while few sessions train, less often under load.

Every redraw of a live page costs the server a script run and the learner's browser a redraw of its
charts. Twenty sessions training on one 2-core server, each redrawing 2.5 times a second, kept the
server and the browsers so busy that a click waited seconds. So a page's polling interval grows with the
number of sessions training on the server at that moment, in a few steps. The Train page reruns once to
take a new interval while it polls; the other live pages take it when they are drawn.

Beyond the table the interval doubles each time the sessions double, so a server redraws about as many
pages a second with 40 or 80 learners as with 20. Script runs hold the interpreter's lock, so one process
draws no more pages a second on more cores: the budget is per process, not per core. Measured
(bench/lecture_hall.py, 40 learners, 2 cores): with the interval of 20 learners, 24 fragment runs a second
took more of the server's CPU than training did (0.46 of a core against 0.26), and a click waited p95
1.2-3 s; see docs/deploy.md for the figures with the doubled interval.
"""
from __future__ import annotations

import math

SLOWDOWN = ((4, 1), (10, 2), (20, 4))    # (at most this many sessions training, polling interval x this factor)


def slowdown(training: int) -> int:
    """The factor on a page's own polling interval while `training` sessions of this server train."""
    for most, factor in SLOWDOWN:
        if training <= most:
            return factor
    most, factor = SLOWDOWN[-1]
    return factor * 2 ** math.ceil(math.log2(training / most))       # doubled per doubling of the sessions


def poll_seconds(base: float, training: int) -> float:
    """The polling interval of a page whose own pace is `base` seconds, while `training` sessions of
    this server train (its own included)."""
    return base * slowdown(training)
