"""normalizers.table_cache: a table is computed once per checksum of what it depends on,
then read back; other checksums compute again; an unwritable folder only costs time."""
from normalizers import syllables
from normalizers.lm_build import default_model
from normalizers.table_cache import KEEP, cached


def test_computed_once_then_read(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"hoa": (1, 2)}

    assert cached("t", [b"a"], compute, tmp_path) == {"hoa": (1, 2)}
    assert cached("t", [b"a"], compute, tmp_path) == {"hoa": (1, 2)}
    assert len(calls) == 1
    assert cached("t", [b"b"], lambda: "other", tmp_path) == "other"        # an edit of a part: a new name
    assert cached("t", [b"a"], lambda: "never", tmp_path) == {"hoa": (1, 2)}  # the older one still kept


def test_keeps_the_newest_files_of_a_name(tmp_path):
    for n in range(KEEP + 3):
        cached("t", [bytes([n])], lambda: n, tmp_path)
    cached("u", [b"x"], lambda: 0, tmp_path)
    assert len(list(tmp_path.glob("t-*.pickle"))) == KEEP
    assert len(list(tmp_path.glob("u-*.pickle"))) == 1
    assert not list(tmp_path.glob("*.tmp"))


def test_unwritable_folder_computes(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    assert cached("t", [b"a"], lambda: 7, blocker / "cache") == 7      # no folder can be made there


def test_inventories_as_computed():
    inv, folded = syllables._compute_inventories()
    assert syllables.syllable_inventory() == inv and syllables.folded_inventory() == folded
    assert "hòa" in inv and "hoà" not in inv and "thuc" in folded


def test_vocabulary_by_fold_as_computed():
    model = default_model()
    assert model._by_fold() == (model.by_fold, model.n_syllables)
    assert list(model._by_fold()[0]) == list(model.by_fold)              # the folds in the same order
