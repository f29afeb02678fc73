"""Command line: list the tasks, or train one experiment and record it as RUN.json (+ RUN.pt).

    python -m rnnviz tasks
    python -m rnnviz train --cell lstm --task adding --seq-len 50 --out runs/adding-lstm.json

Settings not given on the command line take the task's recommended values. Progress goes to stderr;
bad arguments exit with status 2 and one line saying what is wrong.
"""
from __future__ import annotations

import argparse
import sys
import time

from rnnviz import tasks
from rnnviz.config import CELLS, OPTIMIZERS, ExperimentConfig
from rnnviz.train import TrainingDiverged


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):                      # one clear line, not the whole usage text
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m rnnviz", description="See inside recurrent neural networks.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("tasks", help="list the task names and their parameters")
    train = commands.add_parser("train", help="train one experiment and write RUN.json")
    train.add_argument("--cell", required=True, choices=CELLS)
    train.add_argument("--task", required=True, choices=list(tasks.TASKS))
    train.add_argument("--seq-len", type=int, help="sequence length (its meaning per task: see 'tasks')")
    train.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                       help="another of the task's own parameters (repeatable)")
    train.add_argument("--hidden-size", type=int)
    train.add_argument("--layers", type=int)
    train.add_argument("--bidirectional", action="store_true", default=None)
    train.add_argument("--steps", type=int)
    train.add_argument("--batch-size", type=int)
    train.add_argument("--lr", type=float)
    train.add_argument("--optimizer", choices=OPTIMIZERS)
    train.add_argument("--clip", type=float, help="gradient-norm clipping threshold; 0 turns it off")
    train.add_argument("--eval-every", type=int, help="steps between validation measurements")
    train.add_argument("--patience", type=int, help="early stopping: stop after this many validation measurements "
                       "without a lower validation loss, keeping the best one's weights; 0 turns it off")
    train.add_argument("--spectral-radius", type=float, help="orthogonal recurrent init times this radius")
    train.add_argument("--forget-bias", type=float, help="LSTM forget-gate bias at init")
    train.add_argument("--seed", type=int)
    train.add_argument("--out", required=True, help="where to write RUN.json (weights go beside it as .pt)")
    return parser


def _config(args: argparse.Namespace) -> ExperimentConfig:
    task_params = dict(_parse_param(p) for p in args.param)
    if args.seq_len is not None:
        task_params["seq_len"] = args.seq_len
    flags = {"cell": args.cell, "hidden_size": args.hidden_size, "layers": args.layers,
             "bidirectional": args.bidirectional, "steps": args.steps, "batch_size": args.batch_size,
             "lr": args.lr, "optimizer": args.optimizer, "clip": args.clip, "seed": args.seed,
             "eval_every": args.eval_every, "patience": args.patience,
             "spectral_radius": args.spectral_radius, "forget_bias": args.forget_bias}
    given = {name: value for name, value in flags.items() if value is not None}
    return ExperimentConfig.for_task(args.task, task_params=task_params, **given)


def _parse_param(text: str) -> tuple[str, int | float | str]:
    name, sep, value = text.partition("=")
    if not sep:
        raise ValueError(f"--param {text!r} is invalid: expected NAME=VALUE")
    for kind in (int, float):
        try:
            return name, kind(value)
        except ValueError:
            pass
    return name, value


def _list_tasks() -> None:
    for spec in tasks.TASKS.values():
        print(f"{spec.name}: {spec.summary}")
        for p in spec.params:
            print(f"    {p.name} = {p.default}  ({p.describe()})  {p.help}")


class _Progress:
    """A one-line progress bar on stderr: steps, loss, steps per second and time left."""

    def __init__(self, total: int, stream=sys.stderr):
        self.total, self.stream = total, stream
        self.start = self.last_draw = time.perf_counter()

    def __call__(self, trainer) -> None:
        now = time.perf_counter()
        done = trainer.step_count
        if now - self.last_draw < 0.2 and done < self.total:
            return
        self.last_draw = now
        rate = done / max(now - self.start, 1e-9)
        filled = int(30 * done / self.total)
        record = trainer.history[-1]
        val = trainer.last_validation()
        val_text = f" val {val['val_loss']:.4g}" if val else ""
        self.stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total} "
                          f"loss {record['train_loss']:.4g}{val_text} {rate:.0f} steps/s "
                          f"{(self.total - done) / max(rate, 1e-9):.0f}s left ")
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


def _train(config: ExperimentConfig, out: str) -> int:
    import torch

    from rnnviz.experiment import Experiment

    torch.set_num_threads(1)     # as the dashboard does, so a run recorded here is the run it replays
    experiment = Experiment.build(config)
    experiment.trainer.add_callback("on_step_end", _Progress(config.steps))
    status = 0
    try:
        for _ in experiment.trainer.run(config.steps):
            pass
    except TrainingDiverged as diverged:
        print(f"\n{diverged}", file=sys.stderr)
        status = 1
    stopped = experiment.trainer.stopped
    if stopped is not None:
        print(f"\nstopped early at step {stopped.step}: the validation loss had not improved since step "
              f"{stopped.best_step}; the model of step {stopped.best_step} is kept", file=sys.stderr)
    run = experiment.to_run()
    path = run.save(out)
    final = run.final
    print(f"wrote {path}: val_loss {final['val_loss']:.4g} (baseline {final['baseline_loss']:.4g}), "
          f"val_metric {final['val_metric']}", file=sys.stderr)
    return status


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "tasks":
        _list_tasks()
        return 0
    try:
        config = _config(args)
    except ValueError as error:
        parser.exit(2, f"{parser.prog}: error: {error}\n")
    return _train(config, args.out)


if __name__ == "__main__":
    sys.exit(main())
