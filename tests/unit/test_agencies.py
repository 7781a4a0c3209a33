"""normalizers.agencies: registry, cell resolution, spaCy finder, lineage view.

Each test names the failure it guards against. The labelled set is
tests/corpus/mentions.json (see tests/corpus/MENTIONS.md)."""
from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from normalizers.agencies import resolve_cell
from normalizers.agency_finder import find_mentions
from normalizers.agency_keys import key_of
from normalizers.agency_registry import (
    KINDS, LEVELS, REGISTRY_CSV, current_id, lineage_sql, load_registry, registry_frame, write_registry,
)

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PLAN_DATES = {"plan2021_2030": dt.date(2021, 1, 1), "plan2025h2": dt.date(2025, 7, 19),
              "plan2026": dt.date(2025, 12, 3)}
D2022, D2026 = dt.date(2022, 5, 1), dt.date(2026, 1, 15)


def ids(text: str, on: dt.date | None = None) -> list[str | None]:
    return [m.agency_id for m in resolve_cell(text, on)]


# --------------------------------------------------------------------------- the "và" trap

@pytest.mark.parametrize("cell, expected", [
    ("Sở Kế hoạch và Đầu tư và UBND các huyện, thành phố", ["so-ke-hoach-dau-tu", "ubnd-cap-huyen"]),
    ("Sở Thông tin và Truyền thông, Sở Tài chính và UBND các huyện, thành phố",
     ["so-thong-tin-truyen-thong", "so-tai-chinh", "ubnd-cap-huyen"]),
    ("Báo và Đài Phát thanh - Truyền hình tỉnh; các sở, ban, ngành; UBND cấp xã",
     ["bao-va-phat-thanh-truyen-hinh", "cac-so-ban-nganh", "ubnd-cap-xa"]),
    ("Đài Phát thanh và Truyền hình", ["dai-phat-thanh-truyen-hinh"]),
    ("Sở Khoa học và Công nghệ; Các sở, ban, ngành; UBND cấp xã",
     ["so-khoa-hoc-cong-nghe", "cac-so-ban-nganh", "ubnd-cap-xa"]),
    ("Sở Nội vụ và Sở Tư pháp", ["so-noi-vu", "so-tu-phap"]),
    ("Sở Giáo dục và Đào tạo", ["so-giao-duc-dao-tao"]),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", ["ban-tuyen-giao-dan-van-tinh-uy"]),
    # commas inside a group name are not separators either
    ("Các sở, ban, ngành, UBND các huyện, thành phố, UBND các xã, phường, thị trấn",
     ["cac-so-ban-nganh", "ubnd-cap-huyen", "ubnd-cap-xa"]),
])
def test_va_and_commas_inside_names_do_not_split(cell, expected):
    assert ids(cell) == expected


def test_va_splitting_is_driven_by_the_registry_not_by_code(tmp_path):
    """A name with "và" that the registry does not know is not silently split into two
    agencies; adding a registry row (no code change) makes it one mention."""
    cell = "Hội Văn học và Nghệ thuật"
    assert [m.method for m in resolve_cell(cell)] == ["unresolved"]
    reg = tmp_path / "agencies.csv"
    rows = list(csv.DictReader(REGISTRY_CSV.open(encoding="utf-8")))
    rows.append({**{k: "" for k in rows[0]}, "agency_id": "hoi-van-hoc-nghe-thuat", "name": "Hội Văn học và Nghệ thuật",
                 "kind": "committee", "level": "province", "source": "test"})
    with reg.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    got = resolve_cell(cell, registry=reg)
    assert [(m.agency_id, m.method, m.mention) for m in got] == [("hoi-van-hoc-nghe-thuat", "exact", cell)]


# --------------------------------------------------------------------------- shared heads

def test_shared_head_ubnd_cap_huyen_cap_xa_gives_two_groups():
    got = resolve_cell("UBND cấp huyện, cấp xã")
    assert [(m.mention, m.agency_id, m.method) for m in got] == [
        ("UBND cấp huyện", "ubnd-cap-huyen", "group"), ("cấp xã", "ubnd-cap-xa", "group")]
    assert got[1].score == 0.95


def test_shared_head_so_noi_vu_tu_phap():
    assert ids("Sở Nội vụ, Tư pháp") == ["so-noi-vu", "so-tu-phap"]


def test_name_and_generic_joined_by_va_gives_two():
    got = resolve_cell("Sở Tư pháp và các cơ quan, đơn vị có liên quan")
    assert [(m.mention, m.agency_id, m.method) for m in got] == [
        ("Sở Tư pháp", "so-tu-phap", "exact"),
        ("các cơ quan, đơn vị có liên quan", "co-quan-lien-quan", "generic")]


def test_dashed_list_cell():
    assert ids("- Sở, ban, ngành; - UBND cấp huyện; - UBND cấp xã") == [
        "cac-so-ban-nganh", "ubnd-cap-huyen", "ubnd-cap-xa"]


def test_no_split_inside_expanded_abbreviation():
    """OCR "tỉnh và UBND…" once matched "tỉnh và ủy" to Tỉnh ủy (half of UBND's expansion)."""
    assert ids("Sở, ban, ngành cua tỉnh và UBND cấp huyệri") == ["cac-so-ban-nganh", "ubnd-cap-huyen"]


# --------------------------------------------------------------------------- abbreviations

@pytest.mark.parametrize("cell, expected, method", [
    ("VP UBND tỉnh", "van-phong-ubnd-tinh", "alias"),
    ("Văn phòng UBND tỉnh", "van-phong-ubnd-tinh", "exact"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "van-phong-ubnd-tinh", "exact"),
    ("Sở TT&TT", "so-thong-tin-truyen-thong", "exact"),
    ("Sở KH&ĐT", "so-ke-hoach-dau-tu", "exact"),
    ("Trung tâm PVHCC", "trung-tam-pvhcc-tinh", "alias"),
    ("Đài PTTH", "dai-phat-thanh-truyen-hinh", "exact"),
    ("CA tỉnh", "cong-an-tinh", "exact"),
    ("HĐND tỉnh", "hdnd-tinh", "exact"),
])
def test_abbreviations_expand_from_data_file(cell, expected, method):
    got = resolve_cell(cell)
    assert [(m.agency_id, m.method) for m in got] == [(expected, method)]


def test_case_sensitive_abbreviation_ca_is_not_ca_word():
    """"cả tỉnh" folds to "ca tinh": it must not become Công an tỉnh."""
    assert [m.agency_id for m in find_mentions("Thực hiện trong cả tỉnh; CA tỉnh phối hợp")] == ["cong-an-tinh"]
    assert ids("cả tỉnh") == [None]


def test_key_of_expands_and_folds():
    assert key_of("VP UBND tỉnh") == key_of("Văn phòng Ủy ban nhân dân tỉnh") == (
        "van", "phong", "uy", "ban", "nhan", "dan", "tinh")


# --------------------------------------------------------------------------- dates and successors

def test_department_merged_in_2025_is_valid_in_2022_and_flagged_in_2026():
    old = resolve_cell("Sở Thông tin và Truyền thông", D2022)
    new = resolve_cell("Sở Thông tin và Truyền thông", D2026)
    assert [(m.agency_id, m.flagged) for m in old] == [("so-thong-tin-truyen-thong", False)]
    assert [(m.agency_id, m.flagged) for m in new] == [("so-thong-tin-truyen-thong", True)]
    assert current_id("so-thong-tin-truyen-thong") == "so-khoa-hoc-cong-nghe"


@pytest.mark.parametrize("day, expected", [
    (dt.date(2025, 2, 28), "so-nong-nghiep-ptnt"),
    (dt.date(2025, 3, 1), "so-nong-nghiep-moi-truong"),
])
def test_shared_alias_picks_the_entity_valid_on_the_date(day, expected):
    got = resolve_cell("Sở Nông nghiệp", day)
    assert [(m.agency_id, m.flagged) for m in got] == [(expected, False)]


def test_district_committees_end_on_1_july_2025():
    assert resolve_cell("UBND cấp huyện", dt.date(2025, 6, 30))[0].flagged is False
    assert resolve_cell("UBND cấp huyện", dt.date(2025, 7, 1))[0].flagged is True


@pytest.mark.parametrize("old, new", [
    ("so-ke-hoach-dau-tu", "so-tai-chinh"),
    ("so-thong-tin-truyen-thong", "so-khoa-hoc-cong-nghe"),
    ("so-giao-thong-van-tai", "so-xay-dung"),
    ("so-tai-nguyen-moi-truong", "so-nong-nghiep-moi-truong"),
    ("so-nong-nghiep-ptnt", "so-nong-nghiep-moi-truong"),
    ("so-lao-dong-tbxh", "so-noi-vu"),
    ("ubnd-tinh-ha-nam", "ubnd-tinh"),
    ("ubnd-tinh-nam-dinh", "ubnd-tinh"),
])
def test_2025_mergers_in_registry(old, new):
    by_id = {a.agency_id: a for a in load_registry()}
    assert by_id[old].successor_id == new
    assert by_id[old].valid_to is not None and by_id[old].valid_to < dt.date(2025, 7, 1)
    assert by_id[new].valid_to is None


def test_lineage_view_rolls_2022_row_up_to_todays_department():
    con = duckdb.connect()
    assert write_registry(con) == write_registry(con) == len(load_registry())   # idempotent
    con.execute("CREATE TABLE plan_rows(plan VARCHAR, lead_id VARCHAR)")
    con.execute("INSERT INTO plan_rows VALUES ('2022', 'so-thong-tin-truyen-thong'), ('2026', 'so-khoa-hoc-cong-nghe')")
    got = con.execute("""SELECT l.current_id, count(*) FROM plan_rows r
                         JOIN agency_lineage l ON l.agency_id = r.lead_id GROUP BY 1""").fetchall()
    assert got == [("so-khoa-hoc-cong-nghe", 2)]


def test_lineage_view_follows_chains_longer_than_one():
    con = duckdb.connect()
    con.execute("CREATE TABLE agencies(agency_id VARCHAR, successor_id VARCHAR)")
    con.execute("INSERT INTO agencies VALUES ('a', 'b'), ('b', 'c'), ('c', NULL), ('x', 'y'), ('y', 'x')")
    con.execute(lineage_sql())
    got = dict((a, (c, d)) for a, c, d in con.execute("SELECT * FROM agency_lineage").fetchall())
    assert got["a"] == ("c", 2) and got["b"] == ("c", 1) and got["c"] == ("c", 0)
    assert got["x"][1] == 32   # a cycle is cut, not looped forever


def test_registry_frame_has_table_columns():
    frame = registry_frame()
    assert list(frame.columns) == ["agency_id", "name", "short_name", "aliases", "kind", "level", "parent_id",
                                   "valid_from", "valid_to", "successor_id"]
    row = frame.set_index("agency_id").loc["so-ke-hoach-dau-tu"]
    assert row["valid_to"] == dt.date(2025, 2, 28) and row["valid_from"] is None


# --------------------------------------------------------------------------- OCR noise and stripped text

@pytest.mark.parametrize("cell, expected", [
    ("SoNoI vy", ["so-noi-vu"]),
    ("Sở Nộl vụ", ["so-noi-vu"]),
    ("Vari phòngUBND tỉnh", ["van-phong-ubnd-tinh"]),
    ("Các sở, ban, ngành; UBNDcấp huyện", ["cac-so-ban-nganh", "ubnd-cap-huyen"]),
    ("Các s&, bari, rigàNh; UBND cấp xã", ["cac-so-ban-nganh", "ubnd-cap-xa"]),
    ("Sở TboNg tIn và Trvyềri thôrig", ["so-thong-tin-truyen-thong"]),
    ("ở Nội vụ", ["so-noi-vu"]),   # one edit from Sở and from Bộ Nội vụ: the provincial body wins
])
def test_ocr_noise_is_resolved_by_fuzzy_matching(cell, expected):
    got = resolve_cell(cell)
    assert [m.agency_id for m in got if m.agency_id] == expected
    assert all(m.method in ("fuzzy", "group") for m in got if m.agency_id)


@pytest.mark.parametrize("cell", ["Sở Ngoại vụ", "Bộ Tư pháp", "Hội Nông dân tỉnh", "Thanh tra Chính phủ"])
def test_near_homographs_are_not_fuzzy_matched_to_another_agency(cell):
    """Before these were in the registry, fuzzy matching turned Sở Ngoại vụ into Sở Nội
    vụ, Bộ Tư pháp into Sở Tư pháp, Hội Nông dân into HĐND."""
    got = resolve_cell(cell)
    assert len(got) == 1 and got[0].method in ("exact", "alias") and got[0].mention == cell


@pytest.mark.parametrize("cell", ["Phòng Tư pháp", "Hội Khuyến học", "Người dân, doanh nghiệp"])
def test_unknown_bodies_stay_unresolved(cell):
    got = resolve_cell(cell)
    assert [(m.agency_id, m.method, m.mention) for m in got] == [(None, "unresolved", cell)]


@pytest.mark.parametrize("cell, expected", [
    ("So Noi vu", ["so-noi-vu"]),
    ("Van phong UBND tinh; So Thong tin va Truyen thong", ["van-phong-ubnd-tinh", "so-thong-tin-truyen-thong"]),
    ("Cac so, ban, nganh; UBND cap xa", ["cac-so-ban-nganh", "ubnd-cap-xa"]),
    ("Bao va Dai Phat thanh - Truyen hinh tinh", ["bao-va-phat-thanh-truyen-hinh"]),
    ("So KH&DT", ["so-ke-hoach-dau-tu"]),
])
def test_stripped_text_resolves_exactly(cell, expected):
    got = resolve_cell(cell)
    assert [m.agency_id for m in got] == expected
    assert all(m.score == 1.0 for m in got)


# --------------------------------------------------------------------------- groups and generic

@pytest.mark.parametrize("cell, agency_id, method", [
    ("Các sở, ban, ngành", "cac-so-ban-nganh", "group"),
    ("Ủy ban nhân dân cấp huyện", "ubnd-cap-huyen", "group"),
    ("UBND cấp xã", "ubnd-cap-xa", "group"),
    ("các huyện, thành phố", "ubnd-cap-huyen", "group"),
    ("Các cơ quan, đơn vị có liên quan", "co-quan-lien-quan", "generic"),
    ("Cơ quan, đơn vị được kiểm tra", "co-quan-duoc-kiem-tra", "generic"),
])
def test_groups_and_generic_are_recorded_not_errors(cell, agency_id, method):
    got = resolve_cell(cell)
    assert [(m.agency_id, m.method, m.flagged) for m in got] == [(agency_id, method, False)]


def test_mention_offsets_point_into_the_text():
    text = "Sở Tài chính, các Sở, ban, ngành, UBND cấp huyện"
    for m in resolve_cell(text):
        assert text[m.start:m.end] == m.mention


# --------------------------------------------------------------------------- labelled set

def _labelled() -> list[dict]:
    return json.loads((CORPUS / "mentions.json").read_text(encoding="utf-8"))


def test_labelled_set_covers_every_lead_and_coord_cell():
    items = _labelled()
    assert sum(len(i["expected"]) for i in items) >= 150
    cells = {(i["plan"], i["row"], i["field"]): i["cell"] for i in items}
    for plan in PLAN_DATES:
        truth = json.loads((CORPUS / plan / "truth.json").read_text(encoding="utf-8"))
        for row, r in enumerate(truth):
            for field in ("lead_text", "coord_text"):
                assert cells.get((plan, row, field), "") == r[field]
    known = {a.agency_id for a in load_registry()}
    assert {x for i in items for x in i["expected"]} <= known


def test_every_labelled_cell_resolves_exactly_on_its_plan_date():
    """Golden check on the clean text: the same ids in the same order, nothing
    unresolved, nothing flagged (the registry's dates agree with the names each plan uses)."""
    wrong = []
    for it in _labelled():
        got = resolve_cell(it["cell"], PLAN_DATES[it["plan"]])
        if [m.agency_id for m in got] != it["expected"] or any(m.flagged for m in got):
            wrong.append((it["plan"], it["row"], it["field"], it["cell"], got))
    assert wrong == []


# --------------------------------------------------------------------------- registry integrity

def test_registry_is_well_formed():
    reg = load_registry()
    by_id = Counter(a.agency_id for a in reg)
    assert [k for k, n in by_id.items() if n > 1] == []
    for a in reg:
        assert a.kind in KINDS, a
        assert a.level in LEVELS, a
        assert a.name and a.source, a
        for ref in (a.parent_id, a.successor_id):
            assert ref is None or ref in by_id, (a.agency_id, ref)
        if a.valid_from and a.valid_to:
            assert a.valid_from <= a.valid_to
        if a.valid_from or a.valid_to:   # a date must say where it comes from
            assert any(w in a.source for w in ("Nghị định", "Nghị quyết", "Luật", "plan text")), a.agency_id


def test_registry_keys_only_collide_where_a_date_decides():
    """Two agencies may share a key only when their validity does not overlap
    (e.g. "Sở Nông nghiệp" before and after 1 March 2025)."""
    reg = load_registry()
    owners: dict[tuple[str, ...], set[str]] = {}
    for a in reg:
        for s in a.surfaces():
            owners.setdefault(key_of(s), set()).add(a.agency_id)
    by_id = {a.agency_id: a for a in reg}
    for key, agency_ids in owners.items():
        if len(agency_ids) > 1:
            x, y = sorted(agency_ids, key=lambda i: by_id[i].valid_from or dt.date.min)
            assert by_id[x].valid_to is not None and by_id[y].valid_from is not None
            assert by_id[x].valid_to < by_id[y].valid_from, key


# --------------------------------------------------------------------------- spaCy finder

def test_find_mentions_in_plan2025h2_narrative():
    text = (CORPUS / "plan2025h2" / "narrative.txt").read_text(encoding="utf-8")
    got = find_mentions(text, dt.date(2025, 7, 19))
    found = {m.agency_id for m in got}
    assert {"so-noi-vu", "so-tai-chinh", "so-tu-phap", "so-khoa-hoc-cong-nghe", "bao-va-phat-thanh-truyen-hinh",
            "van-phong-ubnd-tinh", "ubnd-tinh", "hdnd-tinh", "uy-ban-mttq-tinh", "trung-tam-pvhcc-tinh",
            "trung-tam-pvhcc-xa", "bo-noi-vu", "cac-so-ban-nganh", "co-quan-lien-quan"} <= found
    assert not any(m.flagged for m in got)
    # "Văn phòng UBND tỉnh" is one mention, not also "UBND tỉnh" inside it
    vp = [m for m in got if m.agency_id == "van-phong-ubnd-tinh"][0]
    assert not any(m.start < vp.end and vp.start < m.end and m is not vp for m in got)


def test_find_mentions_joins_lines_and_folds_diacritics():
    got = find_mentions("Vận hành Trung\ntâm Phục vụ hành chính công của tỉnh; So Noi vu chu tri", dt.date(2026, 1, 1))
    assert [(m.agency_id, m.mention) for m in got] == [
        ("trung-tam-pvhcc-tinh", "Trung tâm Phục vụ hành chính công của tỉnh"), ("so-noi-vu", "So Noi vu")]


@pytest.mark.parametrize("cell, expected", [
    ("Sở Nội vụ tỉnh Quảng Ninh", ["so-noi-vu"]),
    ("Văn phòng UBND tỉnh Thanh Hóa", ["van-phong-ubnd-tinh"]),
    ("Sở Tư pháp; Công an tỉnh Hà Tĩnh", ["so-tu-phap", "cong-an-tinh"]),
    ("UBND tỉnh Hà Nam", ["ubnd-tinh-ha-nam"]),  # a registry body of its own (merged in 2025)
    # bodies every province has; "nhân dân tỉnh" is not a fuzzy UBND
    ("Tòa án nhân dân tỉnh, Viện Kiểm sát nhân dân tỉnh", ["toa-an-nhan-dan-tinh", "vien-kiem-sat-nhan-dan-tinh"]),
    ("Cổng thông tin điện tử tỉnh; các cơ quan báo chí", ["cong-thong-tin-dien-tu-tinh", "cac-co-quan-bao-chi"]),
])
def test_a_province_name_after_an_agency_names_no_agency(cell, expected):
    """Plans of any province qualify bodies with the province's name: it is a filler,
    not an unresolved or fuzzy-matched mention."""
    assert [m.agency_id for m in resolve_cell(cell, dt.date(2026, 1, 1))] == expected


# --------------------------------------------------------------------------- district and commune offices

@pytest.mark.parametrize("cell, on, expected", [
    # issue 15: "Phòng Nội vụ cấp huyện" resolved to the district People's Committee
    ("Phòng Nội vụ cấp huyện", D2022, ["phong-noi-vu-cap-huyen"]),
    ("Phòng Nội vụ các huyện, thành phố", D2022, ["phong-noi-vu-cap-huyen"]),
    ("Phòng Tư pháp cấp huyện", D2022, ["phong-tu-phap-cap-huyen"]),
    ("Văn phòng HĐND và UBND cấp huyện", D2022, ["van-phong-hdnd-ubnd-cap-huyen"]),
    ("Sở Nội vụ; Phòng Nội vụ cấp huyện; UBND cấp xã", D2022, ["so-noi-vu", "phong-noi-vu-cap-huyen", "ubnd-cap-xa"]),
    ("Phòng Văn hóa - Xã hội cấp xã", D2026, ["phong-van-hoa-xa-hoi-cap-xa"]),
    ("Phòng Kinh tế cấp xã", D2026, ["phong-kinh-te-cap-xa"]),
    ("Văn phòng HĐND và UBND cấp xã", D2026, ["van-phong-hdnd-ubnd-cap-xa"]),
    ("Ban Chỉ huy quân sự cấp xã", D2026, ["ban-chi-huy-quan-su-cap-xa"]),
    ("Công an cấp xã", D2026, ["cong-an-cap-xa"]),
])
def test_district_and_commune_offices_are_bodies_of_their_own(cell, on, expected):
    got = resolve_cell(cell, on)
    assert [m.agency_id for m in got] == expected
    assert all(m.mention in cell and not m.flagged for m in got)


def test_district_offices_end_with_the_district_level():
    (got,) = resolve_cell("Phòng Nội vụ cấp huyện", D2026)
    assert got.agency_id == "phong-noi-vu-cap-huyen" and got.flagged
    (got,) = resolve_cell("Phòng Văn hóa - Xã hội cấp xã", D2022)
    assert got.agency_id == "phong-van-hoa-xa-hoi-cap-xa" and got.flagged
