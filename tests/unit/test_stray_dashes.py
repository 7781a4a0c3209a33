"""Dashes a copy's specks make between two words (`normalizers.stray_dashes`)."""
import pytest

from normalizers.lm_build import default_model
from normalizers.stray_dashes import drop_stray_dashes


@pytest.fixture(scope="module")
def model():
    return default_model()


@pytest.mark.parametrize("read, meant", [
    ("bồi dưỡng kỹ năng - làm việc theo", "bồi dưỡng kỹ năng làm việc theo"),
    ("cao và quy - định mới của", "cao và quy định mới của"),
    ("thể của các - cơ quan, đơn vị", "thể của các cơ quan, đơn vị"),
])
def test_a_dash_inside_a_phrase_in_small_letters_goes(model, read, meant):
    assert drop_stray_dashes(read, model) == meant


@pytest.mark.parametrize("text", ["Báo và Đài Phát thanh - Truyền hình tỉnh", "giai đoạn 2021 - 2025",
                                  "- Các sở, ban, ngành", "UBND tỉnh - Sở Nội vụ", "Hà Nội - Ninh Bình"])
def test_dashes_between_names_numbers_and_list_items_stay(model, text):
    assert drop_stray_dashes(text, model) == text
