"""What a lesson is: its experiment, its figures, the views its observations set, its check question."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from rnnviz.config import CELLS, ExperimentConfig

# what a lesson page can draw (views/lesson.py and rnnviz/ui/lesson_figures.py draw each):
#   loss     the loss curve, live while the session's model trains
#   loss_metric  the same, and below it the validation metric (accuracy...) with the same kept model marked:
#            the validation loss can rise while the share of right answers still grows (lesson 9)
#   states   h_t step by step on one test sequence (the Inside page's animation)
#   gates    the same with the LSTM/GRU gates and cell state (or the cell diagram, where there is one)
#   bptt     the NumPy RNN's h_t and dL/dh_t over time (the From scratch page's heatmaps)
#   radius   ||dL/dh_t|| of a fresh network with W_hh scaled to a spectral radius, and Pascanu's bound
#   results  what the task is for, with the model now (a forecast, a continued sequence, a sentence...)
#   race     the Compare page's race: the tanh RNN, the LSTM and the GRU on the same data, seed, batches and
#            steps, their loss curves growing together (its own Start and Pause, at the lesson's pace)
FIGURES = ("loss", "loss_metric", "states", "gates", "bptt", "radius", "results", "race")
LAB_PAGES = ("train", "inside", "cell", "gradients", "compare", "scratch")


@dataclass(frozen=True)
class View:
    """The state one "what to look for" observation puts the dashboard in.

    knobs: experiment settings changed over the lesson's experiment (ExperimentConfig field names; a fresh,
    untrained model follows); fresh: an untrained model even if the settings are unchanged; train: start
    training (in a lesson with a race: start a new race); sample: the test sequence the figures show; log_y: the
    loss on a log axis; results: settings of the task's results section (next_start: where the continued
    sequence starts); cells: the race's cells whose curves are shown (the others wait in the legend), None all."""
    knobs: Mapping = field(default_factory=dict)
    fresh: bool = False
    train: bool = False
    sample: int | None = None
    log_y: bool | None = None
    results: Mapping = field(default_factory=dict)
    cells: tuple[str, ...] | None = None

    def config(self, base: ExperimentConfig) -> ExperimentConfig:
        """The experiment this view describes: `base` with its knobs changed (validated)."""
        return base.replace(**dict(self.knobs)) if self.knobs else base


@dataclass(frozen=True)
class Lesson:
    """One lesson: one learning goal, the experiment that shows it, and how to look at it."""
    number: int
    config: ExperimentConfig        # what "prepare the experiment" sets in the sidebar
    lab_page: str                   # the free lab's page where this experiment lives (LAB_PAGES)
    figures: tuple[str, ...]        # what the lesson page draws, in order (FIGURES)
    observations: tuple[View, ...]  # one view per "what to look for" item, in order
    choices: int                    # how many answers the check question offers
    answer: int                     # the right one, 0-based
    terms: tuple[str, ...] = ()     # glossary entries the lesson's text uses (rnnviz.lessons.glossary)
    pace: float | None = None       # the training pace it asks for (steps/s, 0 full speed); None: the learner's

    def __post_init__(self):
        unknown = set(self.figures) - set(FIGURES)
        if unknown or not self.figures:
            raise ValueError(f"lesson {self.number}: figures must be some of {FIGURES}, not {self.figures}")
        if self.lab_page not in LAB_PAGES:
            raise ValueError(f"lesson {self.number}: lab_page must be one of {LAB_PAGES}, not {self.lab_page!r}")
        if not 0 <= self.answer < self.choices:
            raise ValueError(f"lesson {self.number}: answer {self.answer} is not one of its {self.choices} choices")
        for view in self.observations:
            view.config(self.config)          # each observation's experiment must be a valid one
            if view.cells is not None and (not view.cells or not set(view.cells) <= set(CELLS)):
                raise ValueError(f"lesson {self.number}: a view's cells must be some of {CELLS}, not {view.cells}")

    @property
    def trains(self) -> bool:
        """Whether the lesson's figures follow the session's training (its page shows the training buttons)."""
        return any(name in ("loss", "loss_metric", "states", "gates", "results") for name in self.figures)
