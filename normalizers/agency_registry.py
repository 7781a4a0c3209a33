"""The agency registry (``normalizers/data/agencies.csv``): records, loading, the
DuckDB table and its lineage view (a 2022 "Sở Thông tin và Truyền thông" rolled up to
today's "Sở Khoa học và Công nghệ"). Mentions are resolved against it by
``normalizers/agencies.py``.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from normalizers.text import clean_text

DATA = Path(__file__).resolve().parent / "data"
REGISTRY_CSV = DATA / "agencies.csv"

KINDS = ("department", "office", "committee", "centre", "press", "police", "enterprise",
         "central", "group", "generic")
LEVELS = ("province", "commune", "district", "central", "")


@dataclass(frozen=True)
class Agency:
    """One row of `data/agencies.csv`."""
    agency_id: str
    name: str
    short_name: str
    aliases: tuple[str, ...]
    kind: str
    level: str
    parent_id: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    successor_id: str | None
    source: str

    def valid_on(self, day: dt.date) -> bool:
        """True when `day` lies in [valid_from, valid_to] (an empty bound is open)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to)

    def surfaces(self) -> tuple[str, ...]:
        """Name, short name and aliases, in that order, without duplicates."""
        seen: dict[str, None] = {}
        for s in (self.name, self.short_name, *self.aliases):
            if s:
                seen.setdefault(s, None)
        return tuple(seen)


# --------------------------------------------------------------------------- loading

def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value.strip() else None


@lru_cache(maxsize=1)
def _registry_cached(path: str) -> tuple[Agency, ...]:
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out.append(Agency(
                agency_id=r["agency_id"].strip(),
                name=clean_text(r["name"]),
                short_name=clean_text(r["short_name"]),
                aliases=tuple(clean_text(a) for a in r["aliases"].split("|") if a.strip()),
                kind=r["kind"].strip(),
                level=r["level"].strip(),
                parent_id=r["parent_id"].strip() or None,
                valid_from=_date(r["valid_from"]),
                valid_to=_date(r["valid_to"]),
                successor_id=r["successor_id"].strip() or None,
                source=r["source"].strip(),
            ))
    return tuple(out)


def load_registry(path: Path | str = REGISTRY_CSV) -> list[Agency]:
    """The agency registry (loaded once per path)."""
    return list(_registry_cached(str(path)))


def registry_frame(path: Path | str = REGISTRY_CSV, with_source: bool = False):
    """The registry as a pandas DataFrame with the columns of the DuckDB table
    `agencies(agency_id, name, short_name, aliases, kind, level, parent_id, valid_from,
    valid_to, successor_id)` (plus `source` when asked). Empty values are None; dates
    are `datetime.date`, aliases stay one "|"-separated string."""
    import pandas as pd

    rows = []
    for a in load_registry(path):
        row = {
            "agency_id": a.agency_id, "name": a.name, "short_name": a.short_name or None,
            "aliases": "|".join(a.aliases) or None, "kind": a.kind, "level": a.level or None,
            "parent_id": a.parent_id, "valid_from": a.valid_from, "valid_to": a.valid_to,
            "successor_id": a.successor_id,
        }
        if with_source:
            row["source"] = a.source
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.astype(object).where(frame.notna(), None)


AGENCIES_DDL = """CREATE TABLE IF NOT EXISTS agencies (
    agency_id    VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    short_name   VARCHAR,
    aliases      VARCHAR,
    kind         VARCHAR NOT NULL,
    level        VARCHAR,
    parent_id    VARCHAR,
    valid_from   DATE,
    valid_to     DATE,
    successor_id VARCHAR
)"""


def lineage_sql(table: str = "agencies", view: str = "agency_lineage") -> str:
    """SQL creating the view `agency_lineage(agency_id, current_id, depth)`: for every
    agency, the end of its successor chain (itself, depth 0, when it has none). Cycles
    are cut at depth 32."""
    return f"""CREATE OR REPLACE VIEW {view} AS
WITH RECURSIVE walk(agency_id, current_id, depth) AS (
    SELECT agency_id, agency_id, 0 FROM {table}
    UNION ALL
    SELECT w.agency_id, a.successor_id, w.depth + 1
    FROM walk AS w JOIN {table} AS a ON a.agency_id = w.current_id
    WHERE a.successor_id IS NOT NULL AND a.successor_id <> '' AND w.depth < 32
)
SELECT agency_id, arg_max(current_id, depth) AS current_id, max(depth) AS depth
FROM walk
GROUP BY agency_id"""


def write_registry(con, path: Path | str = REGISTRY_CSV) -> int:
    """Load the registry into DuckDB table `agencies` (created if missing, replaced
    wholesale, so loading twice changes nothing) and (re)create `agency_lineage`.
    Returns the number of agencies."""
    frame = registry_frame(path)  # noqa: F841  (read by DuckDB by name)
    con.execute(AGENCIES_DDL)
    con.execute("BEGIN")
    try:
        con.execute("DELETE FROM agencies")
        con.execute("INSERT INTO agencies SELECT agency_id, name, short_name, aliases, kind, level, "
                    "parent_id, CAST(valid_from AS DATE), CAST(valid_to AS DATE), successor_id FROM frame")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    con.execute(lineage_sql())
    return len(frame)


def current_id(agency_id: str, path: Path | str = REGISTRY_CSV) -> str:
    """Follow successor_id to the end of the chain (Python twin of `agency_lineage`)."""
    by_id = {a.agency_id: a for a in load_registry(path)}
    seen = {agency_id}
    while (nxt := by_id[agency_id].successor_id) and nxt not in seen:
        seen.add(nxt)
        agency_id = nxt
    return agency_id


# --------------------------------------------------------------------------- abbreviations and terms
