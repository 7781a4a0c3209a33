"""Which pages get their whole text OCR'd when their table cannot be read (issue 13,
`pipeline.fallback`), and how Tesseract's TSV becomes that text."""
from extractors.grid import HLine, VLine, build_grid
from extractors.page_text import text_of_tsv
from pipeline.fallback import Fallback, message, qualifying
from schemas.records import PageRecord


def records(n: int, tables: dict[int, int], source: str = "ocr", text_layer: set[int] = frozenset()):
    return [PageRecord(p, "text_layer" if p in text_layer else source, "image", "scan", tables=tables.get(p, 0))
            for p in range(1, n + 1)]


def grid(page: int, closed: bool):
    """A two-column table; its bottom rule drawn or not (then its last row continues)."""
    hs = [HLine(100, 0, 200)] + ([HLine(200, 0, 200)] if closed else [])
    vs = [VLine(x, 100, 200) for x in (0, 100, 200)]
    return build_grid(page, hs, vs)


def test_pages_between_table_pages_and_failed_pages_qualify_narrative_pages_do_not():
    """A 10-page scanned plan: narrative 1–2, the table on 3–8 except page 5 (no grid)
    and page 6 (a grid that is not the plan table), narrative 9–10, page 10's reading
    raised. Pages 1, 2 (narrative before the table) and 9 … would be OCR'd by a rule
    "every page without a grid"; only 5, 6 and the failed 10 are, and page 9 (right
    after the table, no ruled table on it) as a possible continuation."""
    pages = records(10, {3: 1, 4: 1, 6: 1, 7: 1, 8: 1})
    got = qualifying(pages, {10: "ValueError: boom"}, {3, 4, 7, 8}, [(3, 8)], [grid(8, closed=True)])
    assert [(f.page, f.rows_lost) for f in got] == [(5, True), (6, True), (9, False), (10, True)]
    assert got[0].why == "no ruled table found on it, between pages 3 and 8 of the plan table"
    assert got[1].why == "1 ruled table(s) on it, none read as the plan table, between pages 3 and 8 of the plan table"
    assert got[3].why == "reading it failed: ValueError: boom"


def test_the_page_after_a_table_left_open_has_lost_rows():
    pages = records(4, {1: 1, 2: 1, 3: 1})
    (got,) = qualifying(pages, {}, {1, 2}, [(1, 2)], [grid(1, True), grid(2, closed=False)])
    assert (got.page, got.rows_lost) == (3, True) and "ends open" in got.why
    assert qualifying(pages, {}, {1, 2}, [(1, 2)], [grid(1, True), grid(2, closed=True)]) == []  # a table of its own


def test_pages_read_from_their_text_layer_never_qualify():
    pages = records(5, {1: 1, 2: 1, 5: 1}, text_layer={3, 4})
    assert qualifying(pages, {}, {1, 2, 5}, [(1, 5)], [grid(5, True)]) == []


def test_no_plan_table_no_page_unless_it_failed():
    pages = records(3, {})
    assert [f.page for f in qualifying(pages, {2: "RuntimeError: x"}, set(), [], [])] == [2]


def test_the_event_says_why_and_where_the_text_is():
    f = Fallback(4, "no ruled table found on it, between pages 3 and 5 of the plan table", True)
    assert message(f, "Stt Nội dung") == ("page 4: no table could be read (no ruled table found on it, between "
                                          "pages 3 and 5 of the plan table); its OCR'd text is kept in "
                                          "document_pages.ocr_text")
    assert message(f, "").endswith("OCR found no text on it (document_pages.ocr_text is empty)")
    assert message(f, None, "RuntimeError: tesseract failed").endswith(
        "its text could not be OCR'd either: RuntimeError: tesseract failed")


HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def tsv(*words):
    """Word rows (block, par, line, text, conf) as Tesseract writes them."""
    return "\n".join([HEAD, "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t"] + [
        f"5\t1\t{b}\t{p}\t{ln}\t{k}\t0\t0\t10\t10\t{conf}\t{text}" for k, (b, p, ln, text, conf) in enumerate(words)])


def test_tsv_words_become_lines_and_blocks_without_dirt():
    got = text_of_tsv(tsv((1, 1, 1, "Kế", 95), (1, 1, 1, "hoạch", 93), (1, 1, 2, "số", 90), (1, 1, 2, "|", 30),
                          (2, 1, 1, "Stt", 96), (2, 1, 1, "-", 91), (2, 1, 1, "Nhiệm", 92)))
    assert got == "Kế hoạch\nsố\n\nStt - Nhiệm"
    assert text_of_tsv(HEAD) == ""


def test_texts_are_kept_on_their_pages_and_a_page_that_cannot_be_read_stays_an_error():
    """Pages 3 (no grid, between table pages) and 4 (its reading raised) qualify; page 3
    reads, page 4's text cannot be read either: page 3 keeps its text and is a warning,
    page 4 stays an error naming both failures. Pages are checked (time limit, Ctrl-C)
    before each is read."""
    from pipeline.fallback import keep_texts

    pages = records(5, {1: 1, 2: 1, 5: 1})
    checked = []

    def read(number, image):
        assert image == f"render of {number}"
        if number == 4:
            raise RuntimeError("tesseract failed")
        return "Kế hoạch cải cách\n\nStt Nội dung"

    events = keep_texts(pages, {4: "ValueError: min() arg is an empty sequence"}, {1, 2, 5}, [(1, 5)],
                        [grid(5, True)], lambda n: f"render of {n}", read, checked.append)
    assert checked == [3, 4]
    assert [(stage, page, level) for stage, _, page, level in events] == [("completeness", 3, "warning"),
                                                                         ("completeness", 4, "error")]
    assert events[1][1] == ("page 4: no table could be read (reading it failed: ValueError: min() arg is an empty "
                            "sequence); its text could not be OCR'd either: RuntimeError: tesseract failed")
    assert [(r.page, r.ocr_text) for r in pages if r.ocr_text is not None] == [(3, "Kế hoạch cải cách\n\nStt Nội dung")]


LABELS = ("stt", "noi dung/nhiem vu", "hoat dong/san pham", "co quan chu tri", "co quan phoi hop",
          "thoi gian thuc hien", "ghi chu")


def test_a_page_repeating_the_plan_header_is_a_page_of_the_table():
    from pipeline.fallback import repeats_header

    table = "12\n\nThời gian thực\nStt Nội dung/Nhiệm vụ Hoạt động/Sản phầm Cơ quan chủ tri Cơ quan phối hợp hiện Ghi chú\n1 2 3"
    narrative = ("III. TỔ CHỨC THỰC HIỆN\n1. Các sở, ban, ngành căn cứ nhiệm vụ được giao xây dựng kế hoạch "
                 "thực hiện, báo cáo kết quả về Sở Nội vụ trước ngày 15/12 hằng năm.\nNơi nhận: như trên; lưu VT.")
    assert repeats_header(table, LABELS)
    assert not repeats_header(narrative, LABELS)
    assert not repeats_header(table, LABELS[:2])  # too few labels to tell


def test_the_page_after_a_closed_table_loses_rows_only_when_it_repeats_the_header(monkeypatch):
    import pipeline.fallback as fallback

    monkeypatch.setattr(fallback, "header_labels", lambda grids, page: LABELS)
    monkeypatch.setattr(fallback, "repaired", lambda texts: texts)
    pages = records(3, {1: 1, 2: 1})
    texts = {3: "Stt Nội dung/Nhiệm vụ Hoạt động/Sản phẩm Cơ quan chủ trì Cơ quan phối hợp Thời gian thực hiện Ghi chú"}
    (event,) = fallback.keep_texts(pages, {}, {1, 2}, [(1, 2)], [grid(2, True)], str, lambda n, _: texts[n],
                                   lambda n: None)
    assert event[0] == "completeness" and "its text repeats the plan table's header" in event[1]
    pages = records(3, {1: 1, 2: 1})
    texts[3] = "Nơi nhận: như trên; lưu VT. TM. ỦY BAN NHÂN DÂN"
    (event,) = fallback.keep_texts(pages, {}, {1, 2}, [(1, 2)], [grid(2, True)], str, lambda n, _: texts[n],
                                   lambda n: None)
    assert event[0] == "read_pages" and event[3] == "warning"
