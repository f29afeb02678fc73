"""Numbers in a learner's sentence, as their language writes them.

Spanish writes a decimal comma and groups the digits of a number of five or more with a space, none for four
(RAE, Ortografía 2010: 8711 MB, 12 345 MB, 0,000001); English writes 8,711 and 0.000001. The space is a
no-break one, so a number never wraps across two lines of a projector. One helper for every number a message
puts in prose (a link's notices, the session budget), and the marks a chart writes its numbers with
(plotly_separators), so all read alike.
"""
from __future__ import annotations

import math
from decimal import Decimal

STRINGS: dict = {}          # this module holds no words (rnnviz.i18n reads a STRINGS from each module)

NO_BREAK_SPACE = "\u00a0"
_MARKS = {"es": (NO_BREAK_SPACE, ","), "en": (",", ".")}     # (thousands, decimal)


def number(value: float | int, lang: str, decimals: int | None = None) -> str:
    """`value` written for a reader of `lang`: with `decimals` digits after the mark, or as few as say it
    exactly (0.000001, never 1e-06). NaN and infinities are written as Python does."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if decimals is not None:
        text = f"{value:.{decimals}f}"
    elif isinstance(value, int):
        text = str(value)
    else:      # the shortest decimal that reads back as this float, without an exponent
        text = format(Decimal(repr(float(value))).normalize(), "f")
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = text.partition(".")
    thousands, decimal_mark = _MARKS.get(lang, _MARKS["en"])
    if lang != "es" or len(whole) >= 5:      # Spanish leaves a four-digit number whole
        whole = f"{int(whole):,}".replace(",", thousands)
    return sign + whole + (decimal_mark + fraction if fraction else "")


def plotly_separators(lang: str) -> str:
    """A figure's `layout.separators` for a reader of `lang`: the decimal mark, then the thousands mark, so a
    chart's ticks and hovers write numbers as the sentences around it do."""
    thousands, decimal_mark = _MARKS.get(lang, _MARKS["en"])
    return decimal_mark + thousands
