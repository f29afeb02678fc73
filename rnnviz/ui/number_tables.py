"""A table's numbers written as the learner's language writes them (0,123 in Spanish).

st.dataframe draws a number column with a printf-style format that knows no decimal comma, so a Spanish page
gets a pandas Styler whose cells are the numbers as rnnviz.i18n.numbers writes them; the frame under it keeps
its numbers, so a column still sorts by value. An English page gets the frame as it was (Streamlit's own
number display, unchanged)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from rnnviz.i18n.numbers import formatted
from rnnviz.ui.session import lang

if TYPE_CHECKING:        # pandas (with pyarrow, ~60 MB) is not for the Train page's path (tests/test_footprint.py)
    import pandas as pd

FLOAT_SPEC = ".4g"      # a float column without a spec of its own: four significant digits
INT_SPEC = ","          # an integer column: grouped by a space from five digits on (8711, 12 345)


def readable(frame: pd.DataFrame, specs: dict[str, str] | None = None, language: str | None = None):
    """`frame` for st.dataframe in `language` (the session's): its number columns in `specs` (column -> a
    Python format spec) or in FLOAT_SPEC / INT_SPEC."""
    language = language or lang()
    if language == "en":
        return frame
    from pandas.api.types import is_bool_dtype, is_float_dtype, is_integer_dtype     # a frame: pandas is in

    specs = dict(specs or {})
    for column in frame.columns:
        dtype = frame[column].dtype
        if column not in specs and not is_bool_dtype(dtype):
            if is_float_dtype(dtype):
                specs[column] = FLOAT_SPEC
            elif is_integer_dtype(dtype):
                specs[column] = INT_SPEC
    formats = {column: (lambda value, spec=spec: formatted(value, spec, language))
               for column, spec in specs.items() if column in frame.columns}
    return frame.style.format(formats, na_rep="–")
