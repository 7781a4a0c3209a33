"""Tables a process derives from data files, kept between processes (`cached`).

Every ``cchc repair`` builds the same tables before it reads a word: the syllable
inventory in canonical tone placement (7,850 calls of `syllables.canonical`, ≈ 30 ms
CPU) and the model's vocabulary by fold (≈ 25 ms). `cached` keeps such a table as a
pickle in ``build/cache/`` (≈ 2 ms to load), named by the table and a CRC-32 of
everything it is computed from — the data files and the source of the modules whose
code computes it — so an edit of either is a new name and the table is computed again.
The newest `KEEP` files of a name stay (checkouts of other versions may share ``build/``).

The bottom of the text-repair stack: imports nothing of the project.
"""
from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

CACHE_DIR = Path(__file__).resolve().parents[1] / "build" / "cache"
KEEP = 4   # files kept per table name: the git worktrees of one checkout share its build/


def checksum(parts: Iterable[bytes]) -> str:
    """CRC-32 of `parts` in order, as 8 hex digits (a change detector, not a signature)."""
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    return f"{crc:08x}"


def cached(name: str, parts: Iterable[bytes], compute: Callable[[], T], folder: Path | None = None) -> T:
    """The table `compute()` returns, from ``<folder>/<name>-<checksum of parts>.pickle``
    when that file exists, else computed and written there (atomically: a process reading
    it meanwhile sees the whole file or none). `parts`: the bytes the table depends on
    (data files and the code computing it). A folder that cannot be written (a read-only
    checkout) only means the table is computed in every process."""
    folder = CACHE_DIR if folder is None else folder
    path = folder / f"{name}-{checksum(parts)}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except (FileNotFoundError, NotADirectoryError):   # not computed yet (or no such folder)
        pass
    value = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
        for old in sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEEP]:
            old.unlink(missing_ok=True)
    except OSError:
        pass   # not writable: the value is right, only not kept for the next process
    return value
