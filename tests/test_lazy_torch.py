"""A task is one file (its SPEC beside its data class), yet the registry imports no torch: task files
reach torch through rnnviz/tasks/lazy_torch.py."""
import json
import subprocess
import sys

import torch

from rnnviz.tasks.lazy_torch import LazyModule, no_grad

REGISTRY_THEN_DATA = """
import json, sys
import rnnviz.tasks as tasks
specs = {name: (spec.summary, [p.name for p in spec.params], spec.data.__name__) for name, spec in tasks.TASKS.items()}
after_registry = "torch" in sys.modules
data = tasks.make_task("sum-sign", seed=0)
x, y = data.train_batch(4, __import__("torch").Generator().manual_seed(0))
print(json.dumps({"after_registry": after_registry, "tasks": len(specs), "batch": list(x.shape)}))
"""


def test_reading_every_task_spec_imports_no_torch_and_building_data_does():
    run = subprocess.run([sys.executable, "-c", REGISTRY_THEN_DATA], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {"after_registry": False, "tasks": 7, "batch": [4, 10, 1]}


def test_a_lazy_module_hands_out_the_real_modules_attributes_and_keeps_them():
    lazy = LazyModule("torch")
    assert lazy.randn is torch.randn and lazy.Tensor is torch.Tensor
    assert "randn" in vars(lazy)          # kept on the stand-in: the next lookup skips the import machinery


def test_no_grad_runs_the_function_without_recording_a_graph():
    weight = torch.ones(3, requires_grad=True)

    @no_grad
    def doubled(w):
        """doubles"""
        return w * 2

    assert not doubled(weight).requires_grad and (weight * 2).requires_grad
    assert doubled.__name__ == "doubled" and doubled.__doc__ == "doubles"
