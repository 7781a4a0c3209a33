"""Which loaded documents a re-extraction should redo (`cchc reextract`)."""
from __future__ import annotations

from pathlib import Path

from packaging.version import InvalidVersion, Version

from pipeline.stages import pipeline_version
from schemas import store


def is_older(version: str, than: str) -> bool:
    """PEP 440 order ("0.1.0" < "0.2.0" < "0.10.0"); a version that does not parse counts
    as older than any that does."""
    try:
        return Version(version) < Version(than)
    except InvalidVersion:
        return True


def stale_documents(db: str | Path, older_than: str | None = "current", wait: float = 30.0) -> list[Path]:
    """Source files of the current documents to re-extract: those extracted by a pipeline
    version older than `older_than` ("current": this version), or all when None. Failed
    documents (never current) are included when nothing current was loaded from their path
    (a newer pipeline may read them)."""
    than = pipeline_version() if older_than == "current" else older_than
    with store.connect(db, read_only=True, wait=wait) as con:
        docs = con.execute(
            "SELECT file_path, pipeline_version FROM documents AS d WHERE is_current OR (status = 'failed' "
            "AND NOT EXISTS (SELECT 1 FROM documents AS c WHERE c.is_current AND c.file_path = d.file_path)) "
            "ORDER BY file_name, extracted_at DESC").fetchall()
    paths = dict.fromkeys(Path(path) for path, version in docs if than is None or is_older(version, than))
    return list(paths)
