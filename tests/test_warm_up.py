"""A fresh server's first screen while torch loads (rnnviz/ui/warm_up.py): drawn without torch, and its
buttons do what they say once torch is in."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from rnnviz.ui import warm_up
from rnnviz.live.status import FINISHED, PAUSED, READY, RUNNING
from testkit.waiting import wait_for

ROOT = Path(__file__).resolve().parents[1]

# a fresh interpreter, as a fresh server: the first run of app.py, on its default page (the welcome page) or
# on the page given
FIRST_SCREEN = """
import json, sys
from streamlit.testing.v1 import AppTest
from rnnviz.ui import warm_up
at = AppTest.from_file("app.py", default_timeout=60)
if len(sys.argv) > 2:
    at.switch_page(sys.argv[2])
at.session_state["lang"] = sys.argv[1]
at.run()
progress = at.get("progress")
print(json.dumps({"exception": [e.value for e in at.exception], "torch": "torch" in sys.modules,
                  "import_started": warm_up._thread is not None, "emojis": "streamlit.emojis" in sys.modules,
                  "buttons": [b.label for b in at.button], "progress": progress[0].proto.text if progress else None,
                  "title": [t.value for t in at.title]}))
"""


def first_screen(*args) -> dict:
    run = subprocess.run([sys.executable, "-c", FIRST_SCREEN, *args], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["exception"] == []
    assert not seen["torch"], "the sidebar or the page imported torch"
    assert not seen["import_started"], "the import would compete with the browser drawing the first screen"
    # Streamlit compiles its emoji catalogue (0.15 s) for an emoji page icon, or a segmented control or an
    # alert with non-ASCII text
    assert not seen["emojis"], "the first screen made Streamlit load its emoji catalogue"
    return seen


@pytest.mark.parametrize("lang, buttons, progress", [
    ("en", {"Start", "Pause", "One step", "Reset"}, "Step 0 of 1000 · Loading PyTorch…"),
    ("es", {"Empezar", "Pausa", "Un paso", "Reiniciar"}, "Paso 0 de 1000 · Cargando PyTorch…")])
def test_the_train_pages_first_screen_imports_no_torch_and_leaves_its_import_for_later(lang, buttons, progress):
    seen = first_screen(lang, "views/train.py")
    assert buttons <= set(seen["buttons"])
    assert seen["progress"] == progress


@pytest.mark.parametrize("lang, title", [("en", "See inside recurrent networks"),
                                         ("es", "Mira dentro de las redes recurrentes")])
def test_the_welcome_page_is_the_first_screen_and_imports_no_torch(lang, title):
    assert first_screen(lang)["title"] == [title]


def poll_once():
    """An app that runs the stand-in's poll once per run."""
    from rnnviz.ui import warm_up
    warm_up._poll()


def test_the_stand_ins_second_poll_starts_the_import(monkeypatch):
    started = []
    monkeypatch.setattr(warm_up, "ready", lambda: False)
    monkeypatch.setattr(warm_up, "start", lambda: started.append(True))
    at = AppTest.from_function(poll_once)
    at.run()
    assert started == [] and not at.exception                 # the first poll: the first screen still draws
    at.run()
    assert started == [True]


@pytest.fixture
def loading(monkeypatch):
    """app.py as a fresh server runs it: torch not in yet."""
    monkeypatch.setattr(warm_up, "ready", lambda: False)
    at = AppTest.from_file("../app.py", default_timeout=60).switch_page("views/train.py")
    at.session_state["lang"] = "en"
    yield at
    if "worker" in at.session_state:
        at.session_state["worker"].stop()


def train_buttons(at) -> list[tuple]:
    return [(b.key, b.label, b.proto.icon, b.proto.type, b.help, b.disabled) for b in at.button
            if b.key and b.key.startswith("train.")]


def test_the_stand_in_looks_like_the_train_page_and_waits(loading, monkeypatch):
    loading.run()
    assert not loading.exception
    assert loading.title[0].value == "Train live"
    assert [(key, disabled) for key, *_, disabled in train_buttons(loading)] == \
        [("train.start", False), ("train.pause", True), ("train.step", False), ("train.reset", False)]
    assert "worker" not in loading.session_state               # nothing built before torch is in
    stand_in = train_buttons(loading)
    monkeypatch.setattr(warm_up, "ready", lambda: True)
    loading.run()                                              # the real page, its worker ready to start
    assert train_buttons(loading) == stand_in


@pytest.mark.parametrize("button", ["train.start", "train.step"])
def test_start_pressed_while_torch_loads_says_so_at_once(loading, monkeypatch, button):
    loading.run()
    started = []
    monkeypatch.setattr(warm_up, "start", lambda: started.append(True))
    loading.button(key=button).click().run()                   # torch still loading: no wait in the click
    assert not loading.exception and started                   # the import starts now, not at a later poll
    assert "starts as soon as it is in" in loading.get("progress")[0].proto.text
    assert loading.button(key="train.start").disabled and "worker" not in loading.session_state


@pytest.mark.parametrize("button, statuses, step", [("train.start", (RUNNING, FINISHED), None),
                                                     ("train.step", (PAUSED,), 1), ("train.reset", (READY,), 0)])
def test_a_button_pressed_while_torch_loads_acts_once_it_is_in(loading, monkeypatch, button, statuses, step):
    loading.run()
    waited = []                                                # torch is in once a button's callback waited
    monkeypatch.setattr(warm_up, "wait", lambda real_wait=warm_up.wait: (real_wait(), waited.append(True)))
    monkeypatch.setattr(warm_up, "ready", lambda: bool(waited))
    loading.selectbox(key="cfg.cell").set_value("gru")        # a setting changed in the same rerun as the press
    loading.button(key=button).click().run()                   # Reset waits for torch; Start and One step wait
    if button != "train.reset":                                # on the stand-in, as its fragment polls
        warm_up.wait()
        loading.run()
    worker = loading.session_state["worker"]
    assert worker.experiment.config.cell == "gru" and worker.experiment.config == loading.session_state["config"]
    assert wait_for(lambda: (snap := worker.snapshot()).status in statuses and step in (None, snap.step))
    loading.run()                                              # as the stand-in's fragment does
    assert not loading.exception
    assert loading.session_state["worker"] is worker           # the real page takes the same worker
    assert "Loading PyTorch" not in loading.get("progress")[0].proto.text


def test_wait_raises_what_the_import_raised(monkeypatch):
    monkeypatch.setattr(warm_up, "_failure", ImportError("no module named torch"))
    with pytest.raises(ImportError, match="no module named torch"):
        warm_up.wait()
