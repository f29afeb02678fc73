"""Gradients inside an RNN: how much each timestep's hidden state matters to the loss.

- `hidden_grad_norms`: the TOTAL derivative ||dL/dh_t|| of every layer, direction and timestep,
  the curve that shows vanishing and exploding gradients (Pascanu, Mikolov & Bengio 2013).
- `cell_grad_norms`: the same for an LSTM's cell state, ||dL/dc_t||: the path along which the forget
  gate carries the gradient back (the "constant error carousel", Hochreiter & Schmidhuber 1997).
- `input_attribution`: ||dy_s/dx_t||, how strongly the output at step s depends on the input at
  step t (in the spirit of Distill's "Memorization in RNNs" connectivity, Madsen 2019).
- `pascanu_bound`: the classic bound on how fast ||dL/dh_t|| of a tanh RNN can shrink or grow.
- `GradNormRecorder`: a Trainer callback recording ||dL/dh_t|| every k steps while training runs.

How `hidden_grad_norms` stays exact and cheap: the forward pass is the fused module's own (via
`trace`, which also yields every gate); autograd is used only for dL/doutput; then a hand-written
backward recursion walks each layer top-down, batching all that isn't sequential (the gradient to the
layer below is one matmul per layer). Tests check it against autograd on an unrolled graph.
"""
from contextlib import nullcontext

import numpy as np
import torch
from torch import Tensor, nn

from rnnviz.tracing import LayerTrace, check_module, eval_mode, layer_weights, linear, trace

PROBE_SIZE = 32    # validation sequences on which the dashboard measures ||dL/dh_t||: enough for a smooth curve, cheap


def _steps_backward(T: int, reverse: bool):
    """Timesteps in the order backprop visits them: the reverse of the direction's reading order."""
    return range(T) if reverse else range(T - 1, -1, -1)


def _coefficients(mode: str, lt: LayerTrace, w_hh: Tensor, b_hh: Tensor | None) -> dict:
    """Local derivatives of one step, for all timesteps at once (time-major, (T, B, ...)).

    They are the diagonal factors of the step Jacobians; the backward pass and the Jacobian spectra
    both read them, so the two can never disagree.
    """
    hidden = lt.hidden.transpose(0, 1)                       # (T, B, H)
    if mode == "RNN_TANH":
        return {"activation": 1 - hidden * hidden}          # tanh' from its output
    if mode == "RNN_RELU":
        return {"activation": (hidden > 0).to(hidden.dtype)}  # relu'(0) = 0, as autograd
    gates = {name: gate.transpose(0, 1) for name, gate in lt.gates.items()}  # (T, B, H) each
    T, B, H = hidden.shape
    if mode == "LSTM":
        i, f, g, o = gates["input"], gates["forget"], gates["candidate"], gates["output"]
        cell = lt.cell.transpose(0, 1)                        # (T, B, H)
        tanh_cell = torch.tanh(cell)
        by_gate = hidden.new_empty(T, B, 4, H)  # d(pre-activation)/d(c or h)
        by_gate[:, :, 0] = g * i * (1 - i)                    # input gate, times dc
        by_gate[:, :, 1] = lt.previous_cell().transpose(0, 1) * f * (1 - f)  # forget gate, times dc
        by_gate[:, :, 2] = i * (1 - g * g)                    # candidate, times dc
        by_gate[:, :, 3] = tanh_cell * o * (1 - o)            # output gate, times dh
        return {"by_gate": by_gate, "forget": f, "cell_from_hidden": o * (1 - tanh_cell * tanh_cell)}
    r, z, n = gates["reset"], gates["update"], gates["candidate"]
    h_prev = lt.previous_hidden().transpose(0, 1)            # (T, B, H)
    hidden_part = linear(h_prev, w_hh[2 * H:], b_hh[2 * H:] if b_hh is not None else None)  # (T, B, H)
    to_candidate = (1 - z) * (1 - n * n)                     # dh_t / d(candidate pre-activation)
    by_gate = hidden.new_empty(T, B, 3, H)    # d(row r, z, n of W_hh h)/dh_t
    by_gate[:, :, 0] = to_candidate * hidden_part * r * (1 - r)
    by_gate[:, :, 1] = (h_prev - n) * z * (1 - z)
    by_gate[:, :, 2] = to_candidate * r
    return {"by_gate": by_gate, "update": z, "to_candidate": to_candidate}


def _backward_direction(mode: str, lt: LayerTrace, w_hh: Tensor, b_hh, direct: Tensor,
                        cell_grads: Tensor | None = None):
    """Backprop through time for one layer and direction.

    direct: (T, B, H) dL/dh_t arriving from outside the recurrence (the output or the layer above).
    cell_grads: for an LSTM, an optional (T, B, H) tensor that receives the total dL/dc_t.
    Returns (dL/dh_t total (T, B, H), dL/d(input pre-activations) (T, B, G)).
    """
    T, B, H = direct.shape
    coefficients = _coefficients(mode, lt, w_hh, b_hh)      # each (T, B, ...)
    k = {name: value.unbind(0) for name, value in coefficients.items()}
    w_hh_t = w_hh.t().contiguous()                           # (H, G): linear(g, w_hh_t) = g @ W_hh
    hidden_grads = torch.empty_like(direct)                  # (T, B, H)
    direct, dh_out = direct.unbind(0), hidden_grads.unbind(0)  # per-step views, sliced once
    carry = direct[0].new_zeros(B, H)                        # dL/dh_t through step t+1
    if mode in ("RNN_TANH", "RNN_RELU"):
        pre_grads = torch.empty_like(hidden_grads)           # (T, B, H)
        activation, pre_out = k["activation"], pre_grads.unbind(0)
        for t in _steps_backward(T, lt.reverse):
            dh = torch.add(direct[t], carry, out=dh_out[t])
            carry = linear(torch.mul(dh, activation[t], out=pre_out[t]), w_hh_t)
        return hidden_grads, pre_grads
    if mode == "LSTM":
        pre_grads = hidden_grads.new_empty(T, B, 4 * H)      # (T, B, 4H) rows i, f, g, o
        by_gate, forget, cell_from_hidden = k["by_gate"], k["forget"], k["cell_from_hidden"]
        rows = pre_grads.view(T, B, 4, H).unbind(0)
        carry_cell = carry.clone()                           # dL/dc_t through step t+1
        dc_out = cell_grads.unbind(0) if cell_grads is not None else [None] * T
        for t in _steps_backward(T, lt.reverse):
            dh = torch.add(direct[t], carry, out=dh_out[t])
            dc = torch.addcmul(carry_cell, dh, cell_from_hidden[t], out=dc_out[t])   # total dL/dc_t
            torch.mul(dc.unsqueeze(1), by_gate[t][:, :3], out=rows[t][:, :3])  # i, f, g see dc
            torch.mul(dh, by_gate[t][:, 3], out=rows[t][:, 3])                 # o sees dh
            carry_cell = dc * forget[t]
            carry = linear(pre_grads[t], w_hh_t)
        return hidden_grads, pre_grads
    # GRU: h_{t-1} reaches h_t directly (z * h_{t-1}) and through the three rows of W_hh
    from_hidden = hidden_grads.new_empty(T, B, 3 * H)        # (T, B, 3H) rows r, z, n
    by_gate, update, rows = k["by_gate"], k["update"], from_hidden.view(T, B, 3, H).unbind(0)
    for t in _steps_backward(T, lt.reverse):
        dh = torch.add(direct[t], carry, out=dh_out[t])
        torch.mul(dh.unsqueeze(1), by_gate[t], out=rows[t])
        carry = torch.addcmul(linear(from_hidden[t], w_hh_t), dh, update[t])
    from_input = from_hidden.clone()                         # rows r, z match; n differs: not gated
    from_input[..., 2 * H:] = hidden_grads * coefficients["to_candidate"]
    return hidden_grads, from_input


def _output_gradient(output: Tensor, loss_fn) -> Tensor:
    """dL/doutput by autograd on the loss alone (the output is a leaf: no graph through the RNN)."""
    with torch.enable_grad():
        leaf = output.detach().requires_grad_()
        loss = loss_fn(leaf)
        if not isinstance(loss, Tensor) or loss.numel() != 1:
            raise ValueError("loss_fn must return a scalar tensor")
        if not loss.requires_grad:                           # the loss ignores the output
            return torch.zeros_like(output)
        (grad,) = torch.autograd.grad(loss, leaf, allow_unused=True)
    return torch.zeros_like(output) if grad is None else grad


def _frobenius_per_step(grads: Tensor) -> Tensor:
    """(T, B, H) -> (T,) norms, scaled so tiny gradients don't underflow when squared."""
    scale = grads.abs().amax(dim=(1, 2), keepdim=True)       # (T, 1, 1)
    safe = torch.where(scale > 0, scale, torch.ones_like(scale))
    return (grads / safe).square().sum(dim=(1, 2)).sqrt() * scale.flatten()


@torch.no_grad()
def _hidden_gradients(rnn: nn.RNNBase, x: Tensor, loss_fn, hx, cells: list | None = None) -> list[Tensor]:
    """dL/dh_t per layer-direction, each (T, B, H) time-major; for an LSTM, `cells` (a list) receives
    dL/dc_t per layer-direction the same way."""
    tr = trace(rnn, x, hx)
    grad = _output_gradient(tr.output, loss_fn)
    if tr.output.dim() == 2:                                 # unbatched (T, D*H)
        grad = grad.unsqueeze(1)
    elif rnn.batch_first:
        grad = grad.transpose(0, 1)
    directions, H = tr.num_directions, rnn.hidden_size
    result = [None] * len(tr.layers)
    for layer in reversed(range(rnn.num_layers)):
        below = None                                         # (T, B, I) dL/d(this layer's input)
        for direction in range(directions):
            k = layer * directions + direction
            w_ih, w_hh, _, b_hh = layer_weights(rnn, layer, direction)
            direct = grad[..., direction * H:(direction + 1) * H]  # (T, B, H)
            cell_grads = torch.empty_like(direct) if cells is not None and tr.mode == "LSTM" else None
            hidden_grads, pre_grads = _backward_direction(tr.mode, tr.layers[k], w_hh, b_hh, direct, cell_grads)
            if cell_grads is not None:
                cells.append((k, cell_grads))
            result[k] = hidden_grads
            if layer > 0:                                    # one matmul for all timesteps
                to_input = linear(pre_grads, w_ih.t().contiguous())  # (T, B, I)
                below = to_input if below is None else below + to_input
        grad = below
    return result


def hidden_gradients(rnn: nn.RNNBase, x: Tensor, loss_fn, hx=None) -> Tensor:
    """dL/dh_t in full: (num_layers * num_directions, B, T, H), total derivative, time in input order.

    L = loss_fn(output), output = rnn(x, hx)[0] as the module returns it (eval mode: no dropout).
    """
    return torch.stack(_hidden_gradients(rnn, x, loss_fn, hx)).transpose(1, 2)  # (L*D, B, T, H)


def hidden_grad_norms(rnn: nn.RNNBase, x: Tensor, loss_fn, hx=None) -> Tensor:
    """||dL/dh_t|| per layer-direction and timestep: (num_layers * num_directions, T).

    norms[k, t] is the Frobenius norm over (batch, hidden) of the TOTAL derivative dL/dh_t of
    layer-direction k (index = layer * num_directions + direction), L = loss_fn(rnn(x, hx)[0]);
    t in input order for both directions. Gradients that underflowed are exact zeros, kept as such.
    Runs the eval-mode computation, leaves no .grad on the parameters and the module's mode alone.
    """
    grads = _hidden_gradients(rnn, x, loss_fn, hx)           # K x (T, B, H)
    return torch.stack([_frobenius_per_step(g) for g in grads])  # (K, T)


def cell_grad_norms(rnn: nn.RNNBase, x: Tensor, loss_fn, hx=None) -> tuple[Tensor, Tensor]:
    """||dL/dh_t|| and, of an LSTM, ||dL/dc_t||: two (num_layers * num_directions, T) tensors.

    The cell-state gradient is the TOTAL derivative dL/dc_t (through c_{t+1} and through h_t), its
    Frobenius norm over (batch, hidden), in the same layout and under the same conventions as
    hidden_grad_norms (which the first tensor equals). ValueError for a module that has no cell state.
    """
    check_module(rnn)
    if rnn.mode != "LSTM":
        raise ValueError(f"only an LSTM has a cell state c_t, not {rnn.mode}")
    cells = []
    grads = _hidden_gradients(rnn, x, loss_fn, hx, cells)     # K x (T, B, H)
    cell_grads = [grad for _, grad in sorted(cells, key=lambda pair: pair[0])]
    return (torch.stack([_frobenius_per_step(g) for g in grads]),
            torch.stack([_frobenius_per_step(g) for g in cell_grads]))          # (K, T) each


def model_hidden_grad_norms(model: nn.Module, x: Tensor, y: Tensor, loss) -> Tensor:
    """hidden_grad_norms of a SequenceModel's RNN for L = loss(model(x), y): (L*D, T).

    Uses model.embed(x) (the RNN's input) and model.readout(rnn_output) (the head, as forward
    applies it), so the loss is exactly the model's; computed in eval mode, modes restored.
    """
    with eval_mode(model):
        with torch.no_grad():
            rnn_input = model.embed(x)                       # (B, T, I) what the RNN reads
        return hidden_grad_norms(model.rnn, rnn_input, lambda out: loss(model.readout(out), y))


# ---------------------------------------------------------------------------------------------
# input attribution: which inputs does the output at step s depend on?

def _batch_first_rnn(rnn: nn.RNNBase, x: Tensor):
    """A plain RNN as a model: x -> (input leaf (B, T, I), output (B, T, D*H)), both batch-first."""
    x_bf = x.unsqueeze(0) if x.dim() == 2 else (x if rnn.batch_first else x.transpose(0, 1))
    leaf = x_bf.detach().requires_grad_()
    if x.dim() == 2:
        return leaf, rnn(leaf[0])[0].unsqueeze(0)
    output = rnn(leaf if rnn.batch_first else leaf.transpose(0, 1))[0]
    return leaf, (output if rnn.batch_first else output.transpose(0, 1))


def input_attribution(model, x: Tensor, output_step: int | None = None, *,
                      per_sample: bool = False) -> Tensor:
    """||dy_s/dx_t|| for every input step t: (T,), or (B, T) with per_sample=True.

    model: an nn.RNN / LSTM / GRU (y = its output sequence), or any model mapping x to y of shape
      (B, O) (many-to-one: s is its one output, the last step) or (B, T, O) (many-to-many).
      If the model has an `embedding` module (not None), x_t is the embedded vector of token t
      (captured with a forward hook), since the gradient w.r.t. a token id does not exist.
    output_step: s; None = the last step.
    For each sample b the Jacobian J = dy_s/dx_t (O x I) is exact, built one output unit at a time
    by autograd; its Frobenius norm is averaged over the batch. Samples must not interact (true
    for RNNs: the model runs in eval mode here, modes restored afterwards).
    """
    captured = []
    mode = eval_mode(model) if isinstance(model, nn.Module) else nullcontext()
    with mode, torch.enable_grad():
        if isinstance(model, nn.RNNBase):
            check_module(model)
            leaf, y = _batch_first_rnn(model, x)              # (B, T, I), (B, T, D*H)
        elif getattr(model, "embedding", None) is not None:
            def capture(module, inputs, output):              # the embedded tokens become the leaf
                captured.append(output.detach().requires_grad_())
                return captured[-1]
            handle = model.embedding.register_forward_hook(capture)
            try:
                y = model(x)
            finally:
                handle.remove()
            if not captured:
                raise ValueError("model.embedding was never called by model(x): nothing to attribute to")
            leaf = captured[0]                                # (B, T, E)
        else:
            leaf = x.detach().requires_grad_()                # (B, T, I)
            y = model(leaf)
        T = leaf.shape[1]
        if y.dim() == 2:                                      # many-to-one: one output, at the end
            if output_step not in (None, -1, T - 1):
                raise ValueError(f"the model has one output (shape {tuple(y.shape)}), read at the "
                                 f"last step; output_step={output_step} does not exist")
            y_s = y                                           # (B, O)
        elif y.dim() == 3:
            s = T - 1 if output_step is None else output_step
            if not -y.shape[1] <= s < y.shape[1]:
                raise ValueError(f"output_step={output_step} is outside 0..{y.shape[1] - 1}")
            y_s = y[:, s]                                     # (B, O)
        else:
            raise ValueError(f"model output must be (B, O) or (B, T, O), got {tuple(y.shape)}")
        squares = torch.zeros(leaf.shape[:2], dtype=torch.float64)  # (B, T); float64: no underflow
        for unit in range(y_s.shape[1]):
            # summing over the batch gives each sample its own row: samples are independent
            (row,) = torch.autograd.grad(y_s[:, unit].sum(), leaf, retain_graph=True,
                                         allow_unused=True)
            if row is not None:
                squares += row.double().square().sum(dim=-1)  # (B, T)
    norms = squares.sqrt().to(leaf.dtype)                     # (B, T) ||J_{s,t}||_F per sample
    return norms if per_sample else norms.mean(dim=0)


# ---------------------------------------------------------------------------------------------
# the Pascanu bound

def pascanu_bound(rnn: nn.RNNBase, T: int, layer: int = 0) -> Tensor:
    """Pascanu et al. (2013) bound factor for a tanh RNN: (sigma_max(W_hh) * gamma)^(T-1-t), (T,).

    ||dh_{T-1}/dh_t|| <= prod over the T-1-t steps between them of ||diag(tanh') W_hh||
    <= (sigma_max(W_hh) * gamma)^(T-1-t), with gamma = max|tanh'| = 1. This is the paper's
    (.)^(T-k) with steps counted from 0, so the last step T-1 has factor 1. It bounds
    ||dL/dh_t|| / ||dL/dh_{T-1}|| when the loss reads only the last step of this layer
    (a one-layer, forward, many-to-one RNN); float64, may overflow to inf for long sequences.
    """
    check_module(rnn)
    if rnn.mode != "RNN_TANH":
        raise ValueError(f"the Pascanu bound is defined here for tanh RNNs, not {rnn.mode}")
    if T < 1:
        raise ValueError(f"T must be >= 1, got {T}")
    if not 0 <= layer < rnn.num_layers:
        raise ValueError(f"no layer {layer} in a module with {rnn.num_layers} layer(s)")
    gamma = 1.0                                               # max |tanh'(a)| = tanh'(0) = 1
    w_hh = getattr(rnn, f"weight_hh_l{layer}").detach().double()
    sigma = torch.linalg.matrix_norm(w_hh, ord=2)
    lags = torch.arange(T - 1, -1, -1, dtype=torch.float64)   # T-1-t for t = 0..T-1
    return (sigma * gamma) ** lags


def pascanu_curve(rnn: nn.RNNBase, norms_row, layer: int = 0) -> Tensor:
    """The bound drawn through the measured curve's last point: norms_row[-1] * bound, (T,)."""
    norms_row = torch.as_tensor(np.asarray(norms_row), dtype=torch.float64)
    return norms_row[-1] * pascanu_bound(rnn, norms_row.shape[-1], layer)


# ---------------------------------------------------------------------------------------------
# recording during training

class GradNormRecorder:
    """Trainer callback: every `every` steps, ||dL/dh_t|| of the model's RNN on a fixed probe batch.

    trainer.add_callback("on_step_end", GradNormRecorder(probe_x, probe_y, every=10)); the callback
    reads trainer.model (a SequenceModel), trainer.step_count and trainer.data.loss. Results:
    `.steps` (the step counts) and `.norms` (numpy arrays (L*D, T)), `.as_array()` -> (S, L*D, T).
    """

    def __init__(self, probe_x: Tensor, probe_y: Tensor, every: int = 10):
        if every < 1:
            raise ValueError(f"every must be >= 1, got {every}")
        self.probe_x, self.probe_y, self.every = probe_x, probe_y, every
        self.steps: list[int] = []
        self.norms: list[np.ndarray] = []

    def __call__(self, trainer) -> None:
        if trainer.step_count % self.every == 0:
            self.record(trainer.model, trainer.data.loss, trainer.step_count)

    def record(self, model: nn.Module, loss, step: int) -> None:
        """Record now (e.g. step 0, before training starts)."""
        norms = model_hidden_grad_norms(model, self.probe_x, self.probe_y, loss)
        self.steps.append(int(step))
        self.norms.append(norms.numpy())

    def as_array(self) -> np.ndarray:
        if not self.norms:
            return np.zeros((0, 0, 0))
        return np.stack(self.norms)                           # (S, L*D, T)
