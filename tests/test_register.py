"""The public register (issue 6): status derivation, the schools data contract's validation messages, the import
command, and the built register, entries, badges and open data in Chromium (browser tests fail without Chromium)."""
from __future__ import annotations

import csv
import datetime as dt
import html.parser
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from macros.heart import yamlio
from macros.heart.errors import ContentError
from macros.heart.load import load_site
from macros.heart.models import Scheme, School
from macros.heart.register import LAPSED, PARTICIPATING, all_statuses, school_status
from macros.heart.render import opendata
from macros.heart.render.entries import entry_body
from macros.heart.render.register import register_page
from tests.browser import PageChecker, serve
from tests.conftest import BUILD_DATE_EPOCH, FIXTURES, ROOT, assert_built, make_project, run_build
from tests.test_self_audit import pdf_pages, with_page_scripts

TODAY = dt.date(2026, 11, 23)     # the build date of every test build (conftest.BUILD_DATE_EPOCH)
HOSTILE = "<script>window.__pwned=1</script> {{ 7*7 }} | **bold** & \"quoted\" 'single'"
HOSTILE_LA = "<i>Borough</i> | {{ 7*7 }}"
IMPORT = [sys.executable, str(ROOT / "scripts" / "import_schools.py")]


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return Scheme.model_validate(yamlio.read(ROOT / "data" / "scheme.yml").data)


def mini_root(dest: Path, schools: str | None = None) -> Path:
    """Just enough of a project for load_site: the real data, the fixture strategies, no modules."""
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(FIXTURES / "mini" / "strategies", dest / "strategies")
    (dest / "training_modules").mkdir()
    if schools is not None:
        (dest / "data" / "schools.yml").write_text(schools, encoding="utf-8")
    return dest


# ---------------------------------------------------------------- status derivation
def status(scheme, *awards, today=TODAY):
    school = School(urn="990001", name="A", phase="primary", local_authority="X",
                    awards=[dict(zip(("level", "awarded", "expires"), a)) for a in awards])
    return school_status(school, scheme, today)


def test_current(scheme):
    st = status(scheme, ("bronze", dt.date(2026, 1, 10)))
    assert (st.status, st.level, st.expires, st.holds_award) == ("current", "bronze", dt.date(2029, 1, 10), True)


def test_highest_valid_level_is_held(scheme):
    st = status(scheme, ("bronze", dt.date(2024, 3, 1)), ("silver", dt.date(2025, 6, 1)))
    assert (st.status, st.level_name, st.expires) == ("current", "Silver", dt.date(2028, 6, 1))


def test_renewal_due_within_three_months(scheme):
    due = status(scheme, ("bronze", dt.date(2024, 2, 23)))           # ends 23/02/2027: exactly 3 months away
    not_yet = status(scheme, ("bronze", dt.date(2024, 2, 24)))       # ends one day later
    assert (due.status, due.holds_award, due.level) == ("renewal-due", True, "bronze")
    assert not_yet.status == "current"


@pytest.mark.parametrize("awards", [
    [("bronze", dt.date(2023, 11, 1))],                                          # ended 01/11/2026
    [("bronze", dt.date(2023, 11, 23))],                                         # ends today: not valid today
    [("bronze", dt.date(2022, 1, 1)), ("silver", dt.date(2023, 1, 1))],
    [("bronze", dt.date(2025, 1, 1), dt.date(2026, 8, 31))],                     # ended early (expires)
])
def test_lapsed_is_never_current(scheme, awards):
    st = status(scheme, *awards)
    assert st.status == LAPSED and not st.holds_award and st.level is None and st.level_name is None
    assert st.last_level_name == {"bronze": "Bronze", "silver": "Silver"}[awards[-1][0]]


def test_lapsed_never_current_on_any_day(scheme):
    awarded = dt.date(2023, 1, 1)
    for offset in range(0, 2000, 7):
        day = awarded + dt.timedelta(days=offset)
        st = status(scheme, ("bronze", awarded), today=day)
        assert st.holds_award == (day < dt.date(2026, 1, 1)), day


def test_participating(scheme):
    st = status(scheme)
    assert (st.status, st.holds_award, st.level, st.expires) == (PARTICIPATING, False, None, None)


# ---------------------------------------------------------------- validation messages (macros/heart/load.py)
GOOD = '  - urn: "990001"\n    name: Good School\n    phase: primary\n    local_authority: Hillingdon\n'


def problems_for(tmp_path, school_yaml: str) -> list:
    root = mini_root(tmp_path, "sample_data: false\nschools:\n" + GOOD + school_yaml)
    with pytest.raises(ContentError) as exc:
        load_site(root, build_date=TODAY)
    return exc.value.problems


def one(problems, field):
    found = [p for p in problems if p.field == field]
    assert len(found) == 1, problems
    return found[0]


def school(urn='"990002"', name="Other School", phase="primary", awards=""):
    return f"  - urn: {urn}\n    name: {name}\n    phase: {phase}\n    local_authority: Hillingdon\n{awards}"


@pytest.mark.parametrize("entry, field, line, words", [
    (school(urn="990002"), "urn", 7, ["URN must be a quoted string", "990002", 'urn: "012345"']),
    (school(urn='"99002"'), "urn", 7, ["'99002' is not a URN", "exactly 6 digits"]),
    (school(phase="middle"), "phase", 9, ["'middle' is not one of", "primary", "post-16"]),
    (school(name='""'), "name", 8, ["must not be empty"]),
    (school(awards="    awards:\n      - level: platinum\n        awarded: 2025-01-01\n"), "awards[0].level", 12,
     ["'platinum' is not one of bronze, silver, gold"]),
    (school(awards="    awards:\n      - level: silver\n        awarded: 2025-01-01\n"), "awards[0].level", 12,
     ["'silver' gained out of order", "'bronze' must come first"]),
    (school(awards="    awards:\n      - level: bronze\n        awarded: 2025-01-01\n        expires: 2024-12-31\n"),
     "awards[0].expires", 14, ["2024-12-31 must be after the award date 2025-01-01"]),
    (school(awards="    awards:\n      - level: bronze\n        awarded: 2026-11-24\n"), "awards[0].awarded", 13,
     ["2026-11-24 is after the build date 2026-11-23"]),
])
def test_contract_breach_messages(tmp_path, entry, field, line, words):
    p = one(problems_for(tmp_path, entry), field)
    assert p.file == "data/schools.yml" and p.line == line
    for w in words:
        assert w in p.message, p.message


def test_duplicate_urn_names_both_lines(tmp_path):
    p = one(problems_for(tmp_path, school(urn='"990001"')), "urn")
    assert p.line == 7 and "duplicate URN 990001" in p.message and "line 3" in p.message


def test_blank_name_message(tmp_path):
    p = one(problems_for(tmp_path, school(name="")), "name")
    assert "NoneType" not in p.message and "empty" in p.message


# ---------------------------------------------------------------- the import command
HEADER = "URN,Name,Phase,Local authority,Level,Date awarded"
SCHOOLS_HEAD = "# Header comment one.\n# Header comment two.\nsample_data: false\nschools:\n" + GOOD


def run_import(root: Path, data: bytes, *extra: str) -> subprocess.CompletedProcess:
    src = root / "in.csv"
    src.write_bytes(data)
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH)
    return subprocess.run([*IMPORT, str(src), "--root", str(root), *extra], capture_output=True, text=True, env=env)


def excel_csv(rows: list[str], bom=True, crlf=True) -> bytes:
    text = ("\r\n" if crlf else "\n").join([HEADER, *rows]) + ("\r\n" if crlf else "\n")
    return (("\ufeff" if bom else "") + text).encode("utf-8")


@pytest.mark.parametrize("bom, crlf", [(True, True), (False, True), (True, False), (False, False)])
def test_import_excel_csv(tmp_path, bom, crlf):
    root = mini_root(tmp_path, SCHOOLS_HEAD)
    rows = [f'990101,"{HOSTILE.replace(chr(34), chr(34) * 2)}",Primary,Ealing,Bronze,05/03/2026',
            "990102,New Nursery School,Nursery,Harrow,,",
            "990001,Good School,primary,Hillingdon,bronze,1/2/2026", ",,,,,"]
    result = run_import(root, excel_csv(rows, bom, crlf))
    assert result.returncode == 0, result.stderr
    assert "2 new school(s), 2 new award(s)" in result.stdout
    text = (root / "data/schools.yml").read_text(encoding="utf-8")
    assert text.startswith("# Header comment one.\n# Header comment two.\n")
    assert 'urn: "990101"' in text and 'urn: "990102"' in text and 'urn: "990001"' in text
    site = load_site(root, build_date=TODAY)
    by_urn = {s.urn: s for s in site.schools.schools}
    assert by_urn["990101"].name == HOSTILE
    assert by_urn["990101"].awards[0].awarded == dt.date(2026, 3, 5)           # DD/MM, not MM/DD
    assert by_urn["990001"].awards[0].awarded == dt.date(2026, 2, 1)
    assert by_urn["990102"].phase == "nursery" and by_urn["990102"].awards == []
    again = run_import(root, excel_csv(rows, bom, crlf))                         # importing twice changes nothing
    assert again.returncode == 0 and "0 new school(s), 0 new award(s)" in again.stdout
    assert (root / "data/schools.yml").read_text(encoding="utf-8") == text


def test_import_reports_every_bad_row_and_writes_nothing(tmp_path):
    root = mini_root(tmp_path, SCHOOLS_HEAD)
    before = (root / "data/schools.yml").read_bytes()
    rows = ["99010,Short Urn School,primary,Ealing,,",                 # row 2
            "990103,,primary,Ealing,,",                                # row 3
            "990104,Middle School,middle,Ealing,,",                    # row 4
            "990105,Platinum School,primary,Ealing,Platinum,01/01/2026",
            "990106,Bad Date School,primary,Ealing,Bronze,31/02/2026",
            "990107,US Date School,primary,Ealing,Bronze,2026/01/01",
            "990108,Future School,primary,Ealing,Bronze,01/01/2027",
            "990109,Half School,primary,Ealing,Bronze,",
            "990001,Renamed School,primary,Hillingdon,,",              # row 10
            "990110,Fine School,primary,Ealing,Bronze,01/01/2026"]
    result = run_import(root, excel_csv(rows))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (root / "data/schools.yml").read_bytes() == before
    expected = [("row 2, URN:", "exactly 6 digits"), ("row 3, Name:", "is empty"),
                ("row 4, Phase:", "'middle' is not one of"), ("row 5, Level:", "'Platinum' is not one of"),
                ("row 6, Date awarded:", "'31/02/2026' is not a date"), ("row 7, Date awarded:", "DD/MM/YYYY"),
                ("row 8, Date awarded:", "is after today"), ("row 9, Date awarded:", "give both"),
                ("row 10, Name:", "'Renamed School' differs from 'Good School'")]
    lines = [ln.strip() for ln in result.stderr.splitlines()]
    for start, words in expected:
        assert any(ln.startswith(start) and words in ln for ln in lines), (start, result.stderr)
    assert not any(ln.startswith("row 11") for ln in lines)
    assert "9 problems; nothing was written" in result.stderr


def test_import_rejects_merge_that_fails_validation(tmp_path):
    root = mini_root(tmp_path, SCHOOLS_HEAD)
    before = (root / "data/schools.yml").read_bytes()
    result = run_import(root, excel_csv(["990120,Leap School,primary,Ealing,Gold,01/01/2026"]))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "URN 990120 (row 2)" in result.stderr and "'bronze' must come first" in result.stderr
    assert (root / "data/schools.yml").read_bytes() == before


@pytest.mark.parametrize("data, words", [
    ("Name,Phase\nX,primary\n".encode(), "missing column(s) urn"),
    (f"{HEADER}\n990101,Café School,primary,Ealing,,\n".encode("cp1252"), "not UTF-8"),
])
def test_import_unreadable_files(tmp_path, data, words):
    root = mini_root(tmp_path, SCHOOLS_HEAD)
    result = run_import(root, data)
    assert result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr


def test_import_usage_errors_exit_1(tmp_path):
    for args in ([], [str(tmp_path / "missing.csv")]):
        result = subprocess.run([*IMPORT, *args], capture_output=True, text=True)
        assert result.returncode == 1 and "Traceback" not in result.stderr


def export_rows(root: Path) -> list[dict]:
    data = opendata.register_csv(load_site(root, build_date=TODAY))
    assert data.startswith("\ufeff".encode()) and b"\r\n" in data
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_round_trip_import_then_export(tmp_path):
    root = mini_root(tmp_path / "a", "# Empty register.\nsample_data: false\nschools: []\n")
    rows = [["990101", HOSTILE, "primary", "Ealing", "Bronze", "2026-03-05"],      # open data: level names, ISO dates
            ["990102", 'Comma, Quote " School', "special", "Harrow", "Bronze", "2025-12-31"],
            ["990103", "New Nursery School", "nursery", "Harrow", "", ""]]
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([HEADER.split(","), *rows])
    assert run_import(root, ("\ufeff" + buf.getvalue()).encode()).returncode == 0
    exported = [[r["urn"], r["name"], r["phase"], r["local_authority"], r["level"], r["awarded"]]
                for r in export_rows(root)]
    assert exported == rows
    # and back: the exported CSV imports into an empty register and exports byte for byte the same
    root2 = mini_root(tmp_path / "b", "sample_data: false\nschools: []\n")
    export = opendata.register_csv(load_site(root, build_date=TODAY))
    assert run_import(root2, export).returncode == 0
    assert opendata.register_csv(load_site(root2, build_date=TODAY)) == export


# ---------------------------------------------------------------- the sample data
def test_sample_data_covers_every_case(tmp_path, scheme):
    site = load_site(mini_root(tmp_path), build_date=TODAY)
    schools = site.schools.schools
    assert site.schools.sample_data and 30 <= len(schools) <= 60
    assert all(990001 <= int(s.urn) <= 990999 for s in schools)
    statuses = all_statuses(schools, site.scheme, TODAY)
    assert {s.status for s in statuses} == {"current", "renewal-due", "lapsed", "participating"}
    assert {s.level for s in statuses if s.holds_award} == {lv.id for lv in scheme.levels}
    assert {s.phase for s in schools} == set(School.model_fields["phase"].annotation.__args__)
    assert {"pilot-2025-26", "launch-2026-27"} <= {s.cohort for s in schools}
    page = register_page(site)
    assert "Sample data" in page
    assert "Sample data" in entry_body(site, statuses[0], "https://x.example/register/990001/", "la-x")


# ---------------------------------------------------------------- the built register, in Chromium
# (urn, name, phase, local authority, awards, status as of TODAY, level held now)
SCHOOLS = [
    ("100001", "Alder Primary School", "primary", "Hillingdon", [("bronze", "2026-01-10")], "current", "bronze"),
    ("100002", "Birch High School", "secondary", "Ealing", [("bronze", "2024-03-01"), ("silver", "2025-06-01")],
     "current", "silver"),
    ("100003", "Cedar Academy", "secondary", "Hillingdon",
     [("bronze", "2024-06-01"), ("silver", "2025-02-01"), ("gold", "2026-02-01")], "current", "gold"),
    ("100004", "Damson Nursery School", "nursery", "Harrow", [("bronze", "2024-01-15")], "renewal-due", "bronze"),
    ("100005", HOSTILE, "primary", "Ealing", [("bronze", "2025-05-05")], "current", "bronze"),
    ("100006", "Fir Tree Primary School", "primary", "Hillingdon", [("bronze", "2023-06-01")], "lapsed", None),
    ("100007", "Gorse Special School", "special", "Harrow", [], "participating", None),
    ("100008", "Elm School", "special", HOSTILE_LA, [("bronze", "2026-05-01")], "current", "bronze"),
    ("100009", "St Anne's Catholic Primary School", "primary", "Hillingdon",
     [("bronze", "2025-01-01"), ("silver", "2026-01-01")], "current", "silver"),
    ("100010", "Hawthorn All-through School", "all-through", "Ealing",
     [("bronze", "2022-01-01"), ("silver", "2023-01-01")], "lapsed", None),
] + [(f"1002{i:02d}", f"Zz Filler School {i:02d}", "post-16", "Fillertown", [("bronze", "2026-03-01")], "current",
      "bronze") for i in range(55)]
HOLDERS = {s[0] for s in SCHOOLS if s[5] in ("current", "renewal-due")}
GIAS = "https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/"
SITE_URL = "https://register.heart-award.test/"     # not the placeholder: badge snippets are offered


def schools_yaml() -> str:
    out = ["sample_data: false", "schools:"]
    for urn, name, phase, la, awards, *_ in SCHOOLS:
        out += [f'  - urn: "{urn}"', f"    name: {json.dumps(name)}", f"    phase: {phase}",
                f"    local_authority: {json.dumps(la)}", "    arc_registered: 2024-01-01"]
        out += ["    awards:"] + [f"      - {{level: {lv}, awarded: {d}}}" for lv, d in awards] if awards else []
    return "\n".join(out) + "\n"


def holders(**where) -> set[str]:
    keys = {"level": 6, "phase": 2, "la": 3}
    return {s[0] for s in SCHOOLS if s[0] in HOLDERS and all(s[keys[k]] in v for k, v in where.items())}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("register")
    overlay, no_modules = tmp / "overlay", tmp / "no-modules"
    (overlay / "data").mkdir(parents=True)
    no_modules.mkdir()
    (overlay / "data" / "schools.yml").write_text(schools_yaml(), encoding="utf-8")
    project = make_project(tmp / "project", overlay, strategies_from=FIXTURES / "mini" / "strategies",
                           modules_from=no_modules)
    with_page_scripts(project)
    assert_built(run_build(project, env={"HEART_SITE_URL": SITE_URL}))     # mkdocs.yml reads site_url from it
    return project / "site"


@pytest.fixture
def check(site, chromium):
    with serve(site) as base:
        checker = PageChecker(chromium, base)
        yield checker
        assert checker.external == []
        checker.close()


def register(check, query=""):
    page = check.open("register/" + query)
    page.wait_for_selector("#register-table[data-ready=true]", state="attached", timeout=10000)   # holders.json loaded
    page.evaluate("document.querySelector('#register-more').open = true")      # "More filters": phase, LA
    return page


def shown(page) -> list[str]:
    return page.locator("#register-table tbody tr td:nth-child(2)").all_inner_texts()


def all_pages(page) -> set[str]:
    """Every URN the current filters match, following the Next page button."""
    found = set(shown(page))
    nxt = page.locator("#register-pages [data-page='1']")
    while page.locator("#register-pages").is_visible() and nxt.is_enabled():
        nxt.click()
        found |= set(shown(page))
    return found


def test_entries_are_written_from_the_shell(site):
    assert not (site / "register" / "entry-shell").exists()
    for urn, *_ in SCHOOLS:
        assert (site / "register" / urn / "index.html").is_file() and (site / "register" / urn / "badge.svg").is_file()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "entry-shell" not in sitemap and f"{SITE_URL}register/100005/</loc>" in sitemap
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "entry-shell" not in index and "register/100005/" not in index
    assert "HEARTSHELL" not in (site / "register" / "100005" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("action, expected", [
    (lambda p: None, HOLDERS),
    (lambda p: p.check("input[name=level][value=gold]"), holders(level={"gold"})),
    (lambda p: (p.check("input[name=level][value=silver]"), p.check("input[name=level][value=gold]")),
     holders(level={"silver", "gold"})),
    (lambda p: p.check("input[name=phase][value=primary]"), holders(phase={"primary"})),
    (lambda p: (p.check("input[name=phase][value=primary]"), p.check("input[name=level][value=silver]")),
     {"100009"}),
    (lambda p: p.select_option("#register-la", label="Ealing"), holders(la={"Ealing"})),
    (lambda p: p.select_option("#register-la", label=HOSTILE_LA), {"100008"}),
    (lambda p: p.fill("#register-q", "anne"), {"100009"}),
    (lambda p: p.fill("#register-q", "St Annes"), {"100009"}),
    (lambda p: p.fill("#register-q", "CEDAR"), {"100003"}),
    (lambda p: p.fill("#register-q", "100004"), {"100004"}),
    (lambda p: p.fill("#register-q", "10000"), holders() - {s for s in HOLDERS if s.startswith("1002")}),
    (lambda p: p.fill("#register-q", "script"), {"100005"}),
    (lambda p: p.fill("#register-q", "fir tree"), set()),                  # lapsed: not a current holder
    (lambda p: p.fill("#register-q", "hawthorn"), set()),
])
def test_filters_and_search(check, action, expected):
    page = register(check)
    action(page)
    assert all_pages(page) == expected
    status = page.locator("#register-count")
    assert status.get_attribute("role") == "status"
    if not expected:             # no match: the count says so and points to past holders and participating schools
        assert status.inner_text().startswith(f"No current award holder matches (of {len(HOLDERS)}).")
        assert "2 past holders (awards that have lapsed) and 1 participating school (no level yet)" in \
            status.inner_text()
        none = page.locator("#register-none")
        assert none.is_visible() and page.locator("#register-table").is_hidden()
        assert none.locator('a[href="#past"]').inner_text() == "Past holders (2)"
        assert none.locator('a[href="#participating"]').inner_text() == "Participating schools (1)"
    else:
        assert page.locator("#register-none").is_hidden()
        assert f"{len(expected):,} of {len(HOLDERS):,}" in status.inner_text() or (
            expected == HOLDERS and f"{len(HOLDERS):,} current award holders" in status.inner_text())


def test_filters_live_in_the_url(check):
    page = register(check)
    page.check("input[name=phase][value=primary]")
    page.check("input[name=level][value=silver]")
    page.fill("#register-q", "anne")
    query = page.evaluate("location.search")
    assert "phase=primary" in query and "level=silver" in query and "search=anne" in query
    page = register(check, "?search=cedar")
    assert shown(page) == ["100003"] and page.input_value("#register-q") == "cedar"
    assert page.locator(".md-search-result__item").count() == 0          # the theme's own search stays closed
    page = check.open("register/?phase=primary&level=bronze,silver")
    page.wait_for_selector("#register-table[data-ready=true]")
    assert page.evaluate("document.querySelector('#register-more').open")       # a shared view shows its filters
    assert page.is_checked("input[name=phase][value=primary]") and page.is_checked("input[name=level][value=silver]")
    assert set(shown(page)) == holders(phase={"primary"}, level={"bronze", "silver"})
    page.click("[data-register-clear]")
    assert page.evaluate("location.search") == "" and len(shown(page)) == 50


def test_sort_by_column(check):
    page = register(check)
    ths = page.locator("#register-table thead th")
    assert ths.nth(0).get_attribute("aria-sort") == "ascending"
    page.fill("#register-q", "10000")                                    # the ten named fixture schools
    page.click("button[data-sort=until]")
    assert ths.nth(6).get_attribute("aria-sort") == "ascending" and ths.nth(0).get_attribute("aria-sort") is None
    dates = [dt.datetime.strptime(d, "%d/%m/%Y").date() for d in
             page.locator("#register-table tbody td:nth-child(7) time").all_inner_texts()]
    assert dates == sorted(dates) and len(dates) == 7
    page.click("button[data-sort=until]")
    assert ths.nth(6).get_attribute("aria-sort") == "descending"
    dates_desc = [dt.datetime.strptime(d, "%d/%m/%Y").date() for d in
                  page.locator("#register-table tbody td:nth-child(7) time").all_inner_texts()]
    assert dates_desc == sorted(dates, reverse=True)
    assert "sort=until" in page.evaluate("location.search") and "dir=desc" in page.evaluate("location.search")
    page.click("button[data-sort=name]")
    names = page.locator("#register-table tbody th a").all_inner_texts()
    assert names == sorted(names, key=str.casefold)


def test_pages_of_results(check):
    page = register(check)
    assert len(shown(page)) == 50 and f"{len(HOLDERS)} current award holders. Showing 1 to 50." in \
        page.inner_text("#register-count")
    page.click("#register-pages [data-page='1']")
    assert len(shown(page)) == len(HOLDERS) - 50 and "page=2" in page.evaluate("location.search")
    assert page.locator("#register-pages [data-page='1']").is_disabled()


def test_register_without_javascript(site, chromium):
    with serve(site) as base:
        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "register/")
        assert page.locator("#register-q").is_disabled()         # in place from the start, usable once the script runs
        assert "Search and filters need JavaScript" in page.inner_text("#register-filter")
        first = page.locator("#register-table tbody tr th a").all_inner_texts()
        names = sorted((s[1] for s in SCHOOLS if s[0] in HOLDERS), key=str.casefold)
        assert first == names[:50]
        assert f"first 50 of {len(HOLDERS)}" in page.inner_text("#register-count")
        seen = set()
        for link in page.locator(".heart-la-list a").all():      # the full register, one local authority at a time
            la = context.new_page()
            la.goto(base + "register/" + link.get_attribute("href"))
            seen |= set(la.locator("table[data-register] tbody td:nth-child(2)").all_inner_texts())
            la.close()
        assert seen == {s[0] for s in SCHOOLS}
        context.close()


def test_past_and_participating_listed_apart(check):
    page = register(check)
    past = page.locator("table[data-register=lapsed] tbody td:nth-child(2)").all_inner_texts()
    part = page.locator("table[data-register=participating] tbody td:nth-child(2)").all_inner_texts()
    assert set(past) == {"100006", "100010"} and set(part) == {"100007"}
    assert not ({"100006", "100010", "100007"} & set(shown(page)))


def test_hostile_strings_are_literal_everywhere(check, site):
    page = register(check)
    page.fill("#register-q", "script")
    assert page.locator("#register-table tbody th a").inner_text() == HOSTILE
    page.select_option("#register-la", label=HOSTILE_LA)
    page.fill("#register-q", "")
    assert page.locator("#register-table tbody td:nth-child(4)").inner_text() == HOSTILE_LA
    page = check.open("register/100005/")
    assert page.locator("article h1").inner_text() == f"{HOSTILE} (URN 100005)"
    assert page.title().startswith(f"{HOSTILE} (URN 100005)")
    assert HOSTILE in page.locator(".heart-lede").inner_text()
    page = check.open("register/100008/")
    page.click("dl[data-entry=facts] a")                                    # its local authority's page
    assert page.locator("article h1").inner_text() == f"Register: {HOSTILE_LA}"
    assert page.evaluate("window.__pwned") is None
    svg = ET.fromstring((site / "register/100005/badge.svg").read_text(encoding="utf-8"))
    assert HOSTILE in svg.find("{http://www.w3.org/2000/svg}title").text
    rows = list(csv.DictReader(io.StringIO((site / opendata.CSV_NAME).read_text(encoding="utf-8-sig"))))
    assert {r["urn"]: r["name"] for r in rows}["100005"] == HOSTILE
    assert {r["urn"]: r["local_authority"] for r in rows}["100008"] == HOSTILE_LA
    data = json.loads((site / opendata.JSON_NAME).read_text(encoding="utf-8"))
    assert data["schools"]["100005"]["name"] == HOSTILE
    holders_json = json.loads((site / "register/holders.json").read_text(encoding="utf-8"))
    assert HOSTILE in holders_json["cols"]["name"] and HOSTILE_LA in holders_json["las"]


class _Snippet(html.parser.HTMLParser):
    def __init__(self, text):
        super().__init__()
        self.tags = {}
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = dict(attrs)


def test_entry_page(check):
    page = check.open("register/100003/")
    facts = page.locator("dl.heart-summary-list[data-entry=facts]").inner_text()
    assert "Gold" in facts and "1 February 2029" in facts and "Current" in facts and "1 January 2024" in facts
    history = page.locator("table[data-entry=history] tbody tr").all_inner_texts()
    assert len(history) == 3 and history[0].startswith("Bronze")
    assert page.locator(f'a[href="{GIAS}100003"]').count() == 1
    snippet = _Snippet(page.locator(".heart-badge-snippet code").inner_text()).tags
    assert snippet["a"]["href"] == f"{SITE_URL}register/100003/"
    assert snippet["img"]["src"] == f"{SITE_URL}register/100003/badge.svg"
    assert snippet["img"]["alt"].startswith("Cedar Academy (URN 100003) holds the HEART Award at Gold")
    page = check.open("register/100005/")
    alt = _Snippet(page.locator(".heart-badge-snippet code").inner_text()).tags["img"]["alt"]
    assert alt.startswith(HOSTILE)
    assert page.locator("img[src='badge.svg']").evaluate("i => i.naturalWidth") > 0


@pytest.mark.parametrize("urn, words, lede", [
    ("100003", ["HEART Award: Gold", "Valid until 1 February 2029"], "holds the HEART Award at Gold"),
    ("100004", ["HEART Award: Bronze", "Valid until 15 January 2027"], "(renewal due)"),
    ("100006", ["HEART Award: lapsed", "Bronze ended 1 June 2026"], "does not hold"),
    ("100010", ["HEART Award: lapsed", "Silver ended 1 January 2026"], "does not hold"),
    ("100007", ["HEART Award: participating"], "does not hold a level yet"),
])
def test_badges_tell_the_truth(site, check, urn, words, lede):
    svg = ET.fromstring((site / "register" / urn / "badge.svg").read_text(encoding="utf-8"))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "badge-title"
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert all(any(w in t for t in texts) for w in words), texts
    assert urn in svg.find("{http://www.w3.org/2000/svg}title").text
    assert lede in check.open(f"register/{urn}/").locator(".heart-lede").inner_text()


@pytest.mark.parametrize("path", ["register/", "register/100005/", "register/100006/", "register/la-ealing/"])
@pytest.mark.parametrize("scheme_name", ["light", "dark"])
def test_axe(site, chromium, path, scheme_name):
    with serve(site) as base:
        checker = PageChecker(chromium, base, color_scheme=scheme_name)
        page = checker.open(path)
        if path == "register/":
            page.wait_for_selector("#register-table[data-ready=true]")
        assert checker.axe_violations() == []
        checker.close()


def test_empty_register_builds(tmp_path):
    overlay, no_modules = tmp_path / "overlay", tmp_path / "no-modules"
    (overlay / "data").mkdir(parents=True)
    no_modules.mkdir()
    (overlay / "data" / "schools.yml").write_text("sample_data: false\nschools: []\n", encoding="utf-8")
    project = make_project(tmp_path / "project", overlay, strategies_from=FIXTURES / "mini" / "strategies",
                           modules_from=no_modules)
    assert_built(run_build(project))
    site = project / "site"
    assert "Current award holders (0)" in (site / "register/index.html").read_text(encoding="utf-8")
    assert json.loads((site / "register/holders.json").read_text(encoding="utf-8"))["cols"]["urn"] == []
    assert not (site / "register/entry-shell").exists()


# ---------------------------------------------------------------- phones, print, the badge snippet
def overflowing(page, width: int) -> list[str]:
    return page.evaluate(f"""() => [...document.querySelectorAll('article *')].filter(e => {{
        const r = e.getBoundingClientRect(); return r.width && r.right > {width} + 1; }})
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")


@pytest.mark.parametrize("path", ["register/", "register/100003/", "register/la-ealing/"])
def test_no_sideways_scrolling_at_320px(check, path):
    check.page.set_viewport_size({"width": 320, "height": 700})
    page = register(check) if path == "register/" else check.open(path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert overflowing(page, 320) == []


def test_phone_rows_show_school_level_and_valid_until_without_scrolling(check):
    check.page.set_viewport_size({"width": 390, "height": 800})
    page = register(check, "?search=cedar")
    row = page.locator("#register-table tbody tr").first
    boxes = {k: row.locator(f".heart-reg__{k}").bounding_box() for k in ("name", "level", "until")}
    for key, box in boxes.items():
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (key, box)
    assert boxes["name"]["y"] < boxes["level"]["y"] <= boxes["until"]["y"]     # stacked: school first
    assert row.locator(".heart-reg__level").inner_text().endswith("Gold")
    assert row.locator(".heart-reg__until").evaluate("e => getComputedStyle(e, '::before').content") == \
        '"Valid until"'                                                          # labelled on a phone
    assert row.locator(".heart-reg__until time").inner_text() == "01/02/2029"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button[data-sort=until]")                                       # sorting still works on a phone
    assert page.locator("#register-table thead th").nth(6).get_attribute("aria-sort") == "ascending"
    # the rows the server wrote stack too (a local authority's page, no script)
    page = check.open("register/la-ealing/")
    cell = page.locator("table[data-register=holders] tbody tr").first.locator(".heart-reg__until")
    box = cell.bounding_box()
    assert box["x"] + box["width"] <= 390


def test_register_prints_full_width_with_every_column(check):
    page = register(check)
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content__inner')).columnCount") == "auto"
    assert page.locator("#register-filter").is_hidden()
    texts, reader = pdf_pages(page.pdf(prefer_css_page_size=True))
    whole = " ".join(texts)
    for head in ["School", "URN", "Phase", "Local authority", "Level", "Awarded", "Valid until"]:
        assert head in texts[0], head
    for urn in ("100001", "100003", "100009"):
        assert urn in whole
    assert "01/02/2029" in whole and "Cedar Academy" in whole                   # the last column is not cut off
    page_width = float(reader.pages[0].mediabox.width)
    table = page.locator("#register-table").bounding_box()
    assert table["width"] > 0.9 * page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
    assert page_width > 0


def test_copy_button_copies_the_snippet_and_announces_copied(check):
    check.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=check.base.rstrip("/"))
    page = check.open("register/100003/")
    button = page.get_by_role("button", name="Copy the HTML")
    live = page.locator("#badge-copy [role=status]")
    assert live.get_attribute("aria-live") == "polite" and live.inner_text() == ""
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#badge-copy [role=status]').textContent === 'Copied'")
    assert page.evaluate("navigator.clipboard.readText()") == page.locator(".heart-badge-snippet code").inner_text()


def test_placeholder_address_offers_no_snippet(tmp_path):
    from macros.heart.render.entries import badge_section, is_placeholder
    assert is_placeholder("https://heart-award.example.org/") and is_placeholder("")
    assert not is_placeholder(SITE_URL)
    site = load_site(mini_root(tmp_path), build_date=TODAY)
    st = site.statuses[0]
    body = entry_body(site, st, None, "la-x")
    assert "heart-badge-snippet" not in body and "example.org" not in body and 'id="badge-copy"' not in body
    assert "once this register is published at its permanent web address" in body
    html = "".join(badge_section(site, st, f"{SITE_URL}register/{st.school.urn}/"))
    assert f"{SITE_URL}register/{st.school.urn}/badge.svg" in html and 'id="badge-copy"' in html


def test_entry_facts_are_a_summary_list(tmp_path):
    site = load_site(mini_root(tmp_path), build_date=TODAY)
    body = entry_body(site, site.statuses[0], None, "la-x")
    assert '<dl class="heart-summary-list" data-entry="facts">' in body
    keys = [k for k in __import__("re").findall(r'<dt class="heart-summary-list__key">([^<]*)</dt>', body)]
    assert keys[:4] == ["URN", "Phase", "Local authority", "Status"]



@pytest.mark.parametrize("scheme_name", ["light", "dark"])
def test_axe_on_a_phone(site, chromium, scheme_name):
    """The stacked rows, the More filters disclosure, the no-match pointer and the copy button pass axe too."""
    with serve(site) as base:
        checker = PageChecker(chromium, base, color_scheme=scheme_name)
        checker.page.set_viewport_size({"width": 390, "height": 800})
        page = register(checker, "?search=nothing-at-all")
        assert page.locator("#register-none").is_visible()
        assert checker.axe_violations() == []
        page.fill("#register-q", "")
        assert checker.axe_violations() == []
        page = checker.open("register/100003/")
        page.get_by_role("button", name="Copy the HTML").click()
        page.mouse.move(0, 0)
        page.wait_for_timeout(400)              # the theme's button colours fade: let them settle before axe
        assert checker.axe_violations() == []
        checker.close()


@pytest.mark.parametrize("width", [1280, 1024])
def test_every_column_fits_on_a_desktop_without_sideways_scrolling(check, width):
    check.page.set_viewport_size({"width": width, "height": 900})
    page = register(check)
    wrap = page.evaluate("""() => { const s = document.querySelector('#register-table').closest('.md-typeset__scrollwrap')
        || document.querySelector('#register-table').parentElement; return [s.scrollWidth, s.clientWidth]; }""")
    assert wrap[0] <= wrap[1], wrap
    box = page.locator("#register-table thead th").nth(6).bounding_box()
    assert box["x"] + box["width"] <= width
