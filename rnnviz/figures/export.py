"""Exports of a figure: standalone HTML (animations included, plotly.js inlined so it opens offline) and
the data behind it as one long table."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import plotly.graph_objects as go

if TYPE_CHECKING:
    import pandas as pd   # imported on export only: every chart offers a CSV, few are downloaded


def figure_html(fig: go.Figure) -> str:
    """A self-contained HTML page: opens in any browser without a network, frames and buttons work."""
    return fig.to_html(full_html=True, include_plotlyjs=True, auto_play=False)


def figure_data(fig: go.Figure) -> pd.DataFrame:
    """The numbers a figure draws, one row per point: trace, x, y (and z for heatmaps, row by row).

    Animation frames are the same traces at other timesteps; their data is in the base figure's
    heatmap or in the arrays the page passed in, so only the base traces are exported.
    """
    import pandas as pd

    tables = []
    for index, trace in enumerate(fig.data):
        name = trace.name if trace.name is not None else f"trace {index}"
        z = getattr(trace, "z", None)
        if z is not None:
            z = np.asarray(z, dtype=float)
            if z.ndim == 1:
                z = z[None]
            rows, cols = z.shape
            x = np.asarray(trace.x) if trace.x is not None else np.arange(cols)
            y = np.asarray(trace.y) if trace.y is not None else np.arange(rows)
            table = pd.DataFrame({"x": np.tile(x, rows), "y": np.repeat(y, cols), "z": z.reshape(-1)})
        else:
            x, y = getattr(trace, "x", None), getattr(trace, "y", None)
            if x is None and y is None:
                continue
            length = len(x) if x is not None else len(y)
            table = pd.DataFrame({"x": list(x) if x is not None else range(length),
                                  "y": list(y) if y is not None else [None] * length})
        table.insert(0, "trace", name)
        tables.append(table)
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=["trace", "x", "y"])
