"""`cchc serve`: ingest an inbox folder on a schedule, as a served Prefect deployment.

Prefect's ephemeral API never runs schedules, so serving needs a Prefect server: the one
`PREFECT_API_URL` names (a team's shared server), or else a local one this command starts
on 127.0.0.1 with its state (SQLite) under `state_dir`, and stops when the command stops
(Ctrl-C or SIGTERM). Each scheduled run is the flow `ingest-plans` on the inbox: new or
changed PDFs are loaded, known bytes skipped, every run recorded in the `runs` table with
trigger "schedule".
"""
from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> dt.timedelta:
    """'90s', '15m', '1h', '1d', '1h30m' → a timedelta (at least one second)."""
    parts = re.findall(r"(\d+)\s*([smhd])", text.strip().lower())
    if not parts or re.sub(r"\d+\s*[smhd]", "", text.strip().lower()).strip():
        raise ValueError(f"not an interval: {text!r} (examples: 90s, 15m, 1h, 1d)")
    seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    if seconds < 1:
        raise ValueError(f"interval must be at least 1 second: {text!r}")
    return dt.timedelta(seconds=seconds)


def parse_cron(text: str) -> str:
    """A cron schedule as Prefect reads it ('0 2 * * *'), checked; ValueError in one line
    otherwise (before any server starts)."""
    from pydantic import ValidationError

    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=text)
    except ValidationError:
        raise ValueError(f"not a cron schedule: {text!r} (five fields: minute hour day month weekday, "
                         "e.g. '0 2 * * *' for 02:00 every day)") from None
    return text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class ServerError(RuntimeError):
    """The local Prefect server did not start."""


@contextmanager
def prefect_server(state_dir: Path, port: int | None = None, timeout: float = 180.0) -> Iterator[str]:
    """The Prefect API to serve on: `PREFECT_API_URL` when set, else a local server on
    127.0.0.1 (state in `state_dir`) started here and stopped on exit. Yields the API URL
    and sets `PREFECT_API_URL` for this process and the flow runs it starts."""
    if os.environ.get("PREFECT_API_URL"):
        yield os.environ["PREFECT_API_URL"]
        return
    state_dir = Path(state_dir).resolve()
    state_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = dict(os.environ, PREFECT_HOME=str(state_dir), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               DO_NOT_TRACK="1", PREFECT_LOGGING_LEVEL="WARNING", PREFECT_UI_ENABLED="false")
    log = (state_dir / "server.log").open("ab")
    # its own session: Ctrl-C in the terminal reaches this command only, which pauses the
    # schedule through the still-running server and then stops the server itself
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(api_url):
            if server.poll() is not None:
                raise ServerError(f"Prefect server exited with code {server.returncode}; see {state_dir / 'server.log'}")
            if time.monotonic() > deadline:
                raise ServerError(f"Prefect server not healthy after {timeout:.0f} s; see {state_dir / 'server.log'}")
            time.sleep(0.5)
        os.environ["PREFECT_API_URL"] = api_url
        os.environ["PREFECT_HOME"] = str(state_dir)
        yield api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None) if os.environ.get("PREFECT_API_URL") == api_url else None
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def serve_inbox(inbox: Path, db: Path, interval: dt.timedelta | None = None, cron: str | None = None,
                workers: int = 2, name: str = "inbox", run_now: bool = True) -> None:
    """Serve the deployment `ingest-plans/<name>` until Ctrl-C or SIGTERM (blocks). Must
    run with `PREFECT_API_URL` set (see `prefect_server`); one run at a time (DuckDB has
    one writer). What `Flow.serve` does, with SIGTERM handled like Ctrl-C so the caller's
    clean-up (stopping the local server) runs. With `run_now`, a first run is started at
    once; each run writes one line to standard error (`pipeline.flows.run_line`)."""
    import asyncio

    from prefect.runner import Runner

    from pipeline.flows import ingest_plans

    class _Runner(Runner):
        def handle_sigterm(self, *args, **kwargs) -> None:
            # Prefect's own calls sys.exit mid-loop (the caller's clean-up, stopping the
            # local server, would not run); raising KeyboardInterrupt instead left a run in
            # flight, and the observers it had started, talking to a server already gone
            # (a stop of a minute or more). Stop as Prefect does, from the loop: the runs
            # in flight cancelled while the server still answers, then `start` returns.
            loop = asyncio.get_running_loop()
            loop.call_soon_threadsafe(lambda: loop.create_task(self.astop()))

    runner = _Runner(name=name, pause_on_shutdown=True, limit=1)
    deployment = runner.add_flow(ingest_plans, name=name, interval=interval, cron=cron,
                                 parameters={"paths": [str(Path(inbox).resolve())], "db": str(Path(db).resolve()),
                                             "workers": workers, "trigger": "schedule"})
    if run_now:  # the first run now, not one interval (or the next cron time) away
        from prefect.deployments import run_deployment

        run_deployment(deployment, timeout=0, as_subflow=False)
    try:
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        pass
