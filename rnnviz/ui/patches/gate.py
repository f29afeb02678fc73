"""The version gate: a patch of Streamlit internals runs only on the Streamlit it was written for.

Each patch module names the versions it was checked against (WRITTEN_FOR, a version prefix such as
"1.67.") and its canary test (CANARY). On any other Streamlit the patch is left out and the deployer's log
says which one and where its canary is: run that canary on the new version, then either drop the patch
(the canary fails: Streamlit fixed it) or check the patch again and widen WRITTEN_FOR.
"""
from __future__ import annotations

import logging
import sys

import streamlit

logger = logging.getLogger(__name__)
_warned: set[str] = set()            # a patch's warning is logged once per process, not at every run


def fits(name: str) -> bool:
    """Whether the patch module `name` (one with WRITTEN_FOR and CANARY) was written for the running Streamlit."""
    patch = sys.modules[name]
    version = streamlit.__version__  # read at each call, so a test can pretend another version
    if version.startswith(patch.WRITTEN_FOR):
        return True
    if name not in _warned:
        _warned.add(name)
        logger.warning("%s not applied: written for Streamlit %sx, this is %s; run its canary %s to see "
                       "whether it is still needed", name, patch.WRITTEN_FOR, version, patch.CANARY)
    return False
