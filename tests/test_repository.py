"""The repository's promises to a newcomer: two set-up commands, and CI runs the same test command."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", section)


def test_readme_has_exactly_two_setup_commands():
    run_app, run_tests = setup_commands()
    assert "pip install -r requirements.txt" in run_app and "streamlit run app.py" in run_app
    assert "pytest" in run_tests


def test_ci_runs_the_readme_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert setup_commands()[1] in ci_lines


def test_torch_is_pinned_to_the_cpu_wheel_version():
    assert "torch==2.13.0" in (ROOT / "requirements.txt").read_text().splitlines()


def test_the_library_never_imports_streamlit():
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "rnnviz").rglob("*.py")
                 if "ui" not in path.relative_to(ROOT / "rnnviz").parts
                 and re.search(r"^\s*(import|from) streamlit", path.read_text(), re.MULTILINE)]
    assert offenders == []


def test_the_training_threads_load_without_streamlit():
    """rnnviz/live/ runs the sessions' training on threads: it must not reach streamlit, even through
    another module (the check above sees only its own import lines). In a fresh process: this test
    session has long since imported streamlit."""
    import subprocess
    import sys

    code = ("import sys, rnnviz.live.worker, rnnviz.live.runners, rnnviz.live.pace, rnnviz.live.status; "
            "print('streamlit' in sys.modules)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert loaded.stdout.strip() == "False"


def test_test_modules_have_unique_names():
    # tests/ has no __init__.py, so pytest imports each module by its basename: a second one stops collection
    names = [path.name for path in (ROOT / "tests").rglob("test_*.py")]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []
