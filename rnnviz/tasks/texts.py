"""The texts char-lm learns from (shipped in rnnviz/data), and how each splits into training and validation.

Plain Python, no PyTorch: the registry reads the longest window a text allows to bound char-lm's seq_len.
"""
from __future__ import annotations

from functools import cache
from importlib import resources

TEXT_FILES = {"zen": "zen_of_python.txt", "es": "quijote.txt"}
TRAIN_FRACTION = 0.9          # train on the first 90% of the text, validate on the last 10%


@cache
def load_text(which: str) -> str:
    if which not in TEXT_FILES:
        raise ValueError(f"text={which!r} is invalid: allowed is one of {', '.join(map(repr, TEXT_FILES))}")
    return resources.files("rnnviz").joinpath("data", TEXT_FILES[which]).read_text(encoding="utf-8")


def split_point(text: str) -> int:
    """Index of the first validation character."""
    return int(len(text) * TRAIN_FRACTION)


def longest_window(which: str) -> int:
    """The largest seq_len for which the validation span still holds one whole window (T + 1 chars)."""
    text = load_text(which)
    return len(text) - split_point(text) - 1


def check_char_lm_window(params: dict) -> None:
    """The validation span must hold at least one window of seq_len + 1 characters."""
    longest = longest_window(params["text"])
    if params["seq_len"] > longest:
        raise ValueError(f"task 'char-lm': seq_len={params['seq_len']!r} is invalid for text={params['text']!r}: "
                         f"allowed is an integer in [2, {longest}] (its validation span is {longest + 1} "
                         f"characters)")
