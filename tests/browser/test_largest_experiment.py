"""The largest experiment the session budget allows (rnnviz/cost.py), set through a link: it is accepted, it
trains a step, and every page computes over it without a traceback (issue 23). And one just over the budget,
through a link, is refused with the advice, in the learner's language."""
from __future__ import annotations

from urllib.parse import urlencode

from rnnviz import cost
from rnnviz.config import ExperimentConfig, to_query_params
from testkit.app_page import IDLE, POINTS, PROGRESS_TEXT, open_app, screenshot

PAGES = ["train", "inside", "gradients", "compare", "scratch", "data", "lesson", "glossary", ""]
EXCEPTION = '[data-testid="stException"]'


def largest_allowed() -> ExperimentConfig:
    """Every size knob at its top (an LSTM of 3 layers, both directions, batch 1024, the adding problem's
    1000 steps), then the largest hidden size that fits, or, if none does, the longest sequence at one unit."""
    knobs = dict(task="adding", cell="lstm", layers=3, bidirectional=True, batch_size=1024, hidden_size=512,
                 task_params={"seq_len": 1000}, steps=5)
    with cost.deferred():
        config = ExperimentConfig(**knobs)
    if cost.fits(config):
        return config
    budget = cost.budget_bytes()
    by_knob = {way.knob: way.to for way in cost.lowerings(config, budget)}
    if "hidden_size" in by_knob:
        return ExperimentConfig(**{**knobs, "hidden_size": by_knob["hidden_size"]})
    with cost.deferred():
        one_unit = ExperimentConfig(**{**knobs, "hidden_size": 1})
    seq_len = {way.knob: way.to for way in cost.lowerings(one_unit, budget)}["seq_len"]
    return ExperimentConfig(**{**knobs, "hidden_size": 1, "task_params": {"seq_len": seq_len}})


def link(config: ExperimentConfig, page: str, lang: str = "en") -> str:
    return f"{page}?{urlencode({**to_query_params(config), 'lang': lang})}"


def test_the_largest_allowed_experiment_trains_and_every_page_computes_without_a_traceback(page, server):
    config = largest_allowed()
    assert cost.experiment_cost(config).peak > 0.8 * cost.budget_bytes()          # at the budget's edge
    open_app(page, server.url, link(config, "train"))
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_role("spinbutton", name="Hidden size").input_value() == str(config.hidden_size)
    assert page.locator('[data-testid="stAlert"]', has_text="memory").count() == 0    # accepted, no notice
    # the page reruns itself once to draw its empty loss chart: a press before that could be lost
    page.wait_for_function(f"({POINTS})() >= 0", timeout=120_000)
    page.get_by_role("button", name="One step").click()
    page.wait_for_function(f"() => ({PROGRESS_TEXT})().includes('Step 1 of')", timeout=300_000)
    page.wait_for_selector(IDLE, timeout=300_000)
    for path in PAGES:
        page.goto(f"{server.url}/{link(config, path)}")
        page.wait_for_selector(IDLE, timeout=300_000)
        assert page.locator(EXCEPTION).count() == 0, path
        screenshot(page, f"largest_{path or 'home'}")
    assert "Traceback" not in server.output()


def test_a_link_over_the_budget_is_refused_saying_what_to_lower(page, server):
    config = largest_allowed()
    with cost.deferred():
        over = config.replace(hidden_size=config.hidden_size + 1) if config.hidden_size < 512 else \
            config.replace(task_params={"seq_len": config.seq_len + 1})
    assert not cost.fits(over)
    open_app(page, server.url, link(over, "train", lang="es"))
    notice = page.locator('[data-testid="stAlert"]', has_text="memoria")
    assert notice.count() == 1 and "como máximo" in notice.inner_text()
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, "largest_over_budget")
