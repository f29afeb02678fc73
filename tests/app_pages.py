"""Opening a page of the app under AppTest with an experiment already set in the sidebar."""
from rnnviz.config import ExperimentConfig


def sidebar_values(config: ExperimentConfig) -> dict:
    """The sidebar's store (st.session_state["experiment"]) holding `config`'s knobs."""
    values = config.to_dict()
    values["params"] = {config.task: values.pop("task_params")}
    values.update(custom_init=False, spectral_radius=1.0, forget_bias=1.0)
    return values


def open_with(at, page: str, config: ExperimentConfig, lang: str = "en"):
    """Run the app with the sidebar holding `config` (as a learner who set it first), then open `page`."""
    at.session_state["experiment"] = sidebar_values(config)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.session_state["config"] == config
    return at
