"""Renderer layout: merges implied by filled-down rows, page cuts that split no line."""
from bench.layout import LAYOUT_7, Line, Strip, TableGeometry, layout_strip, page_breaks, spans, undrawn, wrap


def row(stt, task, product, lead, section="I"):
    return {"section_no": section, "section_title": "CẢI CÁCH THỂ CHẾ", "stt": stt, "objective": "",
            "task": task, "activity": "", "product": product, "lead_text": lead, "coord_text": "",
            "timeline_text": "", "note": ""}


def measure(text, size):
    return len(text) * size * 0.5


def test_item_cells_merge_over_their_rows_and_empty_cells_never_merge():
    rows = [row("1", "Nhiệm vụ A", "SP 1", "Sở Nội vụ"), row("1", "Nhiệm vụ A", "SP 2", "Sở Nội vụ"),
            row("2", "Nhiệm vụ B", "SP 3", "Sở Nội vụ")]
    got = {(s.col, s.first, s.last) for s in spans(rows, LAYOUT_7)}
    assert (0, 0, 1) in got and (1, 0, 1) in got  # stt and task span rows 0-1
    assert (3, 0, 1) in got and (3, 2, 2) in got  # lead merges inside item 1 only
    assert (6, 0, 0) in got and (6, 1, 1) in got  # empty notes stay separate cells


def test_wrap_breaks_on_spaces_and_fits():
    lines = wrap("Các sở, ban, ngành; UBND cấp xã", 40, 10, measure)
    assert " ".join(lines) == "Các sở, ban, ngành; UBND cấp xã"
    assert all(measure(ln, 10) <= 40 for ln in lines)


def test_page_cuts_never_split_a_text_line():
    rows = [row(str(i), "Nhiệm vụ " * 30, "Sản phẩm " * 20, "Sở Nội vụ") for i in range(1, 30)]
    geo = TableGeometry(x0=40, widths=(30, 150, 150, 80, 80, 60, 40), size=10, leading=12, pad=3, valign="top")
    strip = layout_strip(rows, LAYOUT_7, geo, measure)
    strip, slices = page_breaks(strip, 300, 400, geo.leading)
    assert slices[0][0] == 0 and abs(slices[-1][1] - strip.height) < 1e-6
    for (a, b), (c, _) in zip(slices, slices[1:]):
        assert b == c
    for y0, y1 in slices:
        assert y1 - y0 <= 400 + 1e-6
        for ln in strip.lines:
            assert not (ln.top < y1 - 0.5 < ln.top + geo.leading - 0.5 and y1 < strip.height)


def test_staggered_lines_move_to_the_next_page_not_lost():
    # two cells side by side whose lines are offset by half a leading (middle-aligned
    # merged cells): no position between lines is clean, so the page is cut at its
    # limit and the lines it would split go to the next page with what follows them
    leading = 12.0
    lines = [Line(10, 3 + 12 * k, f"a{k}") for k in range(40)] + [Line(100, 9 + 12 * k, f"b{k}") for k in range(40)]
    strip = Strip([0.0], [490.0], lines, [(0.0, 0, 200), (490.0, 0, 200)], [(0, 0.0, 490.0), (200, 0.0, 490.0)], 490.0)
    strip, slices = page_breaks(strip, 200, 200, leading)
    assert not undrawn(strip, slices, leading)
    assert all(b - a <= 200 + 1e-6 for a, b in slices)
    assert {ln.text for ln in strip.lines} == {ln.text for ln in lines}
    for a, b in zip(strip.lines[:39], strip.lines[1:40]):  # a cell's lines stay in order, never overlapping
        assert b.top - a.top >= leading
