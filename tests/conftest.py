from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
PLANS = ("plan2021_2030", "plan2026", "plan2025h2")


def load_truth(plan: str) -> list[dict]:
    return json.loads((CORPUS / plan / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def truths() -> dict[str, list[dict]]:
    return {p: load_truth(p) for p in PLANS}
