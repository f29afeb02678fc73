"""Shared test setup.

One intra-op thread: the models here are small, and on a shared 2-core machine PyTorch's spinning
worker threads make small ops up to 100x slower under contention (measured: 100 ms vs 1 ms per step).

torch is imported here, so the dashboard's background import (rnnviz/ui/warm_up.py) is done at once;
waiting for it keeps AppTest on the real Train page, not the stand-in a fresh server shows while torch
loads (tests/test_warm_up.py covers that one).

One Chromium for the whole run (`browser`), for tests/browser/ and any other test that drives a page:
Playwright's sync API runs one event loop per thread, so a test that started its own while the shared
one was open failed ("using Playwright Sync API inside the asyncio loop").
"""
import pytest
import torch

from rnnviz.ui import warm_up
from testkit.chromium import chromium_or_skip, launch_chromium

torch.set_num_threads(1)
warm_up.wait()


@pytest.fixture(scope="session")
def browser():
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
