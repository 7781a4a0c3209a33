"""The hand-transcribed ground truth obeys tests/corpus/TRUTH_SPEC.md."""
import json
import re
import unicodedata

import pytest

from schemas.records import ROW_FIELDS
from tests.conftest import CORPUS, PLANS, load_truth

HEADER_WORDS = re.compile(r"^(Stt|Mục tiêu|Nhiệm vụ|Hoạt động|Kết quả sản phẩm|Cơ quan chủ trì|Thời gian)$")


@pytest.mark.parametrize("plan", PLANS)
def test_rows_have_the_eleven_string_fields_in_clean_text(plan):
    rows = load_truth(plan)
    assert len(rows) >= 40
    for i, row in enumerate(rows):
        assert list(row) == list(ROW_FIELDS), i
        for key, value in row.items():
            assert isinstance(value, str), (i, key)
            assert unicodedata.is_normalized("NFC", value), (i, key)
            assert value == value.strip() and "  " not in value and "\n" not in value, (i, key)
            assert not HEADER_WORDS.match(value), (i, key, value)
        assert row["section_no"] and row["section_title"], i
        assert row["product"] or row["activity"], i


@pytest.mark.parametrize("plan", PLANS)
def test_meta_names_the_layout(plan):
    meta = json.loads((CORPUS / plan / "meta.json").read_text(encoding="utf-8"))
    assert len(meta["columns"]) in (7, 8)
    rows = load_truth(plan)
    has_objective = any(r["objective"] for r in rows)
    assert has_objective == (len(meta["columns"]) == 8)
    if meta["issued_date"]:
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", meta["issued_date"])


def test_sections_appear_in_roman_order():
    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    for plan in PLANS:
        seen = []
        for r in load_truth(plan):
            if not seen or seen[-1] != r["section_no"]:
                seen.append(r["section_no"])
        assert seen == roman[: len(seen)], plan
