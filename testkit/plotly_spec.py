"""Reading numbers back from a Plotly chart's JSON spec, as Streamlit sends it to the browser."""
from __future__ import annotations

import base64

import numpy as np


def values(array) -> np.ndarray:
    """A Plotly JSON array: a plain list (None, a gap, read as NaN), or plotly's typed array
    {"dtype", "bdata"[, "shape"]}, which it sends for a numpy array (base64 of the exact values)."""
    if isinstance(array, dict):
        flat = np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"])
        shape = array.get("shape")
        return flat.reshape([int(n) for n in str(shape).split(",")]) if shape else flat
    if any(v is None for v in array):
        return np.array([np.nan if v is None else v for v in array], dtype=float)
    return np.asarray(array)
