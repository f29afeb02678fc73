"""Reading the Plotly figures the app sends, as the browser reads them."""
import base64

import numpy as np


def decoded_arrays(spec):
    """A Plotly JSON spec with its binary arrays ({"dtype": "f8", "bdata": base64}, how plotly sends numpy
    arrays) turned into plain lists, as the browser decodes them."""
    if isinstance(spec, dict):
        if set(spec) == {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"])).tolist()
        return {key: decoded_arrays(value) for key, value in spec.items()}
    if isinstance(spec, list):
        return [decoded_arrays(value) for value in spec]
    return spec
