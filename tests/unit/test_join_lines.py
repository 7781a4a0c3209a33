"""Wrapped lines of a cell joined into one string (`normalizers.text.join_lines`)."""
import pytest

from normalizers.text import join_lines


@pytest.mark.parametrize("lines, joined", [
    (["Xây dựng và ban hành", "văn bản"], "Xây dựng và ban hành văn bản"),
    (["Quyết định số 468/QĐ-", "TTg"], "Quyết định số 468/QĐ-TTg"),
    (["giai đoạn 2021-", "2025"], "giai đoạn 2021-2025"),
    # a year a narrow column cut: its figures split over two lines, joined again
    (["Trước ngày 25/12/202", "5"], "Trước ngày 25/12/2025"),
    (["Quý IV/20", "26"], "Quý IV/2026"),
    (["Quý I/2", "026 và Quý II"], "Quý I/2026 và Quý II"),
    # no year: a fraction, a whole date followed by a number, five figures
    (["tỷ lệ 1/2", "0 người"], "tỷ lệ 1/2 0 người"),
    (["ngày 25/12/2025", "5 ngày"], "ngày 25/12/2025 5 ngày"),
    (["ngày 25/12/202", "55"], "ngày 25/12/202 55"),
])
def test_lines_join_with_a_space_but_inside_a_code_a_range_or_a_cut_year(lines, joined):
    assert join_lines(lines) == joined
