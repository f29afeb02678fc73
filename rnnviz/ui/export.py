"""A chart with its exports: the figure as standalone HTML and its data as CSV, built only when the
learner asks for them (the download buttons' data is produced on click)."""
from __future__ import annotations

from typing import Callable

import plotly.graph_objects as go
import streamlit as st

from rnnviz.figures.export import figure_data, figure_html
from rnnviz.ui.patches.live_chart import live_chart
from rnnviz.ui.session import chart_theme, tr


def chart(fig: go.Figure, key: str, name: str | None = None,
          full: Callable[[], go.Figure] | None = None, live: bool = False) -> None:
    """st.plotly_chart plus a small "Export" menu (HTML, CSV). `full` builds the figure to export when the
    one shown is a thinned view (a live chart draws fewer points; its exports carry every point). `live`:
    the chart is in a polling fragment, and is redrawn without a blink (rnnviz/ui/patches/live_chart.py)."""
    if live:
        live_chart(fig, key, theme=chart_theme())
    else:
        st.plotly_chart(fig, key=key, theme=chart_theme())
    name = name or key.replace(".", "-")
    exported = full or (lambda: fig)
    with st.popover(tr("export.menu"), icon=":material/download:"):
        st.download_button(tr("export.html"), data=lambda: figure_html(exported()), file_name=f"{name}.html",
                           mime="text/html", on_click="ignore", key=f"{key}.export.html")
        st.download_button(tr("export.csv"), data=lambda: figure_data(exported()).to_csv(index=False),
                           file_name=f"{name}.csv", mime="text/csv", on_click="ignore", key=f"{key}.export.csv")
