"""State dicts an uploader might send, built from shapes alone: all zeros, so a test can make a file of
any size (the compute of the largest model in a few kilobytes once deflated)."""
from __future__ import annotations

import io
import zipfile

import torch


def zeros_state(cell: str, input_size: int, hidden_size: int, num_layers: int = 1, bidirectional: bool = False,
                biases: bool = False) -> dict:
    """The state_dict of an nn.RNN/LSTM/GRU of these sizes, every tensor zeros; no module is made."""
    gates = {"rnn": 1, "gru": 3, "lstm": 4}[cell] * hidden_size
    directions = 2 if bidirectional else 1
    state = {}
    for layer in range(num_layers):
        for suffix in ("", "_reverse")[:directions]:
            below = input_size if layer == 0 else directions * hidden_size
            state[f"weight_ih_l{layer}{suffix}"] = torch.zeros(gates, below)
            state[f"weight_hh_l{layer}{suffix}"] = torch.zeros(gates, hidden_size)
            if biases:
                state[f"bias_ih_l{layer}{suffix}"] = torch.zeros(gates)
                state[f"bias_hh_l{layer}{suffix}"] = torch.zeros(gates)
    return state


def saved(state: dict) -> bytes:
    """What torch.save writes for `state`."""
    buffer = io.BytesIO()
    torch.save(state, buffer)
    return buffer.getvalue()


def deflated(data: bytes) -> bytes:
    """The same torch.save archive with every entry deflated (torch.save stores them uncompressed)."""
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            archive.writestr(entry.filename, source.read(entry.filename))
    return packed.getvalue()
