"""The scan generator (bench/scangen.py, bench/degrade.py): each degradation does what it
says, deterministically for a seed, and the TUNE / HELD-OUT split shares nothing.

Small synthetic pages (a few hundred px) at a low dpi keep these fast."""
from __future__ import annotations

import dataclasses
import itertools
import json
import math

import cv2
import numpy as np
import pytest

from bench import degrade, fonts, scangen
from extractors.scan import estimate_skew
from tests.conftest import CORPUS, PLANS

DPI = 100  # a 35–42 mm seal is 138–165 px across


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def ruled_page(h: int = 400, w: int = 600) -> np.ndarray:
    """A white page with a ruled table and dark 'words'."""
    page = np.full((h, w), 255, np.uint8)
    for y in range(40, h - 30, 60):
        cv2.line(page, (30, y), (w - 30, y), 0, 2)
    for x in (30, w // 3, 2 * w // 3, w - 30):
        cv2.line(page, (x, 40), (x, 40 + 60 * ((h - 70) // 60)), 0, 2)
    for y in range(65, h - 60, 60):
        for x in (45, w // 3 + 15, 2 * w // 3 + 15):
            cv2.putText(page, "Ban hanh", (x, y), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 0, 2)
    return page


def blank(h: int = 400, w: int = 600) -> np.ndarray:
    return np.full((h, w), 255, np.uint8)


#: name → the degradation with its parameters, returning the page only.
DEGRADATIONS = {
    "skew": lambda g, r: degrade.skew(g, r, 3.0)[0],
    "blur": lambda g, r: degrade.blur(g, r, 1.0),
    "gaussian_noise": lambda g, r: degrade.gaussian_noise(g, r, 8.0),
    "speckle": lambda g, r: degrade.speckle(g, r, 5e-4),
    "illumination": lambda g, r: degrade.illumination(g, r, 0.3)[0],
    "photocopy": lambda g, r: degrade.photocopy(g, r, 220, 70, 1, 0.03, 3),
    "seal": lambda g, r: degrade.seal(g, r, DPI)[0],
    "edge_seal": lambda g, r: degrade.edge_seal(g, r, DPI)[0],
    "signature": lambda g, r: degrade.signature(g, r, DPI)[0],
    "bleed_through": lambda g, r: degrade.bleed_through(g, r, np.fliplr(ruled_page()), 0.15),
    "phone_photo": lambda g, r: degrade.phone_photo(g, r, 5.0)[0],
}


@pytest.mark.parametrize("name", sorted(DEGRADATIONS))
def test_degradation_is_deterministic_for_a_seed(name):
    page = ruled_page()
    before = page.copy()
    f = DEGRADATIONS[name]
    a, b, c = f(page, rng(7)), f(page, rng(7)), f(page, rng(8))
    assert a.dtype == np.uint8 and a.shape == page.shape
    assert a.tobytes() == b.tobytes()
    assert a.tobytes() != c.tobytes()
    assert np.array_equal(page, before)  # the input is left as it was


def test_jpeg_depends_on_quality_only():
    page = degrade.gaussian_noise(ruled_page(), rng(), 6.0)
    assert degrade.jpeg(page, rng(1), 55).tobytes() == degrade.jpeg(page, rng(2), 55).tobytes()
    assert degrade.jpeg(page, rng(1), 55).tobytes() != degrade.jpeg(page, rng(1), 85).tobytes()


def test_jpeg_quality_lowers_file_size():
    page = degrade.gaussian_noise(ruled_page(), rng(), 6.0)
    sizes = [len(degrade.encode_jpeg(page, q)) for q in (40, 65, 90)]
    assert sizes[0] < sizes[1] < sizes[2]
    assert sizes[0] < 0.6 * sizes[2]


@pytest.mark.parametrize("seed", range(6))
def test_skew_is_recovered_by_the_pipeline_estimate(seed):
    page = blank(600, 900)
    for y in range(60, 560, 50):
        cv2.line(page, (40, y), (860, y), 0, 2)
    skewed, angle = degrade.skew(page, rng(seed), 3.0)
    assert abs(angle) <= 3.0
    # estimate_skew gives the rotation that straightens the page: minus the skew
    assert estimate_skew(skewed) == pytest.approx(-angle, abs=0.15)


def test_skew_min_angle_forces_an_extreme():
    angles = [degrade.skew(blank(50, 50), rng(s), 3.0, 2.2)[1] for s in range(20)]
    assert all(2.2 <= abs(a) <= 3.0 for a in angles)
    assert {a > 0 for a in angles} == {True, False}


def test_blur_softens_edges():
    page = ruled_page()
    sharp = np.abs(np.diff(page.astype(int), axis=0)).max()
    soft = np.abs(np.diff(degrade.blur(page, rng(), 1.5).astype(int), axis=0)).max()
    assert sharp == 255 and soft < 160


def test_gaussian_noise_has_the_given_sigma():
    page = np.full((300, 300), 128, np.uint8)
    diff = degrade.gaussian_noise(page, rng(), 8.0).astype(float) - 128
    assert abs(diff.mean()) < 0.2 and diff.std() == pytest.approx(8.0, rel=0.05)


def test_speckle_adds_dark_specks_on_paper_and_holes_in_ink():
    page = blank()
    page[:, :300] = 0  # left half solid ink
    out = degrade.speckle(page, rng(), 5e-4)
    specks = int((out[:, 300:] < 128).sum())
    holes = int((out[:, :300] > 128).sum())
    n = 5e-4 * page.size  # 120 specks and 120 holes over the whole page
    assert 0.3 * n / 2 < specks < 13 * n / 2  # radius 0..2: 1 to 13 px each
    assert 0.5 * n / 2 < holes < 1.5 * n / 2


def test_illumination_darkens_the_binding_edge():
    out, edge = degrade.illumination(blank(), rng(), 0.3, edge="left")
    assert edge == "left"
    left, right = out[:, :20].mean(), out[:, -20:].mean()
    assert left < 205 and right > 245 and left < right - 40
    _, drawn = degrade.illumination(blank(), rng(3), 0.3)
    assert drawn in ("left", "right", "top", "bottom")


def test_photocopy_lowers_contrast_and_thickens_or_breaks_strokes():
    page = ruled_page()
    copy = degrade.photocopy(page, rng(), paper=220, ink=70)
    assert np.median(copy[page == 255]) == pytest.approx(220 - 6, abs=7)  # blotchy toner: 0–12 darker
    assert copy[page == 0].min() >= 69
    assert np.percentile(copy, 99) - np.percentile(copy, 1) < 0.65 * (np.percentile(page, 99) - np.percentile(page, 1))
    ink = (page < 128).sum()
    thick = (degrade.photocopy(page, rng(), 255, 0, morph=1) < 128).sum()
    broken = (degrade.photocopy(page, rng(), 255, 0, dropout=0.05) < 128).sum()
    assert thick > 1.3 * ink and broken < 0.99 * ink
    ink_px = page == 0  # thinning fades the strokes' edges
    same = degrade.photocopy(page, rng(), 255, 0)[ink_px].mean()
    assert degrade.photocopy(page, rng(), 255, 0, morph=-1)[ink_px].mean() > same + 30
    hairline = np.full((60, 60), 255, np.uint8)
    hairline[30, :] = 0
    faded = degrade.photocopy(hairline, rng(), 255, 0, morph=-1)
    assert 60 < faded[30, 5:-5].max() < 200  # a 1-px rule turns grey, it is not erased


def test_seal_is_a_mid_grey_double_ring_where_placed():
    page = blank()
    page[195:205, 150:450] = 0  # a black bar of text under the seal
    out, (x, y, r) = degrade.seal(page, rng(1), DPI, centre=(300, 200))
    assert (x, y) == (300, 200)
    assert round(35 / 25.4 * DPI / 2) - 1 <= r <= round(42 / 25.4 * DPI / 2) + 1
    yy, xx = np.mgrid[0:400, 0:600]
    dist = np.hypot(xx - x, yy - y)
    paper = page == 255
    ring = out[(dist > r - 5) & (dist <= r) & paper]
    assert 105 <= ring.min() <= 170  # mid-grey: red ink on a grey scan, not black
    assert (ring < 200).mean() > 0.5  # an unbroken ring for the most part
    inner = out[(np.abs(dist - 0.66 * r) < 2) & paper]
    assert (inner < 220).mean() > 0.4  # the thin inner ring
    assert out[(dist > r + 4) & paper].min() == 255  # nothing outside the seal
    assert out[195:205, 150:450].max() == 0  # text under the seal stays black
    assert out[(dist < 0.1 * r) & paper].min() < 200  # the star


def test_seal_is_placed_over_the_middle_of_the_page():
    for s in range(5):
        _, (x, y, _) = degrade.seal(blank(), rng(s), DPI)
        assert 0.3 * 600 <= x <= 0.8 * 600 and 0.35 * 400 <= y <= 0.75 * 400


def test_edge_seal_marks_only_the_right_edge():
    for s in range(5):
        out, (x, y, r) = degrade.edge_seal(blank(), rng(s), DPI)
        cols = np.nonzero((out < 250).any(axis=0))[0]
        assert x >= 600  # the centre lies beyond the edge: only an arc is on the page
        assert cols.size and cols.max() == 599
        assert cols.min() >= 600 - 0.48 * 2 * r - 3
        assert 105 <= out.min() <= 170


def test_signature_ink_stays_in_its_box():
    box = (100, 50, 200, 80)
    out, got = degrade.signature(blank(), rng(2), DPI, box=box)
    assert got == box
    inked = out < 200
    assert inked[50:130, 100:300].sum() > 200
    inked[50:130, 100:300] = False
    assert not inked.any()
    _, (bx, by, bw, bh) = degrade.signature(blank(), rng(3), DPI)
    assert by + bh <= 400 and bx + bw <= 600 and by > 200  # drawn near the bottom


def test_bleed_through_is_a_faint_mirror_of_the_back():
    back = blank()
    back[:, :200] = 0  # ink on the left of the back ...
    out = degrade.bleed_through(blank(), rng(), back, 0.15)
    assert out[:, 430:].mean() < 225 and out[:, 430:].min() >= 255 * 0.85 - 1  # ... shows on the right, faintly
    assert out[:, :350].min() == 255


def test_phone_photo_keeps_the_page_inside_the_frame():
    page = blank(400, 600)
    for s in range(5):
        out, corners = degrade.phone_photo(page, rng(s), 5.0, vignette=0.3, shadow=0.3)
        assert (corners[:, 0] > 5).all() and (corners[:, 0] < 595).all()
        assert (corners[:, 1] > 5).all() and (corners[:, 1] < 395).all()
        top, bottom = corners[1, 0] - corners[0, 0], corners[2, 0] - corners[3, 0]
        assert top < bottom  # the top edge narrower
        for a, b in ((0, 3), (1, 2)):  # side edges lean by at most 5°
            dx, dy = corners[a] - corners[b]
            side = math.degrees(math.atan2(abs(dx), abs(dy)))
            assert side <= 5.0 + 1e-6
        border = np.concatenate([out[0], out[-1], out[:, 0], out[:, -1]])
        assert border.max() < 160  # the desk all around
        assert np.median(out[150:250, 250:350]) > 150  # the page in the middle


def test_conditions_split_shares_no_font_and_no_seed():
    splits = [scangen.conditions(s) for s in scangen.SPLITS]
    tune, held = splits[0], splits[1]
    assert sum(map(len, splits)) == len(scangen.CONDITIONS)
    for a, b in itertools.combinations(splits, 2):
        assert {c.font for c in a}.isdisjoint({c.font for c in b})
        assert {c.seed for c in a}.isdisjoint({c.seed for c in b})
    assert len({c.name for c in scangen.CONDITIONS}) == len(scangen.CONDITIONS)
    assert {"clean300", "clean200", "photocopy_stamp", "photocopy", "photo", "bleed"} <= {c.name for c in held}
    for c in scangen.CONDITIONS:
        assert c.split in scangen.SPLITS and c.font in fonts.FONT_FILES
        assert 9 <= c.size <= 13 and c.dpi in (150, 200, 240, 300) and 40 <= c.jpeg <= 90 and c.skew <= 3.0
    # TUNE has the same kinds as HELD-OUT, and the extremes
    assert any(c.photocopy and c.seal_every and c.edge_seal for c in tune)
    assert any(c.photo for c in tune) and any(c.bleed and c.signature for c in tune)
    assert max(c.skew for c in tune) == 3.0 and min(c.dpi for c in tune) == 150 and min(c.jpeg for c in tune) == 40


def test_heldout_conditions_as_specified():
    c = scangen.BY_NAME
    assert (c["clean300"].dpi, c["clean300"].skew, c["clean300"].jpeg) == (300, 0.4, 72)
    assert (c["clean200"].dpi, c["clean200"].skew, c["clean200"].jpeg) == (200, 0.7, 72)
    stamp = c["photocopy_stamp"]
    assert (stamp.dpi, stamp.skew, stamp.jpeg, stamp.seal_every, stamp.edge_seal) == (240, 1.8, 55, 3, True)
    assert stamp.illumination and stamp.speckle and stamp.photocopy
    assert dataclasses.replace(c["photocopy"], name=stamp.name, font=stamp.font, size=stamp.size,
                               seed=stamp.seed) == dataclasses.replace(stamp, seal_every=0, edge_seal=False)
    assert c["photo"].photo and c["photo"].photo.max_angle <= 5.0
    assert c["bleed"].bleed and c["bleed"].signature


def test_every_condition_font_covers_the_reference_plans():
    text = ""
    for plan in PLANS:
        for name in ("truth.json", "meta.json"):
            text += json.dumps(json.loads((CORPUS / plan / name).read_text(encoding="utf-8")), ensure_ascii=False)
    text += text.upper()
    for family in {c.font for c in scangen.CONDITIONS}:
        assert fonts.missing_characters(family, text) == set(), family
    assert fonts.missing_characters("LiberationSerif", "Ơ一") == {"一"}  # the check can fail


def test_page_degradation_is_seeded_by_condition_plan_and_page():
    page, back = ruled_page(500, 700), np.fliplr(ruled_page(500, 700))
    for cond in scangen.conditions("heldout"):
        a = scangen.degrade_page(page, back, cond, scangen.page_rng(cond, "planA", 0), 0)
        b = scangen.degrade_page(page, back, cond, scangen.page_rng(cond, "planA", 0), 0)
        c = scangen.degrade_page(page, back, cond, scangen.page_rng(cond, "planA", 1), 1)
        d = scangen.degrade_page(page, back, cond, scangen.page_rng(cond, "planB", 0), 0)
        assert a.tobytes() == b.tobytes(), cond.name
        assert a.tobytes() != c.tobytes() and a.tobytes() != d.tobytes(), cond.name


def test_image_only_pdf_page_size_follows_dpi(tmp_path):
    import pypdfium2

    jpegs = [degrade.encode_jpeg(ruled_page(400, 600), 70), degrade.encode_jpeg(ruled_page(300, 200), 70)]
    out = tmp_path / "scan.pdf"
    scangen.write_pdf(jpegs, 200, out)
    pdf = pypdfium2.PdfDocument(str(out))
    assert [tuple(round(v, 2) for v in pdf[k].get_size()) for k in range(len(pdf))] == [(216.0, 144.0), (72.0, 108.0)]
    assert all(pdf[k].get_textpage().count_chars() == 0 for k in range(len(pdf)))  # no text layer


def test_render_digital_takes_a_style_override(tmp_path):
    import pikepdf

    from bench import render

    _, meta = render.load_plan("plan2026")
    style = dataclasses.replace(render.plan_style("plan2026", meta), family="TeXGyreTermes", size=13.0)
    pages = render.render_digital("plan2026", tmp_path / "p.pdf", style=style)
    default = render.render_digital("plan2026", tmp_path / "d.pdf")
    with pikepdf.open(tmp_path / "p.pdf") as pdf:
        names = {str(f.get("/BaseFont")) for page in pdf.pages for f in page.Resources.Font.values()}
    # (reportlab lists its initial Helvetica on every page; nothing is drawn with it)
    assert {n.split("+")[-1] for n in names} - {"/Helvetica"} == \
        {"TeXGyreTermes-Regular", "TeXGyreTermes-Bold", "TeXGyreTermes-Italic"}
    assert pages > default  # 13 pt instead of the plan's own 11 pt: more pages


def test_words_a_word_processor_did_not_draw_are_counted():
    """LibreOffice drops lines of a merged cell a page break cuts, silently: the words of
    the plan's cells the drawn text holds fewer of are what was lost, each as often as
    it is missing (case folded; words drawn elsewhere, such as headers, are no loss)."""
    from bench.render import missing_words

    cells = ["sửa đổi, bổ sung hoặc thay thế, bãi bỏ", "Sở Tư pháp", "Sở Nội vụ"]
    drawn = "Stt Nội dung sửa đổi, bổ sung hoặc Sở Tư pháp Sở Nội vụ Kinh phí"
    assert dict(missing_words(cells, drawn)) == {"thay": 1, "thế": 1, "bãi": 1, "bỏ": 1}
    assert not missing_words(cells, drawn + " THAY THẾ, BÃI BỎ")
    assert dict(missing_words(cells, drawn.replace("Sở Nội vụ", "Nội vụ") + " thay thế bãi bỏ")) == {"sở": 1}


def test_words_drawn_over_others_are_found():
    """LibreOffice runs a cut cell's last lines past its foot, over the next row's first
    words: boxes that share a third of the smaller one's area are drawn over each other;
    words side by side on a line, touching or kerned by a sliver, are not."""
    from bench.render import overdrawn_pairs

    def word(text, x0, x1, top):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 10}

    line = [word("hệ", 100, 112, 500), word("thống", 113, 140, 500), word("pháp", 139.5, 160, 500)]
    assert overdrawn_pairs(line) == []
    below = [word("1.3.", 100, 118, 503), word("Đổi", 120, 135, 503), word("mới,", 140, 160, 520)]
    assert overdrawn_pairs(line + below) == [("hệ", "1.3."), ("thống", "Đổi")]


def test_a_relayout_condition_prints_another_provinces_layout_in_its_font(tmp_path):
    """`layout="relayout"`: the rows through LibreOffice in another province's layout (A4
    portrait, a budget column, open sides), set in the condition's font and size."""
    import subprocess

    cond = scangen.Condition("relayout_test", "tune", "ComfortaaLight", 10, 60, 1, skew=0.0, blur=0.0, noise=0.0,
                             jpeg=80, layout="relayout")
    pages = scangen.printed_pages("plan2025h2", cond, tmp_path)
    assert pages and all(p.shape[0] > p.shape[1] for p in pages)  # portrait, like the relayout variant
    fonts_used = subprocess.run(["pdffonts", str(tmp_path / "digital.pdf")], capture_output=True, text=True).stdout
    assert "Comfortaa-Light" in fonts_used
    with pytest.raises(ValueError, match="unknown layout"):
        scangen.printed_pages("plan2025h2", dataclasses.replace(cond, layout="sideways"), tmp_path)
