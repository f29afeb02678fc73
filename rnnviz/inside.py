"""What a recurrent network computes on one sequence: the numbers behind the "Inside the network" page.

    sample = sample_from_test_set(data, 0)            # or text_sample(data, "no es malo")
    inside = look_inside(model, data, sample, layer=0, direction=0)
    inside.states.panels()     # h_t, c_t and every gate of that layer, (T, H) float32 each
    inside.output              # the per-step prediction beside the target
    inside.projection          # the h_t trajectory on its first two principal components
    saturation = saturation_over_test_set(model, data, layer=0, direction=0)

Every number comes from rnnviz.trace (exact states and gates); this module only selects, reshapes and
summarises them, so a notebook gets exactly what the dashboard draws.

References: Karpathy, Johnson & Fei-Fei (2015), Visualizing and understanding recurrent networks (text
coloured by one unit, gate saturation); Hochreiter & Schmidhuber (1997) and Cho et al. (2014) for the gates.
"""
from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import Tensor

from rnnviz.tasks import TASKS
from rnnviz.tasks.sentiment import PAD
from rnnviz.tracing import GATE_NAMES, ModelTrace, Trace, trace_model

SATURATED = 0.1          # a sigmoid gate below 0.1 is "closed", above 0.9 "open"; |tanh| > 0.9 is saturated
SATURATION_VALUES = 1 << 20   # at most about this many values per gate, over all layers, in the saturation count
MAX_TEXT_CHARS = 200     # a typed text read by characters is cut here: one animation frame per character
MAX_BAR_VALUES = 80_000  # bar values over all frames (T x units x panels): with T = 1000 the animation stays ~2 MB
SIGMOID_GATES = ("input", "forget", "output", "reset", "update")

# what the shown characters stand for, so blanks stay visible
VISIBLE = {" ": "␣", "\n": "↵", "\t": "⇥"}


# --- the sequence to look at --------------------------------------------------------------------------

@dataclass
class Sample:
    """One sequence as the network reads it."""
    x: Tensor                       # (1, T) token ids or (1, T, I) vectors
    y: Tensor | None                # the target shaped like the task's (1, ...), or None when unknown
    tokens: list[str] | None        # what each step reads (token tasks), as the network's vocabulary says
    unknown: list[str] = field(default_factory=list)   # typed words read as <unk>
    dropped: int = 0                # typed words/characters beyond what the network reads

    @property
    def length(self) -> int:
        return self.x.shape[1]


class TextProblem(ValueError):
    """Typed text the network cannot read; `kind` ("empty", "too_short", "unknown_characters") and
    `items` let the page say what is wrong in the learner's language."""

    def __init__(self, kind: str, message: str, items: list[str] | None = None):
        super().__init__(message)
        self.kind = kind
        self.items = items or []


def sample_from_test_set(data, index: int) -> Sample:
    """Sequence `index` of the task's test set."""
    x, y = data.test
    if isinstance(index, bool) or not isinstance(index, numbers.Integral) or not 0 <= index < len(x):
        raise ValueError(f"index={index!r} is invalid: allowed is an integer in [0, {len(x) - 1}]")
    x, y = x[index:index + 1], y[index:index + 1]
    tokens = [data.vocab[i] for i in x[0].tolist()] if data.input_kind == "tokens" else None
    return Sample(x=x, y=y, tokens=tokens)


def text_sample(data, text: str, max_chars: int = MAX_TEXT_CHARS) -> Sample:
    """The learner's own text, encoded as the task's data would be; what it reads is the task's `reads_text`.

    words (sentiment): the words (unknown ones read as <unk>, listed in `unknown`), left-padded to seq_len, no
    target. characters (char-lm): the network reads every character but the last and must predict each next
    one (x = text[:-1], y = text[1:]), like the test windows; longer texts are cut at `max_chars`. A
    character the text never uses cannot be read at all: a TextProblem naming them.
    """
    if data.spec.reads_text is None:
        readers = [name for name, spec in TASKS.items() if spec.reads_text]
        raise TypeError(f"{data.name} does not read typed text: only {', '.join(readers)} do")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if data.spec.reads_text == "words":
        reading = data.read_words(text)
        if not reading.words:
            raise TextProblem("empty", f"text={text!r} has no words to read")
        x = data.encode(text)[None]                                     # (1, seq_len)
        return Sample(x=x, y=None, tokens=[data.vocab[i] for i in x[0].tolist()], unknown=reading.unknown,
                      dropped=len(reading.dropped))
    unknown = data.unknown_characters(text)
    if unknown:
        raise TextProblem("unknown_characters", f"characters {unknown} never occur in the text", unknown)
    if len(text) < 2:
        raise TextProblem("too_short", "type at least two characters: the network predicts each next one")
    kept = text[:max_chars + 1]
    ids = data.encode(kept)                                             # (n,)
    return Sample(x=ids[None, :-1], y=ids[None, 1:], tokens=list(kept[:-1]), dropped=len(text) - len(kept))


def visible(token: str) -> str:
    """A token as it should be drawn: blanks and line breaks as visible symbols, padding as a dot."""
    if token == PAD:
        return "·"
    return "".join(VISIBLE.get(c, c) for c in token)


# --- states and gates of one layer ------------------------------------------------------------------

@dataclass
class LayerStates:
    """h_t, c_t and the gates of one layer and direction on one sequence, time in input order."""
    mode: str                       # "LSTM", "GRU", "RNN_TANH" or "RNN_RELU"
    layer: int
    direction: int                  # 1: reads the sequence from its end
    hidden: np.ndarray              # (T, H) float32
    cell: np.ndarray | None         # (T, H) float32, LSTM only
    gates: dict[str, np.ndarray]    # name -> (T, H) float32, PyTorch's order

    @property
    def reverse(self) -> bool:
        return self.direction == 1

    def panels(self) -> dict[str, np.ndarray]:
        """Everything to draw at a step, in the order the equations use them: the gates that write the
        cell, the cell, then what is read out of it (LSTM: f, i, g, c, o, h; GRU: r, z, n, h; RNN: h)."""
        if self.mode == "LSTM":
            g = self.gates
            return {"forget": g["forget"], "input": g["input"], "candidate": g["candidate"],
                    "cell": self.cell, "output": g["output"], "hidden": self.hidden}
        return {**self.gates, "hidden": self.hidden}

    def kind(self, name: str) -> str:
        """What range a panel's values live in: "gate" (sigmoid, 0..1), "tanh" (-1..1), "cell" (any sign,
        unbounded) or "relu" (>= 0, unbounded)."""
        if name in SIGMOID_GATES:
            return "gate"
        if name == "cell":
            return "cell"
        if name == "hidden" and self.mode == "RNN_RELU":
            return "relu"
        return "tanh"


def _chosen_layer(trace: Trace, layer: int, direction: int):
    """trace.layer(layer, direction), or a ValueError saying which layers and directions exist."""
    layers = len(trace.layers) // trace.num_directions
    if isinstance(layer, bool) or not isinstance(layer, numbers.Integral) or not 0 <= layer < layers:
        raise ValueError(f"layer={layer!r} is invalid: this network has layers 0..{layers - 1}")
    if isinstance(direction, bool) or not isinstance(direction, numbers.Integral) \
            or not 0 <= direction < trace.num_directions:
        raise ValueError(f"direction={direction!r} is invalid: this network has "
                         f"{trace.num_directions} direction(s) (0 forward, 1 reverse)")
    return trace.layer(layer, direction)


def layer_states(trace: Trace, layer: int = 0, direction: int = 0, batch: int = 0) -> LayerStates:
    """One layer and direction of a trace as float32 (T, H) arrays for sequence `batch`."""
    chosen = _chosen_layer(trace, layer, direction)

    def array(tensor: Tensor) -> np.ndarray:
        return tensor[batch].detach().numpy().astype(np.float32)       # (T, H)

    return LayerStates(mode=trace.mode, layer=layer, direction=direction, hidden=array(chosen.hidden),
                       cell=array(chosen.cell) if chosen.cell is not None else None,
                       gates={name: array(chosen.gates[name]) for name in GATE_NAMES[trace.mode]})


def fit_units(units: list[int], steps: int, panels: int) -> list[int]:
    """The first units that keep the animation's bar values within MAX_BAR_VALUES (at least one)."""
    return units[:max(1, MAX_BAR_VALUES // max(1, steps * panels))]


# --- what the network answers at each step ----------------------------------------------------------

@dataclass
class OutputSeries:
    """The head's answer at every step beside the target, one number per step.

    kind "probability": two classes; `prediction` is P(class 1) and `target` the true class (0 or 1).
    kind "target_probability": many classes; `prediction` is the probability given to the right token.
    kind "regression": `prediction` is the output and `target` the true value.
    `target` is NaN where there is none (before the last step of a many-to-one task, or typed text).
    """
    kind: str
    prediction: np.ndarray          # (T,) float32
    target: np.ndarray              # (T,) float32, NaN where no target
    class_name: str | None          # the class of "probability"
    predicted_labels: list[str] | None   # argmax class or token per step (classification)
    target_labels: list[str | None] | None


def output_series(model_trace: ModelTrace, data) -> OutputSeries:
    """Per-step output of sequence 0 of a trace: for a many-to-one task this is what the network would
    answer if the sequence ended at that step, and the target sits at the last step."""
    step_outputs = model_trace.step_outputs[0].double()                 # (T, O)
    T = step_outputs.shape[0]
    y = model_trace.targets[0] if model_trace.targets is not None else None
    if data.target_kind == "regression":
        target = np.full(T, np.nan)
        if y is not None:
            values = y[..., 0].double().numpy()                        # (T,) or ()
            if data.many_to_many:
                target[:] = values
            else:
                target[-1] = values
        return OutputSeries("regression", step_outputs[:, 0].numpy().astype(np.float32),
                            target.astype(np.float32), None, None, None)

    names = list(data.class_names or data.vocab)
    probabilities = torch.softmax(step_outputs, dim=-1)                 # (T, O)
    predicted = [names[i] for i in probabilities.argmax(-1).tolist()]
    classes = np.full(T, -1)                                            # the target class per step
    if y is not None:
        if data.many_to_many:
            classes[:] = y.numpy()
        else:
            classes[-1] = int(y)
    target_labels = [names[c] if c >= 0 else None for c in classes]
    if len(names) == 2:
        target = np.where(classes >= 0, classes, np.nan)
        return OutputSeries("probability", probabilities[:, 1].numpy().astype(np.float32),
                            target.astype(np.float32), names[1], predicted, target_labels)
    right = probabilities[torch.arange(T), torch.from_numpy(np.maximum(classes, 0))].numpy()  # (T,)
    prediction = np.where(classes >= 0, right, np.nan)
    return OutputSeries("target_probability", prediction.astype(np.float32), np.full(T, np.nan, np.float32),
                        None, predicted, target_labels)


# --- the trajectory in two dimensions ----------------------------------------------------------------

@dataclass
class Projection:
    """h_t projected on the first two principal components of this sequence's own h_1..h_T."""
    points: np.ndarray              # (T, 2) float32
    explained: np.ndarray           # (2,) share of the variance along each component
    mean: np.ndarray                # (H,) the centre the components are measured from
    components: np.ndarray          # (2, H) unit vectors; each one's largest entry made positive


def pca_projection(hidden: np.ndarray) -> Projection:
    """PCA by SVD of the centred states (T, H); fewer than two directions of variance give zeros."""
    hidden = np.asarray(hidden, dtype=np.float64)
    if hidden.ndim != 2 or hidden.shape[0] == 0:
        raise ValueError(f"hidden must be a (T, H) array with T >= 1, got shape {hidden.shape}")
    mean = hidden.mean(axis=0)                                          # (H,)
    centred = hidden - mean                                             # (T, H)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)       # vt: (min(T, H), H)
    components = np.zeros((2, hidden.shape[1]))
    components[:min(2, len(vt))] = vt[:2]
    # an SVD's signs are arbitrary: fix them so the same states always give the same picture
    for row in components:
        if row.any() and row[np.argmax(np.abs(row))] < 0:
            row *= -1
    variance = singular ** 2
    explained = np.zeros(2)
    if variance.sum() > 0:
        explained[:min(2, len(variance))] = variance[:2] / variance.sum()
    return Projection(points=(centred @ components.T).astype(np.float32), explained=explained, mean=mean,
                      components=components)


# --- gate saturation -----------------------------------------------------------------------------------

@dataclass
class Saturation:
    """Per gate, the share of values at either end of its range.

    Sigmoid gates: `low` = share below 0.1 (closed), `high` = share above 0.9 (open). tanh values (the
    candidate, a tanh RNN's h): `low` = share below -0.9, `high` = share above 0.9 (|v| > 0.9).
    """
    names: list[str]
    low: np.ndarray                 # (G,)
    high: np.ndarray                # (G,)
    tanh: list[bool]                # which entries are tanh values (their ends are -1 and 1)
    sequences: int                  # how many sequences the shares were counted over


def gate_saturation(values: dict[str, np.ndarray], tanh_names=("candidate", "hidden"),
                    sequences: int = 1) -> Saturation:
    """Shares of values near the ends of each gate's range, over all their entries."""
    names, low, high, tanh = [], [], [], []
    for name, v in values.items():
        v = np.asarray(v)
        is_tanh = name in tanh_names
        names.append(name)
        low.append(np.mean(v < -1 + SATURATED) if is_tanh else np.mean(v < SATURATED))
        high.append(np.mean(v > 1 - SATURATED))
        tanh.append(is_tanh)
    return Saturation(names, np.array(low, dtype=float), np.array(high, dtype=float), tanh, sequences)


def saturation_sequences(count: int, T: int, H: int, layers: int = 1, budget: int = SATURATION_VALUES) -> int:
    """How many sequences keep one gate's values, over `layers` traced layer-directions, within `budget`
    (at least one): the trace holds every layer's gates at once."""
    return max(1, min(count, budget // max(1, T * H * layers)))


@torch.no_grad()
def saturation_over_test_set(model, data, layer: int = 0, direction: int = 0) -> Saturation:
    """Gate saturation of one layer and direction over the test set: its first sequences, as many as keep
    the trace within about SATURATION_VALUES values per gate (all of them for the default tasks), so long
    sequences stay cheap. A tanh RNN has no gates: its h_t is counted instead; a ReLU RNN has nothing
    bounded to count (no entries)."""
    x, _ = data.test
    rnn = model.rnn
    n = saturation_sequences(len(x), x.shape[1], rnn.hidden_size, rnn.num_layers * (2 if rnn.bidirectional else 1))
    chosen = _chosen_layer(trace_model(model, x[:n]).rnn, layer, direction)
    values = {name: gate.numpy() for name, gate in chosen.gates.items()}   # (n, T, H) each
    if model.rnn.mode == "RNN_TANH":
        values["hidden"] = chosen.hidden.numpy()
    return gate_saturation(values, sequences=n)


# --- the whole look inside --------------------------------------------------------------------------

@dataclass
class Inside:
    """Everything the page draws for one sequence, one layer and one direction."""
    sample: Sample
    states: LayerStates
    output: OutputSeries
    projection: Projection
    model_trace: ModelTrace


def look_inside(model, data, sample: Sample, layer: int = 0, direction: int = 0) -> Inside:
    """Trace `model` on `sample` (in eval mode, its modes restored) and gather one layer and direction."""
    model_trace = trace_model(model, sample.x, sample.y)
    states = layer_states(model_trace.rnn, layer, direction)
    return Inside(sample=sample, states=states, output=output_series(model_trace, data),
                  projection=pca_projection(states.hidden), model_trace=model_trace)
