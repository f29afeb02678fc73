"""rnnviz.figures.cell_diagram: every number written on the drawing, every strip and every hover equation
against rnnviz's trace (and its stages against an independent computation from the weights), for every cell
kind, two layers, both directions; the payload of the default model's figure; the strings in both languages."""
import re
import string

import numpy as np
import pytest
import torch

from reference_cells import make_rnn, weights
from rnnviz.cell_steps import cell_steps
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.figures.cell_diagram import MINUS, cell_diagram_figure, diagram_labels, number
from rnnviz.figures.style import PROJECTOR
from rnnviz.i18n.cell import STRINGS
from rnnviz.inside import sample_from_test_set
from rnnviz.tracing import trace, trace_model
from testkit.plotly_spec import values

CELLS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]
H, T = 6, 4
UNIT = 2
PREV = {0: f"t{MINUS}1", 1: "t+1"}


def written(fig) -> dict[str, str]:
    """The diagram's two-line labels: symbol -> the number written under it."""
    labels = {}
    for annotation in fig.layout.annotations:
        parts = (annotation.text or "").split("<br>")
        if len(parts) == 2 and re.fullmatch(f"{MINUS}?\\d+\\.\\d+", parts[1]):
            labels[parts[0]] = parts[1]
    return labels


def hovers(fig) -> list[str]:
    return [trace.hovertemplate for trace in fig.data if trace.type == "scatter"]


def strips(fig) -> dict[str, np.ndarray]:
    """name -> the vector a strip draws (its cells' hover names the vector)."""
    found = {}
    for trace in fig.data:
        if trace.type == "heatmap":
            name = trace.text[0][0].split("[")[0]
            found[name] = values(trace.to_plotly_json()["z"]).reshape(-1) if isinstance(trace.z, dict) \
                else np.asarray(trace.z, dtype=np.float64).reshape(-1)
    return found


def sub(letter, index):
    return f"{letter}<sub>{index}</sub>"


@pytest.mark.parametrize("direction", [0, 1], ids=["forward", "reverse"])
@pytest.mark.parametrize("layer", [0, 1])
@pytest.mark.parametrize("cell", CELLS)
def test_every_number_drawn_is_the_traces(cell, layer, direction):
    rnn = make_rnn(cell, input_size=3, hidden_size=H, num_layers=2, bidirectional=True, batch_first=True)
    x = torch.randn(1, T, 3, dtype=torch.float64, generator=torch.Generator().manual_seed(3))
    tr = trace(rnn, x)
    chosen = tr.layer(layer, direction)
    t = 1
    step = cell_steps(rnn, tr, layer, direction)[t]
    fig = cell_diagram_figure(step, unit=UNIT)
    drawn, prev = written(fig), PREV[direction]
    hidden = chosen.hidden[0].numpy()                                   # (T, H)
    h_prev = chosen.previous_hidden()[0].numpy()

    expected = {sub("h", "t"): hidden[t, UNIT], sub("h", prev): h_prev[t, UNIT]}
    names = {"lstm": {"input": "i", "forget": "f", "candidate": "g", "output": "o"},
             "gru": {"reset": "r", "update": "z", "candidate": "n"}}.get(cell, {})
    for name, letter in names.items():
        expected[sub(letter, "t")] = chosen.gates[name][0, t, UNIT].item()
    # pre-activations from the weights, computed here: W x_t + b_ih + U h_prev + b_hh (the GRU candidate: r on U h + b)
    w_ih, w_hh, b_ih, b_hh = (w.detach().numpy() for w in weights(rnn, layer, direction))
    layer_input = x[0].numpy() if layer == 0 else np.concatenate([tr.layer(0, d).hidden[0].numpy() for d in (0, 1)], -1)
    from_input, from_hidden = layer_input[t] @ w_ih.T + b_ih, h_prev[t] @ w_hh.T + b_hh
    rows = list(names) or ["hidden"]
    for k, name in enumerate(rows):
        r = slice(k * H, (k + 1) * H)
        pre = from_input[r] + from_hidden[r]
        if cell == "gru" and name == "candidate":
            pre = from_input[r] + chosen.gates["reset"][0, t].numpy() * from_hidden[r]
        expected[sub("a", names[name]) if names else "a"] = pre[UNIT]
    if cell == "lstm":
        c, c_prev = chosen.cell[0].numpy(), chosen.previous_cell()[0].numpy()
        f, i, g = (chosen.gates[n][0, t, UNIT].item() for n in ("forget", "input", "candidate"))
        expected.update({sub("c", "t"): c[t, UNIT], sub("c", prev): c_prev[t, UNIT], "f⊙c": f * c_prev[t, UNIT],
                         "i⊙g": i * g, "tanh c": np.tanh(c[t, UNIT])})
    if cell == "gru":
        z, n = (chosen.gates[name][0, t, UNIT].item() for name in ("update", "candidate"))
        expected.update({"z⊙h": z * h_prev[t, UNIT], f"1{MINUS}z": 1 - z, f"(1{MINUS}z)⊙n": (1 - z) * n})
    for symbol, value in expected.items():
        assert drawn.get(symbol) == number(value), (symbol, drawn.get(symbol), value)
    source = "(input)" if layer == 0 else "(hₜ of layer 1)"          # what x_t is, beside it
    if len(layer_input[t]) == 1:
        assert drawn[f"{sub('x', 't')} {source}"] == number(layer_input[t, 0])
    else:
        assert drawn[f"‖{sub('x', 't')}‖ {source}"] == number(np.linalg.norm(layer_input[t]))
        np.testing.assert_allclose(strips(fig)[sub("x", "t")], layer_input[t], rtol=1e-6)

    # the strips: whole vectors, the chosen unit outlined
    drawn_strips = strips(fig)
    np.testing.assert_allclose(drawn_strips[sub("h", "t")], hidden[t], rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(drawn_strips[sub("h", prev)], h_prev[t], rtol=1e-6, atol=1e-7)
    for name, letter in names.items():
        np.testing.assert_allclose(drawn_strips[sub(letter, "t")], chosen.gates[name][0, t].numpy(), rtol=1e-6)
    heatmaps = [trace for trace in fig.data if trace.type == "heatmap" and not trace.text[0][0].startswith("x<")]
    outlines = [s for s in fig.layout.shapes if s.type == "rect" and s.line.width == 2]
    assert len(outlines) == len(heatmaps) and all(len(heat.text[0]) == H for heat in heatmaps)
    for heat, outline in zip(heatmaps, outlines):          # x_t's entries are not units: none outlined there
        assert outline.x0 == pytest.approx(heat.x0 - heat.dx / 2 + UNIT * heat.dx)


@pytest.mark.parametrize("cell", CELLS)
def test_hovering_a_gate_gives_its_equation_stage_by_stage(cell):
    rnn = make_rnn(cell, input_size=3, hidden_size=H, batch_first=True)
    x = torch.randn(1, T, 3, dtype=torch.float64)
    step = cell_steps(rnn, trace(rnn, x))[2]
    texts = hovers(cell_diagram_figure(step, unit=UNIT))
    for name, gate in step.gates.items():
        stages = [gate.from_input[UNIT], gate.preactivation[UNIT], gate.value[UNIT]]
        stages += [gate.bias[UNIT], gate.from_hidden[UNIT]] if gate.reset is None else \
            [gate.bias_input[UNIT], gate.reset[UNIT], gate.hidden_part[UNIT]]
        matching = [text for text in texts if all(number(v, 4) in text for v in stages)]
        assert matching, f"no hover shows every stage of {name}"
        text = matching[0]
        # in the order they are computed: W·x_t, then the pre-activation, then the nonlinearity of it
        order = [text.index(number(v, 4)) for v in (gate.from_input[UNIT], gate.preactivation[UNIT])]
        assert order == sorted(order)
        function = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU"}[gate.activation]
        assert f"{function}({number(gate.preactivation[UNIT], 4)}) = <b>{number(gate.value[UNIT], 4)}</b>" in text


def test_the_learners_language_on_the_drawing_and_in_its_hovers():
    rnn = make_rnn("lstm", input_size=3, hidden_size=H, batch_first=True)
    step = cell_steps(rnn, trace(rnn, torch.randn(1, T, 3, dtype=torch.float64)))[0]
    spanish = cell_diagram_figure(step, labels=diagram_labels("es")).to_json()
    english = cell_diagram_figure(step, labels=diagram_labels("en")).to_json()
    assert "puerta de olvido" in spanish and "preactivación" in spanish and "capa 1" in spanish
    assert "puerta de olvido" not in english and "pre-activation" in english and "layer 1" in english
    assert "pre-activation" not in spanish and "unit 0" not in spanish


def test_the_token_x_t_reads_is_named_beside_it_as_text():
    rnn = make_rnn("gru", input_size=3, hidden_size=H, batch_first=True)
    step = cell_steps(rnn, trace(rnn, torch.randn(1, T, 3, dtype=torch.float64)))[0]
    drawn = written(cell_diagram_figure(step, token="<unk>", labels=diagram_labels("es")))
    assert f"‖{sub('x', 't')}‖ (entrada «&lt;unk&gt;»)" in drawn      # escaped: Plotly would read <unk> as a tag


def test_a_bad_unit_is_refused_saying_which_exist():
    rnn = make_rnn("gru", input_size=3, hidden_size=H, batch_first=True)
    step = cell_steps(rnn, trace(rnn, torch.randn(1, T, 3, dtype=torch.float64)))[0]
    with pytest.raises(ValueError, match=r"unit=6 is invalid: allowed is an integer in \[0, 5\]"):
        cell_diagram_figure(step, unit=6)


@pytest.mark.parametrize("cell", ["rnn", "rnn-relu", "lstm", "gru"])
def test_the_default_models_figure_is_well_under_a_megabyte(cell):
    experiment = Experiment.build(ExperimentConfig.for_task("sum-sign", cell=cell))
    model, data = experiment.model, experiment.data
    sample = sample_from_test_set(data, 0)
    steps = cell_steps(model.rnn, trace_model(model, sample.x).rnn)
    for style in (None, PROJECTOR):
        fig = cell_diagram_figure(steps[-1], unit=model.rnn.hidden_size - 1, **({"style": style} if style else {}))
        assert len(fig.to_json()) <= 1_000_000


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_cell_string_has_both_languages_with_the_same_placeholders():
    for key, entry in STRINGS.items():
        assert key.startswith(("cell.", "page.cell")), key
        assert set(entry) == {"es", "en"} and all(entry.values()), key
        assert placeholders(entry["es"]) == placeholders(entry["en"]), key
    assert set(diagram_labels("es")) == set(diagram_labels("en"))
