"""The glossary: the key terms the lessons use, each with a short entry (words in rnnviz/i18n/lessons.py as
glossary.<id>.term, which names the English term once, and glossary.<id>.entry). Ordered as the path of
lessons first meets them."""
from __future__ import annotations

TERMS = (
    "recurrence", "hidden_state", "many_to_one", "bptt", "gradient", "many_to_many", "extrapolation", "baseline",
    "vanishing_gradient", "exploding_gradient", "spectral_radius", "clipping", "lstm", "cell_state",
    "forget_gate", "input_gate", "output_gate", "gru", "update_gate", "reset_gate", "embedding", "bidirectional",
    "window", "minmax_scaling", "overfitting", "validation", "dropout", "early_stopping",
)


def anchor(term: str) -> str:
    """The glossary entry's anchor in a page (an HTML id: letters, digits and hyphens)."""
    return "term-" + term.replace("_", "-")
