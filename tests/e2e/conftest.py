"""Shared end-to-end fixtures."""
from __future__ import annotations

import pytest

from bench.reference import build_review_database


@pytest.fixture(scope="session")
def reference_db(tmp_path_factory):
    """The review database built by the pipeline from the reference PDFs
    (`bench.reference.REVIEW_INPUTS`); returns (db, inbox)."""
    return build_review_database(tmp_path_factory.mktemp("reference"))
