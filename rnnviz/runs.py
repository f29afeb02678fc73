"""Recorded runs: an experiment's config, its per-step history and final scores, saved as RUN.json with
the trained weights beside it (RUN.pt), so a run recorded on a laptop replays anywhere."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from rnnviz.config import ExperimentConfig
from rnnviz.models import SequenceModel, load_model, save_model


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
        """A run from RUN.json's content (without weights). Bad content: ValueError saying what."""
        if not isinstance(document, dict) or not {"config", "history", "final"} <= document.keys():
            raise ValueError("not an rnnviz run: expected the keys 'config', 'history' and 'final'")
        history = document["history"]
        if not isinstance(history, list) or not all(isinstance(r, dict) and "step" in r for r in history):
            raise ValueError("not an rnnviz run: 'history' must be a list of records with a 'step'")
        return cls(config=ExperimentConfig.from_dict(document["config"]), history=history,
                   final=dict(document["final"]))

    @classmethod
    def load(cls, path: str | Path) -> "Run":
        """Read RUN.json and, if its weights file is beside it, the trained model."""
        path = Path(path)
        document = json.loads(path.read_text())
        run = cls.from_json(document)
        weights = path.parent / str(document.get("weights", path.with_suffix(".pt").name))
        if weights.exists():
            run.model, _ = load_model(weights)
        return run


def _finite(value):
    """JSON has no NaN or infinity: write them as null rather than as invalid JSON."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value
