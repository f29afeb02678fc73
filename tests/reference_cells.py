"""The independent reference both exactness suites compare against: one timestep at a time, straight from
the equations in the nn.RNN / nn.LSTM / nn.GRU documentation (written here, not taken from rnnviz)."""
import torch
from torch import nn


def make_rnn(cell, input_size=3, hidden_size=4, dtype=torch.float64, seed=0, **kwargs):
    torch.manual_seed(seed)
    if cell == "lstm":
        rnn = nn.LSTM(input_size, hidden_size, **kwargs)
    elif cell == "gru":
        rnn = nn.GRU(input_size, hidden_size, **kwargs)
    else:
        rnn = nn.RNN(input_size, hidden_size, nonlinearity=cell[4:], **kwargs)
    return rnn.to(dtype)


def reference_cell(cell, x, h, c, w_ih, w_hh, b_ih, b_hh):
    """One step; x (..., I), h and c (..., H). Returns (h, c, gates dict after their nonlinearities)."""
    gi = x @ w_ih.T + b_ih
    gh = h @ w_hh.T + b_hh
    if cell == "lstm":
        i, f, g, o = (gi + gh).chunk(4, dim=-1)
        i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
        c = f * c + i * g
        return o * torch.tanh(c), c, {"input": i, "forget": f, "candidate": g, "output": o}
    if cell == "gru":
        i_r, i_z, i_n = gi.chunk(3, dim=-1)
        h_r, h_z, h_n = gh.chunk(3, dim=-1)
        r = torch.sigmoid(i_r + h_r)
        z = torch.sigmoid(i_z + h_z)
        n = torch.tanh(i_n + r * h_n)
        return (1 - z) * n + z * h, None, {"reset": r, "update": z, "candidate": n}
    a = gi + gh
    return (torch.tanh(a) if cell == "rnn_tanh" else torch.relu(a)), None, {}


def weights(rnn, layer, direction):
    sfx = f"_l{layer}" + ("_reverse" if direction else "")
    w_ih, w_hh = getattr(rnn, "weight_ih" + sfx), getattr(rnn, "weight_hh" + sfx)
    zero = torch.zeros(w_ih.shape[0], dtype=w_ih.dtype)
    if not rnn.bias:
        return w_ih, w_hh, zero, zero
    return w_ih, w_hh, getattr(rnn, "bias_ih" + sfx), getattr(rnn, "bias_hh" + sfx)


class TinySequenceModel(nn.Module):
    """A stand-in for rnnviz.models.SequenceModel (embed -> rnn -> readout), many-to-one: ids from a
    vocabulary of `vocab` through a 3-wide embedding, a recurrent layer of 4 units, 2 logits."""

    def __init__(self, cell="gru", bidirectional=True, vocab=5, dtype=torch.float64, seed=2):
        super().__init__()
        torch.manual_seed(seed)
        self.embedding = nn.Embedding(vocab, 3).to(dtype)
        self.rnn = make_rnn(cell, batch_first=True, bidirectional=bidirectional, dtype=dtype, seed=seed + 1)
        self.head = nn.Linear(8 if bidirectional else 4, 2).to(dtype)

    def embed(self, x):
        return self.embedding(x)

    def readout(self, rnn_output):
        return self.head(rnn_output[:, -1])

    def forward(self, x):
        return self.readout(self.rnn(self.embed(x))[0])
