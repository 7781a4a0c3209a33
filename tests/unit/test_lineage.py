"""Task lineage: Vietnamese-aware task words, row features, the decision rule and which
plans are paired (normalizers/task_text.py, pipeline/lineage_model.py, pipeline/lineage.py)."""
import datetime as dt
import math

import pandas as pd
import pytest

from normalizers.task_text import join_words, syllables, words
from pipeline.lineage import Plan, pairs_to_link, period_window
from pipeline.lineage_model import TextSpace, product_kinds, theme_of
from pipeline.lineage_rule import DecisionRule, LinkModel, f1, link_set, select_links, tune_rule


def test_words_fold_accents_and_tone_placement_and_join_syllables():
    # "hoá" / "hóa" (two tone placements) and a missing accent give the same words
    assert words("Hệ thống hoá văn bản quy phạm pháp luật") == words("he thong hóa van ban quy pham phap luat")
    assert words("Cập nhật cơ sở dữ liệu cán bộ") == ["cap_nhat", "co_so_du_lieu", "can_bo"]
    # "cơ sở" (a base) and "cơ quan" (an agency) share no word once syllables are joined
    assert not set(words("cơ sở dữ liệu")) & set(words("cơ quan hành chính"))


def test_words_drop_numbering_codes_and_years():
    assert words("1.2. Kiểm tra năm 2026 theo Quyết định số 468/QĐ-TTg") == words("Kiểm tra năm theo Quyết định số")
    assert "2026" not in " ".join(words("Kế hoạch CCHC năm 2026"))


def test_abbreviations_expand_to_the_same_words():
    assert words("Công khai TTHC") == words("Công khai thủ tục hành chính")
    assert words("Kiểm tra VBQPPL") == words("Kiểm tra văn bản quy phạm pháp luật")


def test_join_words_is_greedy_longest_match():
    known = frozenset({("quy", "pham"), ("quy", "pham", "phap", "luat"), ("phap", "luat")})
    assert join_words(["quy", "pham", "phap", "luat", "moi"], known) == ["quy_pham_phap_luat", "moi"]
    assert join_words(["phap", "luat", "quy"], known) == ["phap_luat", "quy"]
    assert syllables("Đường 5%") == ["duong"]


def test_section_themes_across_the_two_layouts_and_the_years():
    assert theme_of("CẢI CÁCH THỦ TỤC HÀNH CHÍNH (TTHC)") == theme_of("CẢI CÁCH THỦ TỤC HÀNH CHÍNH") == "procedures"
    assert theme_of("CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH") == "apparatus"   # not "procedures"
    assert theme_of("XÂY DỰNG CHÍNH PHỦ ĐIỆN TỬ, CHÍNH PHỦ SỐ") == \
        theme_of("XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ") == "digital"
    assert theme_of("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH") == "guidance"
    assert theme_of("PHỤ LỤC") is None


def test_product_kinds():
    assert product_kinds("- Kế hoạch CCHC của UBND tỉnh - Báo cáo kết quả thực hiện") == ["plan", "report"]
    assert product_kinds("100% văn bản được ký số") == ["document", "target"]
    assert product_kinds("Phần mềm hoàn thiện") == ["system"]
    assert product_kinds("") == []


def test_tfidf_vectors_are_unit_and_ignore_words_every_row_has():
    texts = [["ke_hoach", "cai_cach"], ["bao_cao", "cai_cach"], ["ke_hoach", "kiem_tra", "cai_cach"]]
    space = TextSpace.of(texts)
    vectors = space.vectors(texts)
    assert all(math.isclose(sum(x * x for x in v), 1.0) for v in vectors)
    assert vectors[0][space.vocab["cai_cach"]] < vectors[0][space.vocab["ke_hoach"]]
    weights = space.weights(texts)
    assert all(math.isclose(sum(w), 1.0) for w in weights)
    assert space.presence(texts)[1] == [1.0 if w in ("bao_cao", "cai_cach") else 0.0 for w in sorted(space.vocab)]
    assert space.vectors([["unknown"]]) == space.weights([[]]) == space.presence([["unknown"]]) == [None]


def test_decision_rule_keeps_candidates_close_to_the_rows_best_text_match():
    scored = pd.DataFrame({"row_id": ["a:1", "a:1", "a:1", "a:2", "a:3"],
                           "linked_row_id": ["b:1", "b:2", "b:3", "b:1", "b:2"],
                           "match_weight": [8.0, 7.0, 6.0, -1.0, 5.0],
                           "match_probability": [0.99, 0.98, 0.97, 0.3, 0.9],
                           "text_cosine": [0.50, 0.45, 0.30, 0.40, 0.12]})
    # b:2 is within 15 % of a:1's best cosine, b:3 is not; a:2 fails the probability, a:3 the cosine
    got = select_links(scored, DecisionRule(threshold=0.5, min_cosine=0.2, cosine_margin=0.15))
    assert list(zip(got["row_id"], got["linked_row_id"])) == [("a:1", "b:1"), ("a:1", "b:2")]
    got = select_links(scored, DecisionRule(threshold=0.25, min_cosine=0.1, cosine_margin=0.0))
    assert list(zip(got["row_id"], got["linked_row_id"])) == [("a:1", "b:1"), ("a:2", "b:1"), ("a:3", "b:2")]


def test_tune_rule_finds_the_rule_that_keeps_the_labelled_links_and_breaks_ties_to_the_larger_numbers():
    scored = pd.DataFrame({"job": "", "row_id": ["a:1", "a:1", "a:1", "a:2"],
                           "linked_row_id": ["b:1", "b:2", "b:3", "b:1"],
                           "match_probability": [0.99, 0.97, 0.96, 0.99],
                           "text_cosine": [0.50, 0.45, 0.20, 0.10]})
    gold = frozenset({("a:1", "b:1"), ("a:1", "b:2")})
    rule = tune_rule([("toy", scored, gold)])
    # F1 = 1 needs cos >= 0.45 kept and 0.20 dropped: of the rules that do it, the largest numbers win
    assert (rule.threshold, rule.min_cosine, rule.cosine_margin, rule.tuned_on) == (0.95, 0.4, 1.0, ("toy",))
    assert link_set(select_links(scored, rule)) == gold


def test_model_file_keeps_a_rule_per_relation_and_refuses_an_unknown_one():
    model = LinkModel({"comparisons": []}, {"implements": DecisionRule(0.4, 0.25, 0.15, ("x→y",)),
                                            "continues": DecisionRule(0.9, 0.25, 0.15)}, ["x→y"])
    again = LinkModel.from_json(model.to_json())
    assert again.rules == model.rules and again.method("implements") == "splink-fs:p>=0.4,cos>=0.25,within=0.15"
    with pytest.raises(ValueError, match="no decision rule for relation 'replaces'"):
        again.rule("replaces")


def test_f1():
    assert f1({(1, 1), (2, 2)}, {(1, 1), (3, 3)}) == (0.5, 0.5, 0.5)
    assert f1(set(), {(1, 1)}) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("period, window", [
    ("2021-2030", (dt.date(2021, 1, 1), dt.date(2030, 12, 31))),
    ("giai đoạn 2021 – 2025", (dt.date(2021, 1, 1), dt.date(2025, 12, 31))),
    ("2026", (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
    ("6 tháng cuối năm 2025", (dt.date(2025, 7, 1), dt.date(2025, 12, 31))),
    ("6 tháng đầu năm 2025", (dt.date(2025, 1, 1), dt.date(2025, 6, 30))),
    ("Quý IV/2025", (dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
    ("", None),
    (None, None),
])
def test_period_window(period, window):
    assert period_window(period) == window


def test_pairs_an_annual_plan_with_the_multi_year_plan_and_the_previous_annual_one():
    ten = Plan("t", "UBND", "2021-2030", "ten.pdf")
    h1, h2, y26 = (Plan(i, "UBND", p, f"{i}.pdf") for i, p in
                   (("h1", "6 tháng đầu năm 2025"), ("h2", "6 tháng cuối năm 2025"), ("y26", "2026")))
    blank = Plan("x", "UBND", "", "x.pdf")
    got = {(a.doc_id, b.doc_id, rel) for a, b, rel in pairs_to_link([y26, h2, ten, h1, blank])}
    assert got == {("h1", "t", "implements"), ("h2", "t", "implements"), ("y26", "t", "implements"),
                   ("h2", "h1", "continues"), ("y26", "h2", "continues")}   # not y26 → h1: only the previous one
    old_ten = Plan("o", "UBND", "2011-2020", "old.pdf")
    assert {(a.doc_id, b.doc_id) for a, b, _ in pairs_to_link([y26, old_ten])} == set()  # does not cover 2026
