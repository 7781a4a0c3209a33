"""Headless Chromium: open an HTML page, take a screenshot, collect its console messages.

Used by the report's browser test and by `python -m bench.docs_report_screenshot`.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: chromium's log lines for page console messages: `[pid:tid:time:INFO:CONSOLE:1] "msg", source: …`
#: (every console.* call and every uncaught exception; the report has no script, so any is a fault).
_CONSOLE_LINE = re.compile(r"^\[[^\]]*:CONSOLE[(:\]]|Uncaught ")


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass
class BrowserRun:
    png: Path
    returncode: int
    console: list[str]  # console messages and uncaught errors the page produced
    stderr: str


def browser_screenshot(page: str | Path, png: str | Path, width: int = 1280, height: int = 2000,
                       timeout: float = 90.0) -> BrowserRun:
    """Open `page` in headless Chromium, save a screenshot of the first width×height
    pixels, and return the console messages the page produced (read from Chromium's
    log on stderr: `--enable-logging=stderr --v=0` logs each one as a `CONSOLE` line)."""
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("chromium is not installed")
    png = Path(png).resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    if png.exists():
        png.unlink()
    with tempfile.TemporaryDirectory(prefix="cchc-chromium-") as profile:
        cmd = [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
               f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
               f"--window-size={width},{height}", f"--screenshot={png}", Path(page).resolve().as_uri()]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the browser and the helpers it started
            proc.communicate()
            raise
    text = err.decode("utf-8", "replace")
    console = [line for line in text.splitlines() if _CONSOLE_LINE.search(line)]
    return BrowserRun(png, proc.returncode, console, text)
