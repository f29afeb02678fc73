"""The CLI contract of DESIGN.md: `tasks`, `train ... --out RUN.json`, exit status 2 on bad arguments."""
import json
import subprocess
import sys

import pytest

from rnnviz import tasks
from rnnviz.runs import Run


def rnnviz(*args):
    return subprocess.run([sys.executable, "-m", "rnnviz", *args], capture_output=True, text=True, timeout=120)


def test_tasks_lists_every_task_and_its_parameters():
    result = rnnviz("tasks")
    assert result.returncode == 0
    for name, spec in tasks.TASKS.items():
        assert f"{name}:" in result.stdout
        for param in spec.params:
            assert param.name in result.stdout


def test_train_writes_the_run_contract(tmp_path):
    out = tmp_path / "run.json"
    result = rnnviz("train", "--cell", "gru", "--task", "adding", "--seq-len", "12", "--hidden-size", "8",
                    "--steps", "30", "--batch-size", "16", "--lr", "0.01", "--clip", "1", "--seed", "4",
                    "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "30/30" in result.stderr                         # the progress bar reached the end
    run = json.loads(out.read_text())
    assert run["config"]["cell"] == "gru" and run["config"]["task_params"]["seq_len"] == 12
    assert [r["step"] for r in run["history"]] == list(range(1, 31))
    assert all(isinstance(r["train_loss"], float) for r in run["history"])
    final = run["final"]
    assert isinstance(final["val_loss"], float) and isinstance(final["baseline_loss"], float)
    assert final["val_metric"] is None or isinstance(final["val_metric"], float)
    loaded = Run.load(out)                                  # the weights beside it load back
    assert loaded.model is not None and loaded.config.hidden_size == 8


def test_same_seed_same_history(tmp_path):
    histories = []
    for name in ("a", "b"):
        out = tmp_path / f"{name}.json"
        assert rnnviz("train", "--cell", "lstm", "--task", "sum-sign", "--steps", "15", "--hidden-size", "8",
                      "--out", str(out)).returncode == 0
        histories.append(json.loads(out.read_text())["history"])
    assert histories[0] == histories[1]


@pytest.mark.parametrize("args,says", [
    (["train", "--cell", "lstm", "--task", "adding", "--hidden-size", "0"], "hidden_size=0 is invalid"),
    (["train", "--cell", "lstm", "--task", "adding", "--seq-len", "5000"], "seq_len=5000 is invalid"),
    (["train", "--cell", "cnn", "--task", "adding"], "invalid choice: 'cnn'"),
    (["train", "--cell", "lstm", "--task", "nope"], "invalid choice: 'nope'"),
    (["train", "--cell", "lstm", "--task", "adding", "--lr", "abc"], "invalid float value: 'abc'"),
    (["train", "--cell", "lstm", "--task", "adding", "--param", "colour=red"], "colour"),
    (["train", "--cell", "lstm", "--task", "adding"], "required: --out"),
])
def test_bad_arguments_exit_2_with_one_line(args, says, tmp_path):
    if "--out" not in args and "required" not in says:
        args = [*args, "--out", str(tmp_path / "x.json")]
    result = rnnviz(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0]
    assert result.stdout == ""
