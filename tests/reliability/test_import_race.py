"""Issue 24's race on a fresh server: one session's thread imported pandas for the first time while
another drew a chart, and Plotly, which looks pandas up in sys.modules without importing it, found it
half-initialized ("partially initialized module 'pandas' has no attribute 'Series'" on Inside,
Gradients and Train). What the pages' threads import lazily is imported once, by the warm-up, before
any page that waits for torch runs."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FRESH_SERVER = """
import json, sys
from rnnviz.ui import warm_up
before = "pandas" in sys.modules
warm_up.wait()                       # what app.py does before every page but the torch-free ones
pandas = sys.modules.get("pandas")
print(json.dumps({"before": before, "needed": list(warm_up.THREADS_NEED),
                  "complete": pandas is not None and hasattr(pandas, "Series") and hasattr(pandas, "DataFrame")}))
"""


def test_pandas_is_imported_whole_before_any_page_that_waits_for_torch_runs():
    run = subprocess.run([sys.executable, "-c", FRESH_SERVER], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert not seen["before"], "importing the warm-up module alone should not load pandas"
    assert "pandas" in seen["needed"]
    assert seen["complete"], "pandas was not imported by the warm-up"


def test_the_torch_free_pages_draw_no_plotly_chart():
    """The welcome page and the glossary run while the warm-up may be importing pandas: a Plotly figure
    there would look pandas up half-initialized."""
    app = (ROOT / "app.py").read_text()
    assert "if page in (welcome, glossary):" in app
    for view in ("welcome.py", "glossary.py"):
        source = (ROOT / "views" / view).read_text()
        assert "plotly" not in source and "chart(" not in source, view
