"""Hostile and random recorded runs: a 1 kB model file that asks for 40 GB, or 2 MB that unpack to 2 GB, is
refused without the memory; any RUN.json content or model spec either loads or is refused in one line."""
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from rnnviz.config import ExperimentConfig
from rnnviz.experiment import Experiment
from rnnviz.models import SequenceModel, load_model
from rnnviz.runs import Run
from rnnviz.uploads import MAX_UPLOAD_BYTES

ROOT = Path(__file__).resolve().parents[2]
# One server process serves every session of a class. Peak RSS must stay far below what the file asks for
# (~40 GB) and far above what torch itself takes (~300-500 MB), so a loaded machine cannot flip the result.
PEAK_RSS_LIMIT_MB = 1500

HOSTILE_LOAD = textwrap.dedent("""
    import io, resource, sys, zipfile
    import torch
    # a safety net for the machine should the checks regress: an allocation beyond this fails at once
    resource.setrlimit(resource.RLIMIT_AS, (8 * 2**30, 8 * 2**30))
    from rnnviz.models import SequenceModel, load_model

    model = SequenceModel("lstm", 1, 1)
    buffer = io.BytesIO()
    if sys.argv[1] == "spec":          # 4 x 50 000^2 floats: 40 GB asked for by ~1 kB
        torch.save({"spec": {**model.spec, "hidden_size": 50_000}, "state_dict": {}, "config": None}, buffer)
    else:                              # a real model file whose first tensor is 2 GiB of zeros, deflated to 2 MB
        torch.save({"spec": model.spec, "state_dict": model.state_dict(), "config": None}, buffer)
        bomb = io.BytesIO()
        with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
            for entry in source.infolist():
                if entry.filename != "archive/data/0":
                    archive.writestr(entry.filename, source.read(entry.filename))
                    continue
                with archive.open(entry.filename, "w", force_zip64=True) as zeros:   # torch.load unpacks
                    for _ in range(128):                                            # it all, then checks
                        zeros.write(bytes(2**24))
        buffer = bomb
    size = len(buffer.getvalue())
    buffer.seek(0)
    try:
        load_model(buffer)
    except ValueError as error:
        outcome = "refused: " + str(error)
    except BaseException as error:
        outcome = f"{type(error).__name__}: {str(error)[:200]}"
    else:
        outcome = "loaded"
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024      # KiB on Linux
    print(size, round(peak_mb), outcome.replace(chr(10), " "))
""")


@pytest.mark.parametrize("hostile, largest_file, refusal", [
    ("spec", 2048, "hidden_size=50000 is invalid: allowed is int in [1, 512]"),
    ("deflated", MAX_UPLOAD_BYTES, "the model file unpacks to 2048 MB; a model here is at most 256 MB"),
])
def test_a_hostile_model_file_is_refused_without_allocating_what_it_asks(hostile, largest_file, refusal):
    done = subprocess.run([sys.executable, "-c", HOSTILE_LOAD, hostile], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    size, peak_mb, outcome = done.stdout.strip().splitlines()[-1].split(" ", 2)
    assert int(size) < largest_file, "the file should be small enough to upload"
    assert outcome == f"refused: {refusal}", outcome
    assert int(peak_mb) < PEAK_RSS_LIMIT_MB, f"peak RSS {peak_mb} MB"


def run_document() -> dict:
    config = ExperimentConfig.for_task("sum-sign", hidden_size=3, steps=4, eval_every=2)
    experiment = Experiment.build(config)
    for _ in experiment.trainer.run(config.steps):
        pass
    return experiment.to_run().to_json()


GOOD = run_document()
json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                        max_size=3), max_leaves=8)


@st.composite
def run_documents(draw):
    """A real run's RUN.json with a few of its values (top level, config, a history row, final) replaced
    by random JSON values, or keys removed."""
    document = json.loads(json.dumps(GOOD))
    places = [document, document["config"], document["final"], *document["history"]]
    for _ in range(draw(st.integers(1, 3))):
        place = draw(st.sampled_from(places))
        key = draw(st.sampled_from(sorted(place) + ["extra"]))
        if draw(st.booleans()) and key in place:
            del place[key]
        else:
            place[key] = draw(json_values)
    return document


def loads_or_is_refused_in_one_line(load, *args):
    try:
        return load(*args)
    except ValueError as error:
        assert str(error) and "\n" not in str(error), repr(error)
        return None


@settings(max_examples=300, deadline=None)
@given(document=run_documents())
def test_any_run_document_loads_whole_or_is_refused_in_one_line(document):
    run = loads_or_is_refused_in_one_line(Run.from_json, document)
    if run is not None:          # what the pages read is there, as numbers
        for record in run.history:
            float(record["train_loss"]) + float(record["grad_norm"])
        json.dumps(run.to_json())
        Experiment.from_run(run)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60) | st.binary(max_size=60).map(bytes))
def test_any_text_loads_as_a_run_or_is_refused_in_one_line(text):
    loads_or_is_refused_in_one_line(Run.from_json_text, text)


# sizes up to 600 cross every bound (hidden_size 512, 500 features, embedding_dim 256) while costing little
# memory should a regression build them; the hostile-file test above covers sizes that would cost GB
@settings(max_examples=200, deadline=None)
@given(changes=st.dictionaries(st.sampled_from(sorted(SequenceModel("gru", 2, 3).spec) + ["extra"]),
                               st.none() | st.booleans() | st.integers(-3, 600) | st.floats() | st.text(max_size=8),
                               max_size=3))
def test_any_model_spec_loads_or_is_refused_in_one_line(changes):
    model = SequenceModel("gru", 2, 3, hidden_size=4)
    buffer = io.BytesIO()
    torch.save({"spec": {**model.spec, **changes}, "state_dict": model.state_dict(), "config": None}, buffer)
    buffer.seek(0)
    loaded = loads_or_is_refused_in_one_line(load_model, buffer)
    if loaded is not None:
        model_loaded, _ = loaded
        model_loaded(torch.zeros(1, 3, 2) if not model_loaded.spec["tokens"] else torch.zeros(1, 3, dtype=torch.long))
