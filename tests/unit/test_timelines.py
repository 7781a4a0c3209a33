"""normalizers.timelines: every timeline form the three reference plans use, with exact
dates and recurrence; stripped and OCR-damaged spellings; plan year filling."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from normalizers.timelines import RECURRENCES, Timeline, parse_timeline

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

CASES = [
    # text, plan_year, due_start, due_end, recurrence
    ("Quý III, IV/2026", None, date(2026, 7, 1), date(2026, 12, 31), "none"),
    ("Trước ngày 25/12/2025", None, None, date(2025, 12, 25), "none"),
    ("Tháng 6/2026", None, date(2026, 6, 1), date(2026, 6, 30), "none"),
    ("Năm 2026", None, date(2026, 1, 1), date(2026, 12, 31), "none"),
    ("Thường xuyên", None, None, None, "continuous"),
    ("Hàng năm", None, None, None, "annual"),
    ("Hằng năm", None, None, None, "annual"),
    ("Định kỳ hằng quý, 6 tháng, 1 năm; Đột xuất", None, None, None, "quarterly"),
    ("Theo yêu cầu của Bộ Nội vụ", None, None, None, "on_demand"),
    ("2021-2025", None, date(2021, 1, 1), date(2025, 12, 31), "none"),
    ("Giai đoạn 2021-2025", None, date(2021, 1, 1), date(2025, 12, 31), "none"),
    ("Quý I năm 2022", None, date(2022, 1, 1), date(2022, 3, 31), "none"),
    ("Quý I/ 2026", None, date(2026, 1, 1), date(2026, 3, 31), "none"),
    ("Theo Danh mục VBQPPL", None, None, None, "on_demand"),
    # the rest of the reference plans
    ("Trước ngày 15/01/2026", None, None, date(2026, 1, 15), "none"),
    ("Trước ngày 15/7/2025", None, None, date(2025, 7, 15), "none"),
    ("Quý III, IV năm 2025", None, date(2025, 7, 1), date(2025, 12, 31), "none"),
    ("Quý IV/2025", None, date(2025, 10, 1), date(2025, 12, 31), "none"),
    ("Quý I, IV/2026", None, date(2026, 1, 1), date(2026, 12, 31), "none"),   # union of Q1 and Q4
    ("Năm 2021-2022", None, date(2021, 1, 1), date(2022, 12, 31), "none"),
    ("Giai đoạn 2021-2030", None, date(2021, 1, 1), date(2030, 12, 31), "none"),
    ("Định kỳ hằng tháng, quý, năm", None, None, None, "monthly"),
    ("Khi có phát sinh", None, None, None, "ad_hoc"),
    ("Khi có văn bản hướng dẫn của bộ, ngành Trung ương", None, None, None, "on_demand"),
    ("Sau khi có hướng dẫn của Bộ Tài nguyên và Môi trường", None, None, None, "on_demand"),
    ("Theo các quyết định công bố của các bộ, ngành Trung ương", None, None, None, "on_demand"),
    ("Theo yêu cầu của BCĐTW, Chính phủ, bộ, ngành Trung ương", None, None, None, "on_demand"),
    # stripped and OCR-damaged
    ("Quy III, IV/2026", None, date(2026, 7, 1), date(2026, 12, 31), "none"),
    ("Thuong xuyen", None, None, None, "continuous"),
    ("Dinh ky hang quy, 6 thang, 1 nam; Dot xuat", None, None, None, "quarterly"),
    ("Quy 111, 1V/2025", None, date(2025, 7, 1), date(2025, 12, 31), "none"),
    ("Truoc ngay 25/12/2025", None, None, date(2025, 12, 25), "none"),
    # the plan's year fills a missing one
    ("Quý III, IV", 2026, date(2026, 7, 1), date(2026, 12, 31), "none"),
    ("Tháng 6", 2026, date(2026, 6, 1), date(2026, 6, 30), "none"),
    ("Trước ngày 30/6", 2026, None, date(2026, 6, 30), "none"),
    ("Quý II/2027", 2026, date(2027, 4, 1), date(2027, 6, 30), "none"),   # a written year wins
    # other forms
    ("6 tháng đầu năm 2026", None, date(2026, 1, 1), date(2026, 6, 30), "none"),
    ("6 tháng cuối năm 2025", None, date(2025, 7, 1), date(2025, 12, 31), "none"),
    ("Từ tháng 3 đến tháng 6/2026", None, date(2026, 3, 1), date(2026, 6, 30), "none"),
    ("Đến năm 2025", None, None, date(2025, 12, 31), "none"),
    ("Ngày 15 tháng 3 năm 2026", None, date(2026, 3, 15), date(2026, 3, 15), "none"),
    ("Hằng năm, giai đoạn 2021-2025", None, date(2021, 1, 1), date(2025, 12, 31), "annual"),
]


@pytest.mark.parametrize("text, plan_year, start, end, recurrence", CASES, ids=[c[0] for c in CASES])
def test_parse_timeline_exact(text, plan_year, start, end, recurrence):
    t = parse_timeline(text, plan_year)
    assert (t.text, t.due_start, t.due_end, t.recurrence, t.parsed) == (text, start, end, recurrence, True)


def test_all_recurrences_of_a_cell_are_kept():
    t = parse_timeline("Định kỳ hằng quý, 6 tháng, 1 năm; Đột xuất")
    assert t.recurrences == ("quarterly", "semiannual", "annual", "ad_hoc")


@pytest.mark.parametrize("text, plan_year", [
    ("", None), ("Theo quy định", None), ("xyz", None), ("Quý III, IV", None),   # no year anywhere
    ("Trước ngày 31/02/2026", None),   # no such day
    ("Tháng 13/2026", None),
])
def test_unparsed_gives_nulls(text, plan_year):
    assert parse_timeline(text, plan_year) == Timeline(text, None, None, "none", False, ())


def test_quy_dinh_is_not_a_quarter():
    """"quy định" folds to "quy dinh": the quarter rule must not read it."""
    assert parse_timeline("Theo quy định năm 2026") == Timeline(
        "Theo quy định năm 2026", date(2026, 1, 1), date(2026, 12, 31), "none", True, ())


def test_every_distinct_timeline_of_the_reference_plans_parses():
    years = {"plan2021_2030": 2021, "plan2025h2": 2025, "plan2026": 2026}
    seen = {}
    for plan, year in years.items():
        for row in json.loads((CORPUS / plan / "truth.json").read_text(encoding="utf-8")):
            seen.setdefault(row["timeline_text"], year)
    bad = [s for s, y in seen.items() if s and not parse_timeline(s, y).parsed]
    assert bad == []
    assert all(parse_timeline(s, y).recurrence in RECURRENCES for s, y in seen.items())


@pytest.mark.parametrize("text, start, end", [
    # issue 15: a comma (and "năm") between the period and its year used to lose the quarter
    ("Quý IV, năm 2022", date(2022, 10, 1), date(2022, 12, 31)),
    ("Quý I, II, năm 2023", date(2023, 1, 1), date(2023, 6, 30)),
    ("Quý IV, 2022", date(2022, 10, 1), date(2022, 12, 31)),
    ("Tháng 6, năm 2026", date(2026, 6, 1), date(2026, 6, 30)),
    ("Tháng 6, 2026", date(2026, 6, 1), date(2026, 6, 30)),
    ("Tháng 10, 11, 12/2025", date(2025, 10, 1), date(2025, 12, 31)),
])
def test_a_comma_before_the_year(text, start, end):
    got = parse_timeline(text, 2030)
    assert (got.due_start, got.due_end, got.parsed) == (start, end, True)


def test_corpus_miner_finds_and_sorts_timeline_phrases():
    """bench.agency_bench mines phrases from ../shared/corpus; the ones the parser must
    refuse (history, impossible periods) are told apart from real misses."""
    from bench.agency_bench import TIMELINE_PHRASE, refused_rightly

    line = ("Hoàn thành trong Quý IV, năm 2022; báo cáo trước ngày 15/12/2023, định kỳ tháng 6 và 12 năm 2024, "
            "giai đoạn 2021 - 2025; ngày 2 tháng 9 năm 1945; Quý V năm 2024.")
    phrases = [m.group(0) for m in TIMELINE_PHRASE.finditer(line)]
    assert phrases == ["trong Quý IV, năm 2022", "trước ngày 15/12/2023", "tháng 6 và 12 năm 2024",
                       "giai đoạn 2021 - 2025", "ngày 2 tháng 9 năm 1945", "Quý V năm 2024"]
    got = {p: parse_timeline(p, 2024).parsed for p in phrases}
    assert [p for p, ok in got.items() if not ok] == ["ngày 2 tháng 9 năm 1945", "Quý V năm 2024"]
    assert all(refused_rightly(p) for p, ok in got.items() if not ok)
    assert not refused_rightly("Quý IV, năm 2022")
