from collections import Counter

from normalizers.document_acronyms import fix_own_acronyms, marked_own, misread_defined, own_acronym_for, own_acronyms

OWN = Counter({"TTHC": 20, "CCHC": 10, "DCCI": 5, "FDI": 4, "UBND": 30})


def test_a_letter_lost_added_misread_or_a_glued_symbol_is_the_documents_own_acronym():
    assert own_acronym_for("THC", OWN) == "TTHC"       # a letter lost
    assert own_acronym_for("CƠHC", OWN) == "CCHC"      # a letter misread (marks folded)
    assert own_acronym_for("CCHC€", OWN) == "CCHC"     # a symbol glued to its end
    assert own_acronym_for("DCC]", OWN) == "DCCI"      # a letter read as a symbol
    assert own_acronym_for("EDI", OWN) == "FDI"


def test_the_documents_own_and_far_or_ambiguous_tokens_stay():
    assert own_acronym_for("TTHC", OWN) is None
    assert own_acronym_for("HĐND", OWN) is None        # two edits from UBND
    assert own_acronym_for("ABC", Counter({"ABCD": 5, "ABCE": 5})) is None  # two acronyms as near
    assert own_acronym_for("PCT", Counter({"PCI": 2})) is None  # written too rarely to be evidence


def test_fix_own_acronyms_counts_each_distinct_cell_once_and_returns_the_own():
    texts = ["công tác CCHC€ và THC", "chỉ số DCC] của tỉnh"] + [f"TTHC CCHC DCCI {i}" for i in range(3)]
    fixed, own = fix_own_acronyms(texts)
    assert fixed[:2] == ["công tác CCHC và TTHC", "chỉ số DCCI của tỉnh"]
    assert own == {"TTHC", "CCHC", "DCCI"}
    assert own_acronyms(["THC x"] * 5)["THC"] == 1       # a merged cell filled down is one cell


def test_a_quarter_s_numerals_read_as_capitals_are_no_acronym_of_the_document():
    texts = ["Quý HH, IV/2025", "giải quyết HH"] + [f"CCHC và HC số {i}" for i in range(7)]
    fixed, _ = fix_own_acronyms(texts)
    assert fixed[:2] == ["Quý HH, IV/2025", "giải quyết HC"]     # fix_quarters reads "HH" as III


def test_an_acronym_the_document_defines_is_read_by_its_words_initials():
    """A font whose Q reads O gives "VBOPPL" all through a plan (one of its own by count);
    where it is defined, the words before the bracket say VBQPPL."""
    from normalizers.document_acronyms import defined_acronyms

    texts = ["Rà soát văn bản quy phạm pháp luật (VBOPPL) của tỉnh", "Kiểm tra VBOPPL", "Ban hành VBOPPL",
             "VBOPPL được rà soát"]
    fixed, own = fix_own_acronyms(texts)
    assert fixed == [t.replace("VBOPPL", "VBQPPL") for t in texts] and "VBQPPL" in own
    # defined right, another index, the first letter, "Trung ương" as TW: no misreading
    assert defined_acronyms(["thủ tục hành chính (TTHC)", "năng lực cạnh tranh cấp tỉnh (PCI)",
                             "bồi thường cán bộ (KCB)", "ngân sách trung ương (NSTW)", "giá trị (GT)"]) == {}
    # a word before the bracket misread ("luật" read "tuật") is no evidence against it
    assert defined_acronyms(["văn bản quy phạm pháp tuật (VBQPPL)"]) == {}
    # a speck read as a comma inside the bracket hides no definition
    assert defined_acronyms(["văn bản quy phạm pháp luật (VBOPPL,) của tỉnh"]) == {"VBOPPL": "VBQPPL"}


def test_a_token_misread_from_an_acronym_the_document_defines_is_that_acronym():
    # a face whose Q reads O more often than not: "VBOPPL" outnumbers the right readings,
    # so the counts cannot tell; the definition can
    texts = ["hệ thống văn bản quy phạm pháp luật (VBQPPL) của tỉnh", "Rà soát VBOPPL; ban hành VBOPPL",
             "Kiểm tra VBOPPL", "Tự kiểm tra VBQPPL", "công khai TTHC"]
    fixed, _ = fix_own_acronyms(texts)
    assert fixed[1:4] == ["Rà soát VBQPPL; ban hành VBQPPL", "Kiểm tra VBQPPL", "Tự kiểm tra VBQPPL"]
    assert misread_defined(["Sở VHTT và DL", "VBQPPT"], {"VBQPPL"}) == {"VBQPPT": "VBQPPL"}
    assert misread_defined(["TBQPPL", "VBQPPL"], {"VBQPPL"}) == {}   # the first letter: no
    assert misread_defined(["HĐND tỉnh"], {"UBND"}) == {}            # two letters off: another acronym


def test_an_own_acronym_read_with_a_space_inside_is_joined():
    texts = ["giải quyết TTHC", "các TTHC trực tuyến", "công khai TTHC", "thực hiện T THC trực tuyến"]
    assert fix_own_acronyms(texts)[0][3] == "thực hiện TTHC trực tuyến"
    dashed = ["giải quyết TTHC", "các TTHC trực tuyến", "công khai TTHC", "thành công T-THC trước đó"]
    assert fix_own_acronyms(dashed)[0][3] == "thành công TTHC trước đó"     # a speck read as a dash
    codes = ["UBND", "UBND tỉnh", "UBND xã", "Quyết định số 12/QĐ-UBND", "Mục B-UBND"]
    assert fix_own_acronyms(codes)[0][3:] == codes[3:]                      # a code's dash stays
    # a letter before a word the document writes as its own, or a pair it never writes joined: left
    assert fix_own_acronyms(["Điểm A BC", "UBND", "UBND tỉnh", "UBND xã", "Mục B UBND"])[0][0] == "Điểm A BC"
    assert fix_own_acronyms(["UBND", "UBND tỉnh", "UBND xã", "Mục B UBND"])[0][3] == "Mục B UBND"
    # the lone letter misread (Elstob's T read as an I): the one own acronym the word ends
    misread = ["giải quyết TTHC", "các TTHC trực tuyến", "công khai TTHC", "giải quyết I THC còn tồn đọng"]
    assert fix_own_acronyms(misread)[0][3] == "giải quyết TTHC còn tồn đọng"
    quoted = misread[:3] + ['giải quyết I"THC còn tồn đọng', 'nói "THC" là']   # Elstob's TT read T"
    assert fix_own_acronyms(quoted)[0][3:] == ["giải quyết TTHC còn tồn đọng", 'nói "THC" là']
    two = ["TTHC", "TTHC", "TTHC", "CTHC", "CTHC", "CTHC", "giải quyết I THC"]   # two such: left
    assert fix_own_acronyms(two)[0][6] == "giải quyết I THC"


def test_a_token_in_capitals_read_with_a_vowel_mark_is_the_one_the_document_writes_without():
    texts = ["Chỉ số PCI của tỉnh", "thành phố đứng đầu, chỉ số PCÍ của tỉnh phấn đấu"]
    fixed, _ = fix_own_acronyms(texts)
    assert fixed[1] == "thành phố đứng đầu, chỉ số PCI của tỉnh phấn đấu"
    assert marked_own(texts, own_acronyms(texts)) == {"PCÍ": "PCI"}
    # a word in capitals stays, and so does a marked token the document never writes bare
    assert marked_own(["CẢI CÁCH CAI CACH", "ĐẤT PCÍ"], Counter({"CAI": 1, "CACH": 1})) == {}
    assert fix_own_acronyms(["CẢI CÁCH THỂ CHẾ", "CAI CACH THE CHE"])[0] == ["CẢI CÁCH THỂ CHẾ", "CAI CACH THE CHE"]


def test_two_acronyms_the_document_writes_side_by_side_read_run_together_are_parted():
    """Noto Serif Display's copy reads the second "(PAR INDEX)" of a cell "(P.ARINDEX)": the
    pair the document writes elsewhere, run together with a speck's period. A token the
    document writes run together more often than parted stays."""
    texts, _ = fix_own_acronyms(["chỉ số cải cách hành chính (PAR INDEX) duy trì; đến năm 2030 (P.ARINDEX) nằm"])
    assert texts == ["chỉ số cải cách hành chính (PAR INDEX) duy trì; đến năm 2030 (PAR INDEX) nằm"]
    texts, _ = fix_own_acronyms(["chỉ số (PAR INDEX)", "chỉ số (PARINDEX) của tỉnh"])
    assert texts == ["chỉ số (PAR INDEX)", "chỉ số (PAR INDEX) của tỉnh"]
    kept = ["chỉ số (PAR INDEX)", "chỉ số (PARINDEX) và (PARINDEX)"]  # run together twice, parted once
    assert fix_own_acronyms(kept)[0] == kept
    kept = ["Ban BCĐCCHC và BCĐCCHC", "Ban BCĐ CCHC", "TP.HCM và TP HCM", "Quyết định QĐ-UBND"]
    assert fix_own_acronyms(kept)[0] == kept
