"""The public names of DESIGN.md, as a notebook user calls them: again and again, in any order, each
order in a fresh interpreter (a name imported lazily must stay callable once its module is loaded)."""
import itertools
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import rnnviz

ROOT = Path(__file__).resolve().parent.parent

CALLS = {
    "trace": "rnnviz.trace(rnn, x).output",
    "hidden_grad_norms": "rnnviz.hidden_grad_norms(rnn, x, lambda out: out.sum())",
}


def test_calls_cover_every_public_name():
    assert set(CALLS) == set(rnnviz.__all__)


@pytest.mark.parametrize("order", list(itertools.permutations(CALLS)), ids="-then-".join)
def test_each_public_name_called_twice_in_a_fresh_process(order):
    calls = "\n".join(f"for _ in range(2): assert callable(rnnviz.{name}); {CALLS[name]}" for name in order)
    script = textwrap.dedent("""
        import torch
        import rnnviz
        rnn = torch.nn.LSTM(3, 4, batch_first=True)
        x = torch.randn(2, 5, 3)
    """) + calls
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_no_submodule_shadows_a_public_name():
    package = ROOT / "rnnviz"
    shadowing = [name for name in rnnviz.__all__ if (package / f"{name}.py").exists() or (package / name).is_dir()]
    assert shadowing == []
