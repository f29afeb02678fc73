"""Figure exports: the CSV holds exactly the numbers drawn; the HTML stands alone."""
import numpy as np
import plotly.graph_objects as go

from rnnviz.figures.export import figure_data, figure_html


def test_lines_and_heatmaps_become_one_long_table():
    z = np.arange(6, dtype=np.float32).reshape(2, 3)          # 2 units x 3 timesteps
    fig = go.Figure([go.Scatter(x=[1, 2], y=[0.5, 0.25], name="loss"),
                     go.Heatmap(z=z, x=[0, 1, 2], y=["u0", "u1"], name="h")])
    table = figure_data(fig)
    lines = table[table.trace == "loss"]
    assert lines.x.tolist() == [1, 2] and lines.y.tolist() == [0.5, 0.25]
    heat = table[table.trace == "h"]
    assert len(heat) == 6
    for _, row in heat.iterrows():                            # every cell where it was drawn
        assert row.z == z[["u0", "u1"].index(row.y), int(row.x)]


def test_html_is_standalone_with_frames():
    fig = go.Figure(go.Bar(y=[1, 2]), frames=[go.Frame(data=[go.Bar(y=[2, 1])], name="1")])
    html = figure_html(fig)
    assert html.lower().startswith("<!doctype html>")
    assert '<script src="http' not in html                   # plotly.js inlined: opens offline
    assert "addFrames" in html
