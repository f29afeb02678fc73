"""One guard for a page's computations: an error there is a message, never a traceback.

The pages run computations on the script thread (traces, the gradient probe, attribution, saturation, an
uploaded model's states) and a large model or a bug can make one fail: a MemoryError, PyTorch's "can't
allocate memory", anything. Inside `guarded(what)` such an error is logged with its traceback and the
learner reads, in their language, which part (`what`) could not be drawn and why; the block stops there and
the page goes on below it. Nothing is changed: the computations read copies of the session's model
(rnnviz.ui.session_cache), so the trained model stays as it was.

    with guarded("inside.saturation"):        # a block
        ...
    @guarded("inside.animation")              # or a whole section (a fragment's function too)
    def animation(...): ...

Streamlit's own st.stop and st.rerun pass through: they are no Exception.
"""
from __future__ import annotations

import contextlib
import logging
from typing import Callable

import streamlit as st

from rnnviz.live.worker import failure_kind
from rnnviz.ui.session import tr

log = logging.getLogger(__name__)


@contextlib.contextmanager
def guarded(what: str, explain: Callable[[Exception], str | None] = lambda error: None):
    """Show an error inside as a message naming `what` (a key "page_errors.what.<what>"); `explain(error)`
    may give a page's own words for an error it expects (None: the general message)."""
    try:
        yield
    except Exception as error:
        own = explain(error)
        if own is None:
            log.error("page computation failed: %s", what, exc_info=True)
        else:
            log.warning("page computation refused: %s: %s", what, error)
        st.error(own or message(what, error), icon=":material/error:")


def message(what: str, error: BaseException) -> str:
    """What the learner reads: which part could not be drawn, why in their words, and that nothing is lost."""
    return " ".join((tr("page_errors.failed", what=tr(f"page_errors.what.{what}")),
                     tr(f"page_errors.{failure_kind(error)}"), tr("page_errors.kept")))
