"""The scorer on crafted cases, with the figures worked out by hand."""
import pytest

from bench.score import score_rows

ROWS = [
    {"stt": "1", "task": "Xây dựng kế hoạch", "lead_text": "Sở Nội vụ"},  # 1 + 17 + 9 = 27 chars
    {"stt": "2", "task": "Kiểm tra CCHC", "lead_text": "Sở Tư pháp"},  # 1 + 13 + 10 = 24 chars
    {"stt": "3", "task": "Báo cáo định kỳ", "lead_text": "VP UBND tỉnh"},  # 1 + 15 + 12 = 28 chars
    {"stt": "4", "task": "Tuyên truyền CCHC", "lead_text": "Sở Nội vụ"},  # 1 + 17 + 9 = 27 chars
]
TOTAL_CHARS = 27 + 24 + 28 + 27


def test_perfect_extraction_scores_one():
    s = score_rows(ROWS, [dict(r) for r in ROWS])
    assert (s.recall, s.precision, s.exact_cells, s.cer) == (1.0, 1.0, 1.0, 0.0)
    assert s.matched == 4


def test_one_missing_row():
    s = score_rows(ROWS, [dict(r) for r in ROWS[:2] + ROWS[3:]])
    assert s.recall == 0.75
    assert s.precision == 1.0
    assert s.exact_cells == 9 / 12  # 3 used fields x 4 rows; the missing row's 3 cells wrong
    assert s.cer == pytest.approx(28 / TOTAL_CHARS)


def test_one_wrong_cell():
    wrong = [dict(r) for r in ROWS]
    wrong[1]["lead_text"] = "Sở Tư phap"  # one substitution (á -> a)
    s = score_rows(ROWS, wrong)
    assert (s.recall, s.precision) == (1.0, 1.0)  # row similarity (1 + 1 + 0.9) / 3 >= 0.9
    assert s.exact_cells == 11 / 12
    assert s.cer == pytest.approx(1 / TOTAL_CHARS)


def test_extra_row_lowers_precision_and_counts_insertions():
    extra = [dict(r) for r in ROWS] + [{"stt": "", "task": "Stt", "lead_text": ""}]
    s = score_rows(ROWS, extra)
    assert s.recall == 1.0
    assert s.precision == 4 / 5
    assert s.cer == pytest.approx(3 / TOTAL_CHARS)


def test_badly_wrong_row_is_not_a_match():
    wrong = [dict(r) for r in ROWS]
    wrong[2] = {"stt": "3", "task": "Khác hẳn", "lead_text": "Không rõ"}
    s = score_rows(ROWS, wrong)
    assert s.recall == 0.75 and s.precision == 0.75


def test_stripped_rows_pair_on_folded_text_but_cells_compare_accented():
    stripped = [{"stt": r["stt"], "task": r["task"].replace("ự", "u").replace("â", "a"), "lead_text": r["lead_text"]} for r in ROWS]
    s = score_rows(ROWS, stripped, match_folded=True)
    assert (s.recall, s.precision) == (1.0, 1.0)
    assert s.exact_cells == 11 / 12  # "Xây dựng kế hoạch" lost two marks; the rest is unchanged


def test_no_rows_extracted():
    s = score_rows(ROWS, [])
    assert (s.recall, s.precision, s.exact_cells, s.cer) == (0.0, 0.0, 0.0, 1.0)


def test_flag_quality_counts_wrong_and_flagged_cells_of_paired_rows():
    from bench.score import flag_quality

    truth = [{"stt": "1", "task": "Kiểm tra văn bản", "lead_text": "Sở Tư pháp"},
             {"stt": "2", "task": "Rà soát thủ tục", "lead_text": "Sở Nội vụ"}]
    got = [{"stt": "1", "task": "Kiểm tra văn bản", "lead_text": "Sở Tư phap",
            "cell_confidence": {"lead_text": 0.5, "task": 0.9}},
           {"stt": "2", "task": "Rà soát thủ tục", "lead_text": "Sở Nội vụ", "cell_confidence": {"task": 0.7}}]
    flags = flag_quality(truth, got, 0.8)
    assert (flags.cells, flags.wrong, flags.flagged, flags.wrong_flagged) == (6, 1, 2, 1)
    assert flags.caught == 1.0 and flags.flag_share == 2 / 6


def test_spelling_variants_count_only_in_the_second_exact_figure():
    """Tone placement ("hoá"/"hóa") and a misspelling the truth's transcriber listed are
    accepted by `exact_spelling`; any other difference is not; `exact_cells` asks for the
    truth as printed."""
    truth = [{"stt": "1", "task": "Hiện đại hoá thế chế", "lead_text": "Sở Nội vụ"},
             {"stt": "2", "task": "Kiểm tra CCHC", "lead_text": "Sở Tư pháp"}]
    out = [{"stt": "1", "task": "Hiện đại hóa thể chế", "lead_text": "Sở Nội vụ"},
           {"stt": "2", "task": "Kiểm tra CCHC", "lead_text": "Sở Tư phap"}]
    s = score_rows(truth, out, misspellings=(("thế chế", "thể chế"),))
    assert s.exact_cells == 4 / 6 and s.exact_spelling == 5 / 6
    assert score_rows(truth, out).exact_spelling == 4 / 6  # the slip is not listed: not accepted


def test_source_misspellings_are_read_from_the_plan_folder(tmp_path):
    from bench.score import source_misspellings

    assert source_misspellings(tmp_path) == ()
    (tmp_path / "source_misspellings.tsv").write_text("# note\nthế chế\tthể chế\n", encoding="utf-8")
    assert source_misspellings(tmp_path) == (("thế chế", "thể chế"),)


def test_hang_and_hang_nam_are_one_spelling_but_hang_hoa_is_not():
    """"hàng năm" / "hằng năm" (and tháng, quý, tuần, ngày) are both written: the second
    exact figure accepts either, the first asks for the truth's; "hàng hóa" (goods) has no
    "hằng" form."""
    truth = [{"stt": "1", "task": "Kiểm tra hàng năm", "timeline_text": "Hằng quý"},
             {"stt": "2", "task": "Quản lý hàng hóa", "timeline_text": "Năm 2026"}]
    out = [{"stt": "1", "task": "Kiểm tra hằng năm", "timeline_text": "Hàng quý"},
           {"stt": "2", "task": "Quản lý hằng hóa", "timeline_text": "Năm 2026"}]
    s = score_rows(truth, out)
    assert s.exact_cells == 3 / 6 and s.exact_spelling == 5 / 6
