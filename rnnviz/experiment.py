"""Experiment: a config assembled into its data, model and trainer, ready to train.

This is the whole data path of DESIGN.md up to training (config -> task data -> model -> trainer) in one
call, shared by the CLI and the dashboard's worker so both train the very same way.
"""
from __future__ import annotations

from dataclasses import dataclass

from rnnviz.config import ExperimentConfig
from rnnviz.models import SequenceModel, build_model
from rnnviz.runs import Run
from rnnviz.tasks import TaskData, make_task
from rnnviz.train import Trainer


@dataclass
class Experiment:
    config: ExperimentConfig
    data: TaskData
    model: SequenceModel
    trainer: Trainer

    @classmethod
    def build(cls, config: ExperimentConfig) -> "Experiment":
        data = make_task(config.task, seed=config.seed, **config.task_params)
        model = build_model(config, data)
        trainer = Trainer(model, data, optimizer=config.optimizer, lr=config.lr, batch_size=config.batch_size,
                          clip=config.clip, eval_every=config.eval_every, seed=config.seed)
        return cls(config, data, model, trainer)

    def final(self) -> dict:
        """Validation loss and metric of the model now, beside the best constant predictor's loss."""
        return {**self.trainer.evaluate("val"), "baseline_loss": self.data.baseline_loss,
                "steps": self.trainer.step_count}

    def to_run(self) -> Run:
        return Run(config=self.config, history=list(self.trainer.history), final=self.final(), model=self.model)
