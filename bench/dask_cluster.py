"""A Dask cluster on 127.0.0.1 (one scheduler, one worker) for the scale benchmark and its
test, started once and kept for many flow runs, as a team would keep one running."""
from __future__ import annotations

import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


@contextmanager
def local_dask_cluster(threads: int = 2, timeout: float = 60.0, log: Path | None = None) -> Iterator[str]:
    """Start `dask scheduler` and `dask worker` (this interpreter's environment, so the
    worker imports this project) on a free port; yield the address; stop both."""
    from distributed import Client

    from pipeline.serve import free_port

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = Path(sys.executable).parent / "dask"
    out = open(log, "ab") if log else subprocess.DEVNULL
    procs = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=out, stderr=subprocess.STDOUT)]
    procs.append(subprocess.Popen([dask, "worker", address, "--nthreads", str(threads), "--no-dashboard"],
                                  stdout=out, stderr=subprocess.STDOUT))
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with Client(address, timeout=5) as client:
                    if client.scheduler_info()["workers"]:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"Dask cluster at {address} not ready after {timeout:.0f} s")
            time.sleep(0.5)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=30)
        if log:
            out.close()
