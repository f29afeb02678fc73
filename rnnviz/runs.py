"""Recorded runs: an experiment's config, its per-step history and final scores, saved as RUN.json with
the trained weights beside it (RUN.pt), so a run recorded on a laptop replays anywhere."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from rnnviz.config import ExperimentConfig
from rnnviz.i18n import t
from rnnviz.models import SequenceModel, load_model, save_model

DEMO_RUNS = Path(__file__).resolve().parent / "data" / "runs"     # shipped with the package


def demo_runs() -> dict[str, Path]:
    """The runs shipped in rnnviz/data/runs, by file stem."""
    return {path.stem: path for path in sorted(DEMO_RUNS.glob("*.json"))}


class RunFileError(ValueError):
    """What is wrong with a RUN.json: str() is the library's one English line (the CLI, the log), message(lang)
    the same in the learner's words. `problem` names the message (runs.problem.<problem> in rnnviz/i18n);
    `values` fill it: a row number, a key of the file, JSON type names (as _json_kind gives them), or `cause`,
    the SettingError of a config that cannot be used."""

    def __init__(self, text: str, problem: str, **values):
        super().__init__(text)
        self.problem, self.values = problem, values

    def message(self, lang: str) -> str:
        values = dict(self.values)
        for name in ("expected", "actual"):
            if name in values:
                values[name] = t(f"runs.json.{values[name]}", lang) if f"runs.json.{values[name]}" in _JSON_KINDS \
                    else values[name]
        if "field" in values:
            values["field"] = _shortened(values["field"])
        cause = values.pop("cause", None)
        if cause is not None:
            message = getattr(cause, "message", None)
            values["cause"] = message(lang) if callable(message) else t("runs.problem.config_other", lang)
        return t(f"runs.problem.{self.problem}", lang, **values)


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
            raise RunFileError("not an rnnviz run: expected the keys 'config', 'history' and 'final'", "not_a_run",
                               parts="«config», «history», «final»")
        if not isinstance(document["config"], dict):
            raise _part_error("config", "object", document["config"])
        try:
            config = ExperimentConfig.from_dict(document["config"])
        except (TypeError, ValueError) as error:
            raise RunFileError(f"config: {first_line(error)}", "config", cause=error) from None
        history = document["history"]
        if not isinstance(history, list):
            raise _part_error("history", "list", history)
        if not isinstance(document["final"], dict):
            raise _part_error("final", "object", document["final"])
        weights = document.get("weights")
        if weights is not None and not (isinstance(weights, str) and weights.endswith(".pt")
                                        and Path(weights).name == weights):
            raise RunFileError("'weights' must be the name of a .pt file beside RUN.json", "weights_name",
                               field="weights")
        records = []
        for number, row in enumerate(history, start=1):
            record = _history_record(row, number)
            step = record["step"]
            # the Trainer counts steps from 1, and the dashboard and the CLI stop at config.steps
            if step < 1:
                raise RunFileError(f"history row {number}: 'step' must be at least 1, not {step}", "step_low",
                                   row=number, step=step)
            if records and step <= records[-1]["step"]:
                raise RunFileError(f"history row {number}: step {step} comes after step {records[-1]['step']} "
                                   f"(steps must increase)", "step_order", row=number, step=step,
                                   previous=records[-1]["step"])
            if step > config.steps:
                raise RunFileError(f"history row {number}: step {step} is beyond the run's {config.steps} steps "
                                   f"(config 'steps')", "step_beyond", row=number, step=step, steps=config.steps)
            records.append(record)
        final = {key: _number(value, f"final: {_name(key)}", key=key) for key, value in document["final"].items()}
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
        raise RunFileError("the JSON is nested too deeply to be a run", "too_deep") from None
    except ValueError as error:     # JSONDecodeError, bad UTF-8, an integer of more than 4300 digits
        raise RunFileError(first_line(error), "not_json") from None


def _part_error(part: str, expected: str, value) -> RunFileError:
    """A part of RUN.json (config, history, final) of the wrong JSON type."""
    return RunFileError(f"{part!r} must be {_json_type(_SAMPLES[expected])}, not {_json_type(value)}", "part_type",
                        field=part, expected=expected, actual=_json_kind(value))


def _history_record(row, number: int) -> dict:
    """A history row (the `number`th), checked; a loss written as null (JSON has no NaN, see _finite) is NaN
    again."""
    where = f"history row {number}"
    if not isinstance(row, dict):
        raise RunFileError(f"{where} must be an object, not {_json_type(row)}", "row_type", row=number,
                           actual=_json_kind(row))
    step = row.get("step")
    if "step" not in row:
        raise RunFileError(f"{where}: 'step' is missing", "row_missing", row=number, field="step")
    if isinstance(step, bool) or not isinstance(step, int):
        raise RunFileError(f"{where}: 'step' must be an integer, not {_json_type(step)}", "row_field", row=number,
                           field="step", expected="integer", actual=_json_kind(step))
    record = dict(row)
    for key in _REQUIRED_NUMBERS:
        if key not in row:
            raise RunFileError(f"{where}: {key!r} is missing", "row_missing", row=number, field=key)
        _number(row[key], f"{where}: {key!r}", nullable=False, key=key, row=number)
    for key in _OPTIONAL_NUMBERS:
        if key in row:
            _number(row[key], f"{where}: {key!r}", key=key, row=number)
    if "val_loss" in row and row["val_loss"] is None:
        record["val_loss"] = math.nan       # the pages read a validation's loss as a number
    if not isinstance(row.get("clipped", False), bool):
        raise RunFileError(f"{where}: 'clipped' must be true or false, not {_json_type(row['clipped'])}",
                           "row_field", row=number, field="clipped", expected="boolean",
                           actual=_json_kind(row["clipped"]))
    for key, value in row.items():        # fields of later versions: kept, if plain values
        if not isinstance(value, (str, int, float, bool, type(None))):
            raise RunFileError(f"{where}: {_name(key)} must be a number, text, true/false or null, "
                               f"not {_json_type(value)}", "row_field", row=number, field=key, expected="plain",
                               actual=_json_kind(value))
    return record


def _number(value, where: str, nullable: bool = True, key: str = "", row: int | None = None) -> float | int | None:
    """`value` if it is a finite number (or null, when nullable); else a RunFileError saying what it is (the
    `key` of history row `row`, or of the final scores)."""
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        shown = value if isinstance(value, float) else _json_type(value)       # nan, inf
        expected = "finite_or_null" if nullable else "finite"
        actual = str(value) if isinstance(value, float) else _json_kind(value)
        values = dict(field=key, expected=expected, actual=actual)
        raise RunFileError(f"{where} must be a finite number{' or null' if nullable else ''}, not {shown}",
                           "row_field" if row is not None else "final_field",
                           **values, **({"row": row} if row is not None else {}))
    return value


def _json_type(value) -> str:
    """A value's type in JSON's words, for a learner who wrote JSON, not Python."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
             dict: "an object", type(None): "null"}
    return next((name for kind, name in names.items() if isinstance(value, kind)), type(value).__name__)


def _shortened(key: str) -> str:
    """A key of the file as a message shows it: cut short, a file's key may be any length."""
    return key if len(key) <= 40 else key[:40] + "…"


# JSON's kinds of value, by the name their message strings go by (runs.json.<kind>)
_JSON_KINDS = {"runs.json.boolean", "runs.json.integer", "runs.json.number", "runs.json.text", "runs.json.list",
               "runs.json.object", "runs.json.null", "runs.json.finite", "runs.json.finite_or_null",
               "runs.json.plain"}
_SAMPLES = {"object": {}, "list": []}


def _json_kind(value) -> str:
    """A value's JSON kind, as its message strings name it."""
    kinds = {bool: "boolean", int: "number", float: "number", str: "text", list: "list", dict: "object",
             type(None): "null"}
    return next((name for kind, name in kinds.items() if isinstance(value, kind)), "text")


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
