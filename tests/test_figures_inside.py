"""Figures of the "Inside the network" page: the animated states figure (traces, frames, slider, the
highlighted column, exact heatmap and bar values, colour scales), gate saturation bars, text coloured by
a unit, and payload sizes in bytes."""
import html
import json

import numpy as np
import plotly.colors
import pytest

from rnnviz import inside
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.figures.animation import default_units, states_animation_figure
from rnnviz.figures.inside import activation_color, activation_html, color_range, saturation_figure, text_color
from rnnviz.figures.style import PROJECTOR
from testkit.plotly_spec import values

MB = 2 * 1024 * 1024


def look(config: ExperimentConfig, index: int = 0, layer: int = 0, direction: int = 0):
    experiment = Experiment.build(config)
    sample = inside.sample_from_test_set(experiment.data, index)
    return experiment, inside.look_inside(experiment.model, experiment.data, sample, layer, direction)


def build(result, units=None, **kwargs):
    sample = result.sample
    return states_animation_figure(result.states, units=units, tokens=sample.tokens,
                                   inputs=None if sample.tokens else sample.x[0].numpy(), output=result.output,
                                   projection=result.projection, **kwargs)


def by_type(fig, kind):
    return [i for i, trace in enumerate(fig.data) if trace.type == kind]


def highlight_indices(fig):
    """The animated outlines: scatter traces drawn as closed 5-point paths."""
    return [i for i, trace in enumerate(fig.data) if trace.type == "scatter" and trace.x is not None
            and len(trace.x) == 5 and trace.hoverinfo == "skip"]


@pytest.fixture(scope="module")
def lstm():
    return look(ExperimentConfig(cell="lstm", hidden_size=32, seed=3))


def test_lstm_figure_traces_frames_and_slider(lstm):
    experiment, result = lstm
    T = experiment.data.seq_len
    fig = build(result)
    assert len(by_type(fig, "heatmap")) == 1
    assert len(by_type(fig, "bar")) == 6                        # f, i, g, c, o, h
    assert len(fig.frames) == T
    steps = fig.layout.sliders[0].steps
    assert len(steps) == T
    assert [s.label for s in steps] == [str(t) for t in range(T)]
    assert [list(s.args[0]) for s in steps] == [[f.name] for f in fig.frames]
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.method for b in buttons] == ["animate", "animate"]
    assert buttons[0].args[0] is None and list(buttons[1].args[0]) == [None]     # play from current, pause


def test_only_the_chosen_panels_get_bar_charts_with_their_exact_values_and_the_figure_shrinks(lstm):
    experiment, result = lstm
    every, chosen = build(result), build(result, panels=["cell", "forget"])
    bars = [chosen.data[i] for i in by_type(chosen, "bar")]
    assert len(bars) == 2 and chosen.layout.height < every.layout.height - 200
    t0 = result.states.hidden.shape[0] - 1 if result.states.reverse else 0
    for bar, name in zip(bars, ["forget", "cell"]):               # in the equations' order, not the asked one
        np.testing.assert_array_equal(np.asarray(bar.y, dtype=np.float32), result.states.panels()[name][t0, :32])
    assert len(by_type(build(result, panels=[]), "bar")) == 0     # the heatmap and strips alone
    with pytest.raises(ValueError, match="reset"):
        build(result, panels=["reset"])                           # a GRU's gate, not an LSTM's


def test_heatmap_is_the_hidden_state_transposed_exactly(lstm):
    _, result = lstm
    fig = build(result)
    heat = fig.data[by_type(fig, "heatmap")[0]]
    expected = result.model_trace.rnn.layers[0].hidden[0].numpy().astype(np.float32).T     # (H, T)
    assert np.asarray(heat.z).dtype == np.float32
    np.testing.assert_array_equal(np.asarray(heat.z), expected)
    spec = json.loads(fig.to_json())
    z = values(spec["data"][by_type(fig, "heatmap")[0]]["z"])
    assert z.dtype == np.float32
    np.testing.assert_array_equal(z, expected)
    # a diverging scale centred at 0 for tanh values
    assert (heat.zmin, heat.zmax, heat.zmid) == (-1.0, 1.0, 0.0)
    assert heat.colorscale[0][1] == plotly.colors.get_colorscale("RdBu_r")[0][1]
    assert ".4g" in heat.hovertemplate and "%{customdata}" in heat.hovertemplate


def test_frame_k_highlights_column_k_and_shows_step_k(lstm):
    _, result = lstm
    units = [3, 4, 5, 6, 7]
    fig = build(result, units=units)
    outlines = highlight_indices(fig)
    assert len(outlines) == 3                                   # input, heatmap, answer
    bars = by_type(fig, "bar")
    panels = result.states.panels()
    for k, frame in enumerate(fig.frames):
        updated = dict(zip(frame.traces, frame.data))
        for index in outlines:
            assert np.mean(updated[index].x[:4]) == k           # the column's centre is t = k
            assert min(updated[index].x) == k - 0.5 and max(updated[index].x) == k + 0.5
        for index, name in zip(bars, panels):
            np.testing.assert_array_equal(updated[index].y, panels[name][k, units])
            np.testing.assert_array_equal(updated[index].marker.color, panels[name][k, units])
            assert f"= {k}<br>" in updated[index].hovertemplate
    np.testing.assert_array_equal(fig.data[bars[0]].x, units)
    heat = fig.data[by_type(fig, "heatmap")[0]]
    np.testing.assert_array_equal(np.asarray(heat.z), result.states.hidden[:, units].T)
    np.testing.assert_array_equal(np.asarray(heat.customdata)[:, 0], units)


def test_drawn_at_a_chosen_step_with_or_without_frames(lstm):
    """at=t: the figure's own data is frame t and the slider is on it; animated=False: step t alone (a page
    that redraws the figure while following training, where Plotly would go back to frame 0)."""
    _, result = lstm
    panels = result.states.panels()
    for animated in (True, False):
        fig = build(result, at=6, animated=animated)
        for index, name in zip(by_type(fig, "bar"), panels):
            np.testing.assert_array_equal(fig.data[index].y, panels[name][6])
        assert all(np.mean(fig.data[index].x[:4]) == 6 for index in highlight_indices(fig))
        point = result.projection.points[6]
        assert any(trace.mode == "markers" and len(trace.x) == 1 and (trace.x[0], trace.y[0]) == tuple(point)
                   for trace in fig.data if trace.type == "scatter")
        if animated:
            assert len(fig.frames) == 10 and fig.layout.sliders[0].active == 6
        else:
            assert not fig.frames and not fig.layout.sliders and not fig.layout.updatemenus
    reverse = look(ExperimentConfig(cell="gru", hidden_size=4, bidirectional=True), direction=1)[1]
    assert build(reverse, at=2).layout.sliders[0].active == 7              # frames run from t = 9 down
    with pytest.raises(ValueError, match="at must be a step"):
        build(result, at=10)


def test_pca_point_follows_the_frames_and_axes_report_variance(lstm):
    _, result = lstm
    fig = build(result, labels={"pc": "PC{k} {share:.1%}"})
    points = result.projection.points
    moving = [i for i, trace in enumerate(fig.data) if trace.name == "h_t now"]
    assert len(moving) == 1 and len(fig.data[moving[0]].x) == 1
    for k, frame in enumerate(fig.frames):
        updated = dict(zip(frame.traces, frame.data))[moving[0]]
        assert (updated.x[0], updated.y[0]) == (points[k, 0], points[k, 1])
    axes = [fig.layout[name] for name in fig.layout if name.startswith(("xaxis", "yaxis"))]
    titles = {axis.title.text for axis in axes}
    share = result.projection.explained
    assert f"PC1 {share[0]:.1%}" in titles and f"PC2 {share[1]:.1%}" in titles


def test_gates_use_a_sequential_scale_from_0_to_1(lstm):
    _, result = lstm
    fig = build(result)
    bars = [fig.data[i] for i in by_type(fig, "bar")]
    kinds = [result.states.kind(name) for name in result.states.panels()]
    for bar, kind in zip(bars, kinds):
        if kind == "gate":
            assert (bar.marker.cmin, bar.marker.cmax) == (0.0, 1.0)
            assert bar.marker.colorscale[-1][1] == plotly.colors.get_colorscale("Cividis")[-1][1]
        elif kind == "tanh":
            assert (bar.marker.cmin, bar.marker.cmax) == (-1.0, 1.0)
        else:                                               # the cell: symmetric around 0
            assert bar.marker.cmin == -bar.marker.cmax > -np.inf


def test_reverse_direction_plays_from_the_end():
    experiment, result = look(ExperimentConfig.for_task("sentiment", cell="gru", layers=2, bidirectional=True,
                                                        hidden_size=8, embedding_dim=4), layer=1, direction=1)
    T = experiment.data.seq_len
    fig = build(result)
    assert len(by_type(fig, "bar")) == 4                        # r, z, n, h
    assert len(fig.frames) == T and len(fig.layout.sliders[0].steps) == T
    outlines = highlight_indices(fig)
    for k, frame in enumerate(fig.frames):
        assert frame.name == str(T - 1 - k)
        updated = dict(zip(frame.traces, frame.data))
        assert np.mean(updated[outlines[0]].x[:4]) == T - 1 - k
    expected = result.model_trace.rnn.layer(1, 1).hidden[0].numpy().T
    np.testing.assert_array_equal(np.asarray(fig.data[by_type(fig, "heatmap")[0]].z), expected)
    text = fig.data[0]
    assert text.mode == "text" and list(text.text) == [inside.visible(t) for t in result.sample.tokens]


def test_relu_rnn_uses_a_sequential_scale_from_0_to_its_maximum():
    _, result = look(ExperimentConfig(cell="rnn-relu", hidden_size=6))
    fig = build(result)
    heat = fig.data[by_type(fig, "heatmap")[0]]
    assert heat.zmin == 0.0 and heat.zmax == pytest.approx(float(result.states.hidden.max()))
    assert heat.zmid is None
    assert len(by_type(fig, "bar")) == 1


def test_units_are_checked_and_default_to_the_first_32():
    assert default_units(8) == list(range(8))
    assert default_units(100) == list(range(32))
    _, result = look(ExperimentConfig(cell="gru", hidden_size=4))
    for bad in ([], [4], [2, 1], [1, 1]):
        with pytest.raises(ValueError, match="units"):
            build(result, units=bad)
    with pytest.raises(ValueError, match="one entry per step"):
        states_animation_figure(result.states, tokens=["a"])
    with pytest.raises(ValueError, match="inputs"):
        states_animation_figure(result.states, inputs=np.zeros((3, 1)))


def test_labels_and_projector_style():
    _, result = look(ExperimentConfig(cell="rnn", hidden_size=4))
    fig = build(result, labels={"title": "Dentro", "play": "Reproducir"}, style=PROJECTOR)
    assert fig.layout.title.text == "Dentro"
    assert fig.layout.font.size == PROJECTOR.font_size
    assert "Reproducir" in fig.layout.updatemenus[0].buttons[0].label


# --- payload, in bytes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("config, units", [
    (ExperimentConfig(), None),                                                   # the default: sum-sign, H=32, T=10
    (ExperimentConfig.for_task("adding", cell="lstm", hidden_size=64, task_params={"seq_len": 50}), None),
    (ExperimentConfig.for_task("adding", cell="lstm", hidden_size=64, task_params={"seq_len": 50}), range(64)),
])
def test_payload_is_at_most_2_mb(config, units):
    _, result = look(config)
    size = len(build(result, units=units).to_json().encode())
    print(f"\n{config.task} {config.cell} H={config.hidden_size} T={config.seq_len} units={units}: {size:,} bytes")
    assert size <= MB


# --- gate saturation ---------------------------------------------------------------------------------------

def test_saturation_figure_stacks_the_two_ends():
    fig = saturation_figure(["forget", "candidate"], [0.1, 0.25], [0.5, 0.05], sequences=7,
                            labels={"title": "over {n}", "gate.forget": "olvido"})
    assert [trace.type for trace in fig.data] == ["bar", "bar"]
    assert fig.layout.barmode == "stack"
    assert list(fig.data[0].x) == ["olvido", "candidate"]
    np.testing.assert_array_equal(fig.data[0].y, [0.1, 0.25])
    np.testing.assert_array_equal(fig.data[1].y, [0.5, 0.05])
    assert list(fig.data[1].text) == ["50.0%", "5.0%"]
    assert fig.layout.title.text == "over 7"
    with pytest.raises(ValueError, match="same length"):
        saturation_figure(["a"], [0.1, 0.2], [0.3], 1)


# --- colours and the coloured text -------------------------------------------------------------------------

def rgb_of(color: str) -> np.ndarray:
    if color.startswith("#"):
        return np.array([int(color[i:i + 2], 16) for i in (1, 3, 5)])
    return np.array([float(v) for v in color[4:-1].split(",")])


@pytest.mark.parametrize("scale", ["RdBu_r", "Cividis"])
def test_activation_color_matches_plotly_sampling(scale):
    for value in np.linspace(-1.3, 1.3, 27):
        expected = rgb_of(plotly.colors.sample_colorscale(scale, [min(max((value + 1) / 2, 0), 1)])[0])
        # plotly keeps fractions; ours is rounded to whole 0..255 levels: at most one level apart
        assert np.abs(rgb_of(activation_color(value, -1, 1, scale)) - expected).max() <= 1


def test_activation_color_is_white_at_zero_and_saturates_at_the_ends():
    stops = plotly.colors.get_colorscale("RdBu_r")
    assert activation_color(0.0) == "#f7f7f7"                    # RdBu's middle: (247, 247, 247)
    assert np.array_equal(rgb_of(activation_color(-1.0)), rgb_of(stops[0][1]))
    assert np.array_equal(rgb_of(activation_color(5.0)), rgb_of(stops[-1][1]))
    assert activation_color(3.0, 0.0, 6.0, "Cividis") == activation_color(0.5, 0.0, 1.0, "Cividis")
    assert text_color(activation_color(-1.0)) == "#ffffff" and text_color(activation_color(0.0)) == "#000000"
    with pytest.raises(ValueError, match="high > low"):
        activation_color(0.0, 1.0, 1.0)


def test_activation_html_escapes_and_colours_each_token():
    tokens = ["<script>", "a&b", "\"q\""]
    values = np.array([-1.0, 0.0, 0.5])
    out = activation_html(tokens, values, separator=" ")
    assert "<script>" not in out and html.escape("<script>") in out
    assert out.count("<span") == 3
    for value in values:
        assert f"background-color:{activation_color(value)}" in out
    assert 't=2: 0.5"' in out
    with pytest.raises(ValueError, match="same length"):
        activation_html(["a"], [1.0, 2.0])


def test_color_range_says_what_values_mean():
    assert color_range("gate", [0.3]) == ("Cividis", 0.0, 1.0)
    assert color_range("tanh", [0.3]) == ("RdBu_r", -1.0, 1.0)
    assert color_range("cell", [-3.0, 2.0]) == ("RdBu_r", -3.0, 3.0)
    assert color_range("relu", [0.0, 4.5]) == ("Cividis", 0.0, 4.5)
    assert color_range("relu", [0.0, 0.0]) == ("Cividis", 0.0, 1.0)
    with pytest.raises(ValueError, match="kind"):
        color_range("sigmoid", [0.1])
