"""Breaking a page's computation under AppTest, and what the learner must then see: the errors a computation
may raise (no memory, the allocator's refusal, a bug), and the check that the page said so in their language
while the session kept its model (rnnviz/ui/page_errors.py)."""
import torch

from rnnviz.i18n import t

ALLOCATOR = "DefaultCPUAllocator: can't allocate memory: you tried to allocate 32002932736 bytes"
# (error, the learner's language, which message it gets)
ERRORS = [(MemoryError(), "es", "memory"), (RuntimeError(ALLOCATOR), "en", "memory"),
          (RuntimeError("an unforeseen bug"), "es", "unexpected")]
IDS = ["memory-es", "allocator-en", "bug-es"]


def raising(error):
    """A stand-in for a computation: it raises `error`."""
    def fail(*args, **kwargs):
        raise error
    return fail


def said_and_kept(at, worker, weights, lang: str, what: str, kind: str, steps: int = 3) -> None:
    """The message in `lang` for `what` failing (`kind`: memory or unexpected), no exception, the session's
    worker the same, its weights and its `steps` unchanged."""
    assert not at.exception, at.exception
    said = [error.value for error in at.error]
    expected = t("page_errors.failed", lang, what=t(f"page_errors.what.{what}", lang))
    assert any(expected in text and t(f"page_errors.{kind}", lang) in text for text in said), said
    assert at.session_state["worker"] is worker
    after = worker.experiment.model.state_dict()
    assert all(torch.equal(weights[k], after[k]) for k in weights), "the trained weights changed"
    assert worker.experiment.trainer.step_count == steps
