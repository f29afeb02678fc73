"""A vanilla RNN in NumPy with full, exact backpropagation through time (the from-scratch lesson).

    a_t = W_xh x_t + W_hh h_{t-1} + b_h      pre-activation, t = 1..T, h_0 = 0
    h_t = tanh(a_t)                          hidden state
    z   = W_hy h_T + b_y                     logit, read from the LAST step only
    p   = sigmoid(z)                         probability of label 1
    L   = mean over the batch of -[y log p + (1 - y) log(1 - p)]    binary cross-entropy

Made for the `sum-sign` task (x_t ~ N(0, 1), label 1 when the sum of the sequence is positive).
In float64 its gradients equal torch autograd on the same weights; `numerical_gradients` and
`torch_gradients` are here so anyone can check that.

Three pitfalls of approximate BPTT code (the course's original NumPy RNN had all three):
  1. dL/dz = p - y exactly: sigmoid and cross-entropy cancel. Multiplying again by p (1 - p), the
     sigmoid's slope, double-counts it.
  2. The weight gradient at step t needs h_{t-1}, the state that ENTERED the step, not h_t. Here
     `hidden_states` holds h_0 at index 0, so h_{t-1} is hidden_states[:, t - 1] (1-based t).
  3. The loss only sees h_T. Earlier steps receive gradient only through W_hh from the step after
     them; injecting dL/dz at every timestep trains a different (wrong) model.

References: Karpathy, min-char-rnn.py (2015), whose layout this file follows; Elman (1990), "Finding
structure in time"; Werbos (1990), "Backpropagation through time: what it does and how to do it".
"""
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn


# the elementwise pieces, written so that large |z| neither overflows nor loses digits

def softplus(z):
    """log(1 + e^z), stable for any z."""
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def sigmoid(z):
    """1 / (1 + e^-z), computed as exp(-softplus(-z)) so it never overflows."""
    return np.exp(-softplus(-z))


@dataclass
class ForwardPass:
    """Everything the forward pass computed, kept for the backward pass.

    Time is 0-based in the arrays: x[:, t] is x_{t+1} of the equations.
    """
    x: np.ndarray               # (B, T, I) the inputs
    pre_activations: np.ndarray  # (B, T, H) a_t, t = 1..T
    hidden_states: np.ndarray   # (B, T+1, H) h_0 (zeros) at index 0, then h_1..h_T
    logits: np.ndarray          # (B, 1) z
    probabilities: np.ndarray   # (B, 1) p = sigmoid(z)

    @property
    def hidden(self):
        """(B, T, H) h_1..h_T, aligned with x and pre_activations."""
        return self.hidden_states[:, 1:]


@dataclass
class BackwardPass:
    """The per-timestep derivatives BPTT computed on its way back."""
    dL_dlogits: np.ndarray  # (B, 1) dL/dz = (p - y) / B
    dL_dh: np.ndarray       # (B, T, H) total derivative dL/dh_t, aligned with ForwardPass.hidden
    dL_da: np.ndarray       # (B, T, H) dL/da_t = dL/dh_t * (1 - h_t^2)


class ScratchRNN:
    """tanh RNN -> sigmoid on the last step, trained with binary cross-entropy and plain SGD."""

    def __init__(self, input_size, hidden_size, seed=0, dtype=np.float64):
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        dtype = np.dtype(dtype)
        if dtype not in (np.float32, np.float64):
            raise ValueError(f"dtype must be float32 or float64, got {dtype}")
        self.input_size, self.hidden_size, self.dtype = int(input_size), int(hidden_size), dtype

        # model parameters
        # U(-1/sqrt(H), 1/sqrt(H)) for all, PyTorch's default for nn.RNN and nn.Linear(H, 1): big
        # enough that the gradient reaches early steps, small enough that tanh does not saturate.
        rng = np.random.default_rng(seed)
        H, I = self.hidden_size, self.input_size
        bound = 1.0 / np.sqrt(H)

        def uniform(*shape):
            return rng.uniform(-bound, bound, size=shape).astype(dtype)

        self.params = {
            "W_xh": uniform(H, I),  # input to hidden: how each input feature pushes each unit
            "W_hh": uniform(H, H),  # hidden to hidden: the recurrence, the network's memory
            "b_h": uniform(H),      # hidden bias
            "W_hy": uniform(1, H),  # hidden to output: reads the last hidden state
            "b_y": uniform(1),      # output bias
        }

    # ---- forward and backward, side by side: each backward line mirrors one forward line ----

    def forward(self, x):
        """Run the sequence x (B, T, I) and keep every intermediate value."""
        x = self._check_inputs(x)
        W_xh, W_hh, b_h, W_hy, b_y = (self.params[k] for k in ("W_xh", "W_hh", "b_h", "W_hy", "b_y"))
        B, T, _ = x.shape
        a = np.zeros((B, T, self.hidden_size), self.dtype)      # (B, T, H)
        h = np.zeros((B, T + 1, self.hidden_size), self.dtype)  # (B, T+1, H); h[:, 0] = h_0 = 0
        for t in range(T):
            a[:, t] = x[:, t] @ W_xh.T + h[:, t] @ W_hh.T + b_h  # (B, H) a_t = W_xh x_t + W_hh h_{t-1} + b_h
            h[:, t + 1] = np.tanh(a[:, t])                      # (B, H) h_t = tanh(a_t)
        z = h[:, T] @ W_hy.T + b_y                              # (B, 1) z = W_hy h_T + b_y
        p = sigmoid(z)                                          # (B, 1) p = sigmoid(z)
        return ForwardPass(x, a, h, z, p)

    def backward(self, fwd, y):
        """BPTT: gradients of the mean loss for every parameter, walking the forward pass backwards.

        Returns (grads, BackwardPass); grads has the keys and shapes of `params`.
        """
        y = self._check_labels(y, fwd.x.shape[0])
        W_hh, W_hy = self.params["W_hh"], self.params["W_hy"]
        x, h = fwd.x, fwd.hidden_states
        B, T, _ = x.shape
        grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        dL_dh = np.zeros((B, T, self.hidden_size), self.dtype)  # (B, T, H)
        dL_da = np.zeros((B, T, self.hidden_size), self.dtype)  # (B, T, H)

        dz = (fwd.probabilities - y) / B    # (B, 1) mirrors p = sigmoid(z) and L together (pitfall 1)
        grads["W_hy"] = dz.T @ h[:, T]      # (1, H) mirrors z = W_hy h_T + b_y
        grads["b_y"] = dz.sum(axis=0)       # (1,)
        dh = dz @ W_hy                      # (B, H) dL/dh_T: the only place the loss enters (pitfall 3)
        for t in reversed(range(T)):
            dL_dh[:, t] = dh
            da = dh * (1 - h[:, t + 1] ** 2)  # (B, H) mirrors h_t = tanh(a_t); tanh' = 1 - h_t^2
            dL_da[:, t] = da
            grads["W_xh"] += da.T @ x[:, t]   # (H, I) mirrors a_t = W_xh x_t + ...
            grads["W_hh"] += da.T @ h[:, t]   # (H, H) h[:, t] is h_{t-1}, the state entering (pitfall 2)
            grads["b_h"] += da.sum(axis=0)    # (H,)
            dh = da @ W_hh                    # (B, H) dL/dh_{t-1}: the gradient flows one step back
        return grads, BackwardPass(dz, dL_dh, dL_da)

    def loss(self, logits, y):
        """Binary cross-entropy, averaged over the batch.

        Inputs: logits z (B, 1) or (B,), labels y (B,) or (B, 1) in {0, 1}.
        Output: a float, mean of -[y log p + (1 - y) log(1 - p)] with p = sigmoid(z).
        Computed from z, where log p = -softplus(-z) and log(1 - p) = -softplus(z): the same number,
        but finite even when p rounds to exactly 0 or 1.
        """
        z = np.asarray(logits, dtype=self.dtype).reshape(-1, 1)  # (B, 1)
        y = self._check_labels(y, z.shape[0])
        return float(np.mean(y * softplus(-z) + (1 - y) * softplus(z)))

    def loss_and_grads(self, x, y):
        """(loss, grads) for one batch."""
        fwd = self.forward(x)
        grads, _ = self.backward(fwd, y)
        return self.loss(fwd.logits, y), grads

    # ---- training ----

    def step(self, grads, lr, clip=None):
        """One plain SGD step, params -= lr * grads, in place.

        clip: if given, grads are first scaled so their global L2 norm is at most `clip`.
        Returns the global gradient norm before clipping.
        """
        if not np.isfinite(lr) or lr <= 0:
            raise ValueError(f"lr must be a positive number, got {lr!r}")
        if clip is not None and (not np.isfinite(clip) or clip <= 0):
            raise ValueError(f"clip must be a positive number or None, got {clip!r}")
        if set(grads) != set(self.params):
            raise ValueError(f"grads must have the keys {sorted(self.params)}, got {sorted(grads)}")
        for k, g in grads.items():
            if np.shape(g) != self.params[k].shape:
                raise ValueError(f"grads[{k!r}] has shape {np.shape(g)}, expected {self.params[k].shape}")
        norm = float(np.sqrt(sum(np.sum(np.asarray(g, np.float64) ** 2) for g in grads.values())))
        scale = clip / norm if clip is not None and norm > clip else 1.0
        for k, g in grads.items():
            self.params[k] -= (lr * scale * np.asarray(g)).astype(self.dtype)
        return norm

    def fit(self, x, y, steps, lr, batch_size=32, seed=0, clip=None, callback=None):
        """Minibatch SGD on (x (N, T, I), y (N,)); returns the loss of every step's batch.

        Each step draws `batch_size` samples without replacement. callback(step, loss, grads), if
        given, is called after each update (step counts from 0).
        """
        x = self._check_inputs(x)
        y = self._check_labels(y, x.shape[0])
        if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 0:
            raise ValueError(f"steps must be a non-negative integer, got {steps!r}")
        if (isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer))
                or not 1 <= batch_size <= x.shape[0]):
            raise ValueError(f"batch_size must be an integer in 1..{x.shape[0]} (the number of samples), "
                             f"got {batch_size!r}")
        rng = np.random.default_rng(seed)
        losses = []
        for step in range(steps):
            batch = rng.choice(x.shape[0], size=batch_size, replace=False)
            loss, grads = self.loss_and_grads(x[batch], y[batch])
            self.step(grads, lr, clip)
            losses.append(loss)
            if callback is not None:
                callback(step, loss, grads)
        return losses

    def predict_proba(self, x):
        """(B,) probability of label 1 for each sequence."""
        return self.forward(x).probabilities[:, 0]

    def accuracy(self, x, y):
        """Fraction of sequences where p > 0.5 matches the label."""
        x = self._check_inputs(x)
        y = self._check_labels(y, x.shape[0])
        return float(np.mean((self.predict_proba(x) > 0.5) == (y[:, 0] == 1)))

    # ---- input checks: a wrong shape should fail here, with a message, not deep in a matmul ----

    def _check_inputs(self, x):
        x = np.asarray(x)
        if not (np.issubdtype(x.dtype, np.number) or x.dtype == np.bool_):
            raise TypeError(f"x must be numeric, got dtype {x.dtype}")
        if x.ndim != 3:
            raise ValueError(f"x must have shape (batch, time, input_size), got shape {x.shape}")
        if x.shape[0] < 1 or x.shape[1] < 1:
            raise ValueError(f"x needs at least one sequence and one timestep, got shape {x.shape}")
        if x.shape[2] != self.input_size:
            raise ValueError(f"x has input size {x.shape[2]} (last axis), the model expects {self.input_size}")
        x = x.astype(self.dtype)
        if not np.all(np.isfinite(x)):
            raise ValueError("x contains NaN or infinite values")
        return x

    def _check_labels(self, y, batch_size):
        y = np.asarray(y)
        if y.ndim == 2 and y.shape[1] == 1:
            y = y[:, 0]
        if y.shape != (batch_size,):
            raise ValueError(f"y must have shape ({batch_size},) or ({batch_size}, 1), one label per "
                             f"sequence, got shape {y.shape}")
        if not (np.issubdtype(y.dtype, np.number) or y.dtype == np.bool_):
            raise TypeError(f"y must be numeric or bool, got dtype {y.dtype}")
        if not np.all((y == 0) | (y == 1)):
            raise ValueError(f"y must be binary (0 or 1), got values {np.unique(y)[:5]}")
        return y.astype(self.dtype).reshape(batch_size, 1)  # (B, 1)


# one sample, every number: what a page needs to show each equation with its values

def explain_sample(model, x1, y1):
    """Forward and backward pass of ONE sequence x1 (T, I) with label y1, every intermediate value.

    Keys (arrays indexed by time, row t-1 holds step t; 0-based in the array, 1-based in the math):
      x_t (T, I), h_0 (H,), a_t (T, H), h_t (T, H)            forward:  a_t = W_xh x_t + W_hh h_{t-1} + b_h
      z, p, y, loss (floats)                                  h_t = tanh(a_t), z = W_hy h_T + b_y, p = sigmoid(z)
      dL_dz (float) = p - y
      dL_dh_t (T, H)    dL/dh_T = W_hy^T dL/dz; dL/dh_{t-1} = W_hh^T dL/da_t
      tanh_slope_t (T, H) = 1 - h_t^2
      dL_da_t (T, H)    = dL/dh_t * (1 - h_t^2)
      dW_xh_t (T, H, I), dW_hh_t (T, H, H), db_h_t (T, H)    step t's contribution: dL/da_t x_t^T,
                                                              dL/da_t h_{t-1}^T, dL/da_t (summed over t
                                                              they give the gradient)
      dW_hy (1, H) = dL/dz h_T^T, db_y (1,) = dL/dz
      grads: dict of total gradients (same keys as model.params), params: a copy of the weights.
    """
    x1 = np.asarray(x1)
    if x1.ndim != 2:
        raise ValueError(f"x1 must be one sequence of shape (time, input_size), got shape {x1.shape}")
    y1 = np.asarray(y1)
    if y1.size != 1:
        raise ValueError(f"y1 must be a single label, got shape {y1.shape}")
    fwd = model.forward(x1[None])
    grads, bwd = model.backward(fwd, y1.reshape(1))
    h_prev = fwd.hidden_states[0, :-1]                           # (T, H) h_{t-1} for t = 1..T
    dL_da = bwd.dL_da[0]                                         # (T, H)
    return {
        "x_t": fwd.x[0], "h_0": fwd.hidden_states[0, 0], "a_t": fwd.pre_activations[0], "h_t": fwd.hidden[0],
        "z": float(fwd.logits[0, 0]), "p": float(fwd.probabilities[0, 0]), "y": float(y1.reshape(())),
        "loss": model.loss(fwd.logits, y1.reshape(1)),
        "dL_dz": float(bwd.dL_dlogits[0, 0]),
        "dL_dh_t": bwd.dL_dh[0],
        "tanh_slope_t": 1 - fwd.hidden[0] ** 2,
        "dL_da_t": dL_da,
        "dW_xh_t": dL_da[:, :, None] * fwd.x[0][:, None, :],    # (T, H, I)
        "dW_hh_t": dL_da[:, :, None] * h_prev[:, None, :],      # (T, H, H)
        "db_h_t": dL_da.copy(),                                  # (T, H)
        "dW_hy": grads["W_hy"], "db_y": grads["b_y"],
        "grads": grads,
        "params": {k: v.copy() for k, v in model.params.items()},
    }


# checks: finite differences and autograd, so nobody has to trust the BPTT above

def numerical_gradients(model, x, y, eps=1e-6):
    """Central finite differences (L(w + eps) - L(w - eps)) / 2 eps for every entry of every parameter.

    Always computed in float64 (on a copy), whatever the model's dtype. Costs 2 forward passes per
    parameter entry: meant for small models.
    """
    probe = ScratchRNN(model.input_size, model.hidden_size, dtype=np.float64)
    probe.params = {k: v.astype(np.float64) for k, v in model.params.items()}
    x = probe._check_inputs(x)
    y = probe._check_labels(y, x.shape[0])
    grads = {}
    for name, weight in probe.params.items():
        grad = np.zeros_like(weight)
        for index in np.ndindex(weight.shape):
            original = weight[index]
            weight[index] = original + eps
            loss_plus = probe.loss(probe.forward(x).logits, y)
            weight[index] = original - eps
            loss_minus = probe.loss(probe.forward(x).logits, y)
            weight[index] = original
            grad[index] = (loss_plus - loss_minus) / (2 * eps)
        grads[name] = grad
    return grads


class TorchRNNClassifier(nn.Module):
    """The same model in PyTorch: nn.RNN (tanh, batch_first) -> nn.Linear on the last step."""

    def __init__(self, input_size, hidden_size, dtype=torch.float64):
        super().__init__()
        self.rnn = nn.RNN(input_size, hidden_size, nonlinearity="tanh", batch_first=True, dtype=dtype)
        self.head = nn.Linear(hidden_size, 1, dtype=dtype)

    def forward(self, x):
        """x (B, T, I) -> logits z (B, 1)."""
        hidden, _ = self.rnn(x)           # (B, T, H)
        return self.head(hidden[:, -1])  # (B, 1)


def to_torch(model):
    """A float64 TorchRNNClassifier with model's weights (nn.RNN has two biases: b_ih = b_h, b_hh = 0)."""
    module = TorchRNNClassifier(model.input_size, model.hidden_size)
    p = {k: torch.tensor(v, dtype=torch.float64) for k, v in model.params.items()}
    with torch.no_grad():
        module.rnn.weight_ih_l0.copy_(p["W_xh"])
        module.rnn.weight_hh_l0.copy_(p["W_hh"])
        module.rnn.bias_ih_l0.copy_(p["b_h"])
        module.rnn.bias_hh_l0.zero_()
        module.head.weight.copy_(p["W_hy"])
        module.head.bias.copy_(p["b_y"])
    return module


def torch_gradients(model, x, y):
    """Gradients of the same mean BCE loss by torch autograd (float64), keyed like model.params."""
    x = model._check_inputs(x)
    y = model._check_labels(y, x.shape[0])
    module = to_torch(model)
    logits = module(torch.tensor(x, dtype=torch.float64))
    loss = nn.functional.binary_cross_entropy_with_logits(logits, torch.tensor(y, dtype=torch.float64))
    loss.backward()
    found = {
        "W_xh": module.rnn.weight_ih_l0.grad, "W_hh": module.rnn.weight_hh_l0.grad,
        "b_h": module.rnn.bias_ih_l0.grad, "W_hy": module.head.weight.grad, "b_y": module.head.bias.grad,
    }
    return {k: g.detach().numpy().copy() for k, g in found.items()}
