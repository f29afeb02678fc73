"""Experiment: a config assembled into its data, model and trainer, ready to train.

This is the whole data path of DESIGN.md up to training (config -> task data -> model -> trainer) in one
call, shared by the CLI and the dashboard's worker so both train the very same way.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from rnnviz.config import ExperimentConfig
from rnnviz.models import SequenceModel, build_model, check_same_architecture
from rnnviz.runs import Run
from rnnviz.tasks import make_task
from rnnviz.tasks.base import TaskData
from rnnviz.train import EarlyStop, Trainer


@dataclass
class Experiment:
    config: ExperimentConfig
    data: TaskData
    model: SequenceModel
    trainer: Trainer
    initial_model: SequenceModel    # the weights before any training (eval mode), for "then vs now"

    @classmethod
    def build(cls, config: ExperimentConfig, data: TaskData | None = None) -> "Experiment":
        """The experiment `config` describes, on the task's own data or on `data` (the learner's own
        series, text or sentences for that task)."""
        if data is None:
            data = make_task(config.task, seed=config.seed, **config.task_params)
        elif data.name != config.task:
            raise ValueError(f"the data is for task {data.name!r}; the experiment asks for task {config.task!r}")
        model = build_model(config, data)
        trainer = Trainer(model, data, optimizer=config.optimizer, lr=config.lr, batch_size=config.batch_size,
                          clip=config.clip, eval_every=config.eval_every, seed=config.seed,
                          patience=config.patience)
        return cls(config, data, model, trainer, copy.deepcopy(model).eval())

    @classmethod
    def from_run(cls, run: Run) -> "Experiment":
        """A recorded run brought back: its data and initial weights rebuilt from the config and seed,
        its trained weights loaded, its history replayed. Training on from here continues with fresh
        optimizer state and batches (a recording keeps weights, not the optimizer's moments).
        Weights of another architecture than the config's are a ValueError saying which argument differs."""
        experiment = cls.build(run.config)
        if run.model is not None:
            check_same_architecture(run.model, experiment.model)
            experiment.model.load_state_dict(run.model.state_dict())
        trainer = experiment.trainer
        trainer.history = [dict(record) for record in run.history]
        trainer.step_count = run.history[-1]["step"] if run.history else 0
        trainer.clip_events = [record["step"] for record in run.history if record.get("clipped")]
        trainer.stopped = early_stop_of(run.history)
        return experiment

    def final(self) -> dict:
        """Validation loss and metric of the model now, beside the best constant predictor's loss."""
        return {**self.trainer.evaluate("val"), "baseline_loss": self.data.baseline_loss,
                "steps": self.trainer.step_count}

    def to_run(self) -> Run:
        return Run(config=self.config, history=list(self.trainer.history), final=self.final(), model=self.model)


def early_stop_of(history) -> EarlyStop | None:
    """Where a recorded history stopped early (its last record carries kept_step), else None."""
    last = history[-1] if history else {}
    if "kept_step" not in last:
        return None
    best = next(r for r in history if r["step"] == last["kept_step"])
    return EarlyStop(step=last["step"], best_step=last["kept_step"], best_val_loss=best["val_loss"])
