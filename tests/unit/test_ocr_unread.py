"""Writing a block reading left unread at the bottom or the top of a cell (extractors/unread.py)."""
import cv2
import numpy as np

from extractors import unread
from extractors.unread import unread_heads, unread_tails, with_heads_read, without_stray_dots

HEAD = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def crop() -> np.ndarray:
    img = np.full((130, 400), 255, np.uint8)
    cv2.putText(img, "Thuc hien che do", (12, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    cv2.putText(img, "ky.", (12, 100), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    return img


def tsv(*words: tuple[int, int, int, int, str]) -> str:
    rows = [f"5\t1\t1\t1\t1\t{k}\t{x}\t{y}\t{w}\t{h}\t95\t{t}" for k, (x, y, w, h, t) in enumerate(words, 1)]
    return "\n".join([HEAD, *rows]) + "\n"


def test_ink_below_the_last_word_read_is_a_line_to_read_again():
    img = crop()
    first_line = [(12, 15, 80, 32, "Thuc"), (100, 15, 70, 32, "hien"), (180, 15, 60, 32, "che"), (250, 15, 40, 32, "do")]
    assert unread_tails(tsv(*first_line), [img], 40) == {0: 15 + 32 + 3}
    assert unread_tails(tsv(*first_line, (12, 72, 60, 32, "ky.")), [img], 40) == {}  # all read
    assert unread_tails(tsv((12, 72, 60, 58, "ky.")), [img], 40) == {}  # a word down to the crop's edge


def test_ink_above_the_first_word_read_is_a_line_read_first(monkeypatch):
    """A block reading that dropped the first line ("- Cập nhật," over "công khai TTHC"):
    the band above the first word read is read alone and comes first in the cell."""
    from extractors.ocr import parse_tsv

    img = crop()
    second_line = [(12, 72, 60, 32, "ky.")]
    assert unread_heads(tsv(*second_line), [img], 40) == {0: 72 - 3}
    assert unread_heads(tsv((12, 15, 80, 32, "Thuc"), *second_line), [img], 40) == {}  # all read
    assert unread_heads(tsv((12, 0, 80, 47, "Thuc")), [img], 40) == {}  # a word up to the crop's edge
    bands = []
    monkeypatch.setattr(unread, "read_tsv", lambda images, psm: bands.extend(images) or tsv(
        (10, 10, 80, 32, "Thuc"), (100, 10, 70, 32, "hien"), (180, 10, 60, 32, "che"), (250, 10, 40, 32, "do")))
    read = with_heads_read(tsv(*second_line), [img], {0: 72 - 3})
    assert len(bands) == 1 and bands[0].shape[0] < 72
    assert parse_tsv(read, 1)[0].text == "Thuc hien che do ky."


def test_specks_below_the_last_line_are_no_line():
    img = np.full((130, 400), 255, np.uint8)
    cv2.putText(img, "Thuc hien", (12, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    cv2.circle(img, (60, 90), 3, 0, -1)
    cv2.circle(img, (200, 110), 3, 0, -1)
    assert unread_tails(tsv((12, 15, 80, 32, "Thuc"), (100, 15, 70, 32, "hien")), [img], 40) == {}


def test_a_stray_dot_goes_white_a_full_stop_by_its_word_stays():
    band = np.full((60, 300), 255, np.uint8)
    cv2.putText(band, "ky", (10, 40), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    band[36:40, 51:55] = 0  # a full stop at the word
    band[20:24, 150:154] = 0  # a speck away from it
    out = without_stray_dots(band)
    assert (out[36:40, 51:55] == 0).all() and (out[18:26, 148:156] == 255).all()
    assert np.array_equal(out[:, :100], band[:, :100])
