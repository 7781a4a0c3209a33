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


def save_small_png(shot: str | Path, out: Path) -> None:
    """The screenshot `shot` saved to `out` with 128 colours (a small file for docs/)."""
    from PIL import Image

    out.parent.mkdir(parents=True, exist_ok=True)
    image = Image.open(shot).convert("RGB")
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)


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


class CdpError(RuntimeError):
    """Chromium did not start, or a DevTools command failed."""


class Cdp:
    """Headless Chromium driven over the Chrome DevTools Protocol (a websocket; the
    `websockets` package, already installed): navigate, run script, type, press keys,
    take screenshots. Nothing to install beyond Debian's `chromium`.

        with Cdp() as browser:
            browser.navigate("http://127.0.0.1:8765/")
            browser.key("j")
            browser.evaluate("document.title")
    """

    KEYS = {"Enter": ("Enter", 13), "Escape": ("Escape", 27), "Tab": ("Tab", 9)}

    def __init__(self, width: int = 1280, height: int = 900, timeout: float = 60.0):
        self.width, self.height, self.timeout = width, height, timeout
        self.events: list[dict] = []
        self.errors: list[str] = []  # console errors, uncaught exceptions, CSP violations
        self._id = 0

    def __enter__(self) -> "Cdp":
        import json
        import time
        import urllib.request

        from websockets.sync.client import connect

        exe = chromium()
        if exe is None:
            raise FileNotFoundError("chromium is not installed")
        self._profile = tempfile.TemporaryDirectory(prefix="cchc-cdp-")
        profile = Path(self._profile.name)
        cmd = [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars",
               f"--user-data-dir={profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
               f"--window-size={self.width},{self.height}", "about:blank"]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        active = profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while not (active.is_file() and active.read_text().count("\n") >= 1):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.proc.stderr.read().decode("utf-8", "replace")[-1500:] if self.proc.poll() is not None else ""
                self.close()
                raise CdpError(f"chromium did not open its DevTools port: {err}")
            time.sleep(0.05)
        port = int(active.read_text().splitlines()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            targets = json.load(answer)
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=self.timeout)
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=self.width, height=self.height, deviceScaleFactor=1,
                  mobile=False)
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        ws = getattr(self, "ws", None)
        if ws is not None:
            try:
                ws.close()
            except Exception:  # noqa: BLE001
                pass
        proc = getattr(self, "proc", None)
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the browser and the helpers it started
            except ProcessLookupError:
                pass
            proc.wait(timeout=30)
        if proc is not None and proc.stderr:
            proc.stderr.close()
        profile = getattr(self, "_profile", None)
        if profile is not None:
            profile.cleanup()

    def _receive(self, timeout: float) -> dict:
        import json

        message = json.loads(self.ws.recv(timeout=timeout))
        if "method" in message:
            self.events.append(message)
            self._note(message)
        return message

    def _note(self, message: dict) -> None:
        method, params = message["method"], message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append(f"exception: {details.get('exception', {}).get('description') or details.get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            self.errors.append("console: " + " ".join(str(a.get("value", a.get("description", "")))
                                                      for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            self.errors.append(f"log: {params['entry'].get('text')}")

    def send(self, method: str, **params) -> dict:
        import json
        import time

        self._id += 1
        mine = self._id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while True:
            message = self._receive(max(0.1, deadline - time.monotonic()))
            if message.get("id") == mine:
                if "error" in message:
                    raise CdpError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})

    def wait_event(self, method: str, after: int = 0, timeout: float | None = None) -> dict:
        """The first event `method` received at position `after` or later in `events`."""
        import time

        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for event in self.events[after:]:
                if event["method"] == method:
                    return event
            left = deadline - time.monotonic()
            if left <= 0:
                raise CdpError(f"no {method} within {timeout or self.timeout:g} s")
            try:
                self._receive(left)
            except TimeoutError:
                continue

    def navigate(self, url: str) -> None:
        mark = len(self.events)
        self.send("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired", mark)

    def expect_load(self):
        """Context manager: wait for a page load caused inside the block (a form sent)."""
        from contextlib import contextmanager

        @contextmanager
        def waiting():
            mark = len(self.events)
            yield
            self.wait_event("Page.loadEventFired", mark)
        return waiting()

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise CdpError(f"{expression[:80]}: {result['exceptionDetails'].get('text')}")
        return result.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 20.0):
        """Evaluate `expression` until it is truthy; return its value."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CdpError(f"still false after {timeout:g} s: {expression[:120]}")
            time.sleep(0.1)

    def key(self, key: str, ctrl: bool = False) -> None:
        """Press and release one key as a person would (a letter, or Enter / Escape / Tab)."""
        modifiers = 2 if ctrl else 0
        if key in self.KEYS:
            name, code = self.KEYS[key]
            down = {"type": "rawKeyDown", "key": name, "code": name, "windowsVirtualKeyCode": code,
                    "nativeVirtualKeyCode": code}
        else:
            code = ord(key.upper())
            down = {"type": "keyDown", "key": key, "code": f"Key{key.upper()}", "windowsVirtualKeyCode": code,
                    "nativeVirtualKeyCode": code}
            if not ctrl:
                down["text"] = key
        self.send("Input.dispatchKeyEvent", modifiers=modifiers, **down)
        self.send("Input.dispatchKeyEvent", modifiers=modifiers, **{**down, "type": "keyUp", "text": ""})

    def type_text(self, text: str) -> None:
        """Type text into the focused field (replacing its selection), as an input method would."""
        self.send("Input.insertText", text=text)

    def screenshot(self, png: str | Path, full_page: bool = False) -> Path:
        import base64

        params = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": self.width,
                                                            "height": min(size["height"], 6000), "scale": 1})
        data = self.send("Page.captureScreenshot", **params)["data"]
        png = Path(png)
        png.parent.mkdir(parents=True, exist_ok=True)
        png.write_bytes(base64.b64decode(data))
        return png


def review_server(db: str | Path, *args: str, timeout: float = 60.0):
    """Context manager: `cchc review --db DB --port 0 ARGS` in a subprocess; yields its
    address (``http://127.0.0.1:PORT/``), stops it (SIGTERM, then SIGKILL) on exit."""
    import sys
    import threading
    from contextlib import contextmanager

    @contextmanager
    def running():
        cmd = [sys.executable, "-m", "pipeline.cli", "review", "--db", str(db), "--port", "0", *args]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        found: list[str] = []
        lines: list[str] = []

        def read() -> None:
            for line in proc.stderr:
                lines.append(line)
                match = re.search(r"cchc review: (http://\S+)", line)
                if match and not found:
                    found.append(match.group(1))

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            import time

            deadline = time.monotonic() + timeout
            while not found:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("cchc review did not start: " + "".join(lines)[-2000:])
                time.sleep(0.05)
            yield found[0]
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
            reader.join(timeout=5)
    return running()
