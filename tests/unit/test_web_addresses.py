"""Web and e-mail addresses kept out of the OCR correction (`normalizers.web_addresses`)."""
import pytest

from normalizers.repair import IMPLAUSIBLE, correct_ocr_text
from normalizers.web_addresses import shield, unshield


@pytest.mark.parametrize("text, addresses", [
    ("Cổng dịch vụ công tỉnh (dichvucong.ninhbinh.gov.vn)", ("dichvucong.ninhbinh.gov.vn",)),
    ("truy cập https://dichvucong.gov.vn/p/home.", ("https://dichvucong.gov.vn/p/home",)),
    ("gửi về sonoivu@ninhbinh.gov.vn; www.ninhbinh.gov.vn", ("sonoivu@ninhbinh.gov.vn", "www.ninhbinh.gov.vn")),
    ("TP.HCM, v.v. và Văn.bản 1.2.3", ()),
])
def test_addresses_are_found_whole_and_come_back_as_they_were(text, addresses):
    shielded, found = shield(text)
    assert found == addresses
    assert all(a not in shielded for a in addresses)
    assert unshield(shielded, found) == text


def test_a_placeholder_lost_or_doubled_is_reported_not_guessed():
    shielded, found = shield("xem tại dichvucong.gov.vn")
    assert unshield(shielded.replace("\ue000", ""), found) is None
    assert unshield(shielded + "\ue000", found) is None


def test_the_correction_leaves_an_address_as_read_and_corrects_the_words_around_it(model):
    fixed = correct_ocr_text(["Tố chức tập huấn trên Cổng dịch vụ công (dichvucong.ninhbinh.gov.vn)",
                              "email: sonoivu@ninhbinh.gov.vn"], model)
    assert fixed[0].text == "Tổ chức tập huấn trên Cổng dịch vụ công (dichvucong.ninhbinh.gov.vn)"
    assert fixed[1].text == "email: sonoivu@ninhbinh.gov.vn"
    assert fixed[1].confidence > IMPLAUSIBLE
