"""Punctuation a copy's specks make between two words (`normalizers.stray_punctuation`)."""
import pytest

from normalizers.stray_punctuation import commas_read_as_periods, drop_stray_punctuation


@pytest.mark.parametrize("read, meant", [
    ("bồi dưỡng kỹ năng - làm việc theo", "bồi dưỡng kỹ năng làm việc theo"),
    ("cao và quy - định mới của", "cao và quy định mới của"),
    ("thể của các - cơ quan, đơn vị", "thể của các cơ quan, đơn vị"),
    ("đổi mới các: cơ chế quản: lý", "đổi mới các cơ chế quản lý"),
    ("đơn vị sự: nghiệp công lập", "đơn vị sự nghiệp công lập"),
    ("hệ thống hoá văn bản quy, phạm pháp luật", "hệ thống hoá văn bản quy phạm pháp luật"),
    ("theo Kế hoạch được Tỉnh'ủy phê duyệt", "theo Kế hoạch được Tỉnh ủy phê duyệt"),
    ("Lập dự toán ngân sách:", "Lập dự toán ngân sách"),            # a speck ending the cell
    ("Sở Thông tin và Truyền thông:", "Sở Thông tin và Truyền thông"),
    ("tổ chức tại các sở; ban, ngành", "tổ chức tại các sở, ban, ngành"),   # a comma a speck made ";"
    ("đội ngũ cán bộ; công chức", "đội ngũ cán bộ, công chức"),
    ("về chuyển đổi -số. Đến năm 2030", "về chuyển đổi số. Đến năm 2030"),    # a dash glued to a word
    ("cắt giảm, đơn giản -hoá các quy định", "cắt giảm, đơn giản hoá các quy định"),
    ("giải- quyết thủ tục hành chính", "giải quyết thủ tục hành chính"),
    ("các doanh nghiệp nhà :nước", "các doanh nghiệp nhà nước"),            # a colon glued to the next
    ("Sở Nội :vụ", "Sở Nội vụ"),
    ("Đến năm-2025, tỷ lệ", "Đến năm 2025, tỷ lệ"),                         # a dash before figures
    ("Các: sở, ban, ngành; UBND cấp xã", "Các sở, ban, ngành; UBND cấp xã"),  # after the cell's first word
    ("Thường: xuyên", "Thường xuyên"),
    ("Bưu điện tỉnh, các sở; ban; ngành", "Bưu điện tỉnh, các sở, ban, ngành"),  # the comma put back counts
    ("Báo cáo cùa các sở; ban, ngành", "Báo cáo cùa các sở, ban, ngành"),        # two words back, not three
    ("Duy: trì, nâng cao hiệu quả", "Duy trì, nâng cao hiệu quả"),
    ("Các, sở, ban, ngành, UBND cấp xã", "Các sở, ban, ngành, UBND cấp xã"),  # a comma after the first word
    ("Thường, xuyên", "Thường xuyên"),
    ("Định, kỳ hằng quý", "Định kỳ hằng quý"),
    ("Sở? ban; ngành của tỉnh", "Sở, ban, ngành của tỉnh"),     # a typewriter comma read "?"
    ("Các sở? ban, ngành", "Các sở, ban, ngành"),
    ("quy định mới của -Trung ương.", "quy định mới của Trung ương."),   # a dash glued to a name
    ("Sở Thông tin và -Truyền thông", "Sở Thông tin và Truyền thông"),
    ("Nghị quyết của, HĐND tỉnh", "Nghị quyết của HĐND tỉnh"),        # a comma before a name or acronym
    ("trực tuyến trên, Cổng dịch vụ công", "trực tuyến trên Cổng dịch vụ công"),
    ("Sở Khoa, học và Công nghệ", "Sở Khoa học và Công nghệ"),        # after a capitalised word
    ("Văn- phòng UBND tỉnh", "Văn phòng UBND tỉnh"),
    ("Sở -Tư pháp", "Sở Tư pháp"),
    ("trong Quy hoạch tỉnh Ninh: Bình thời kỳ", "trong Quy hoạch tỉnh Ninh Bình thời kỳ"),   # before a name
    ("chia sẻ dữ liệu với: Cổng dịch vụ công", "chia sẻ dữ liệu với Cổng dịch vụ công"),
    ("kết quả giải quyết TTHC: còn hiệu lực", "kết quả giải quyết TTHC còn hiệu lực"),     # after an acronym
])
def test_a_dash_inside_a_phrase_in_small_letters_goes(model, read, meant):
    assert drop_stray_punctuation(read, model) == meant


@pytest.mark.parametrize("text", ["Báo và Đài Phát thanh - Truyền hình tỉnh", "giai đoạn 2021 - 2025",
                                  "- Các sở, ban, ngành", "UBND tỉnh - Sở Nội vụ", "Hà Nội - Ninh Bình",
                                  "trong đó: mức độ hài lòng", "như sau: các sở", "gồm: các nội dung",
                                  "cán bộ, công chức, viên chức", "quy trình, nghiệp vụ", "ổn định, hiệu quả",
                                  "Các sở, ban, ngành; UBND cấp xã", "phân cấp, uỷ quyền",
                                  "People's Committee", "‘Chính quyền số’",
                                  "Thực hiện các nội dung sau:", "Các nhiệm vụ cụ thể như sau:", "bao gồm:",
                                  "Gồm: các sở, ban, ngành", "Sở, ban, ngành, UBND cấp huyện",
                                  "Sở, bàn, ngành, UBND cấp huyện", "Tại sao? Vì",
                                  "Báo và Đài Phát thanh -Truyền hình tỉnh",
                                  "Sở Tài chính, Sở Nội vụ", "tháng, năm; Đột xuất", "thực hiện; Quyết định số",
                                  "tuyến Hà Nội -Hải Phòng", "tỉnh Bà Rịa -Vũng Tàu",
                                  "Lưu ý: Các cơ quan", "Nội dung: Tăng cường", "CCHC: các nội dung", "Lưu ý: các cơ quan", "Sở Nội vụ; các sở, ban, ngành",
                                  "cán bộ, công chức; viên chức",
                                  "Luật Cán bộ, công chức; Luật Viên chức", "hạ tầng cáp quang; phổ cập dịch vụ",
                                  "kinh tế; -Rà soát văn bản", "Quyết định số 12/QĐ-TTg ngày", "giai đoạn 2021-2025",
                                  "phòng, chống COVID-19", "đồng vị urani-235"])
def test_dashes_between_names_colons_before_lists_and_commas_of_lists_stay(model, text):
    assert drop_stray_punctuation(text, model) == text


def test_a_period_before_small_letters_is_a_comma_where_the_model_wants_one_else_a_speck(model):
    # a copy that lost its commas' tails reads them as periods; a speck reads as one too
    assert drop_stray_punctuation("Kế hoạch của các sở. ban. ngành, UBND cấp xã", model) == \
        "Kế hoạch của các sở, ban, ngành, UBND cấp xã"
    assert drop_stray_punctuation("Về văn bản. pháp luật của tỉnh", model) == "Về văn bản pháp luật của tỉnh"
    assert drop_stray_punctuation("Các sở, ban, ngành. UBND các huyện, thành phố", model) == \
        "Các sở, ban, ngành, UBND các huyện, thành phố"          # before an acronym, where the model is sure
    for kept in ("Hoàn thành. Sở Nội vụ chủ trì", "Quý I. 6 tháng", "TP. Hồ Chí Minh", "v.v. các nội dung",
                 "không hợp lý. Tổ chức triển khai", "từ 30% trở lên. Đến năm 2030"):
        assert drop_stray_punctuation(kept, model) == kept


def test_a_copy_that_reads_its_commas_as_periods_is_told_by_its_share_of_them():
    copy = ["Các sở. ban. ngành, UBND cấp xã", "quản lý thu. chi ngân sách", "Biên bản. kết luận kiểm tra"]
    assert commas_read_as_periods(copy)
    read_well = ["Các sở, ban, ngành, UBND cấp xã", "quản lý thu, chi ngân sách", "Về văn bản. pháp luật",
                 "Hoàn thành. Sở Nội vụ chủ trì"] + ["cơ quan, đơn vị, địa phương"] * 5
    assert not commas_read_as_periods(read_well)        # one speck among 13 commas
    assert not commas_read_as_periods(["Về văn bản. pháp luật"])        # one or two periods say nothing


def test_in_a_copy_that_reads_its_commas_as_periods_every_period_before_small_letters_is_a_comma(model):
    # the model alone reads "phân cấp uỷ quyền" as one phrase and drops the period as a speck
    assert drop_stray_punctuation("Quyết định phân cấp. uỷ quyền", model) == "Quyết định phân cấp uỷ quyền"
    assert drop_stray_punctuation("Quyết định phân cấp. uỷ quyền", model, commas_as_periods=True) == \
        "Quyết định phân cấp, uỷ quyền"
    assert drop_stray_punctuation("Đến năm 2025. 100% văn bản", model, commas_as_periods=True) == \
        "Đến năm 2025, 100% văn bản"                    # before a figure
    assert drop_stray_punctuation("Đến năm 2025. 100% văn bản", model) == "Đến năm 2025. 100% văn bản"
    for kept in ("Hoàn thành. Sở Nội vụ chủ trì", "mục 1.1. 2 nội dung"):
        assert drop_stray_punctuation(kept, model, commas_as_periods=True) == kept


def test_a_colon_between_words_read_in_the_wrong_case_goes_once_their_case_is_put_back(model):
    """The speck test asks the model about words in small letters; "đơn VỊ SỰ: nghiệp" is
    "đơn vị sự nghiệp" only after the correction has put the case back, so the test is
    asked again at the end (`normalizers.repair.correct_ocr_text`)."""
    from normalizers.repair import correct_ocr_text

    read = ["Đổi mới cơ chế quản lý tài chính đối với các cơ quan hành chính nhà nước, đơn VỊ SỰ: nghiệp công lập"]
    assert correct_ocr_text(read, model)[0].text == (
        "Đổi mới cơ chế quản lý tài chính đối với các cơ quan hành chính nhà nước, đơn vị sự nghiệp công lập")


@pytest.mark.parametrize("read, meant", [
    ("so với năm. 2021. Đến năm 2025", "so với năm 2021. Đến năm 2025"),
    ("trực tuyến mức độ. 4, được thực hiện", "trực tuyến mức độ 4, được thực hiện"),
    ("thực hiện Kế hoạch số. 14/KH-UBND", "thực hiện Kế hoạch số 14/KH-UBND"),
    ("Nghị định của: Chính phủ; thông tư", "Nghị định của Chính phủ; thông tư"),
])
def test_a_period_before_figures_or_a_colon_after_a_word_the_corpus_never_writes_so_is_a_speck(model, read, meant):
    assert drop_stray_punctuation(read, model) == meant


@pytest.mark.parametrize("text", [
    "hội nhập quốc tế. 100% hồ sơ",        # a sentence end the corpus writes before figures
    "Đến năm 2025. 100% văn bản",           # after figures: not a word that takes them
    "Quý III. 2025",                       # not in small letters
])
def test_a_period_after_a_word_a_sentence_may_end_with_stays_before_figures(model, text):
    assert drop_stray_punctuation(text, model) == text


@pytest.mark.parametrize("read, meant", [
    ("Các sở, ban,- ngành, UBND cấp xã", "Các sở, ban, ngành, UBND cấp xã"),
    ("Đài Phát thanh - Truyền hình tỉnh;- các sở, ban, ngành", "Đài Phát thanh - Truyền hình tỉnh; các sở, ban, ngành"),
    ("mức độ hài lòng của người dân, -tổ chức đối với", "mức độ hài lòng của người dân, tổ chức đối với"),
    ("cắt giảm,-đơn giản hoá", "cắt giảm, đơn giản hoá"),        # in the comma's space
    ("Sở Nội vụ,-Sở Tài chính và UBND", "Sở Nội vụ, Sở Tài chính và UBND"),
])
def test_a_dash_glued_to_a_comma_is_a_speck(model, read, meant):
    assert drop_stray_punctuation(read, model) == meant


def test_a_dash_opening_a_list_item_in_capitals_after_a_comma_stays(model):
    assert drop_stray_punctuation("gồm các nội dung, -Tổ chức tập huấn", model) == "gồm các nội dung, -Tổ chức tập huấn"


def test_a_colon_after_a_capitalised_word_inside_a_name_is_a_speck_where_the_model_is_sure(model):
    assert drop_stray_punctuation("Hàng năm, Sở Kế hoạch và Đầu: tư tham mưu cho UBND tỉnh", model) == \
        "Hàng năm, Sở Kế hoạch và Đầu tư tham mưu cho UBND tỉnh"
    assert drop_stray_punctuation("Sở Thông tin và Truyền: thông, Sở Nội vụ", model) == \
        "Sở Thông tin và Truyền thông, Sở Nội vụ"
    kept = "theo quy định của pháp luật Việt Nam: cung cấp thông tin"   # a colon the corpus writes so
    assert drop_stray_punctuation(kept, model) == kept


@pytest.mark.parametrize("read, meant", [
    ("CẢI CÁCH THỦ, TỤC HÀNH CHÍNH (TTHC)", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)"),   # a speck in a title
    ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),                 # the title's own commas
    ("XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ", "XÂY DỰNG CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ"),
    ("BẠT ĐẤT LỀ ĐƯỜNG, DẪY CỎ LỀ ĐƯỜNG", "BẠT ĐẤT LỀ ĐƯỜNG, DẪY CỎ LỀ ĐƯỜNG"),
    ("ĐỊNH MỨC - KINH TẾ KỸ THUẬT", "ĐỊNH MỨC - KINH TẾ KỸ THUẬT"),                 # a spaced dash in capitals
])
def test_a_comma_between_two_words_in_capitals_goes_only_inside_a_phrase_the_model_is_sure_of(model, read, meant):
    assert drop_stray_punctuation(read, model) == meant


@pytest.mark.parametrize("read, meant", [
    ("Kế hoạch: báo cáo rà soát", "Kế hoạch; báo cáo rà soát"),      # a semicolon whose tail a copy lost
    ("Công bố, công khai các TTHC: Quy trình nội bộ", "Công bố, công khai các TTHC; Quy trình nội bộ"),
    ("Trong đó: mức độ hài lòng", "Trong đó: mức độ hài lòng"),        # a list's colon
    ("gồm: các nội dung sau", "gồm: các nội dung sau"),
    ("Lưu ý: Các cơ quan", "Lưu ý: Các cơ quan"),
])
def test_a_colon_the_model_reads_as_a_semicolon_is_one(model, read, meant):
    assert drop_stray_punctuation(read, model) == meant
