"""The train losses a solo run of a config gives: what a session on the same URL parameters must show,
whatever else the server runs."""
from __future__ import annotations


def solo_losses(params: dict[str, str]) -> list[float]:
    """The train losses of a solo run, in this process, of the config the URL parameters `params` describe."""
    from rnnviz.config import from_query_params
    from rnnviz.experiment import Experiment

    config, notices = from_query_params(params)
    if notices:
        raise ValueError(f"the URL parameters were not all taken: {notices}")
    trainer = Experiment.build(config).trainer
    return [record["train_loss"] for record in trainer.run(config.steps)]
