"""The spectral-radius lab's story and the unrolled view's numbers (rnnviz.model_gradients): what the
Gradients page says about untrained gated cells and the forget-gate bias is measured here, and the
per-sequence ||dL/dh_t|| and ||dL/dc_t|| are checked against autograd on a hand-unrolled LSTM."""
import numpy as np
import pytest
import torch

from rnnviz import model_gradients
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.models import build_model


def lab(cell, forget_bias=None, seq_len=100, rho=1.0, **knobs):
    """The lab as the page opens it with the default experiment: rho = 1, T = 100."""
    config = model_gradients.radius_lab_config(ExperimentConfig(**knobs), cell, seq_len, rho, forget_bias)
    return model_gradients.radius_lab(config, model_gradients.lab_task_data(config))


# --- the story the lab tells (rnnviz/i18n/gradients.py says these) ---------------------------------------

def test_untrained_gated_cells_vanish_too_at_pytorchs_initialisation():
    # the numbers: at rho = 1, T = 100, a fresh tanh RNN keeps ~1e-4 of its gradient, an LSTM and a
    # GRU at PyTorch's initialisation ~1e-14: their keeping gate sits near 0.5, halving it at every step
    rnn, lstm, gru = lab("rnn"), lab("lstm"), lab("gru")
    assert 1e-5 < rnn.ratio < 1e-3
    assert lstm.ratio < 1e-12 and gru.ratio < 1e-12
    assert lstm.ratio < 1e-8 * rnn.ratio and gru.ratio < 1e-8 * rnn.ratio
    assert rnn.carry_gate is None
    assert lstm.carry_gate == pytest.approx(0.5, abs=0.03) and gru.carry_gate == pytest.approx(0.5, abs=0.03)


def test_forget_bias_4_keeps_the_lstms_gradient():
    labs = {bias: lab("lstm", bias) for bias in (0.0, 1.0, 4.0)}
    ratios = {bias: result.ratio for bias, result in labs.items()}
    # the slider's help: f near 0.5 at a bias of 0, 0.73 at 1, 0.98 at 4 (sigma(b), the other terms near 0)
    assert [round(labs[b].carry_gate, 2) for b in (0.0, 1.0, 4.0)] == [0.50, 0.73, 0.98]
    assert ratios[4.0] > 1e10 * ratios[0.0]               # orders of magnitude: measured 7.8 vs 1.2e-14
    assert ratios[0.0] < ratios[1.0] < ratios[4.0]
    assert ratios[4.0] > 0.1                              # most of it reaches the first step
    assert lab("lstm", 4.0).ratio > lab("rnn").ratio      # more than the tanh RNN keeps


def test_forget_gate_mean_is_sigmoid_of_its_bias_roughly():
    # independently of rnnviz.trace: f = sigma(W_if x + b_if + W_hf h_{t-1} + b_hf) with h from nn.LSTM itself
    config = model_gradients.radius_lab_config(ExperimentConfig(), "lstm", 20, 1.0, 4.0)
    data = model_gradients.lab_task_data(config)
    model = build_model(config, data).eval()
    x = model.embed(data.val[0][:32]).detach()                               # (B, T, I)
    with torch.no_grad():
        h, _ = model.rnn(x)                                                    # (B, T, H)
        previous = torch.cat([torch.zeros_like(h[:, :1]), h[:, :-1]], dim=1)    # h_{t-1}
        H = model.rnn.hidden_size
        rows = slice(H, 2 * H)                                                  # i, f, g, o: f second
        f = torch.sigmoid(x @ model.rnn.weight_ih_l0[rows].T + model.rnn.bias_ih_l0[rows]
                          + previous @ model.rnn.weight_hh_l0[rows].T + model.rnn.bias_hh_l0[rows])
    assert model_gradients.carry_gate_mean(model, data) == pytest.approx(float(f.double().mean()), rel=1e-6)
    assert float(f.mean()) > 0.95                                                # sigma(4) = 0.982


def test_ratio_is_the_top_curves_first_over_last():
    result = lab("gru", seq_len=30, layers=2)
    top = result.norms[2 - 1]
    assert result.ratio == pytest.approx(float(np.float64(top[0]) / np.float64(top[-1])), rel=1e-12)
    assert np.isnan(model_gradients.gradient_ratio([0.0, 0.0])) and model_gradients.gradient_ratio([1.0, 0.0]) == np.inf


def test_training_raises_the_ratio_of_the_learners_lstm():
    # the lab's "your network" line: sum-sign needs every step, and 300 steps teach the LSTM to keep
    # the gradient (measured 0.0027 at initialisation, 0.34 after)
    experiment = Experiment.build(ExperimentConfig(task="sum-sign", cell="lstm", steps=300))
    for _ in experiment.trainer.run(300):
        pass
    both = model_gradients.trained_and_initial(experiment.initial_model, experiment.model, experiment.data)
    assert both["now"]["ratio"] > 10 * both["initial"]["ratio"]
    assert both["now"]["carry_gate"] > both["initial"]["carry_gate"]


# --- the unrolled view's numbers ---------------------------------------------------------------------------

def unrolled_lstm_by_autograd(model, x, y, loss):
    """||dL/dh_t|| and ||dL/dc_t|| of a one-layer LSTM SequenceModel, by autograd on a hand-unrolled loop."""
    rnn, inputs = model.rnn, model.embed(x).detach()
    h = c = torch.zeros(inputs.shape[0], rnn.hidden_size)
    hs, cs = [], []
    for t in range(inputs.shape[1]):
        i, f, g, o = (inputs[:, t] @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T
                      + rnn.bias_hh_l0).chunk(4, dim=-1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        h.retain_grad(), c.retain_grad()
        hs.append(h), cs.append(c)
    loss(model.readout(torch.stack(hs, dim=1)), y).backward()
    return (np.array([float(s.grad.double().norm()) for s in hs]),
            np.array([float(s.grad.double().norm()) for s in cs]))


@pytest.mark.parametrize("task,last_step_only", [("next-number", False), ("next-number", True), ("sum-sign", False)])
def test_unrolled_gradients_of_one_sequence_match_autograd(task, last_step_only):
    config = ExperimentConfig.for_task(task, cell="lstm", hidden_size=6, forget_bias=1.0)
    data = model_gradients.lab_task_data(config)
    model = build_model(config, data).eval()
    result = model_gradients.unrolled_gradients(model, data, 3, last_step_only=last_step_only)
    x, y = data.val[0][3:4], data.val[1][3:4]
    loss = model_gradients.last_step_loss(data) if last_step_only else data.loss
    hidden, cell = unrolled_lstm_by_autograd(model, x, y, loss)
    np.testing.assert_allclose(result.hidden, hidden, rtol=2e-4, atol=1e-12)
    np.testing.assert_allclose(result.cell_state, cell, rtol=2e-4, atol=1e-12)
    assert result.cell == "lstm" and result.loss_at_every_step == (data.many_to_many and not last_step_only)
    model.zero_grad()


def test_three_fresh_cells_on_the_same_sequence():
    config = model_gradients.radius_lab_config(ExperimentConfig(), "rnn", 40, 1.0, 4.0)
    data = model_gradients.lab_task_data(config)
    cells = model_gradients.fresh_cells_unrolled(config, data, 5)
    assert list(cells) == ["rnn", "lstm", "gru"]
    assert all(c.hidden.shape == (40,) for c in cells.values())
    assert cells["lstm"].cell_state.shape == (40,) and cells["rnn"].cell_state is None is cells["gru"].cell_state
    lstm = build_model(config.replace(cell="lstm"), data).eval()      # with the lab's forget bias of 4
    again = model_gradients.unrolled_gradients(lstm, data, 5, last_step_only=True)
    np.testing.assert_array_equal(cells["lstm"].hidden, again.hidden)
    assert not any(c.loss_at_every_step for c in cells.values())
    with pytest.raises(ValueError, match="index"):
        model_gradients.unrolled_gradients(lstm, data, len(data.val[0]))
