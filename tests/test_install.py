"""A built wheel is a working install: it declares what it needs, ships the data and demo runs the code
reads, and runs from anywhere, not only from a checkout of the repository."""
import email
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# what a build never reads: history, caches, earlier builds
NOT_SOURCES = shutil.ignore_patterns(".git", "__pycache__", ".pytest_cache", ".hypothesis", ".benchmarks",
                                     "build", "dist", "*.egg-info", "artifacts")

# run inside the fresh venv, from a folder outside the repository
LOAD_DEMO_RUNS = """
import json
from importlib import resources
from pathlib import Path

import rnnviz
from rnnviz.runs import Run, demo_runs

folder = Path(str(resources.files("rnnviz") / "data" / "runs"))
loaded = {path.stem: Run.load(path) for path in sorted(folder.glob("*.json"))}
print(json.dumps({"package": rnnviz.__file__, "runs": sorted(loaded), "dashboard_runs": sorted(demo_runs()),
                  "with_model": sorted(stem for stem, run in loaded.items() if run.model is not None)}))
"""


def pinned_requirements() -> list[str]:
    lines = (ROOT / "requirements.txt").read_text().splitlines()
    return sorted(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def run(command: list, cwd: Path | None = None) -> str:
    """Run a command without the repository on its path; its stdout, or a failure showing stderr."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"{command[:4]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_pyproject_declares_what_requirements_txt_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert sorted(project.get("dependencies", [])) == pinned_requirements()


@pytest.mark.slow
def test_the_wheel_installs_and_runs_outside_the_repository(tmp_path):
    # build from a copy: setuptools writes build/ and rnnviz.egg-info/ beside the sources it builds
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    # no build isolation, no index: the installed setuptools builds it (requirements-dev.txt pins one that
    # reads pyproject's license), and nothing is downloaded
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "--wheel-dir", tmp_path / "dist", source])
    wheel, = (tmp_path / "dist").glob("rnnviz-*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata_name, = (name for name in names if name.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(metadata_name))
    modules = {path.relative_to(ROOT).as_posix() for path in (ROOT / "rnnviz").rglob("*.py")}
    demo_runs = {path.relative_to(ROOT).as_posix() for path in (ROOT / "rnnviz" / "data" / "runs").iterdir()
                 if path.suffix in (".json", ".pt")}
    texts = {f"rnnviz/data/{name}" for name in ("sentiment.tsv", "zen_of_python.txt", "quijote.txt")}
    assert modules - names == set()                     # every subpackage, found rather than listed
    assert demo_runs and demo_runs - names == set()
    assert texts - names == set()
    assert sorted(metadata.get_all("Requires-Dist") or []) == pinned_requirements()
    assert metadata["License-Expression"] == "MIT"
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)

    # --system-site-packages: torch, streamlit... are installed already, never downloaded again;
    # --without-pip: the system's pip, run by the venv's python, installs into the venv
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", venv])
    python = venv / "bin" / "python"
    # pip resolves the wheel's requirements against what is installed; --no-index: it fails rather than
    # download one (a torch from the index would be the CUDA build)
    run([python, "-m", "pip", "install", "--no-index", wheel])
    site_packages, = venv.glob("lib/python*/site-packages")
    assert {path.name.split("-")[0] for path in site_packages.iterdir()} == {"rnnviz"}  # and nothing else

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    assert "adding" in run([python, "-m", "rnnviz", "tasks"], cwd=outside)
    loaded = json.loads(run([python, "-c", LOAD_DEMO_RUNS], cwd=outside))
    package = Path(loaded["package"])
    assert venv in package.parents and ROOT not in package.parents
    stems = sorted({Path(name).stem for name in demo_runs})
    assert loaded["runs"] == loaded["dashboard_runs"] == loaded["with_model"] == stems
