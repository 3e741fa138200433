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
        [990203.0, "Float Urn Nursery", "Nursery", "Harrow", None, None],                     # a float cell
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


def test_cells_as_text_and_dates():
    from macros.heart.spreadsheet import cell_date, cell_text
    assert cell_text(990203.0) == "990203" and cell_text(12.5) == "12.5" and cell_text(None) == ""
    assert cell_date("5/3/2026") == dt.date(2026, 3, 5) and cell_date(dt.datetime(2026, 3, 5)) == dt.date(2026, 3, 5)
    for bad in ("03/31/2026", "2026/03/05", dt.datetime(2026, 3, 5, 9, 30)):
        with pytest.raises(ValueError):
            cell_date(bad)


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
    assert sorted(p.name for p in (root / "data").iterdir() if p.name.startswith(".")) == []


# ---------------------------------------------------------------- GIAS refresh
from scripts.gias_extract import COLUMNS as GIAS_COLUMNS, row as gias_row, write_extract  # noqa: E402

GIAS = [sys.executable, str(ROOT / "scripts" / "gias_refresh.py")]
REGISTER = """# Register for the GIAS tests.
sample_data: false
schools:
  - urn: "990701"
    name: Old Name Primary
    phase: primary
    local_authority: Hillingdon
    awards:
      - level: bronze
        awarded: 2026-03-10
  - urn: "990702"
    name: Closed Down School
    phase: secondary
    local_authority: Hillingdon
  - urn: "990703"
    name: Typo Urn School
    phase: primary
    local_authority: Hillingdon
  - urn: "990704"
    name: Ealing Special School
    phase: primary
    local_authority: Hillingdon
  - urn: "990705"
    name: Café Nursery
    phase: primary
    local_authority: Ealing
  - urn: "990706"
    name: Moved On PRU
    phase: special
    local_authority: Brent
  - urn: "990707"
    name: Middle Deemed School
    phase: secondary
    local_authority: Brent
  - urn: "990708"
    name: College Sixth Form
    phase: post-16
    local_authority: Brent
"""


def gias_rows() -> list[dict]:
    return [gias_row("990701", "New Name Primary Academy", "Hillingdon", "Academy converter", "Primary"),
            gias_row("990702", "Closed Down School", "Hillingdon", "Community school", "Secondary", "Closed",
                     "31-08-2026"),
            gias_row("990704", "Ealing Special School", "Ealing", "Community special school", "Not applicable"),
            gias_row("990705", "Café Nursery", "Ealing", "Local authority nursery school", "Nursery"),
            gias_row("990706", "Moved On PRU", "Brent", "Pupil referral unit", "Not applicable"),
            gias_row("990707", "Middle Deemed School", "Brent", "Voluntary aided school", "Middle deemed primary"),
            gias_row("990708", "College Sixth Form", "Brent", "Sixth form centres", "16 plus"),
            gias_row("990799", "Not On The Register", "Brent", "Community school", "Primary"),
            gias_row("100000", "Foundation All-through", "Brent", "Foundation school", "All-through")]


def gias_project(tmp_path: Path) -> Path:
    return mini_root(tmp_path / "p", REGISTER)


def run_gias(root: Path, extract: Path, *extra: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH)
    return subprocess.run([*GIAS, str(extract), "--root", str(root), *extra], capture_output=True, text=True, env=env)


def test_extract_fixture_has_the_real_shape():
    assert len(GIAS_COLUMNS) >= 130 and GIAS_COLUMNS[:5] == ["URN", "LA (code)", "LA (name)", "EstablishmentNumber",
                                                               "EstablishmentName"]


@pytest.mark.parametrize("encoding, bom", [("cp1252", False), ("utf-8", True), ("utf-8", False)])
def test_gias_report_names_every_difference_closed_and_unknown(tmp_path, encoding, bom):
    root = gias_project(tmp_path)
    before = (root / "data/schools.yml").read_bytes()
    extract = write_extract(tmp_path / "edubasealldata20261201.csv", gias_rows(), encoding, bom)
    result = run_gias(root, extract)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "990701: name 'Old Name Primary' -> 'New Name Primary Academy'" in out
    assert "990702: 'Closed Down School' is closed in GIAS (closed 31/08/2026)" in out
    assert "990703: 'Typo Urn School' is not in this GIAS extract" in out
    assert "990704: local authority 'Hillingdon' -> 'Ealing'" in out
    assert "990704: phase 'primary' -> 'special'" in out
    assert "990705: phase 'primary' -> 'nursery'" in out                    # Café read right in every encoding
    assert "990706: phase 'special' -> 'alternative-provision'" in out
    assert "990707: phase 'secondary' -> 'primary'" in out                  # middle deemed primary
    assert "990708" not in out                                              # 16 plus is post-16: no change
    assert "990799" not in out                                              # not ours: ignored
    assert "Read 9 GIAS rows" in out and "Nothing written" in out
    assert (root / "data/schools.yml").read_bytes() == before


def test_gias_write_applies_changes_and_never_touches_awards(tmp_path):
    root = gias_project(tmp_path)
    extract = write_extract(tmp_path / "x.csv", gias_rows())
    result = run_gias(root, extract, "--write")
    assert result.returncode == 0, result.stderr
    site = load_site(root, build_date=TODAY)
    by_urn = {s.urn: s for s in site.schools.schools}
    assert by_urn["990701"].name == "New Name Primary Academy"
    assert [(a.level, a.awarded) for a in by_urn["990701"].awards] == [("bronze", dt.date(2026, 3, 10))]
    assert by_urn["990704"].local_authority == "Ealing" and by_urn["990704"].phase == "special"
    assert by_urn["990702"].name == "Closed Down School"                    # closed: reported, kept
    assert "990703" in by_urn                                               # unknown: reported, kept
    text = (root / "data/schools.yml").read_text(encoding="utf-8")
    assert text.startswith("# Register for the GIAS tests.\n")
    again = run_gias(root, extract)
    assert "0 change(s)" in again.stdout


def test_gias_mapping_is_data_a_person_can_edit(tmp_path):
    root = gias_project(tmp_path)
    mapping = root / "data/gias-phases.yml"
    mapping.write_text(mapping.read_text().replace("  Pupil referral unit: alternative-provision\n", ""))
    extract = write_extract(tmp_path / "x.csv", gias_rows())
    result = run_gias(root, extract)
    assert "990706: GIAS type 'Pupil referral unit' with phase 'Not applicable' has no register phase" in result.stdout
    mapping.write_text(mapping.read_text() + "  Weird: primaryish\n")
    bad = run_gias(root, extract)
    assert bad.returncode == 1 and "'primaryish' is not a register phase" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_gias_bad_extracts_are_refused_naming_the_problem(tmp_path):
    root = gias_project(tmp_path)
    before = (root / "data/schools.yml").read_bytes()
    missing = tmp_path / "missing.csv"
    missing.write_text('"URN","EstablishmentName","LA (name)"\r\n"990701","X","Y"\r\n', encoding="cp1252")
    result = run_gias(root, missing, "--write")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "missing GIAS column(s) 'PhaseOfEducation (name)', 'TypeOfEstablishment (name)'" in result.stderr
    utf16 = write_extract(tmp_path / "u16.csv", gias_rows(), "utf-16")
    result = run_gias(root, utf16, "--write")
    assert result.returncode == 1 and "is UTF-16 text" in result.stderr
    cut = tmp_path / "cut.csv"                                              # undefined in Windows-1252
    cut.write_bytes(write_extract(tmp_path / "ok.csv", gias_rows()).read_bytes() + b'"990701","\x81"\r\n')
    result = run_gias(root, cut, "--write")
    assert result.returncode == 1 and "line 11 is not cp1252 text" in result.stderr, result.stderr
    assert (root / "data/schools.yml").read_bytes() == before


# ---------------------------------------------------------------- open data that behaves in every spreadsheet
import csv as _csv  # noqa: E402
import io as _io  # noqa: E402
import re as _re  # noqa: E402

from macros.heart.errors import ContentError  # noqa: E402
from macros.heart.render import networks as networks_render, opendata  # noqa: E402
from macros.heart.render.entries import entry_body  # noqa: E402


@pytest.fixture(scope="module")
def real_site():
    return load_site(ROOT, build_date=TODAY)


def test_data_dictionary_matches_the_csv_and_json_exactly(real_site):
    raw = opendata.register_csv(real_site)
    header = next(_csv.reader(_io.StringIO(raw.decode("utf-8-sig"))))
    page = opendata.open_data_page(real_site)
    documented = _re.findall(r"^\| `([a-z_]+)` \|", page, flags=_re.M)
    assert documented == header
    import json
    one = next(iter(json.loads(opendata.register_json(real_site))["schools"].values()))
    assert sorted(one) == sorted(h for h in header if h != "urn")


def test_open_data_dates_iso_levels_by_name_cohorts_in_words(real_site):
    rows = list(_csv.DictReader(_io.StringIO(opendata.register_csv(real_site).decode("utf-8-sig"))))
    levels = {lv.name for lv in real_site.scheme.levels}
    for r in rows:
        for col in ("awarded", "valid_until", "arc_registered"):
            assert r[col] == "" or _re.fullmatch(r"\d{4}-\d{2}-\d{2}", r[col]), (col, r[col])
        assert r["level"] in levels | {""} and r["last_level"] in levels | {""}
        assert "-" not in r["cohort"][:6]                                   # words, not an id like pilot-2025-26
    assert {r["cohort"] for r in rows} >= {"Pilot schools, 2025/26"}
    assert {r["network"] for r in rows} >= {"North Hillingdon HEART network"}


def test_open_data_page_gives_size_and_row_count(real_site):
    page = opendata.open_data_page(real_site)
    n = len(real_site.statuses)
    kb = f"{len(opendata.register_csv(real_site)) / 1024:,.0f} KB"
    assert f"({kb}, {n:,} rows and a header row)" in page


# ---------------------------------------------------------------- schools networks
NETWORK_REGISTER = """sample_data: false
cohorts:
  c-1: First cohort
networks:
  - id: west
    name: West <Network> & Friends
    lead_school: "990802"
    meets: Termly
  - id: west
    name: Duplicate
schools:
  - urn: "990801"
    name: Member School
    phase: primary
    local_authority: Ealing
    network: west
    cohort: c-1
  - urn: "990802"
    name: Not A Member
    phase: primary
    local_authority: Ealing
    network: east
    cohort: c-2
"""


def test_network_and_cohort_problems_name_line_and_fix(tmp_path):
    root = mini_root(tmp_path / "p", NETWORK_REGISTER)
    with pytest.raises(ContentError) as exc:
        load_site(root, build_date=TODAY)
    report = exc.value.report()
    assert "data/schools.yml:9: networks[1].id: duplicate network id 'west'" in report
    assert "data/schools.yml:22: schools[1].network: 'east' is not a network listed under 'networks:'" in report
    assert "data/schools.yml:23: schools[1].cohort: 'c-2' has no label under 'cohorts:'" in report
    assert "data/schools.yml:7: networks[0].lead_school: URN 990802 is not a member of 'west'" in report


def test_networks_page_and_entry_show_the_network_escaped(tmp_path):
    fixed = NETWORK_REGISTER.replace("  - id: west\n    name: Duplicate\n", "").replace("network: east", "network: west")
    root = mini_root(tmp_path / "p", fixed.replace("cohort: c-2", "cohort: c-1"))
    site = load_site(root, build_date=TODAY)
    page = networks_render.networks_page(site)
    assert '<h2 id="west">West &lt;Network&gt; &amp; Friends</h2>' in page
    assert "Lead school" in page and "<dd>Termly</dd>" in page and "<dd>2</dd>" in page
    assert page.count('href="../9908') >= 3                                # lead school + two members
    st = next(s for s in site.statuses if s.school.urn == "990801")
    entry = entry_body(site, st, "https://example.org/register/990801/", "ealing")
    assert 'href="../networks/#west">West &lt;Network&gt; &amp; Friends</a>' in entry
    assert "First cohort" in entry


# ---------------------------------------------------------------- publishing
import yaml as _yaml  # noqa: E402

from macros.heart.publish import site_url_problem  # noqa: E402
from tests.conftest import make_project, run_build  # noqa: E402

WORKFLOW = ROOT / ".github/workflows/publish.yml"


@pytest.mark.parametrize("url, ok", [("https://heart.hillingdon-virtual-school.org.uk/", True),
                                     ("https://heart-award.example.org/", False), ("", False),
                                     ("http://heart.hillingdon.gov.uk/", False), ("https://x.example.com/", False)])
def test_site_url_rule(url, ok):
    assert (site_url_problem(url) is None) == ok


def test_production_build_refuses_the_placeholder_address(tmp_path):
    project = make_project(tmp_path / "p")
    env = {"HEART_PRODUCTION": "1"}
    result = run_build(project, env=env)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "Production build (HEART_PRODUCTION=1) refused: site_url is still the placeholder" in result.stderr
    assert not (project / "site").exists()


def test_workflow_lints_and_runs_the_readme_commands():
    lint = subprocess.run([sys.executable, "-m", "yamllint", "-d", "{extends: default, rules: {line-length: "
                           "{max: 120}, truthy: {check-keys: false}, document-start: disable}}", str(WORKFLOW)],
                          capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    flow = _yaml.safe_load(WORKFLOW.read_text())
    runs = "\n".join(step.get("run", "") for job in flow["jobs"].values() for step in job["steps"])
    readme = (ROOT / "README.md").read_text()
    for command in ("./scripts/test", "./scripts/validate", ".venv/bin/mkdocs build",
                    ".venv/bin/python scripts/check_links.py site"):
        assert command in runs and command in readme, command
    build_step = next(st for st in flow["jobs"]["build"]["steps"] if "mkdocs build" in st.get("run", ""))
    assert build_step["env"]["HEART_PRODUCTION"] == "1"              # only the publishing build, not the tests
    assert "HEART_BUILD_DATE" in runs
