"""Writing a block reading left unread at the bottom of a cell (extractors/unread.py)."""
import cv2
import numpy as np

from extractors.unread import unread_tails, without_stray_dots

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
