"""The Virtual School's own formats (issue 13): Excel workbooks in, GIAS extracts refreshing the register, open data
that behaves in every spreadsheet, schools networks, and the production-build guard. Every test builds its own
small files (openpyxl workbooks, cp1252 GIAS extracts) and asserts on data/schools.yml and the messages."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from macros.heart.load import load_site
from tests.conftest import BUILD_DATE_EPOCH, ROOT
from tests.test_register import SCHOOLS_HEAD, TODAY, mini_root

IMPORT = [sys.executable, str(ROOT / "scripts" / "import_schools.py")]


def workbook(path: Path, rows: list[list], *, title_rows: list[list] = (), sheet: str = "Register",
             extra_sheets: dict[str, list[list]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in title_rows:
        ws.append(r)
    if title_rows:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    for r in rows:
        ws.append(r)
    for name, data in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for r in data:
            other.append(r)
    wb.save(path)
    return path


def run_import(root: Path, src: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH)
    return subprocess.run([*IMPORT, str(src), "--root", str(root), *extra], capture_output=True, text=True, env=env)


XHEAD = ["School URN", "Establishment name", "Phase", "LA", "Award level", "Award date"]


def test_xlsx_import_with_title_rows_numbers_dates_and_header_variants(tmp_path):
    root = mini_root(tmp_path / "p", SCHOOLS_HEAD)
    src = workbook(tmp_path / "register.xlsx", [
        [" school  urn ", "ESTABLISHMENT NAME", "phase", "La", "award level", "Award Date"],
        [990201, "Numbers Primary", "Primary", "Ealing", "Bronze", dt.datetime(2026, 3, 5)],   # URN as a number
        ["990202", "Text Date School", "secondary", "Harrow", "bronze", "14/03/2026"],         # UK text date
        [990203.0, "Float Urn Nursery", "Nursery", "Harrow", None, None],                     # Excel's 990203.0
        [None, None, None, None, None, None],                                                 # blank row
    ], title_rows=[["HEART Award register: exported from the Virtual School's tracker"], []])
    result = run_import(root, src)
    assert result.returncode == 0, result.stderr
    assert "3 new school(s), 2 new award(s)" in result.stdout
    by_urn = {s.urn: s for s in load_site(root, build_date=TODAY).schools.schools}
    assert by_urn["990201"].awards[0].awarded == dt.date(2026, 3, 5)
    assert by_urn["990202"].awards[0].awarded == dt.date(2026, 3, 14)
    assert by_urn["990203"].phase == "nursery" and by_urn["990203"].awards == []
    assert 'urn: "990201"' in (root / "data/schools.yml").read_text(encoding="utf-8")


def test_xlsx_named_sheet_and_unknown_sheet(tmp_path):
    root = mini_root(tmp_path / "p", SCHOOLS_HEAD)
    src = workbook(tmp_path / "book.xlsx", [["Notes only"]], sheet="Notes", extra_sheets={
        "Awards 2026": [XHEAD, [990301, "Second Sheet School", "special", "Brent", "Bronze", dt.date(2026, 1, 9)]]})
    assert run_import(root, src).returncode == 1                      # the first sheet has no header
    bad = run_import(root, src, "--sheet", "Awards 2025")
    assert bad.returncode == 1 and "no sheet named 'Awards 2025'" in bad.stderr and "'Awards 2026'" in bad.stderr
    good = run_import(root, src, "--sheet", "Awards 2026")
    assert good.returncode == 0, good.stderr and "1 new school(s)" in good.stdout


def test_xlsx_every_bad_row_named_by_sheet_row_and_column_and_nothing_written(tmp_path):
    root = mini_root(tmp_path / "p", SCHOOLS_HEAD)
    before = (root / "data/schools.yml").read_bytes()
    src = workbook(tmp_path / "bad.xlsx", [XHEAD,
        [99401, "Short Number Urn", "primary", "Ealing", None, None],                 # row 2: 5 digits
        ["990402", "Timed Date", "primary", "Ealing", "Bronze", dt.datetime(2026, 1, 9, 14, 30)],
        ["990403", "Bad Text Date", "primary", "Ealing", "Bronze", "31/02/2026"],
        ["990404", "Middle", "middle", "Ealing", None, None],
        ["990405", "Fine School", "primary", "Ealing", "Bronze", dt.date(2026, 1, 9)]])
    result = run_import(root, src)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (root / "data/schools.yml").read_bytes() == before
    err = result.stderr
    assert "sheet 'Register', row 2, School URN (column A): '99401' is not a URN" in err
    assert "leading zero" in err
    assert "sheet 'Register', row 3, Award date (column F)" in err and "not a date" in err
    assert "sheet 'Register', row 4, Award date (column F): '31/02/2026' is not a date" in err
    assert "sheet 'Register', row 5, Phase (column C): 'middle' is not one of" in err
    assert "row 6" not in err and "4 problems; nothing was written" in err


def test_xlsx_dry_run_lists_changes_and_writes_nothing(tmp_path):
    root = mini_root(tmp_path / "p", SCHOOLS_HEAD)
    before = (root / "data/schools.yml").read_bytes()
    src = workbook(tmp_path / "r.xlsx", [XHEAD, ["990501", "Dry Run School", "primary", "Ealing", "Bronze",
                                                 dt.date(2026, 2, 2)]])
    result = run_import(root, src, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would add school 990501 Dry Run School" in result.stdout
    assert "would add award bronze on 02/02/2026 to 990501" in result.stdout
    assert (root / "data/schools.yml").read_bytes() == before


@pytest.mark.parametrize("name, content, words", [
    ("x.xlsx", b"not a zip at all", "not an Excel workbook that can be read"),
    ("x.xlsx", b"PK\x03\x04broken", "not an Excel workbook that can be read"),
    ("x.xls", b"\xd0\xcf\x11\xe0old", "old Excel 97-2003 workbook"),
    ("x.csv", b"just,some,words\n1,2,3\n", "no header row found"),
])
def test_unreadable_workbooks_get_one_clear_message(tmp_path, name, content, words):
    root = mini_root(tmp_path / "p", SCHOOLS_HEAD)
    src = tmp_path / name
    src.write_bytes(content)
    result = run_import(root, src)
    assert result.returncode == 1 and "Traceback" not in result.stderr and words in result.stderr, result.stderr


def test_import_never_leaves_a_partial_file(tmp_path):
    root = mini_root(tmp_path / "p", SCHOOLS_HEAD)
    src = workbook(tmp_path / "r.xlsx", [XHEAD, ["990601", "Any School", "primary", "Ealing", None, None]])
    assert run_import(root, src).returncode == 0
    assert sorted(p.name for p in (root / "data").iterdir() if "importing" in p.name) == []
