"""Recorded runs: an experiment's config, its per-step history and final scores, saved as RUN.json with
the trained weights beside it (RUN.pt), so a run recorded on a laptop replays anywhere."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from rnnviz.config import ExperimentConfig
from rnnviz.models import SequenceModel, load_model, save_model

DEMO_RUNS = Path(__file__).resolve().parent / "data" / "runs"     # shipped with the package


def demo_runs() -> dict[str, Path]:
    """The runs shipped in rnnviz/data/runs, by file stem."""
    return {path.stem: path for path in sorted(DEMO_RUNS.glob("*.json"))}


@dataclass
class Run:
    config: ExperimentConfig
    history: list[dict] = field(default_factory=list)   # one record per step (Trainer.history)
    final: dict = field(default_factory=dict)           # val_loss, val_metric, baseline_loss, ...
    model: SequenceModel | None = None

    def to_json(self) -> dict:
        return {"config": self.config.to_dict(), "history": _finite(self.history), "final": _finite(self.final)}

    def save(self, path: str | Path) -> Path:
        """Write RUN.json and, when there is a model, its weights beside it (same name, .pt)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        document = self.to_json()
        if self.model is not None:
            weights = path.with_suffix(".pt")
            save_model(weights, self.model, self.config)
            document["weights"] = weights.name
        path.write_text(json.dumps(document, separators=(",", ":")))
        return path

    @classmethod
    def from_json(cls, document: dict) -> "Run":
        """A run from RUN.json's content (without weights), checked completely before any page reads it:
        a valid config; history rows with what the Trainer records and the pages read, steps increasing
        within the config's budget; final scores as numbers. Bad content: a one-line ValueError saying
        what is wrong and where."""
        if not isinstance(document, dict) or not {"config", "history", "final"} <= document.keys():
            raise ValueError("not an rnnviz run: expected the keys 'config', 'history' and 'final'")
        if not isinstance(document["config"], dict):
            raise ValueError(f"'config' must be an object, not {_json_type(document['config'])}")
        try:
            config = ExperimentConfig.from_dict(document["config"])
        except (TypeError, ValueError) as error:
            raise ValueError(f"config: {first_line(error)}") from None
        history = document["history"]
        if not isinstance(history, list):
            raise ValueError(f"'history' must be a list, not {_json_type(history)}")
        if not isinstance(document["final"], dict):
            raise ValueError(f"'final' must be an object, not {_json_type(document['final'])}")
        weights = document.get("weights")
        if weights is not None and not (isinstance(weights, str) and weights.endswith(".pt")
                                        and Path(weights).name == weights):
            raise ValueError("'weights' must be the name of a .pt file beside RUN.json")
        records = []
        for number, row in enumerate(history, start=1):
            record = _history_record(row, f"history row {number}")
            step = record["step"]
            # the Trainer counts steps from 1, and the dashboard and the CLI stop at config.steps
            if step < 1:
                raise ValueError(f"history row {number}: 'step' must be at least 1, not {step}")
            if records and step <= records[-1]["step"]:
                raise ValueError(f"history row {number}: step {step} comes after step {records[-1]['step']} "
                                 f"(steps must increase)")
            if step > config.steps:
                raise ValueError(f"history row {number}: step {step} is beyond the run's {config.steps} steps "
                                 f"(config 'steps')")
            records.append(record)
        final = {key: _number(value, f"final: {_name(key)}") for key, value in document["final"].items()}
        return cls(config=config, history=records, final=final)

    @classmethod
    def from_json_text(cls, text: str | bytes) -> "Run":
        """A run from RUN.json's text. Not JSON (or nested beyond what Python can parse) or bad content:
        a one-line ValueError saying what."""
        return cls.from_json(_parse(text))

    @classmethod
    def load(cls, path: str | Path) -> "Run":
        """Read RUN.json and, if its weights file is beside it, the trained model."""
        path = Path(path)
        document = _parse(path.read_bytes())
        run = cls.from_json(document)
        weights = path.parent / (document.get("weights") or path.with_suffix(".pt").name)
        if weights.exists():
            run.model, _ = load_model(weights)
        return run


# what each row of Trainer.history holds: step and train_loss always (every page's loss curve),
# grad_norm always (the Gradients page draws it at every step), the rest at some steps only
_REQUIRED_NUMBERS = ("train_loss", "grad_norm")
_OPTIONAL_NUMBERS = ("val_loss", "val_metric")


def _parse(text: str | bytes):
    """JSON text as Python values; ValueError in one line when it is not JSON."""
    try:
        return json.loads(text)
    except RecursionError:      # the parser recurses once per nesting level: 100 000 brackets exhaust it
        raise ValueError("the JSON is nested too deeply to be a run") from None
    except ValueError as error:     # JSONDecodeError, bad UTF-8, an integer of more than 4300 digits
        raise ValueError(first_line(error)) from None


def _history_record(row, where: str) -> dict:
    """A history row, checked; a loss written as null (JSON has no NaN, see _finite) is NaN again."""
    if not isinstance(row, dict):
        raise ValueError(f"{where} must be an object, not {_json_type(row)}")
    step = row.get("step")
    if "step" not in row:
        raise ValueError(f"{where}: 'step' is missing")
    if isinstance(step, bool) or not isinstance(step, int):
        raise ValueError(f"{where}: 'step' must be an integer, not {_json_type(step)}")
    record = dict(row)
    for key in _REQUIRED_NUMBERS:
        if key not in row:
            raise ValueError(f"{where}: {key!r} is missing")
        _number(row[key], f"{where}: {key!r}", nullable=False)
    for key in _OPTIONAL_NUMBERS:
        if key in row:
            _number(row[key], f"{where}: {key!r}")
    if "val_loss" in row and row["val_loss"] is None:
        record["val_loss"] = math.nan       # the pages read a validation's loss as a number
    if not isinstance(row.get("clipped", False), bool):
        raise ValueError(f"{where}: 'clipped' must be true or false, not {_json_type(row['clipped'])}")
    for key, value in row.items():        # fields of later versions: kept, if plain values
        if not isinstance(value, (str, int, float, bool, type(None))):
            raise ValueError(f"{where}: {_name(key)} must be a number, text, true/false or null, "
                             f"not {_json_type(value)}")
    return record


def _number(value, where: str, nullable: bool = True) -> float | int | None:
    """`value` if it is a finite number (or null, when nullable); else a ValueError saying what it is."""
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        shown = value if isinstance(value, float) else _json_type(value)       # nan, inf
        raise ValueError(f"{where} must be a finite number{' or null' if nullable else ''}, not {shown}")
    return value


def _json_type(value) -> str:
    """A value's type in JSON's words, for a learner who wrote JSON, not Python."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
             dict: "an object", type(None): "null"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), type(value).__name__)


def _name(key: str) -> str:
    """A key as a message quotes it, cut short: a file's key may be any length."""
    text = repr(key)
    return text if len(text) <= 40 else text[:40] + "…"


def first_line(error: Exception, limit: int = 200) -> str:
    """An error's first line, cut at `limit` characters: a message fit for one line of a page."""
    line = (str(error).splitlines() or [type(error).__name__])[0]
    return line if len(line) <= limit else line[:limit] + "…"


def _finite(value):
    """JSON has no NaN or infinity: write them as null rather than as invalid JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value
