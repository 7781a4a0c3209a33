"""Of a doubtful cell's readings, the language model chooses (extractors/reading_choice.py)."""
from extractors.grid import CellText
from extractors.reading_choice import best_readings


def reading(text: str, confidence: float) -> CellText:
    return CellText(text, confidence, "ocr", text, (confidence,))


def test_a_surer_reading_with_a_word_no_plan_writes_loses_to_a_plain_one():
    """Thickened, "quả" read "qu#" at 0.6 beats the first reading's 0.5 on Tesseract's
    confidence; the correction cannot place "qu#" and the first reading is kept."""
    first, thick = reading("Báo cáo kết quả thực hiện", 0.5), reading("Báo cáo kết qu# thực hiện", 0.6)
    assert best_readings([[first, thick]]) == [first]


def test_the_surer_reading_wins_between_plain_ones_and_the_first_of_equals():
    first, again = reading("Sở Nội vụ", 0.4), reading("Sở Nội vụ", 0.7)
    other = reading("Các sở, ban, ngành", 0.6)
    assert best_readings([[first, again], [other, reading("Các sở, ban, ngành", 0.6)]]) == [again, other]
    assert best_readings([[other, again]])[0] is again
    assert best_readings([]) == []
