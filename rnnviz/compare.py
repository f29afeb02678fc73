"""Compare cells fairly: the tanh RNN, the LSTM and the GRU trained in lock-step on one task.

Fair means the same task data, the same seed, the very same training batches in the same order (each
cell has its own Trainer seeded alike, and a batch depends only on its generator's state) and the same
optimiser settings; optionally also the same number of parameters, each cell's hidden size chosen so its
count is as close as possible to the LSTM's. Then a difference in the curves is the cell's doing.

    race = Race(config, match_parameters=True)
    for step in race.run(300): ...             # one step of every cell per iteration
    race.results(), race.grad_norms()
    for point in sequence_length_sweep(config, [10, 25, 50, 100], steps=150): ...

References: Elman (1990); Hochreiter & Schmidhuber (1997), Long short-term memory; Cho et al. (2014),
the GRU; Chung et al. (2014), Empirical evaluation of gated recurrent neural networks on sequence
modeling; Jozefowicz, Zaremba & Sutskever (2015), An empirical exploration of recurrent network
architectures.
"""
from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Callable, ContextManager, Iterator, Sequence

import numpy as np

from rnnviz import cost
from rnnviz.config import CELLS, ExperimentConfig, knob
from rnnviz.experiment import Experiment
from rnnviz.gradients import PROBE_SIZE, model_hidden_grad_norms
from rnnviz.tasks import make_task
from rnnviz.tasks.base import TaskData
from rnnviz.train import TrainingDiverged

log = logging.getLogger(__name__)

COMPARED_CELLS = ("rnn", "lstm", "gru")    # the tanh RNN and the two gated cells
REFERENCE_CELL = "lstm"                    # parameter matching aims at the LSTM's count
GATE_BLOCKS = {"rnn": 1, "rnn-relu": 1, "lstm": 4, "gru": 3}   # H x (input + H) blocks per cell


# --- parameter counts ---------------------------------------------------------------------------

def parameter_count(config: ExperimentConfig, data: TaskData) -> int:
    """The number of trainable numbers in the SequenceModel that `config` builds for `data`.

    Per layer and direction a cell has G blocks (RNN 1, GRU 3, LSTM 4), each W_ih (H x input),
    W_hh (H x H) and two biases (PyTorch keeps b_ih and b_hh); layers above the first read D*H inputs.
    Then the head (D*H -> output) and, for token tasks, the embedding table.
    """
    G, H, D = GATE_BLOCKS[config.cell], config.hidden_size, 2 if config.bidirectional else 1
    tokens = data.input_kind == "tokens"
    first_input = config.embedding_dim if tokens else data.input_size
    recurrent = 0
    for layer in range(config.layers):
        layer_input = first_input if layer == 0 else D * H
        recurrent += D * G * H * (layer_input + H + 2)
    head = D * H * data.output_size + data.output_size
    embedding = data.input_size * config.embedding_dim if tokens else 0
    return recurrent + head + embedding


def matched_hidden_sizes(config: ExperimentConfig, data: TaskData, cells: Sequence[str] = COMPARED_CELLS,
                         reference: str = REFERENCE_CELL) -> dict[str, int]:
    """For each cell, the hidden size whose parameter count is closest to `reference`'s at
    config.hidden_size (ties: the smaller size). The reference keeps config.hidden_size."""
    _check_cells(cells)
    target = parameter_count(config.replace(cell=reference), data)
    allowed = knob("hidden_size")
    sizes = range(int(allowed.low), int(allowed.high) + 1)
    matched = {}
    for cell in cells:
        if cell == reference:
            matched[cell] = config.hidden_size
            continue
        with cost.deferred():     # sizes only counted, never built: the session budget checks the one chosen
            counts = [abs(parameter_count(config.replace(cell=cell, hidden_size=H), data) - target) for H in sizes]
        matched[cell] = sizes[int(np.argmin(counts))]       # argmin takes the first (smallest) of ties
    return matched


def cell_configs(config: ExperimentConfig, cells: Sequence[str] = COMPARED_CELLS, match_parameters: bool = False,
                 data: TaskData | None = None) -> dict[str, ExperimentConfig]:
    """One config per cell, differing from `config` only in the cell (and, when matching, hidden_size)."""
    _check_cells(cells)
    if not match_parameters:
        return {cell: config.replace(cell=cell) for cell in cells}
    data = data if data is not None else make_task(config.task, seed=config.seed, **config.task_params)
    sizes = matched_hidden_sizes(config, data, cells)
    return {cell: config.replace(cell=cell, hidden_size=sizes[cell]) for cell in cells}


def contestants(config: ExperimentConfig, match_parameters: bool = False,
                cells: Sequence[str] = COMPARED_CELLS) -> list[dict]:
    """What a race would train, before training: per cell its hidden size and parameter count."""
    data = make_task(config.task, seed=config.seed, **config.task_params)
    with cost.deferred():         # a table, drawn even when a contestant is over budget (race_refusal says so)
        return [{"cell": cell, "hidden_size": c.hidden_size, "parameters": parameter_count(c, data)}
                for cell, c in cell_configs(config, cells, match_parameters, data).items()]


def race_refusal(config: ExperimentConfig, match_parameters: bool = False,
                 cells: Sequence[str] = COMPARED_CELLS) -> "cost.BudgetError | None":
    """Why a race of `config` cannot run, if one of its contestants is over the session budget (another cell,
    or a matched hidden size, can cost more than the learner's own network), else None."""
    with cost.deferred():
        configs = cell_configs(config, cells, match_parameters)
    for contestant in configs.values():
        try:
            cost.check_budget(contestant, always=True)
        except cost.BudgetError as error:
            return error
    return None


def _check_cells(cells: Sequence[str]) -> None:
    if isinstance(cells, str) or not cells:
        raise ValueError(f"cells must be a non-empty list of cell names, got {cells!r}")
    unknown = [c for c in cells if c not in CELLS]
    if unknown or len(set(cells)) != len(cells):
        raise ValueError(f"cells={list(cells)!r} is invalid: each of {', '.join(CELLS)} at most once")


# --- the lock-step race ----------------------------------------------------------------------------

@dataclass
class CellRun:
    """One contestant: its experiment, the time its steps took, and why it stopped if it diverged."""

    experiment: Experiment
    parameters: int
    seconds: float = 0.0
    error: str | None = None

    @property
    def diverged(self) -> bool:
        return self.error is not None


class Race:
    """Several cells trained one step each in turn, on identical batches, for a fair comparison."""

    def __init__(self, config: ExperimentConfig, cells: Sequence[str] = COMPARED_CELLS,
                 match_parameters: bool = False, probe_size: int = PROBE_SIZE):
        self.config = config
        self.match_parameters = match_parameters
        self.runs: dict[str, CellRun] = {}
        for cell, cell_config in cell_configs(config, cells, match_parameters).items():
            experiment = Experiment.build(cell_config)         # same seed: same data, same batch stream
            self.runs[cell] = CellRun(experiment, parameters=experiment.model.num_parameters())
        self.data = next(iter(self.runs.values())).experiment.data
        x, y = self.data.val
        self.probe = (x[:probe_size], y[:probe_size])          # the same sequences for every cell
        self.step_count = 0

    @property
    def cells(self) -> list[str]:
        return list(self.runs)

    def step(self) -> None:
        """One training step of every cell still training (a diverged cell keeps its last weights)."""
        for cell, run in self.runs.items():
            if run.diverged:
                continue
            start = time.perf_counter()
            try:
                run.experiment.trainer.step()
            except TrainingDiverged as diverged:       # the race goes on without it; the results say so
                log.info("%s diverged in the race: %s", cell, diverged, exc_info=True)
                run.error = str(diverged)
            run.seconds += time.perf_counter() - start
        self.step_count += 1

    def run(self, steps: int, should_stop: Callable[[], bool] = lambda: False,
            around_step: Callable[[], ContextManager] = contextlib.nullcontext) -> Iterator[int]:
        """Take `steps` lock-step steps, yielding the race's step count after each; ends early (without
        a partial step) as soon as should_stop() is true. Each step runs inside `around_step()` (a server
        passes its training slots: rnnviz.live.cpu_slots)."""
        for _ in range(steps):
            if should_stop():
                return
            with around_step():
                self.step()
            yield self.step_count

    def histories(self) -> dict[str, list[dict]]:
        """Each cell's Trainer.history (the records themselves: copy before handing to another thread)."""
        return {cell: run.experiment.trainer.history for cell, run in self.runs.items()}

    def grad_norms(self) -> dict[str, np.ndarray]:
        """||dL/dh_t|| of each cell now, (L*D, T), on the same probe batch; exact zeros kept."""
        x, y = self.probe
        return {cell: model_hidden_grad_norms(run.experiment.model, x, y, self.data.loss).numpy()
                for cell, run in self.runs.items()}

    def results(self) -> list[dict]:
        """One row per cell: size, parameter count, validation loss and metric, baselines, speed."""
        rows = []
        for cell, run in self.runs.items():
            experiment = run.experiment
            evaluation = experiment.trainer.evaluate("val")
            steps = experiment.trainer.step_count
            rows.append({"cell": cell, "hidden_size": experiment.config.hidden_size,
                         "parameters": run.parameters, "steps": steps,
                         "val_loss": evaluation["val_loss"], "val_metric": evaluation["val_metric"],
                         "baseline_loss": self.data.baseline_loss, "baseline_metric": self.data.baseline_metric,
                         "steps_per_second": steps / run.seconds if run.seconds > 0 else 0.0,
                         "diverged": run.diverged})
        return rows


def history_arrays(history: Sequence[dict]) -> dict[str, np.ndarray]:
    """A Trainer history as arrays: step, train_loss, and val_step, val_loss at validation steps."""
    validated = [r for r in history if r.get("val_loss") is not None]
    return {"step": np.array([r["step"] for r in history], dtype=np.int64),
            "train_loss": np.array([r["train_loss"] for r in history], dtype=np.float64),
            "val_step": np.array([r["step"] for r in validated], dtype=np.int64),
            "val_loss": np.array([r["val_loss"] for r in validated], dtype=np.float64)}


# --- the sequence-length sweep --------------------------------------------------------------------

@dataclass(frozen=True)
class SweepPoint:
    """How one cell did after `steps` steps on sequences of length seq_len."""

    cell: str
    seq_len: int
    hidden_size: int
    parameters: int
    steps: int
    val_loss: float
    val_metric: float | None
    baseline_loss: float
    baseline_metric: float | None
    metric_name: str | None
    higher_is_better: bool
    seconds: float
    diverged: bool


def sweep_configs(config: ExperimentConfig, lengths: Sequence[int], steps: int) -> list[ExperimentConfig]:
    """`config` at each sequence length, trained `steps` steps and validated only at the end.

    A ValueError names a length the task does not allow, or a repeated one."""
    if isinstance(lengths, (str, bytes)) or not lengths:
        raise ValueError("lengths must be a non-empty list of sequence lengths")
    if len(set(lengths)) != len(lengths):
        raise ValueError(f"lengths={list(lengths)!r} repeats a value: give each sequence length once")
    knob("steps").check(steps)
    configs = []
    for seq_len in lengths:
        if isinstance(seq_len, bool) or not isinstance(seq_len, (int, np.integer)):
            raise ValueError(f"sequence length {seq_len!r} is invalid: it must be an integer")
        params = {**config.task_params, "seq_len": int(seq_len)}
        configs.append(config.replace(task_params=params, steps=steps,
                                      eval_every=min(steps, int(knob("eval_every").high))))
    return configs


def sequence_length_sweep(config: ExperimentConfig, lengths: Sequence[int], steps: int,
                          cells: Sequence[str] = COMPARED_CELLS, match_parameters: bool = False,
                          should_stop: Callable[[], bool] = lambda: False,
                          on_step: Callable[[int, int], None] | None = None,
                          around_step: Callable[[], ContextManager] = contextlib.nullcontext) -> Iterator[SweepPoint]:
    """Train every cell `steps` steps at each length (a lock-step Race per length) and yield one
    SweepPoint per (length, cell), lengths in the given order, cells in the given order.

    Arguments are checked now (ValueError); training happens lazily as the caller iterates.
    should_stop() is checked between training steps: once true the sweep ends without yielding the
    unfinished length. on_step(done, total) reports progress in lock-step steps. Each lock-step step runs
    inside around_step(), as in Race.run.
    """
    _check_cells(cells)
    configs = sweep_configs(config, lengths, steps)
    return _sweep(configs, steps, list(cells), match_parameters, should_stop, on_step, around_step)


def _sweep(configs, steps, cells, match_parameters, should_stop, on_step, around_step) -> Iterator[SweepPoint]:
    total, done = len(configs) * steps, 0
    for length_config in configs:
        race = Race(length_config, cells, match_parameters)
        for _ in race.run(steps, should_stop, around_step):
            done += 1
            if on_step is not None:
                on_step(done, total)
        if race.step_count < steps:                          # stopped mid-way: no half-trained points
            return
        data = race.data
        for row in race.results():
            yield SweepPoint(cell=row["cell"], seq_len=length_config.seq_len, hidden_size=row["hidden_size"],
                             parameters=row["parameters"], steps=row["steps"], val_loss=row["val_loss"],
                             val_metric=row["val_metric"], baseline_loss=row["baseline_loss"],
                             baseline_metric=row["baseline_metric"], metric_name=data.metric_name,
                             higher_is_better=data.higher_is_better, seconds=race.runs[row["cell"]].seconds,
                             diverged=row["diverged"])
