"""The path of lessons: a guided tour of the course unit on recurrent networks, one learning goal each.

A lesson is plain data (UI-free, torch-free, so the welcome page draws before torch loads): the experiment
it prepares, the lab page where that experiment lives, the figures that make its point, the views its
"what to look for" observations put the dashboard in, its check question's right answer and the glossary
terms it uses. Every word a learner reads is in rnnviz/i18n/lessons.py, keyed by the lesson's number:
lesson.<n>.title, .goal, .text, .obs.<i>, .question, .choice.<i>, .right, .wrong.

    from rnnviz.lessons import LESSONS, lesson
    lesson(5).config          # the experiment its button prepares (an ExperimentConfig)
"""
from __future__ import annotations

from rnnviz.lessons.glossary import TERMS
from rnnviz.lessons.lesson import FIGURES, Lesson, View
from rnnviz.lessons.path import LESSONS

__all__ = ["FIGURES", "LESSONS", "Lesson", "TERMS", "View", "lesson", "next_lesson"]


def lesson(number: int) -> Lesson:
    """Lesson `number` (1-based); ValueError saying which numbers exist for any other."""
    for each in LESSONS:
        if each.number == number:
            return each
    raise ValueError(f"lesson {number!r} does not exist: the lessons are 1 to {len(LESSONS)}")


def next_lesson(number: int) -> Lesson | None:
    """The lesson after `number`, or None after the last."""
    return next((each for each in LESSONS if each.number == number + 1), None)
