"""The baselines' generic post-process (bench/baselines.py): what a competent user would
write around pdfplumber, camelot or img2table output."""
from bench.baselines import generic_rows, next_roman

FIELDS = ("stt", "task", "product", "lead_text")


def test_roman_numerals_count_on():
    assert [next_roman(x) for x in ("", "I", "III", "IV", "VIII", "IX", "XIX")] == \
        ["I", "II", "IV", "V", "IX", "X", "XX"]


def test_a_merged_section_row_is_a_section_with_or_without_its_numeral():
    header = ["Stt", "Nhiệm vụ", "Sản phẩm", "Chủ trì"]
    page = [header,
            ["I", "CẢI CÁCH THỂ CHẾ", None, None],            # pdfplumber: covered cells None
            ["1", "Ban hành", "Kế hoạch", "Sở Nội vụ"],
            [None, "CẢI CÁCH TTHC", "CẢI CÁCH TTHC", "CẢI CÁCH TTHC"],  # img2table, numeral lost
            ["1", "Rà soát", "Báo cáo", "Sở Tư pháp"],
            ["2", "Công bố", "Quyết định", "Sở Tư pháp"]]
    rows = generic_rows([page], FIELDS)
    assert [(r["section_no"], r["section_title"], r["stt"], r["task"]) for r in rows] == [
        ("I", "CẢI CÁCH THỂ CHẾ", "1", "Ban hành"),
        ("II", "CẢI CÁCH TTHC", "1", "Rà soát"),
        ("II", "CẢI CÁCH TTHC", "2", "Công bố")]
