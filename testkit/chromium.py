"""Debian's headless Chromium (/usr/bin/chromium) through Playwright: no browser is ever downloaded.

Without it a browser test is skipped, saying why, except under CI=true, where that is a failure.
"""
from __future__ import annotations

import os

CHROMIUM = "/usr/bin/chromium"
# flags for a sandboxed, offline machine: no background connections that this network would refuse
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch_chromium(playwright):
    """Debian's headless Chromium with the flags above."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def chromium_or_skip() -> None:
    """In a test: skip it when Chromium is missing, saying why; under CI=true, fail it instead."""
    import pytest                                    # here: the benchmarks run without pytest's machinery

    if not os.path.exists(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM} (install it: apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; under CI=true the browser tests must run")
        pytest.skip(reason)
