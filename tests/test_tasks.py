"""Tests of rnnviz.tasks. Every expected number is recomputed here, independently, with NumPy or plain
Python from the raw data, never read back from the task's own helpers."""
import codecs
import contextlib
import io
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import torch

from rnnviz.tasks import TASKS, get_task, make_task, validate_task_params

NAMES = ["sum-sign", "next-number", "sine", "sentiment", "adding", "copy", "char-lm"]
SEEDED = [n for n in NAMES if n != "char-lm"]        # char-lm's data is a fixed text: no randomness
SYNTHETIC = ["sum-sign", "next-number", "adding", "copy"]
DATA_DIR = Path(__file__).resolve().parents[1] / "rnnviz" / "data"
CONFIG_KEYS = {"hidden_size", "lr", "steps", "batch_size", "clip", "optimizer", "cell", "embedding_dim"}


def generator(seed=0):
    return torch.Generator().manual_seed(seed)


def log_softmax(logits):
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def entropy_nats(labels):
    p = np.array(list(Counter(np.asarray(labels).ravel().tolist()).values()), dtype=float)
    p /= p.sum()
    return float(-(p * np.log(p)).sum())


@pytest.fixture(scope="module")
def built():
    return {name: make_task(name, seed=0) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_each_registry_entry_names_the_data_class_that_builds_it(name, built):
    spec = get_task(name)
    assert type(built[name]) is spec.data and built[name].name == name
    assert spec.reads_tokens == (built[name].input_kind == "tokens")   # the sidebar asks the entry, not the data


# --- registry and validation ---------------------------------------------------------------------

def test_registry_order_and_specs():
    assert list(TASKS) == NAMES
    for name, spec in TASKS.items():
        assert spec.name == name and spec.summary.endswith(".")
        seq_len = spec.param("seq_len")
        assert 2 <= seq_len.low <= seq_len.default <= seq_len.high <= 1000
        assert set(spec.recommended) <= CONFIG_KEYS
        for p in spec.params:
            assert p.help.endswith(".") and p.help[0].isupper()
            assert p.default in p.choices if p.choices else p.low <= p.default <= p.high
        assert validate_task_params(name, {}) == {p.name: p.default for p in spec.params}


def test_every_task_says_whether_it_clips():
    """Picking a task in the sidebar sets its recommended knobs: one without `clip` would keep the clip of the
    task picked before (adding's brake would follow the learner to sum-sign)."""
    assert all("clip" in spec.recommended for spec in TASKS.values())


def test_get_task_unknown_lists_the_names():
    with pytest.raises(ValueError) as error:
        get_task("addition")
    assert "'addition'" in str(error.value)
    assert all(name in str(error.value) for name in NAMES)


@pytest.mark.parametrize("task, params, words", [
    ("adding", {"seq_len": 1}, ["seq_len=1", "[2, 1000]"]),
    ("adding", {"seq_len": 1001}, ["seq_len=1001", "[2, 1000]"]),
    ("adding", {"seq_len": 10.5}, ["seq_len=10.5", "integer"]),
    ("adding", {"seq_len": "10"}, ["seq_len='10'", "integer"]),
    ("adding", {"seq_len": True}, ["seq_len=True", "integer"]),
    ("sine", {"noise": -0.1}, ["noise=-0.1", "[0, 1]"]),
    ("sine", {"noise": float("nan")}, ["noise=nan", "[0, 1]"]),
    ("sine", {"noise": "a lot"}, ["noise='a lot'", "[0, 1]"]),
    ("copy", {"seq_len": 981}, ["seq_len=981", "[2, 980]"]),
    ("char-lm", {"text": "fr"}, ["text='fr'", "'zen'", "'es'"]),
    ("char-lm", {"seq_len": 100}, ["seq_len=100", "text='zen'", "[2, 85]"]),
    ("adding", {"length": 50}, ["length", "50", "seq_len"]),
])
def test_bad_params_name_param_value_and_range(task, params, words):
    with pytest.raises(ValueError) as error:
        validate_task_params(task, params)
    assert all(word in str(error.value) for word in words), str(error.value)
    with pytest.raises(ValueError):
        make_task(task, **params)


def test_validation_normalises_and_accepts_good_values():
    assert validate_task_params("sine", {"noise": 0}) == {"seq_len": 50, "noise": 0.0}
    assert isinstance(validate_task_params("sine", {"noise": 0})["noise"], float)
    assert validate_task_params("char-lm", {"text": "es", "seq_len": 100}) == {"seq_len": 100, "text": "es"}
    assert validate_task_params("adding", {"seq_len": np.int64(7)})["seq_len"] == 7
    with pytest.raises(ValueError, match="seed=-1"):
        make_task("adding", seed=-1)


# --- shapes, dtypes, reproducibility (every task) ------------------------------------------------

def expected(data, batch):
    """Shapes and dtypes of x and y from the task's declared kinds."""
    T, O = data.seq_len, data.output_size
    x = ((batch, T, data.input_size), torch.float32) if data.input_kind == "vectors" else ((batch, T), torch.int64)
    if data.target_kind == "regression":
        y = ((batch, T, O) if data.many_to_many else (batch, O), torch.float32)
    else:
        y = ((batch, T) if data.many_to_many else (batch,), torch.int64)
    return x, y


@pytest.mark.parametrize("name", NAMES)
def test_shapes_and_dtypes_match_the_declared_kinds(built, name):
    data = built[name]
    assert data.name == name
    assert data.input_kind in ("vectors", "tokens") and data.target_kind in ("regression", "classification")
    if data.input_kind == "tokens":
        assert data.target_kind == "classification" and len(data.vocab) == data.input_size
    for x, y in (data.train_batch(7, generator()), data.val, data.test):
        (x_shape, x_dtype), (y_shape, y_dtype) = expected(data, len(x))
        assert (tuple(x.shape), x.dtype, tuple(y.shape), y.dtype) == (x_shape, x_dtype, y_shape, y_dtype)
        if data.input_kind == "tokens":
            assert 0 <= int(x.min()) and int(x.max()) < data.input_size
        if data.target_kind == "classification":
            assert 0 <= int(y.min()) and int(y.max()) < data.output_size
    assert len(data.train_batch(7, generator())[0]) == 7


@pytest.mark.parametrize("name", NAMES)
def test_loss_and_metric_equal_independent_numpy(built, name):
    data = built[name]
    x, y = data.val
    shape = (*y.shape, data.output_size) if data.target_kind == "classification" else y.shape
    output = torch.randn(shape, generator=generator(1), requires_grad=True)
    loss = data.loss(output, y)
    loss.backward()                                           # differentiable, scalar
    assert loss.dim() == 0 and output.grad is not None
    o, t = output.detach().double().numpy(), y.numpy()
    if data.target_kind == "regression":
        assert loss.item() == pytest.approx(((o - t) ** 2).mean(), rel=1e-5)
    else:
        picked = np.take_along_axis(log_softmax(o), t[..., None], axis=-1)
        assert loss.item() == pytest.approx(-picked.mean(), rel=1e-5)
    metric = data.metric(output.detach(), y)
    if name in ("sum-sign", "sentiment"):
        assert metric == pytest.approx((o.argmax(-1) == t).mean())
    elif name == "copy":
        assert metric == pytest.approx((o[:, -10:].argmax(-1) == t[:, -10:]).mean())
    elif name == "char-lm":
        assert metric == pytest.approx(loss.item() / math.log(2), rel=1e-5)
    elif name == "adding":
        assert metric == pytest.approx(((o - t) ** 2).mean(), rel=1e-9)
    elif name == "next-number":
        assert metric == pytest.approx(np.abs(data.to_original(o) - data.to_original(t)).mean(), rel=1e-6)
    elif name == "sine":
        assert metric == pytest.approx(np.sqrt(((data.to_original(o) - data.to_original(t)) ** 2).mean()), rel=1e-6)
    with pytest.raises(ValueError, match="do not match"):
        data.loss(output.detach()[:3], y)


@pytest.mark.parametrize("name", NAMES)
def test_same_seed_same_data_and_different_seed_different(name):
    a, b, c = make_task(name, seed=3), make_task(name, seed=3), make_task(name, seed=4)
    for split in ("val", "test"):
        assert all(torch.equal(u, v) for u, v in zip(getattr(a, split), getattr(b, split)))
    assert a.baseline_loss == b.baseline_loss
    same = torch.equal(a.val[0], c.val[0]) if a.val[0].shape == c.val[0].shape else False
    assert same == (name == "char-lm")      # char-lm: a fixed text split by position, by design


@pytest.mark.parametrize("name", NAMES)
def test_train_batch_reproducible_from_generator_state(built, name):
    data = built[name]
    g = generator(11)
    state = g.get_state()
    first = data.train_batch(16, g)
    second = data.train_batch(16, g)
    g.set_state(state)
    again = data.train_batch(16, g)
    assert all(torch.equal(u, v) for u, v in zip(first, again))
    assert not torch.equal(first[0], second[0])
    with pytest.raises(ValueError, match="batch_size"):
        data.train_batch(0, g)
    with pytest.raises(TypeError, match="Generator"):
        data.train_batch(4, 123)


@pytest.mark.parametrize("name", SEEDED)
def test_fixed_sets_are_not_the_first_training_batches(name):
    # the trainer seeds its batch generator with the experiment seed: that stream must not be the val set
    data = make_task(name, seed=0)
    x, _ = data.train_batch(len(data.val[0]), generator(0))
    assert not torch.equal(x, data.val[0])


# --- baselines, recomputed -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sum-sign", "sentiment"])
def test_classification_baseline_is_the_label_prior_entropy(built, name):
    data = built[name]
    labels = data.val[1].numpy()
    assert data.baseline_loss == pytest.approx(entropy_nats(labels), rel=1e-12)
    assert data.baseline_metric == pytest.approx(max(labels.mean(), 1 - labels.mean()))


@pytest.mark.parametrize("name", ["sine", "adding"])
def test_regression_baseline_is_the_best_constant(built, name):
    data = built[name]
    targets = data.val[1].double().numpy().ravel()
    best = targets.mean()
    loss_of = lambda c: float(((targets - c) ** 2).mean())
    assert data.baseline_loss == pytest.approx(loss_of(best), rel=1e-9)
    grid = np.linspace(targets.min(), targets.max(), 201)
    assert min(loss_of(c) for c in grid) >= data.baseline_loss - 1e-12


def test_adding_baseline_is_one_sixth_within_sampling_error():
    for seed in (0, 1, 2):
        data = make_task("adding", seed=seed)
        targets = data.val[1].double().numpy().ravel()
        squared = (targets - targets.mean()) ** 2
        standard_error = squared.std() / math.sqrt(len(squared))
        assert abs(data.baseline_loss - 1 / 6) < 4 * standard_error


def test_next_number_baseline_is_the_best_constant_per_step(built):
    data = built["next-number"]
    targets = data.val[1].double().numpy()[..., 0]                     # (n, T)
    per_step = ((targets - targets.mean(axis=0)) ** 2).mean()
    assert data.baseline_loss == pytest.approx(per_step, rel=1e-9)
    one_constant = ((targets - targets.mean()) ** 2).mean()
    assert data.baseline_loss < one_constant                         # the per-step bar is the stricter one


@pytest.mark.parametrize("delay", [2, 20, 100])
def test_copy_baseline_is_the_best_memoryless_predictor(delay):
    data = make_task("copy", seed=0, seq_len=delay)
    # estimate the memoryless predictor from many generated sequences: per-position target frequencies
    _, many = data.train_batch(20_000, generator(5))
    many = many.numpy()
    frequencies = np.stack([np.bincount(many[:, t], minlength=10) for t in range(many.shape[1])]) / len(many)
    assert np.all(frequencies[:delay + 10, 0] == 1)                   # blanks until the recall: certain
    assert np.all(frequencies[delay + 10:, [0, 9]] == 0)
    assert np.allclose(frequencies[delay + 10:, 1:9], 1 / 8, atol=0.015)
    # its cross-entropy on the val targets, in numpy
    val_targets = data.val[1].numpy()
    with np.errstate(divide="ignore"):
        log_p = np.log(frequencies)
    estimated = -log_p[np.arange(val_targets.shape[1]), val_targets].mean()
    assert data.baseline_loss == pytest.approx(estimated, rel=0.01)
    # exact: uniform over the 8 symbols at the 10 recall steps, certainty elsewhere
    uniform = np.where(np.arange(delay + 20) < delay + 10, 0.0, math.log(8))
    assert data.baseline_loss == pytest.approx(uniform.mean(), rel=1e-12)
    assert data.baseline_loss == pytest.approx(10 * math.log(8) / (delay + 20), rel=1e-12)


@pytest.mark.parametrize("text", ["zen", "es"])
def test_char_lm_baseline_is_the_unigram_cross_entropy_of_the_val_span(text):
    data = make_task("char-lm", text=text, seq_len=32)
    raw = (DATA_DIR / {"zen": "zen_of_python.txt", "es": "quijote.txt"}[text]).read_text(encoding="utf-8")
    split = int(len(raw) * 0.9)
    val_targets = [raw[split + i + 1: split + i + 33] for i in range(len(raw) - split - 32)]
    assert data.baseline_loss == pytest.approx(entropy_nats(list("".join(val_targets))), rel=1e-12)
    assert data.baseline_metric == pytest.approx(data.baseline_loss / math.log(2), rel=1e-9)


# --- sum-sign, next-number ------------------------------------------------------------------------

def test_sum_sign_labels_are_the_sign_of_the_sum(built):
    x, y = built["sum-sign"].train_batch(2000, generator(2))
    sums = x.double().numpy().sum(axis=(1, 2))
    clear = np.abs(sums) > 1e-5                                        # float32 rounding at exactly zero
    assert np.array_equal(y.numpy()[clear], (sums[clear] > 0).astype(int))


def test_next_number_sequences_are_arithmetic(built):
    data = built["next-number"]
    x, y = data.train_batch(500, generator(3))
    terms = np.round(data.to_original(np.concatenate([x.numpy(), y.numpy()[:, -1:]], axis=1)[..., 0]), 3)
    steps = np.diff(terms, axis=1)
    assert np.all(steps == steps[:, :1]) and set(np.unique(steps[:, 0])) <= set(range(1, 10))
    assert set(np.unique(terms[:, 0])) <= set(range(0, 50))
    assert np.allclose(data.to_original(y.numpy()[:, :-1]), data.to_original(x.numpy()[:, 1:]), atol=1e-3)
    assert np.abs(x.numpy()).max() <= 1 and np.abs(y.numpy()).max() <= 1  # normalised
    x1, y1 = data.sequence(3, 4, 5)
    assert x1.shape == y1.shape == (1, 5, 1)
    assert np.allclose(data.to_original(x1.numpy().ravel()), [3, 7, 11, 15, 19], atol=1e-4)
    assert np.allclose(data.to_original(y1.numpy().ravel()), [7, 11, 15, 19, 23], atol=1e-4)
    with pytest.raises(ValueError, match="length"):
        data.sequence(3, 4, 1)


# --- sine -----------------------------------------------------------------------------------------

def test_sine_split_by_time_without_leakage():
    data = make_task("sine", seed=1, seq_len=30, noise=0.2)
    series = data.series.double().numpy()
    (a0, a1), (b0, b1), (c0, c1) = data.train_span, data.val_span, data.test_span
    assert a0 == 0 and a1 == b0 and b1 == c0 and c1 == len(series) and a1 < b1 < c1
    # the scaler saw the training span only
    assert data.scale_min == pytest.approx(series[a0:a1].min()) and data.scale_max == pytest.approx(series[a0:a1].max())
    assert series[b0:].max() != series[:a1].max() or series[b0:].min() != series[:a1].min()  # leakage would show
    # every window lies inside its own split, and the splits follow each other in time
    for (x, y), times, (start, stop) in ((data.val, data.val_times, data.val_span),
                                         (data.test, data.test_times, data.test_span)):
        times = times.numpy()
        assert times.min() - 30 >= start and times.max() < stop
        originals = data.to_original(x.double().numpy()[..., 0])
        expected = np.stack([series[t - 30:t] for t in times])
        assert np.allclose(originals, expected, atol=1e-5)
        assert np.allclose(data.to_original(y.double().numpy()[:, 0]), series[times], atol=1e-5)
    assert data.train_times.max() < data.val_times.min() - 30 + 1 and data.val_times.max() < data.test_times.min()
    x, y = data.train_batch(256, generator(4))
    assert data.to_original(y.double().numpy()).max() <= series[:a1].max() + 1e-5


def test_sine_repeat_last_rmse_and_metric_in_original_units():
    data = make_task("sine", seed=2, seq_len=20, noise=0.1)
    series = data.series.double().numpy()
    start, stop = data.test_span
    errors = [series[t] - series[t - 1] for t in range(start + 20, stop)]
    assert data.repeat_last_rmse == pytest.approx(math.sqrt(np.mean(np.square(errors))), rel=1e-5)
    x, y = data.test
    repeat = x[:, -1, :]                                               # the last value seen, as a prediction
    assert data.metric(repeat, y) == pytest.approx(data.repeat_last_rmse, rel=1e-5)
    assert data.repeat_last_rmse < math.sqrt(data.baseline_loss) * (data.scale_max - data.scale_min)


# --- sentiment ------------------------------------------------------------------------------------

def read_corpus():
    lines = (DATA_DIR / "sentiment.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "text\tlabel\tlang"
    return [tuple(line.split("\t")) for line in lines[1:]]


def test_sentiment_corpus_is_big_balanced_bilingual_and_order_sensitive():
    rows = read_corpus()
    assert len(rows) >= 300 and all(len(row) == 3 for row in rows)
    counts = Counter((label, lang) for _, label, lang in rows)
    assert set(counts) == {(l, g) for l in ("positive", "negative") for g in ("en", "es")}
    assert counts["positive", "en"] == counts["negative", "en"] and counts["positive", "es"] == counts["negative", "es"]
    label_of = {text: label for text, label, _ in rows}
    assert label_of["me gusta mucho"] == "positive" and label_of["no me gusta"] == "negative"
    assert label_of["very good"] == "positive" and label_of["not good"] == "negative"
    assert label_of["no está mal"] == "positive" and label_of["not bad at all"] == "positive"
    # sentences with the very same words but opposite labels: only word order tells them apart
    by_bag = {}
    for text, label, lang in rows:
        by_bag.setdefault((lang, tuple(sorted(text.lower().replace(",", " ").split()))), set()).add(label)
    both = [bag for bag, labels in by_bag.items() if len(labels) == 2]
    assert sum(lang == "en" for lang, _ in both) >= 3 and sum(lang == "es" for lang, _ in both) >= 3


def test_sentiment_split_is_stratified_disjoint_and_seeded():
    rows = read_corpus()
    data = make_task("sentiment", seed=0)
    texts = {split: [text for text, _, _ in data.rows[split]] for split in ("train", "val", "test")}
    assert sorted(sum(texts.values(), [])) == sorted(text for text, _, _ in rows)
    assert not set(texts["val"]) & set(texts["test"]) and not set(texts["train"]) & set(texts["val"])
    for split in ("val", "test"):
        groups = Counter((label, lang) for _, label, lang in data.rows[split])
        assert len(groups) == 4 and max(groups.values()) - min(groups.values()) <= 1
        assert len(data.rows[split]) == len(getattr(data, split)[1])
        assert data.rows[split][0][1] == int(getattr(data, split)[1][0])   # rows align with tensors
    other = make_task("sentiment", seed=1)
    assert [t for t, _, _ in other.rows["val"]] != texts["val"]


def test_sentiment_encode_pads_left_and_keeps_the_end():
    data = make_task("sentiment", seed=0, seq_len=6)
    ids = data.encode("¿No está MAL?")
    assert ids.dtype == torch.int64 and ids.shape == (6,)
    assert ids[:3].tolist() == [0, 0, 0]
    assert [data.vocab[i] for i in ids[3:]] == ["no", "está", "mal"]
    assert data.encode("no zxqv")[-1].item() == 1                       # unknown word -> <unk>
    long = data.encode("i thought it would be bad but it was good")
    assert data.decode(long) == " ".join(w if w in data.vocab else "<unk>"
                                         for w in "be bad but it was good".split())
    train_words = {w for text, _, _ in data.rows["train"] for w in text.lower().replace(",", " ").split()}
    assert set(data.vocab[2:]) == {w.strip("¿¡!?.") for w in train_words} - {""}
    assert data.encode("").tolist() == [0] * 6


# --- adding, copy ---------------------------------------------------------------------------------

def test_adding_layout_and_targets(built):
    x, y = built["adding"].train_batch(1000, generator(6))
    values, markers = x[..., 0].double().numpy(), x[..., 1].numpy()
    assert values.min() >= 0 and values.max() < 1
    assert np.all(markers.sum(axis=1) == 2) and set(np.unique(markers)) == {0.0, 1.0}
    assert np.all(markers[:, :25].sum(axis=1) == 1) and np.all(markers[:, 25:].sum(axis=1) == 1)
    assert np.allclose(y.double().numpy()[:, 0], (values * markers).sum(axis=1), atol=1e-6)


def test_copy_layout():
    data = make_task("copy", seed=0, seq_len=7)
    x, y = data.train_batch(50, generator(7))
    assert x.shape == (50, 27) and data.seq_len == 27
    x, y = x.numpy(), y.numpy()
    assert x[:, :10].min() >= 1 and x[:, :10].max() <= 8
    assert np.all(x[:, 10:16] == 0) and np.all(x[:, 16] == 9) and np.all(x[:, 17:] == 0)   # T-1 blanks, ':'
    assert np.all(y[:, :17] == 0) and np.array_equal(y[:, 17:], x[:, :10])
    assert data.decode(torch.tensor(x[0])) == "".join(str(s) for s in x[0, :10]) + "_" * 6 + ":" + "_" * 10
    assert torch.equal(data.encode(data.decode(torch.tensor(x[0]))), torch.tensor(x[0]))
    with pytest.raises(ValueError, match="'x'"):
        data.encode("12x")


# --- char-lm --------------------------------------------------------------------------------------

def test_char_lm_texts_windows_and_vocabulary():
    with contextlib.redirect_stdout(io.StringIO()):
        import this
    zen = (DATA_DIR / "zen_of_python.txt").read_text(encoding="utf-8")
    assert zen == codecs.decode(this.s, "rot13") + "\n"
    assert (DATA_DIR / "quijote.txt").read_text(encoding="utf-8").startswith("En un lugar de la Mancha, de cuyo")
    data = make_task("char-lm", seq_len=16)
    split = int(len(zen) * 0.9)
    assert data.vocab == sorted(set(zen)) and data.input_size == data.output_size == len(set(zen))
    x, y = data.val
    assert len(x) == len(zen) - split - 16
    assert data.decode(x[0]) == zen[split:split + 16] and data.decode(y[-1]) == zen[-16:]
    xb, yb = data.train_batch(64, generator(8))
    for row_x, row_y in zip(xb, yb):
        window = data.decode(row_x) + data.decode(row_y)[-1]
        assert window in zen[:split] and data.decode(row_y) == window[1:]
    assert data.decode(data.encode("Beautiful")) == "Beautiful"
    with pytest.raises(ValueError, match="ñ"):
        data.encode("año")
    assert make_task("char-lm", text="es").encode("año").shape == (3,)
    with pytest.raises(TypeError, match="tokens tasks"):
        make_task("adding").encode("abc")
