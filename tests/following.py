"""What a page that follows training is checked against: the weights the worker had after each step."""
import copy


def kept_weights(worker, keep: int = 3000) -> dict:
    """{step: the recurrent module's weights after that step}, filled by the worker's thread from now on
    (the last `keep` steps): what each drawing is checked against."""
    kept = {}

    def keep_step(trainer):
        kept[trainer.step_count] = copy.deepcopy(trainer.model.rnn.state_dict())
        kept.pop(trainer.step_count - keep, None)

    worker.experiment.trainer.add_callback("on_step_end", keep_step)
    return kept
