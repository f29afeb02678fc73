"""Spanish and English strings for everything a learner reads.

Each page's strings live in their own module here (a dict key -> {"es": ..., "en": ...}), found by
listing the package; `t(key, lang)`
looks one up and fills its {placeholders}. A test checks every key has both languages and every key
the code asks for exists.
"""
from __future__ import annotations

import importlib
import pkgutil
import string

from rnnviz.i18n.numbers import formatted

LANGUAGES = {"es": "Español", "en": "English"}
DEFAULT_LANGUAGE = "es"   # the course this grew from is in Spanish

STRINGS: dict[str, dict[str, str]] = {}
for _info in pkgutil.iter_modules(__path__):          # one module per page: common, train, inside, ...
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    _overlap = STRINGS.keys() & _module.STRINGS.keys()
    assert not _overlap, f"string keys defined twice: {_overlap}"
    STRINGS.update(_module.STRINGS)


def t(key: str, lang: str, **values) -> str:
    """The string `key` in `lang` (falling back to Spanish), with {placeholders} filled from values."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    if not values:
        return text
    return text.format(**values) if lang == "en" else _SPANISH_NUMBERS.vformat(text, (), values)


class _SpanishNumbers(string.Formatter):
    """str.format, writing each number as Spanish does (0,5 · 78 %: rnnviz.i18n.numbers.formatted)."""

    def format_field(self, value, format_spec):
        return formatted(value, format_spec, "es")


_SPANISH_NUMBERS = _SpanishNumbers()


def explain(error: Exception, lang: str) -> str:
    """What an error says, in `lang` when it can say it in the learner's language (it has a message(lang),
    as rnnviz.cost.BudgetError), else as it reads."""
    message = getattr(error, "message", None)
    return message(lang) if callable(message) else str(error)


def language_from_locale(locale: str | None) -> str:
    """'es' or 'en' from a browser locale such as 'en-US'; anything else (or nothing) gives Spanish."""
    prefix = (locale or "").split("-")[0].split("_")[0].lower()
    return prefix if prefix in LANGUAGES else DEFAULT_LANGUAGE
