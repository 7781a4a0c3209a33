"""Syllables OCR ran together are split by the language model."""
import pytest

from normalizers.glued_words import join_cut, split_glued
from normalizers.repair import correct_ocr_text


@pytest.mark.parametrize("read, meant", [
    ("hết hiệu lựchoặc không còn", "hết hiệu lực hoặc không còn"),
    ("được cấp cóthẩm quyền", "được cấp có thẩm quyền"),
    ("được xử lýtrênmôi trường mạng", "được xử lý trên môi trường mạng"),
    ("được sử dụng trênhệ thống", "được sử dụng trên hệ thống"),
    ("CÔNG TÁC CHỈ ĐẠO, ĐIÊUHÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIÊU HÀNH"),
    ("Văn phòng UBNDtỉnh; UBNDcấp xã", "Văn phòng UBND tỉnh; UBND cấp xã"),
    ("Các sở, ngành; UBNDcấpxã", "Các sở, ngành; UBND cấp xã"),
    ("tuyên truyền CCHCnăm 2026", "tuyên truyền CCHC năm 2026"),
    ("nằm trong top 10tỉnh cả nước", "nằm trong top 10 tỉnh cả nước"),
    ("SởTư pháp và các cơ quan", "Sở Tư pháp và các cơ quan"), ("SởY tế", "Sở Y tế"),
    ("Thủ tướng ChínhPhủ", "Thủ tướng Chính Phủ"),
    # a syllable run into the known acronym after it, and on into the word after that
    ("Ban hành củaUBND tỉnh", "Ban hành của UBND tỉnh"), ("giải quyếtTTHC cho", "giải quyết TTHC cho"),
    ("Sở Nội vụ vàUBNDcấp huyện", "Sở Nội vụ và UBND cấp huyện"),
])
def test_syllables_run_together_are_split(model, read, meant):
    assert split_glued(read, model) == meant


@pytest.mark.parametrize("read, meant", [
    ("CẮICÍCH CHẾ ĐỘ CÔNG VỤ", "CẮI CÍCH CHẾ ĐỘ CÔNG VỤ"),
    ("CẢI CÁCH TÀICHÍYH CÔNG", "CẢI CÁCH TÀI CHÍYH CÔNG"),
    ("PHÁT TRIỂN CHÍYHQUYÊX ĐIỆN TỬ", "PHÁT TRIỂN CHÍYH QUYÊX ĐIỆN TỬ"),
    ("CAICACH THỦ TỤC HÀNH CHÍNH", "CAI CACH THỦ TỤC HÀNH CHÍNH"),   # read without marks: syllables as they are
])
def test_two_title_words_run_together_with_a_letter_misread_are_cut_where_the_model_wants(model, read, meant):
    assert split_glued("chỉ số (P VR EXNĐEX) duy trì", model) == "chỉ số (P VR EXNĐEX) duy trì"  # no vowel marks: no words
    assert split_glued("chương trình VBQPPL, HTTTGQTTHC, VNPOST", model) == "chương trình VBQPPL, HTTTGQTTHC, VNPOST"
    # the parts keep their letters as read: the mark correction mends them, with the title
    assert split_glued(read, model) == meant
    assert correct_ocr_text([read], model)[0].text == meant.replace("CẮI CÍCH", "CẢI CÁCH").replace("CAI CACH", "CẢI CÁCH").replace(
        "CHÍYH", "CHÍNH").replace("QUYÊX", "QUYỀN")


@pytest.mark.parametrize("text", ["Văn phòng UBNDTinh", "Thường xuyên", "cổng Portal online", "Khuyến khích",
                                  "nghiêng", "yêu cầầuđổimới", "Đãấy mạnh", "Đẩyy mạnh",
                                  "QĐ-TTg của TTg", "HĐND tỉnh", "PHẦNI", "UBND các huuện", "Thường xuuên", "hài iòng", "HCNN trêri địa bàn", "mạng 5G, 4G", "Phụ lục 3a",
                                  "Công nghiệp 4.0", "tài khoản VNeID", "hệ thống eGov", "Sở KHĐT",
                                  "ThS. Nguyễn", "PhD", "Thương NuYên", "CẢI CÁCH CHẾ ĐỘ côNGVỤ", "iPhone"])
def test_syllables_acronyms_and_foreign_words_stay(model, text):
    assert split_glued(text, model) == text


@pytest.mark.parametrize("read, meant", [
    ("Trước ngà y 15/7/2025", "Trước ngày 15/7/2025"), ("Quy ết định số 468", "Quyết định số 468"),
    ("xe ô tô và mô tô", "xe ô tô và mô tô"), ("Chi cục Thú y tỉnh", "Chi cục Thú y tỉnh"),
    ("điểm a và b", "điểm a và b"), ("Sở Y tế", "Sở Y tế"),
    ("CHÍNH PHỦ ĐI ỀN TỬ", "CHÍNH PHỦ ĐIỀN TỬ"), ("XE Ô TÔ", "XE Ô TÔ"), ("UBND VÀ HĐND", "UBND VÀ HĐND"),
])
def test_a_word_ocr_cut_in_two_is_joined_where_the_model_wants_it(model, read, meant):
    assert join_cut(read, model) == meant


@pytest.mark.parametrize("read, meant", [
    ("CẢI CÁCH HÀNH CH NH", "CẢI CÁCH HÀNH CHÍNH"), ("thủ tục hành ch nh", "thủ tục hành chính"),
    ("Nh ng người dân", "Những người dân"),
    ("KH CN và TT HC", "KH CN và TT HC"), ("ông T. T và N N", "ông T. T và N N"), ("CH nh", "CH nh"),
])
def test_a_vowel_read_as_the_space_it_stands_in_is_put_back(model, read, meant):
    # acronyms make no syllable with a vowel between them; single letters are initials;
    # pieces in different case are left
    assert join_cut(read, model) == meant


def test_a_word_cut_in_two_or_three_pieces_with_its_marks_misread_is_joined(model):
    # Essays 1743's "y" has a wide side bearing read as a space, its circumflex read as an acute
    assert join_cut("Thường xuy én", model) == "Thường xuyên"
    assert join_cut("cán bộ chu y én trách", model) == "cán bộ chuyên trách"
    for kept in ("bản mô tỏ công việc", "Sở Nội vụ", "các cơ quan, đơn vị", "có thể"):
        assert join_cut(kept, model) == kept      # common words side by side stay apart
