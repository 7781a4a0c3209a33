"""Prefect settings for running offline and quietly on one machine.

Must run before `import prefect`. Values already in the environment win, so a team
pointing `PREFECT_API_URL` at a shared server keeps it. Facts behind the defaults
(../shared/STACK.md): the ephemeral API server takes 12–40 s to start on a busy 2-core
machine (the default 20 s start-up timeout fails); without the analytics switches the
server tries a DNS lookup for telemetry.
"""
from __future__ import annotations

import os
from pathlib import Path

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE": "true",
}


def configure(home: Path | None = None) -> None:
    os.environ.setdefault("PREFECT_HOME", str((home or Path.cwd() / ".prefect").resolve()))
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
