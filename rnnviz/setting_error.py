"""SettingError: a setting's value that cannot be used, said in the library's English and in the learner's words.

A link, a recorded run or a caller may give any value for a knob (`lr=5`, `cell=transformer`, `pace=fast`).
The library refuses it with a ValueError whose str() stays one English line naming the setting, the value and
what is allowed (the CLI prints it, logs and notebooks read it). The page says the same to the learner with
message(lang): the setting by its label in the sidebar, a choice by the name the learner sees, numbers as their
language writes them («Tasa de aprendizaje» = 5 no es válido: debe estar entre 0,000001 y 1).
"""
from __future__ import annotations

from rnnviz.i18n import LANGUAGES, STRINGS, t
from rnnviz.i18n.numbers import number

PROBLEMS = ("range", "choice", "switch", "not_number", "not_integer", "unknown", "reads_answer", "conflict")
# the name a learner sees for a choice of these settings: the string key it is under, {} the choice
CHOICE_KEYS = {"task": "task.{}", "cell": "cell.{}", "optimizer": "optimizer.{}", "text": "param.text.{}",
               "hide": "hide.{}", "pace": "setting.pace.{}"}


class SettingError(ValueError):
    """`value` is no value of `setting`, for the reason `problem` (one of PROBLEMS):

    - range: a number outside low..high (`integer`: whole numbers only);
    - choice: not one of `choices`; switch: not on or off;
    - not_number / not_integer: text that does not read as one;
    - unknown: no setting of that name (of `task`, when given);
    - reads_answer: a bidirectional network on a `task` that forecasts its input;
    - conflict: allowed alone, not with the experiment's other settings."""

    def __init__(self, text: str, setting: str, value, problem: str, *, low=None, high=None,
                 integer: bool = False, choices=(), task: str | None = None):
        assert problem in PROBLEMS, problem
        super().__init__(text)
        self.setting, self.value, self.problem = setting, value, problem
        self.low, self.high, self.integer, self.choices, self.task = low, high, integer, tuple(choices), task

    def message(self, lang: str) -> str:
        """What is wrong, in `lang`, in the learner's words (no identifier of the code)."""
        values = {"setting": setting_label(self.setting, lang), "value": self._shown(self.value, lang)}
        if self.problem == "range":
            values.update(low=number(self.low, lang), high=number(self.high, lang))
            return t("setting.range.integer" if self.integer else "setting.range", lang, **values)
        if self.problem == "choice":
            names = [self._shown(choice, lang) for choice in self.choices]
            values["choices"] = t("setting.or", lang, some=", ".join(names[:-1]), last=names[-1]) \
                if len(names) > 1 else "".join(names)
        if self.task is not None:
            values["task"] = t(f"task.{self.task}", lang) if f"task.{self.task}" in STRINGS else self.task
        key = f"setting.{self.problem}" + (".task" if self.problem == "unknown" and self.task else "")
        return t(key, lang, **values)

    def _shown(self, value, lang: str) -> str:
        """A value as the learner sees it: a choice by its name, a number in their language's digits."""
        if isinstance(value, bool):
            return t(f"setting.{'on' if value else 'off'}", lang)
        if isinstance(value, (int, float)):
            return number(value, lang)
        if self.setting == "lang" and value in LANGUAGES:
            return LANGUAGES[value]
        key = CHOICE_KEYS.get(self.setting, "").format(value)
        return t(key, lang) if key in STRINGS else str(value)


def setting_label(setting: str, lang: str) -> str:
    """A setting's label in the sidebar (a task's own knob's too), else its name as the link writes it."""
    for key in (f"knob.{setting}", f"param.{setting}", f"setting.name.{setting}"):
        if key in STRINGS:
            return t(key, lang)
    return setting
