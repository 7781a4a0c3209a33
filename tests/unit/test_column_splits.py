"""extractors.column_splits: a column rule the header does not have is a stroke, not a column."""
from extractors.column_splits import join_unheaded_columns, merge_unheaded_columns
from extractors.grid import GridCell, PageGrid


def _grid(rows: list[list[tuple[int, int, str]]]) -> PageGrid:
    """Rows of (col0, col1, text) cells, one grid row each, columns 10 pt wide."""
    cells = [GridCell(r, r, c0, c1, (10.0 * c0, 10.0 * r, 10.0 * (c1 + 1), 10.0 * (r + 1)), text, 0.9, "ocr")
             for r, row in enumerate(rows) for c0, c1, text in row]
    n_cols = max(c1 for row in rows for _, c1, _ in row) + 1
    grid = PageGrid(1, [10.0 * k for k in range(n_cols + 1)], [10.0 * k for k in range(len(rows) + 1)], cells,
                    [False] * n_cols)
    grid.index()
    return grid


def test_a_boundary_every_header_row_spans_and_the_body_does_not_need_is_taken_out():
    grid = _grid([[(0, 1, "Stt"), (2, 2, "Nhiệm vụ")],
                  [(0, 1, "1"), (2, 2, "2")],                     # the column-number row
                  [(0, 0, ""), (1, 1, "I"), (2, 2, "CẢI CÁCH THỂ CHẾ")],
                  [(0, 0, ""), (1, 1, "1"), (2, 2, "Rà soát văn bản")]])
    merged = merge_unheaded_columns(grid, 2)
    assert merged.n_cols == 2 and merged.xs == [0.0, 20.0, 30.0]
    assert [merged.cell(r, 0).text for r in range(4)] == ["Stt", "1", "I", "1"]
    assert merged.cell(3, 0).bbox == (0.0, 30.0, 20.0, 40.0)      # the pair's box
    assert [merged.cell(r, 1).text for r in range(4)] == ["Nhiệm vụ", "2", "CẢI CÁCH THỂ CHẾ", "Rà soát văn bản"]


def test_a_boundary_a_header_row_has_or_writing_on_both_sides_stays():
    sub_labels = _grid([[(0, 1, "Thời gian"), (2, 2, "Ghi chú")],
                        [(0, 0, "Bắt đầu"), (1, 1, "Kết thúc"), (2, 2, "")],
                        [(0, 0, "Quý I"), (1, 1, ""), (2, 2, "")]])
    assert merge_unheaded_columns(sub_labels, 2) is sub_labels    # the second header row has it
    assert merge_unheaded_columns(sub_labels, 1).n_cols == 3      # its labels fill both sides
    both = _grid([[(0, 1, "Nhiệm vụ"), (2, 2, "Sản phẩm")],
                  [(0, 0, "Rà soát"), (1, 1, "văn bản"), (2, 2, "Báo cáo")]])
    assert merge_unheaded_columns(both, 1) is both                # read apart: no interleaving lines


def test_ocr_joins_a_pair_written_on_both_sides_and_says_what_each_cell_was_made_of():
    """A streak down the middle of a column of text: OCR takes the boundary out there too
    (its caller reads the joined cell again); a text layer's merge leaves it."""
    both = _grid([[(0, 1, "Nhiệm vụ"), (2, 2, "Sản phẩm")],
                  [(0, 0, "Rà soát"), (1, 1, "văn bản"), (2, 2, "Báo cáo")]])
    joined, parts = join_unheaded_columns(both, 1)
    assert joined.n_cols == 2 and joined.cell(1, 0).bbox == (0.0, 10.0, 20.0, 20.0)
    assert [p.text for p in parts[id(joined.cell(1, 0))]] == ["Rà soát", "văn bản"]
    assert [p.text for p in parts[id(joined.cell(1, 1))]] == ["Báo cáo"]      # moved one column left
    assert [p.text for p in parts[id(joined.cell(0, 0))]] == ["Nhiệm vụ"]     # the header cell, narrowed
    assert join_unheaded_columns(both, 1, both_written=False)[0] is both
    assert join_unheaded_columns(both, 0) == (both, {})                        # no header: nothing to go by
