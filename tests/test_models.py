"""SequenceModel: shapes, initialisation options, readout, checkpoints, sampling."""
import io

import pytest
import torch

from rnnviz.config import ExperimentConfig
from rnnviz.models import SequenceModel, build_model, load_model, sample_text, save_model
from rnnviz.tasks import make_task


@pytest.mark.parametrize("cell", ["rnn", "rnn-relu", "lstm", "gru"])
@pytest.mark.parametrize("bidirectional", [False, True])
@pytest.mark.parametrize("many_to_many", [False, True])
def test_output_shapes(cell, bidirectional, many_to_many):
    model = SequenceModel(cell, input_size=3, output_size=2, hidden_size=5, num_layers=2,
                          bidirectional=bidirectional, many_to_many=many_to_many)
    y = model(torch.randn(4, 7, 3))
    assert y.shape == ((4, 7, 2) if many_to_many else (4, 2))


def test_many_to_one_reads_each_directions_final_state():
    model = SequenceModel("gru", input_size=2, output_size=1, hidden_size=4, bidirectional=True)
    x = torch.randn(3, 6, 2)
    _, h_n = model.rnn(x)                                     # (2, B, H): forward and backward finals
    expected = model.head(torch.cat([h_n[0], h_n[1]], dim=-1))
    torch.testing.assert_close(model(x), expected)


def test_token_model_embeds():
    model = SequenceModel("lstm", input_size=10, output_size=10, tokens=True, embedding_dim=6, many_to_many=True)
    assert model.rnn.input_size == 6
    assert model(torch.randint(0, 10, (2, 5))).shape == (2, 5, 10)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_orthogonal_init_has_the_chosen_spectral_radius(cell):
    model = SequenceModel(cell, input_size=1, output_size=1, hidden_size=16, spectral_radius=0.7)
    H = 16
    for block in model.rnn.weight_hh_l0.detach().split(H):
        singular_values = torch.linalg.svdvals(block)
        torch.testing.assert_close(singular_values, torch.full((H,), 0.7), atol=1e-5, rtol=0)


def test_forget_bias_sets_the_total_forget_bias():
    model = SequenceModel("lstm", input_size=1, output_size=1, hidden_size=8, num_layers=2, forget_bias=2.0)
    for layer in range(2):
        total = getattr(model.rnn, f"bias_ih_l{layer}") + getattr(model.rnn, f"bias_hh_l{layer}")
        torch.testing.assert_close(total[8:16], torch.full((8,), 2.0))


def test_build_model_is_reproducible_from_the_seed():
    data = make_task("sum-sign")
    a, b = (build_model(ExperimentConfig(seed=5), data) for _ in range(2))
    c = build_model(ExperimentConfig(seed=6), data)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    assert not torch.equal(a.rnn.weight_hh_l0, c.rnn.weight_hh_l0)


def test_checkpoint_round_trip(tmp_path):
    config = ExperimentConfig(task="adding", cell="gru", hidden_size=12)
    model = build_model(config, make_task("adding"))
    save_model(tmp_path / "m.pt", model, config)
    loaded, loaded_config = load_model(tmp_path / "m.pt")
    assert loaded_config == config
    x = torch.rand(2, 50, 2)
    torch.testing.assert_close(loaded(x), model.eval()(x))


def test_checkpoint_that_carries_code_is_refused():
    class Payload:
        def __reduce__(self):
            return (print, ("this would run",))
    buffer = io.BytesIO()
    torch.save({"spec": Payload(), "state_dict": {}}, buffer)
    buffer.seek(0)
    with pytest.raises(Exception, match="Weights only load failed"):
        load_model(buffer)


def test_sample_text_is_reproducible_and_temperature_checked():
    data = make_task("char-lm")
    model = build_model(ExperimentConfig(task="char-lm"), data)
    first = sample_text(model, data, "Beautiful", 40, temperature=0.8, seed=1)
    assert first == sample_text(model, data, "Beautiful", 40, temperature=0.8, seed=1)
    assert len(first) == 40 and set(first) <= set(data.vocab)
    with pytest.raises(ValueError, match="temperature"):
        sample_text(model, data, "a", 5, temperature=0.0)
