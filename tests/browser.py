"""Headless Debian Chromium for the browser tests (Playwright cannot download browsers here)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require(ok: bool, reason: str) -> None:
    """Skip when a browser prerequisite is missing, or fail where CI demands the checks (KAYTTO_REQUIRE_BROWSER=1)."""
    if ok:
        return
    if os.environ.get("KAYTTO_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def launch_chromium() -> Iterator[object]:
    """A headless Chromium for one module's tests."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium chromium-driver")
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
