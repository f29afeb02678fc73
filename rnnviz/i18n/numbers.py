"""Numbers in a learner's sentence, as their language writes them.

Spanish writes a decimal comma and groups the digits of a number of five or more with a space, none for four
(RAE, Ortografía 2010: 8711 MB, 12 345 MB, 0,000001); English writes 8,711 and 0.000001. The space is a
no-break one, so a number never wraps across two lines of a projector. One helper for every number a message
puts in prose (a link's notices, the session budget), and the marks a chart writes its numbers with
(plotly_separators), so all read alike.
"""
from __future__ import annotations

import math
import numbers as _numbers
import re
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


# Python's format spec: [[fill]align][sign][z][#][0][width][grouping][.precision][type]
_SPEC = re.compile(r"(?:(?P<fill>.)?(?P<align>[<>=^]))?(?P<sign>[-+ ]?)(?P<z>z?)(?P<alt>#?)(?P<zero>0?)"
                   r"(?P<width>\d*)(?P<grouping>[,_]?)(?P<precision>(?:\.\d+)?)(?P<type>[eEfFgG%d]?)", re.DOTALL)
_SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_WRITTEN = re.compile(r"(?P<sign>[-+ ]?)(?P<whole>\d+)(?:\.(?P<fraction>\d*))?(?:[eE](?P<exponent>[-+]\d+))?"
                      r"(?P<percent>%?)")


def formatted(value, spec: str, lang: str) -> str:
    """`value` in Python's format `spec` (".4f", ".3g", ".1%", ".2e", ",") as a reader of `lang` writes it.

    English: exactly format(value, spec). Spanish (RAE): a decimal comma (0,5); a space before the percent
    sign (78,0 %); the digits grouped by a space only where the spec groups them and only from five digits on
    (12 345, 8711); and an exponent as a school writes it, 1,2·10⁻⁵ rather than 1,2e-05: the e-notation is a
    calculator's and a programmer's, and a student reads the power of ten at once. The spaces are no-break
    ones, so a number never wraps. NaN and infinities are written as Python does; anything that is not a
    number (or a spec this does not know, as hexadecimal) is formatted as Python does."""
    match = _SPEC.fullmatch(spec)
    if lang != "es" or match is None or isinstance(value, bool) or not isinstance(value, _numbers.Real):
        return format(value, spec)
    part = match.groupdict()
    text = format(value, part["sign"] + part["z"] + part["alt"] + part["precision"] + part["type"])
    written = _WRITTEN.fullmatch(text)
    if written is not None:
        whole, fraction = written["whole"], written["fraction"]
        thousands, decimal_mark = _MARKS["es"]
        if part["grouping"] and len(whole) >= 5:
            whole = f"{int(whole):,}".replace(",", thousands)
        text = written["sign"] + whole + (decimal_mark + fraction if fraction is not None else "")
        if written["exponent"] is not None:
            text += "·10" + str(int(written["exponent"])).translate(_SUPERSCRIPT)
        text += NO_BREAK_SPACE + "%" if written["percent"] else ""
    elif text.endswith("%"):                     # nan%, inf%
        text = text[:-1] + NO_BREAK_SPACE + "%"
    return _padded(text, part)


def _padded(text: str, part: dict) -> str:
    """`text` filled out to the spec's width (its fill and alignment; zeros after the sign for a 0 flag)."""
    width = int(part["width"] or 0)
    if len(text) >= width:
        return text
    if part["align"] == "=" or (part["zero"] and not part["align"]):
        fill, sign = (part["fill"] or "0"), text[:1] if text[:1] in "-+ " else ""
        return sign + fill * (width - len(text)) + text[len(sign):]
    return format(text, (part["fill"] or " ") + (part["align"] or ">") + str(width))


def plotly_separators(lang: str) -> str:
    """A figure's `layout.separators` for a reader of `lang`: the decimal mark, then the thousands mark, so a
    chart's ticks and hovers write numbers as the sentences around it do."""
    thousands, decimal_mark = _MARKS.get(lang, _MARKS["en"])
    return decimal_mark + thousands
