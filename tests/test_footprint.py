"""What the Train page's path must not load: each of these costs the server tens of MB (bench/memory.py).

torch._dynamo (~70 MB) comes with torch.optim's step, so rnnviz trains with rnnviz.optim; pandas with
pyarrow (~60 MB) is imported only where a table is made or read. Checked in a fresh process, since this
test session has long since imported both.
"""
import subprocess
import sys

TRAIN_PATH = """
import sys
import rnnviz.ui.session, rnnviz.ui.sidebar, rnnviz.ui.url, rnnviz.ui.runs, rnnviz.ui.task_results, rnnviz.ui.export
from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.figures.training import loss_figure
experiment = Experiment.build(ExperimentConfig(optimizer="adam"))
for _ in range(30):
    experiment.trainer.step()
loss_figure(experiment.trainer.history, experiment.data.baseline_loss, max_points=10).to_json()
print(" ".join(name for name in ("torch._dynamo", "pandas", "pyarrow") if name in sys.modules))
"""


def test_training_and_its_chart_load_neither_dynamo_nor_pandas():
    out = subprocess.run([sys.executable, "-c", TRAIN_PATH], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "", f"loaded: {out.strip()}"
