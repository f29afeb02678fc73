"""Peak memory of an experiment, measured in a separate process: its build, one training step with a
validation, and what each page computes from it (the Train page's results, Inside's trace and saturation,
the Gradients page's probe and attribution).

The measuring process resets its peak resident size (Linux: /proc/self/clear_refs) before each experiment
and reads it back after each part (VmHWM), so one process measures many experiments. Large blocks are
mapped and unmapped at once (MALLOC_MMAP_THRESHOLD_), so what one experiment freed does not hide what the
next allocates.

    with PeakMeter(budget_mb=96) as meter:
        meter.measure(config.to_dict())   # {"build": bytes, "train_step": ..., "results": ..., ...}
"""
from __future__ import annotations

import ctypes
import gc
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _release() -> None:
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)


def _reset_peak() -> int:
    """Set the peak resident size to the current one (which it returns)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    return _status("VmRSS")


def _pages(model, data) -> dict:
    """Each page's computation over the model, by name (thunks, run one at a time)."""
    from rnnviz import inside, model_gradients, task_results
    from rnnviz.models import sample_text

    results = {"forecast": lambda: task_results.forecast(model, data),
               "sequence": lambda: task_results.continue_sequence(model, data, 1.0, 2.0),
               "confusion": lambda: task_results.confusion(model, data),
               "sentence": lambda: (task_results.confusion(model, data),
                                    task_results.classify_sentence(model, data, "no es malo, es bueno")),
               "sample_text": lambda: sample_text(model, data, data.decode(data.val[0][0, :4]), 100),
               "marked_sum": lambda: task_results.adding_predictions(model, data),
               "recall": lambda: task_results.copy_recall(model, data)}
    return {"results": results.get(data.spec.results, lambda: None),
            "inside": lambda: inside.look_inside(model, data, inside.sample_from_test_set(data, 0)),
            "saturation": lambda: inside.saturation_over_test_set(model, data),
            "probe": lambda: model_gradients.probe_grad_norms(model, data),
            "attribution": lambda: model_gradients.sample_attribution(model, data, 0)}


def measure(config_dict: dict) -> dict:
    """Bytes above the resident size before the experiment was built, at the peak of each part."""
    from rnnviz.config import ExperimentConfig
    from rnnviz.experiment import Experiment

    config = ExperimentConfig.from_dict({**config_dict, "eval_every": 1})     # the step validates too
    _release()
    base = _reset_peak()
    experiment = Experiment.build(config)
    peaks = {"build": _status("VmHWM") - base}
    experiment.trainer.step()
    peaks["train_step"] = _status("VmHWM") - base
    for name, compute in _pages(experiment.model, experiment.data).items():
        _reset_peak()
        compute()
        peaks[name] = _status("VmHWM") - base
    del experiment
    _release()
    return peaks


def serve() -> None:
    """Read one config per line (JSON) on stdin, write its peaks (JSON) on stdout."""
    import torch

    torch.set_num_threads(int(os.environ.get("PEAK_THREADS", "2")))
    measure({"task": "sum-sign", "hidden_size": 4, "batch_size": 2})       # warm: lazy inits are not the experiment's
    for line in sys.stdin:
        try:
            reply = {"peaks": measure(json.loads(line))}
        except Exception as error:                  # said to the test, which shows it
            reply = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(reply), flush=True)


class PeakMeter:
    """A measuring process (serve()) under a session budget of `budget_mb`."""

    def __init__(self, budget_mb: float):
        env = {**os.environ, "RNNVIZ_SESSION_BUDGET_MB": str(budget_mb), "MALLOC_MMAP_THRESHOLD_": "65536",
               "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen([sys.executable, "-m", "testkit.peak_memory"], cwd=ROOT, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def measure(self, config_dict: dict) -> dict:
        self.process.stdin.write(json.dumps(config_dict) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the measuring process ended (status {self.process.wait()})")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(reply["error"])
        return reply["peaks"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)

    def __enter__(self) -> "PeakMeter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    serve()
