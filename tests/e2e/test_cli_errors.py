"""One error path for every command: an expected failure is one line naming the file or
option (exit 1, or 2 for a wrong argument); anything unexpected is one line naming a log
file that holds the traceback. Also: which database a command uses, and says it uses."""
from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
import time

import duckdb
import pytest

from bench import render
from normalizers.encodings import unicode_to_tcvn3

CCHC = [sys.executable, "-m", "pipeline.cli"]


def cchc(*args, cwd=None, env=None, stdin=None, timeout=300):
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **(env or {})}
    return subprocess.run([*CCHC, *args], capture_output=True, text=True, cwd=cwd, env=env, input=stdin,
                          timeout=timeout)


def one_line(proc, code, *words):
    """The command failed with `code` and said so in one line holding every word."""
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == code, proc.stderr
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert all(w in lines[0] for w in words), (words, lines[0])
    return lines[0]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    path = folder / "plan2026.digital.pdf"
    shutil.copyfile(render.build("plan2026", "digital"), path)
    return path


@pytest.fixture(scope="module")
def db(pdf, tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "plans.duckdb"
    proc = cchc("ingest", str(pdf), "--db", str(path))
    assert proc.returncode == 0, proc.stderr
    return path


def test_db_naming_a_folder_or_a_pdf(tmp_path, pdf, db):
    for command in (("ingest", str(pdf)), ("report",), ("export", "--format", "csv", "--out", str(tmp_path / "o")),
                    ("reextract",)):
        one_line(cchc(*command, "--db", str(tmp_path)), 1, str(tmp_path), "is a folder")
        one_line(cchc(*command, "--db", str(pdf)), 1, str(pdf), "not a DuckDB database file", "it is a PDF")
    assert not (tmp_path / "o").exists()


def test_read_only_database_file(db, pdf, tmp_path):
    """A database file that cannot be opened for writing: one line naming it, exit 1.
    (As root the file mode does not stop DuckDB, so the refusal is simulated there.)"""
    copy = tmp_path / "ro.duckdb"
    shutil.copyfile(db, copy)
    if os.geteuid() != 0:
        copy.chmod(0o444)
        one_line(cchc("ingest", str(pdf), "--db", str(copy)), 1, str(copy), "cannot write the database")
        return
    code = ("import duckdb, sys\n"
            "real = duckdb.connect\n"
            "def connect(path, read_only=False, **kw):\n"
            "    if not read_only:\n"
            "        raise duckdb.IOException(f'IO Error: Cannot open file \"{path}\": Permission denied')\n"
            "    return real(path, read_only=read_only, **kw)\n"
            "duckdb.connect = connect\n"
            "from pipeline.cli import main\n"
            "main(sys.argv[1:])\n")
    proc = subprocess.run([sys.executable, "-c", code, "ingest", str(pdf), "--db", str(copy)],
                          capture_output=True, text=True, timeout=300)
    one_line(proc, 1, str(copy), "cannot write the database", "permission denied")


def test_a_database_given_as_an_input_is_refused_with_a_hint(pdf, tmp_path):
    line = one_line(cchc("ingest", str(pdf), str(tmp_path / "mine.duckdb")), 2, "mine.duckdb", "--db")
    assert not (tmp_path / "mine.duckdb").exists() and not (tmp_path / "data").exists(), line


def test_repair_missing_binary_utf16_and_tcvn3(tmp_path):
    one_line(cchc("repair", str(tmp_path / "missing.txt")), 1, "missing.txt", "No such file")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    one_line(cchc("repair", str(binary)), 1, "image.png", "binary")
    utf16 = tmp_path / "notepad.txt"
    utf16.write_bytes("Cai cach hanh chinh tinh Ninh Binh".encode("utf-16"))
    proc = cchc("repair", str(utf16))
    assert proc.returncode == 0 and proc.stdout.strip() == "Cải cách hành chính tỉnh Ninh Bình", proc.stderr
    tcvn3 = tmp_path / "legacy.txt"
    tcvn3.write_bytes(unicode_to_tcvn3("Cải cách hành chính tỉnh Ninh Bình").encode("latin-1"))
    proc = cchc("repair", str(tcvn3), "--explain")
    assert proc.returncode == 0 and proc.stdout.strip() == "Cải cách hành chính tỉnh Ninh Bình", proc.stderr
    assert "read as tcvn3 bytes" in proc.stderr and "\ufffd" not in proc.stdout
    proc = cchc("repair", stdin="Cai cach hanh chinh")
    assert proc.returncode == 0 and proc.stdout.strip() == "Cải cách hành chính"
    assert codecs  # (imported for the BOM constants' module; kept simple)


def test_serve_refuses_a_bad_schedule_before_starting_a_server(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    start = time.monotonic()
    env = {"PREFECT_API_URL": ""}
    one_line(cchc("serve", "--inbox", str(inbox), "--cron", "every day", "--state", str(tmp_path / "p"), env=env),
             2, "--cron", "every day")
    one_line(cchc("serve", "--inbox", str(inbox), "--every", "soon", "--state", str(tmp_path / "p"), env=env),
             2, "--every", "soon")
    assert time.monotonic() - start < 60
    assert not (tmp_path / "p").exists()  # no server was started


def test_reextract_refuses_a_version_that_is_not_one(db):
    con = duckdb.connect(str(db), read_only=True)
    before = con.execute("SELECT doc_id, pipeline_version, extracted_at FROM documents").fetchall()
    con.close()
    one_line(cchc("reextract", "--db", str(db), "--older-than", "banana"), 2, "--older-than", "banana")
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT doc_id, pipeline_version, extracted_at FROM documents").fetchall() == before
    con.close()


def test_unexpected_error_is_one_line_and_a_log_with_the_traceback(db, tmp_path):
    code = ("import sys\n"
            "import pipeline.report\n"
            "def boom(*a, **k):\n"
            "    raise RuntimeError('something nobody expected')\n"
            "pipeline.report.build_report = boom\n"
            "from pipeline.cli import main\n"
            "main(sys.argv[1:])\n")
    env = {**os.environ, "CCHC_LOG_DIR": str(tmp_path / "logs")}
    proc = subprocess.run([sys.executable, "-c", code, "report", "--db", str(db)], capture_output=True, text=True,
                          env=env, timeout=300)
    line = one_line(proc, 1, "unexpected RuntimeError: something nobody expected", str(tmp_path / "logs"))
    (log,) = (tmp_path / "logs").iterdir()
    assert str(log) in line
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "something nobody expected" in text


def test_summary_names_the_database_and_the_default_is_said(pdf, tmp_path):
    work = tmp_path / "work"  # outside any checkout: the default is under the current folder
    work.mkdir()
    env = {"CCHC_DB": ""}
    proc = cchc("ingest", str(pdf), cwd=work, env=env)
    default = work / "data" / "clean" / "plans.duckdb"
    assert proc.returncode == 0, proc.stderr
    assert f"database: {default} (default)" in proc.stderr
    assert f"1 document(s): 1 loaded, 0 unchanged, 0 failed; 50 rows, 0 doubtful; database {default}" in proc.stderr
    proc = cchc("report", cwd=work, env={"CCHC_DB": "other.duckdb"})
    one_line_or_more = proc.stderr.strip().splitlines()
    assert proc.returncode == 1
    assert one_line_or_more[0] == f"database: {work / 'other.duckdb'} (from CCHC_DB)"
    assert "no such database file" in one_line_or_more[1]
    proc = cchc("report", cwd=work, env=env)
    assert proc.returncode == 0 and "plan2026.digital.pdf" in proc.stdout


def test_version_and_name_suggestions(db):
    proc = cchc("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("cchc ")
    line = one_line(cchc("report", "plan2026", "--db", str(db)), 1, "plan2026", "not found")
    assert "did you mean plan2026.digital.pdf?" in line
    line = one_line(cchc("report", "plan2062.digtal.pdf", "--db", str(db)), 1, "not found")
    assert "did you mean plan2026.digital.pdf?" in line


def test_help_is_in_full_sentences():
    from pipeline.cli import app
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert "\n" not in command.help.split("\n\n")[0], name  # no line break inside a paragraph
        for param in command.params:
            if param.help and param.name != "help":
                assert param.help[0].isupper() and param.help.rstrip().endswith((".", ")")), (name, param.name)


def test_piped_summary_never_cuts_names(pdf, tmp_path):
    long_name = "ke_hoach_cai_cach_hanh_chinh_tinh_ninh_binh_nam_2026_ban_chinh_thuc_da_ky.pdf"
    shutil.copyfile(pdf, tmp_path / long_name)
    proc = cchc("ingest", str(tmp_path / long_name), "--db", str(tmp_path / "db.duckdb"))  # COLUMNS=80, piped
    assert proc.returncode == 0, proc.stderr
    assert "…" not in proc.stderr
    row = next(line for line in proc.stderr.splitlines() if long_name in line)
    assert "loaded" in row and " ok " in row
