"""Cell confidence (issue 13, item 5): the evidence a cell's confidence is computed from,
the fitted model shipped in extractors/data/cell_confidence.json, and how the pipeline
settles the confidences of OCR'd rows (pieces shared by filled-down rows settled once,
row-building penalties kept, digital rows untouched)."""
import json

import pytest

from extractors import cell_confidence as cc
from extractors.table import HEURISTIC_STITCH_CONFIDENCE
from schemas.records import PlanRow


def test_words_changed_counts_the_corrections_edits():
    assert cc.words_changed("Tố chức tập huấn", "Tổ chức tập huấn") == 1
    assert cc.words_changed("Báo cáo", "Báo cáo") == 0
    assert cc.words_changed("GGHG tỉnh", "CCHC tỉnh") == 1
    assert cc.words_changed("1584 /QĐ", "1584/QĐ") == 2  # two words became one


def test_punctuation_made_of_specks_is_counted_and_a_plan_s_own_is_not():
    odd = [cc.text_features(t)["odd_punctuation"] for t in (
        "Các sở, ban, ngành;.UBND cấp xã",  # a speck read as "." glued to the next word
        "thủ tục hành: chính",  # a colon between two lower-case words
        "các bộ, - ngành",  # a lone dash after a comma
        "theo quy định..")]  # two full stops
    assert odd == [1.0, 1.0, 1.0, 1.0]
    assert [cc.text_features(t)["odd_punctuation"] for t in (
        "phát triển kinh tế - xã hội", "Các video, tờ rơi...", "Quý I, III/2026", "Năm 2026: Sở Nội vụ")] == [0.0] * 4
    assert cc.text_features("theo quy định.")["ends_with_mark"] == 1.0
    assert cc.text_features("tờ rơi...")["ends_with_mark"] == 0.0


def test_a_cell_starting_small_and_a_name_or_time_ending_with_a_mark_are_counted():
    assert [cc.text_features(t)["starts_small"] for t in ("quý IV/2026", "Quý IV/2026", "2026", "")] == \
        [1.0, 0.0, 0.0, 0.0]
    ends = cc.text_features("Sở Tư pháp.")
    assert cc.field_features(ends, "lead_text")["name_ends_with_mark"] == 1.0
    assert cc.field_features(ends, "timeline_text")["name_ends_with_mark"] == 1.0
    assert cc.field_features(ends, "task")["name_ends_with_mark"] == 0.0      # a sentence ends so
    assert cc.field_features(cc.text_features("Sở Tư pháp"), "lead_text")["name_ends_with_mark"] == 0.0


def test_tokens_no_plan_writes_are_counted_and_codes_are_not():
    assert [cc.odd_tokens(t) for t in ("QUyẾt định", "61a1 đoạn", "năm 2oas,", "huy ệ ri", "nhà nƯớc, xã")] == \
        [1, 1, 1, 1, 1]
    assert [cc.odd_tokens(t) for t in ("Quý IV/2026", "số 12/QĐ-UBND", "mạng 5G", "điểm a) khoản 2",
                                         "Sở Nội vụ", "CẢI CÁCH THỂ CHẾ")] == [0] * 6


def test_reading_features_of_a_cell_with_one_unsure_word_and_one_non_syllable():
    r = cc.Reading("Báo cáo kêt qủa xyzt", (0.96, 0.95, 0.50, 0.91, 0.40), 0.62, reread=True, page_marked=True)
    f = cc.reading_features(r)
    assert f["min_word"] == pytest.approx(0.40)
    assert f["mean_word"] == pytest.approx((0.96 + 0.95 + 0.50 + 0.91 + 0.40) / 5)
    assert f["low_words"] == 2.0
    assert f["invalid_words"] == 3.0  # "kêt", "qủa", "xyzt" are no syllables
    assert f["invalid_share"] == pytest.approx(3 / 5)
    assert (f["reread"], f["page_marked"], f["readings_disagree"]) == (1.0, 1.0, 0.0)


def test_the_shipped_model_was_fitted_on_tune_never_on_the_held_out_split_and_names_its_features():
    from bench import scangen

    data = json.loads(cc.MODEL_FILE.read_text(encoding="utf-8"))
    splits = data["fitted"]["split"].split("+")
    assert splits[0] == "tune" and set(splits) <= set(scangen.SPLITS)
    assert scangen.SPLITS[-1] not in splits  # the newest held-out split, the one `make bench` scores
    assert data["fitted"]["by"].startswith("python -m bench.cell_confidence_fit")
    assert data["reading"]["features"] == list(cc.READING_FEATURES)
    assert data["cell"]["features"] == list(cc.CELL_FEATURES)
    assert 0.0 < data["threshold"] < 1.0


def test_trees_add_the_value_of_the_leaf_each_cell_falls_in():
    # x goes left when x[feature] <= threshold; a node whose left is -1 is a leaf
    m = cc.model_from_dict({"kind": "trees", "features": ["a", "b"], "base": 0.5, "trees": [
        [[0, 1.0, 1, 2, 0.0], [0, 0.0, -1, -1, -1.0], [1, 3.0, 3, 4, 0.0], [0, 0.0, -1, -1, 2.0],
         [0, 0.0, -1, -1, 4.0]],
        [[1, 0.0, 1, 2, 0.0], [0, 0.0, -1, -1, 0.25], [0, 0.0, -1, -1, -0.25]]]})
    assert isinstance(m, cc.TreeModel)
    assert m.logit({"a": 1.0, "b": 9.0}) == pytest.approx(0.5 - 1.0 - 0.25)  # a on the threshold goes left
    assert m.logit({"a": 2.0, "b": 3.0}) == pytest.approx(0.5 + 2.0 - 0.25)
    assert m.logit({"a": 2.0, "b": -1.0}) == pytest.approx(0.5 + 2.0 + 0.25)
    assert m.logit({"a": 2.0, "b": 3.5}) == pytest.approx(0.5 + 4.0 - 0.25)
    assert isinstance(cc.model_from_dict(cc.load_model().reading.as_dict()), cc.LinearModel)


def test_the_fitted_trees_written_out_predict_what_scikit_learn_predicts():
    np = pytest.importorskip("numpy")
    sklearn_ensemble = pytest.importorskip("sklearn.ensemble")
    from bench.cell_confidence_fit import TREES, _trees_logit, fit_trees, model_json

    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 3))
    y = ((x[:, 0] * x[:, 1] + 0.3 * rng.normal(size=600)) > 0).astype(float)  # no linear model's pattern
    trees = fit_trees(x, y)
    want = sklearn_ensemble.HistGradientBoostingClassifier(**TREES).fit(x, y).decision_function(x)
    assert np.abs(_trees_logit(trees, x) - want).max() < 1e-9
    text = model_json({"cell": {"features": ["a", "b", "c"], **trees}})
    assert text.count("\n") < len(trees["trees"]) + 20  # a tree a line
    model = cc.model_from_dict(json.loads(text)["cell"])
    got = np.array([model.logit(dict(zip("abc", row))) for row in x])
    assert np.abs(got - want).max() < 1e-4  # leaf values kept to six digits
    assert ((got > 0) == (y > 0)).mean() > 0.8


def test_a_clean_reading_is_sure_and_a_garbled_one_doubtful():
    clean = cc.Reading("Kế hoạch cải cách hành chính", (0.96, 0.95, 0.94, 0.96, 0.95, 0.93), 0.95)
    garbled = cc.Reading("S0 D) RA ti E5", (0.41, 0.30, 0.55, 0.62, 0.20), 0.2)
    assert cc.reading_confidence(clean) > 0.9 > cc.reading_confidence(garbled)
    # the reading is one step: the cell's confidence, after the correction, flags it
    from normalizers.lm_build import default_model

    def settled(r: cc.Reading, implausible: bool) -> float:
        features = cc.cell_features(cc.reading_confidence(r), r.text, r.text, 1.0, implausible, "task", 1,
                                    default_model())
        return cc.cell_confidence(features)
    assert settled(clean, False) > cc.DOUBTFUL_BELOW > settled(garbled, True)


def test_the_chosen_threshold_becomes_doubtful_below():
    import dataclasses

    m = cc.load_model()
    feats = {f: 0.0 for f in cc.CELL_FEATURES}

    def giving(p: float) -> cc.ConfidenceModel:  # a cell model whose P(right) is p for every cell
        return dataclasses.replace(m, cell=cc.TreeModel(cc.CELL_FEATURES, cc.logit(p), (((0, 0.0, -1, -1, 0.0),),)))
    # a cell whose P(right) is exactly the threshold chosen on TUNE gets DOUBTFUL_BELOW
    assert cc.cell_confidence(feats, giving(m.threshold)) == pytest.approx(cc.DOUBTFUL_BELOW)
    assert cc.cell_confidence(feats, giving(m.threshold + 0.01)) > cc.DOUBTFUL_BELOW
    assert cc.cell_confidence(feats, giving(m.threshold - 0.01)) < cc.DOUBTFUL_BELOW


def test_evidence_is_written_only_when_asked(tmp_path, monkeypatch):
    log = tmp_path / "evidence.jsonl"
    monkeypatch.delenv(cc.EVIDENCE_ENV, raising=False)
    cc.record("reading", page=1)
    assert not log.exists()
    monkeypatch.setenv(cc.EVIDENCE_ENV, str(log))
    cc.record("reading", page=1, text="Sở")
    cc.record("cell", page=2)
    assert [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] == [
        {"kind": "reading", "page": 1, "text": "Sở"}, {"kind": "cell", "page": 2}]


def _ocr_row(task_piece: dict, **fields) -> PlanRow:
    return PlanRow(task="Tổ chức tập huấn", lead_text="Sở Nội vụ", method="ocr", confidence=0.4,
                   cell_boxes={"task": [task_piece],
                               "lead_text": [{"page": 1, "bbox": [300.0, 10.0, 380.0, 40.0], "confidence": 0.97}]},
                   **fields)


def test_a_piece_shared_by_filled_down_rows_is_settled_once_and_penalties_stay():
    from pipeline.confidence import settle_confidences

    box = {"page": 1, "bbox": [10.0, 10.0, 200.0, 90.0], "confidence": 0.95}
    alone = _ocr_row(dict(box))
    settle_confidences([alone], {})
    shared = dict(box)
    a, b = _ocr_row(shared), _ocr_row(shared)  # one merged cell filled down to two rows
    # b was stitched across a page break by its text (as extractors.table builds such a row)
    b.confidence = b.build_penalty = HEURISTIC_STITCH_CONFIDENCE
    settle_confidences([a, b], {})
    assert shared["confidence"] == alone.cell_boxes["task"][0]["confidence"]  # not settled twice
    assert a.confidence == min(p[0]["confidence"] for p in a.cell_boxes.values())
    assert b.confidence == min(HEURISTIC_STITCH_CONFIDENCE, a.confidence)


def test_a_correction_that_changed_words_and_left_a_non_word_lowers_the_cell():
    from pipeline.confidence import settle_confidences

    plain = _ocr_row({"page": 1, "bbox": [10.0, 10.0, 200.0, 90.0], "confidence": 0.95})
    fixed = _ocr_row({"page": 1, "bbox": [10.0, 10.0, 200.0, 90.0], "confidence": 0.95}, note="xyzt qqw")
    fixed.cell_boxes["note"] = [{"page": 1, "bbox": [400.0, 10.0, 480.0, 40.0], "confidence": 0.95}]
    plain.note = "Báo cáo năm"
    plain.cell_boxes["note"] = [{"page": 1, "bbox": [400.0, 10.0, 480.0, 40.0], "confidence": 0.95}]
    settle_confidences([plain], {(id(plain), "note"): ("Báo cáo năm", 1.0, False)})
    settle_confidences([fixed], {(id(fixed), "note"): ("xyzt qqm", 0.3, True)})
    assert fixed.cell_boxes["note"][0]["confidence"] < plain.cell_boxes["note"][0]["confidence"]
    assert fixed.cell_boxes["note"][0]["confidence"] < cc.DOUBTFUL_BELOW


def test_digital_rows_keep_confidence_one():
    from pipeline.stages import normalize_rows

    row = PlanRow(task="Tổ chức tập huấn", lead_text="Sở Nội vụ", method="text_layer",
                  cell_boxes={"task": [{"page": 1, "bbox": [10.0, 10.0, 200.0, 90.0], "confidence": 1.0}]})
    normalize_rows([row])
    assert row.confidence == 1.0 and row.cell_boxes["task"][0]["confidence"] == 1.0
