"""Printing an HTML page to PDF with headless Chromium (its Skia PDF backend places the glyphs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def browser() -> str | None:
    """The headless browser on this machine, if any."""
    return next((found for b in BROWSERS if (found := shutil.which(b))), None)


def required_browser() -> str:
    """The headless browser, for a test that needs one: without it the test fails under CI
    (``.ci/run`` installs it) and is skipped elsewhere."""
    import pytest

    exe = browser()
    if exe is None:
        message = "headless Chromium is not installed (.ci/run installs the Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return exe


def print_to_pdf(html: Path, out: Path, exe: str, timeout: float = 120.0) -> None:
    """Print ``html`` to ``out`` (a fresh browser profile each time, so nothing is shared)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="htmlset-profile-") as profile:
        subprocess.run(
            [exe, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={out}", html.resolve().as_uri()],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
    if not out.exists() or out.stat().st_size == 0:
        raise RuntimeError(f"{exe} printed nothing for {html}")
