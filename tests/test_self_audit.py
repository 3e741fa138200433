"""The self-audit: its page (render/self_audit.py), the rating scale from data/scheme.yml, and the script
(docs/assets/self-audit.js) in Chromium against the mini project, on screen, on a phone and in print.

Without Chromium the browser tests fail (tests/browser.py raises); they never skip. The script's pure logic has
Node unit tests in tests/js/."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from pydantic import ValidationError

from macros.heart import yamlio
from macros.heart.models import Scheme
from macros.heart.render import award, opendata, self_audit
from tests.browser import PageChecker, serve
from tests.conftest import FIXTURES, ROOT, make_project, run_build

PAGE = "award/self-audit/"
SCRIPT = "assets/self-audit.js"
KEY = "heart-self-audit:HEART Award"
PRINT_STUB = "window.__printed = 0; window.print = function () { window.__printed += 1; };"


LOADER = """{% extends "base.html" %}
{% block scripts %}{{ super() }}
{% for s in (page.meta.heart_scripts if page and page.meta and page.meta.heart_scripts else []) %}
<script src="{{ s | url }}" defer></script>{% endfor %}
{% endblock %}
"""


def with_page_scripts(project: Path) -> None:
    """Make a test build load each page's front-matter ``heart_scripts`` (deferred) and nothing from
    extra_javascript, as the theme does once pages-look's template lands; a no-op when the theme already does."""
    main = project / "macros" / "theme" / "main.html"
    if not (main.exists() and "heart_scripts" in main.read_text(encoding="utf-8")):
        assert not main.exists(), "the theme has a main.html that does not load heart_scripts"
        main.write_text(LOADER, encoding="utf-8")
    cfg = project / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace("  - assets/self-audit.js\n", ""), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    # the same project as conftest's mini_project, built once for the module
    project = make_project(tmp_path_factory.mktemp("self-audit") / "mini", FIXTURES / "mini" / "overlay",
                           strategies_from=FIXTURES / "mini" / "strategies",
                           modules_from=FIXTURES / "mini" / "training_modules")
    with_page_scripts(project)
    result = run_build(project)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return project / "site"


@pytest.fixture(scope="module")
def criteria(site) -> dict:
    return json.loads((site / "award" / "criteria.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


@pytest.fixture
def checker(chromium, base_url):
    pc = PageChecker(chromium, base_url)
    errors: list[str] = []
    pc.page.on("pageerror", lambda e: errors.append(str(e)))
    pc.page.on("dialog", lambda d: d.accept())
    pc.errors = errors
    yield pc
    pc.close()
    assert not errors, f"JavaScript errors: {errors}"
    assert not pc.external, f"requests left the site: {pc.external}"


def open_audit(pc: PageChecker, hash: str = "#level-all"):
    """The self-audit once its script is ready; every level shown unless ``hash`` says otherwise."""
    page = pc.open(PAGE + hash)
    page.wait_for_selector("#self-audit-tool[data-ready=true]")
    return page


def state(page) -> dict:
    """{id: {rating, note}} as the form shows it, for criteria with a rating or a note."""
    return page.evaluate("""() => {
      const out = {};
      document.querySelectorAll('fieldset.heart-sa-criterion').forEach(fs => {
        const checked = fs.querySelector('input[type=radio]:checked');
        const note = fs.querySelector('textarea');
        const id = note.dataset.criterion;
        const rating = checked ? checked.value : '';
        if (rating || note.value) out[id] = {rating: rating, note: note.value};
      });
      return out;
    }""")


def status(page) -> str:
    page.wait_for_function("() => document.querySelector('#sa-status').textContent.length > 0")
    return page.locator("#sa-status").inner_text()


def rate(page, ratings: dict[str, str]) -> None:
    for cid, value in ratings.items():
        page.check(f"#sa-{cid}-{value or 'none'}")


def test_keyboard_rating_notes_reload_export_clear_import(checker, criteria, tmp_path):
    page = open_audit(checker)
    assert state(page) == {}

    # B1: Tab lands on the checked "No rating yet" radio; arrows move and select
    page.focus("#sa-B1-none")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == "sa-B1-developing"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sa-note-B1"
    page.keyboard.type('Governors to sign, "by March", then share')
    # B2: Space selects the focused radio
    page.focus("#sa-B2-established")
    page.keyboard.press("Space")
    # S1: ArrowLeft from the first radio wraps to the last (Embedded)
    page.focus("#sa-S1-none")
    page.keyboard.press("ArrowLeft")
    # Tab from one group to the next criterion reaches its link, then its radios
    page.focus("#sa-note-B2")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sa-B3-none"
    page.keyboard.press("ArrowRight")

    expected = {"B1": {"rating": "developing", "note": 'Governors to sign, "by March", then share'},
                "B2": {"rating": "established", "note": ""},
                "B3": {"rating": "not-started", "note": ""},
                "S1": {"rating": "embedded", "note": ""}}
    assert state(page) == expected
    n = len(criteria["criteria"])
    assert page.inner_text("#sa-summary") == (f"You have rated 4 of {n} criteria. 2 criteria are established or "
                                              f"embedded; {n - 2} criteria are gaps.")
    bronze = page.locator(".heart-sa-progress").first.locator("tbody tr").first
    assert bronze.locator("th").inner_text() == "Bronze"
    assert bronze.locator("td").all_inner_texts() == ["8", "3", "1", "7"]
    assert page.locator(".heart-sa-progress caption").all_inner_texts() == ["Progress by level", "Progress by area"]
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))
    assert stored["version"] == criteria["version"] and stored["answers"]["B1"]["rating"] == "developing"

    page.reload()
    page.wait_for_selector("#self-audit-tool[data-ready=true]")
    assert state(page) == expected

    with page.expect_download() as dl:
        page.click("text=Export answers")
    assert dl.value.suggested_filename.startswith("heart-award-self-audit-")
    assert dl.value.suggested_filename.endswith(".json")
    exported = tmp_path / "answers.json"
    dl.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["award"] == "HEART Award" and data["version"] == criteria["version"] and data["saved"]
    assert set(data["answers"]) == {c["id"] for c in criteria["criteria"]}
    assert data["answers"]["B1"] == expected["B1"]
    assert data["answers"]["B4"] == {"rating": None, "note": ""}

    with page.expect_download() as dl:
        page.click("text=Export CSV")
    raw = Path(dl.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["id", "level", "title", "rating", "note"]
    assert rows[1] == ["B1", "Bronze", "Signed commitment", "Developing", 'Governors to sign, "by March", then share']
    assert len(rows) == n + 1

    page.click("text=Clear all answers")
    assert "cleared" in status(page)
    assert state(page) == {}
    assert page.evaluate(f"localStorage.getItem({json.dumps(KEY)})") is None

    page.set_input_files("#sa-import", str(exported))
    page.wait_for_function("() => document.querySelector('#sa-status').textContent.startsWith('Imported')")
    assert state(page) == expected
    assert "Kept answers for 4 criteria." in status(page)
    page.reload()
    page.wait_for_selector("#self-audit-tool[data-ready=true]")
    assert state(page) == expected


def test_print_plan_lists_exactly_the_gaps(checker, criteria, base_url):
    checker.page.add_init_script(PRINT_STUB)
    page = open_audit(checker)
    assert "unless you rate it established or embedded" in page.inner_text("article")   # the rule, on the page
    rate(page, {"B1": "developing", "B2": "embedded", "B3": "established", "B4": "not-started", "S2": "embedded"})
    page.click("text=Print draft development plan")
    assert page.evaluate("window.__printed") == 1
    plan = page.locator("#sa-plan")
    assert plan.is_visible()
    assert page.evaluate("document.activeElement.id") == "sa-plan"
    met = {"B2", "B3", "S2"}
    gaps = [c["id"] for c in criteria["criteria"] if c["id"] not in met]
    rows = plan.locator("tbody tr")
    assert [rows.nth(i).get_attribute("data-criterion") for i in range(rows.count())] == gaps
    assert plan.locator("thead th").all_inner_texts() == self_audit.PLAN_COLUMNS
    b1 = plan.locator('tr[data-criterion="B1"]')
    assert b1.locator("th").inner_text() == "B1 Signed commitment"
    assert b1.locator("th a").get_attribute("href") == base_url + "award/bronze/#b1"
    assert b1.locator("td").nth(0).inner_text() == "Developing"
    link = b1.locator("td").nth(2).locator("a")
    assert link.inner_text() == "Fixture strategy"
    assert link.get_attribute("href") == base_url + "strategies/fixture-strategy/"
    assert [t.strip() for t in b1.locator("td").all_inner_texts()[4:]] == ["", "", ""]
    assert plan.locator('tr[data-criterion="B5"] td').first.inner_text() == "No rating yet"

    # printing shows only the plan, on landscape pages
    assert page.evaluate("document.documentElement.classList.contains('heart-sa-print-plan')")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.body).page") == "heart-plan"
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not page.evaluate("document.documentElement.classList.contains('heart-sa-print-plan')")
    page.click("text=Print draft development plan")
    assert page.evaluate("window.__printed") == 2
    page.emulate_media(media="print")
    assert plan.is_visible()
    for hidden in ("#sa-criterion-B1", ".heart-sa-tools", "#sa-progress-title", "article h1", ".md-sidebar--primary"):
        assert page.locator(hidden).first.is_hidden(), hidden
    page.emulate_media(media="screen")

    # the plan follows later ratings; with no gaps it says so
    rate(page, {"B1": "established"})
    assert plan.locator('tr[data-criterion="B1"]').count() == 0
    rate(page, {c["id"]: "embedded" for c in criteria["criteria"]})
    assert plan.locator("tbody tr").count() == 0
    assert "there are no gaps" in plan.inner_text()
    rate(page, {"B1": "developing"})
    assert plan.locator("tbody tr").count() == 1


def _write(path: Path, data: dict) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_import_older_version_names_unknown_and_new_ids(checker, criteria, tmp_path):
    page = open_audit(checker)
    rate(page, {"G1": "embedded"})          # replaced by the import
    page.set_input_files("#sa-import", _write(tmp_path / "old.json", {
        "award": "HEART Award", "version": "0.9", "saved": "2026-01-01T00:00:00Z",
        "answers": {"B1": {"rating": "developing", "note": "from the pilot"}, "Z42": {"rating": "embedded", "note": ""},
                    "B2": {"rating": "brilliant", "note": ""}}}))
    page.wait_for_function("() => document.querySelector('#sa-status').textContent.startsWith('Imported')")
    msg = status(page)
    assert "version 0.9" in msg and f"version {criteria['version']}" in msg
    assert "Removed since version 0.9, so not kept: Z42." in msg
    assert "Added since version 0.9, with no answer yet: B3, " in msg      # ids the file does not have
    assert "Ratings not recognised, so left without a rating: B2." in msg
    assert state(page) == {"B1": {"rating": "developing", "note": "from the pilot"}}

    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    page.set_input_files("#sa-import", str(bad))
    page.wait_for_function("() => document.querySelector('#sa-status').textContent.startsWith('That file')")
    assert "Nothing was imported" in status(page)
    assert state(page) == {"B1": {"rating": "developing", "note": "from the pilot"}}


def test_import_uses_history_to_name_changed_criteria(checker, criteria, tmp_path):
    """A newer site (a later version, history naming B2) reading answers saved against this version."""
    later = criteria["version"] + ".1"
    newer = dict(criteria, version=later,
                 history=[{"version": later, "changes": ["B2 now asks for a record of termly meetings.",
                                                         "Q7 was withdrawn."]}] + criteria["history"])
    newer["criteria"] = [c for c in criteria["criteria"] if c["id"] != "G7"]
    checker.page.route("**/award/criteria.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(newer)))
    answers = {c["id"]: {"rating": None, "note": ""} for c in criteria["criteria"] if c["id"] != "S9"}
    answers.update({"B1": {"rating": "embedded", "note": ""}, "B2": {"rating": "established", "note": "minutes"},
                    "Q7": {"rating": "developing", "note": ""}})
    page = open_audit(checker)
    page.set_input_files("#sa-import", _write(tmp_path / "v1.json", {
        "award": "HEART Award", "version": criteria["version"], "answers": answers}))
    page.wait_for_function("() => document.querySelector('#sa-status').textContent.startsWith('Imported')")
    msg = status(page)
    assert f"saved against criteria version {criteria['version']}; this site uses version {later}." in msg
    assert f"Removed since version {criteria['version']}, so not kept: G7, Q7." in msg
    assert f"Added since version {criteria['version']}, with no answer yet: S9." in msg
    assert f"Changed since version {criteria['version']}, so check these answers: B2." in msg
    assert state(page) == {"B1": {"rating": "embedded", "note": ""}, "B2": {"rating": "established", "note": "minutes"}}


def test_answers_saved_in_this_browser_against_an_older_version_are_matched(checker, criteria):
    page = open_audit(checker)
    old_ids = [c["id"] for c in criteria["criteria"] if c["id"] != "G7"] + ["Z42"]
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps({
        "award": "HEART Award", "version": "0.9", "criteria": old_ids,
        "answers": {"B1": {"rating": "embedded", "note": "kept"}, "Z42": {"rating": "developing", "note": ""}}})])
    page.reload()
    page.wait_for_selector("#self-audit-tool[data-ready=true]")
    msg = status(page)
    assert msg.startswith("The criteria have changed since you last used this page.")
    assert "so not kept: Z42." in msg and "with no answer yet: G7." in msg
    assert state(page) == {"B1": {"rating": "embedded", "note": "kept"}}
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(KEY)})"))
    assert stored["version"] == criteria["version"] and set(stored["answers"]) == {"B1"}


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_clean_empty_and_filled(chromium, base_url, criteria, width):
    for scheme in ("light", "dark"):
        pc = PageChecker(chromium, base_url, color_scheme=scheme)
        pc.page.set_viewport_size({"width": width, "height": 900})
        try:
            pc.page.add_init_script(PRINT_STUB)
            pc.page.on("dialog", lambda d: d.accept())
            page = open_audit(pc)
            assert pc.axe_violations() == [], f"empty, {scheme}"
            ratings = ["not-started", "developing", "established", "embedded", ""]
            rate(page, {c["id"]: ratings[i % 5] for i, c in enumerate(criteria["criteria"])})
            page.fill("#sa-note-B1", "A note")
            page.click("text=Print draft development plan")
            status(page)
            assert pc.axe_violations() == [], f"filled, {scheme}"
            assert not pc.external
        finally:
            pc.close()


def test_headings_and_labels(checker, criteria):
    page = open_audit(checker)
    headings = page.evaluate("""() => [...document.querySelectorAll('article h1, article h2, article h3')]
        .filter(h => h.offsetParent !== null).map(h => h.tagName + ' ' + h.textContent.replace('¶', '').trim())""")
    levels = [f"H2 {lv['name']}: {lv['focus']}" for lv in criteria["levels"]]
    assert headings == (["H1 Self-audit", "H2 Choose a level"] + levels +
                        ["H2 Progress", "H2 Draft development plan", "H2 Your answers"])
    assert page.locator("fieldset.heart-sa-criterion").count() == len(criteria["criteria"])
    c = criteria["criteria"][0]
    assert page.locator(f"#sa-criterion-{c['id']} legend").inner_text() == f"{c['id']} {c['title']}"
    assert page.locator(f"#sa-criterion-{c['id']} input[type=radio]").count() == len(criteria["ratings"]) + 1
    for r in criteria["ratings"]:          # each choice is described by its definition (WCAG 3.3.2)
        radio = page.locator(f"#sa-{c['id']}-{r['id']}")
        assert radio.evaluate("r => document.getElementById(r.getAttribute('aria-describedby')).textContent") == \
            r["definition"]
        assert page.get_by_label(r["label"]).first.is_visible()
    assert page.get_by_label(f"Notes on {c['id']} (optional)").count() == 1
    assert page.get_by_label("Import answers from a file").count() == 1
    assert page.locator("[role=status]#sa-status").count() == 1


def test_without_javascript_the_checklist_lists_every_criterion(chromium, base_url, criteria):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + PAGE, wait_until="load")
        ids = [fs.get_attribute("data-criterion") for fs in page.locator("fieldset.heart-sa-criterion").all()
               if fs.is_visible()]
        assert ids == [c["id"] for c in criteria["criteria"]]          # every level shown, as a paper checklist
        assert page.locator("#sa-B1-developing").is_visible()
        assert "cannot save your ratings" in page.inner_text("#self-audit-tool")
        for hidden in ("#sa-progress", "#sa-plan-tools", "#sa-tools"):    # the parts only the script can use
            assert page.locator(hidden).is_hidden(), hidden
        assert "unless you rate it established or embedded" in page.inner_text("article")
    finally:
        context.close()


def test_scripts_load_only_where_declared(checker):
    page = checker.open("award/")
    assert page.locator(f'script[src$="{SCRIPT}"]').count() == 0
    page = open_audit(checker)
    srcs = page.locator("script[src*='assets/']").evaluate_all("s => s.map(x => x.getAttribute('src'))")
    assert [s.rsplit("/", 1)[-1] for s in srcs if "heart-common" in s or "self-audit" in s] == \
        ["heart-common.js", "self-audit.js"]
    assert page.locator(f'script[src$="{SCRIPT}"]').get_attribute("defer") is not None


# ---------------------------------------------------------------- levels, jump links, the plan, print and phones
def tab_to(page, selector: str, limit: int = 200) -> int:
    """Press Tab until ``selector`` has focus; returns the number of presses."""
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return n
    raise AssertionError(f"{selector} never got focus in {limit} tab presses")


def visible_levels(page) -> list[str]:
    return [s.get_attribute("data-level") for s in page.locator("section.heart-sa-level").all() if s.is_visible()]


def test_level_choice_and_jump_links_by_keyboard(checker, criteria):
    page = open_audit(checker, hash="")
    assert visible_levels(page) == ["bronze"]                          # the first level, nothing stored yet
    assert page.locator('.heart-sa-tab[data-level="bronze"]').get_attribute("aria-current") == "true"
    tab_to(page, '.heart-sa-tab[data-level="silver"]')
    page.keyboard.press("Enter")
    assert visible_levels(page) == ["silver"]
    assert page.evaluate("document.activeElement.id") == "sa-level-silver-title"
    assert page.locator('.heart-sa-tab[data-level="silver"]').get_attribute("aria-current") == "true"
    assert page.locator('.heart-sa-tab[data-level="bronze"]').get_attribute("aria-current") is None
    # from the level's heading, its jump links come first; Enter on one moves the reading point to that criterion
    silver = [c for c in criteria["criteria"] if c["level"] == "silver"]
    presses = tab_to(page, f'a[href="#sa-criterion-{silver[2]["id"]}"]')
    assert presses == 3
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f'#sa-criterion-{silver[2]["id"]}'
    box = page.locator(f'#sa-criterion-{silver[2]["id"]}').bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"] / 2
    page.keyboard.press("Tab")                                         # the next stop is inside that criterion
    assert page.evaluate("document.activeElement.closest('fieldset').id") == f'sa-criterion-{silver[2]["id"]}'
    # remembered in this browser
    checker.page.goto(checker.base + PAGE)
    page.wait_for_selector("#self-audit-tool[data-ready=true]")
    assert visible_levels(page) == ["silver"]
    # an address inside another level shows that level; "All levels" shows every one
    page.goto(checker.base + PAGE + "#sa-criterion-G2")
    page.reload()
    page.wait_for_selector("#self-audit-tool[data-ready=true]")
    assert visible_levels(page) == ["gold"]
    page.focus('.heart-sa-tab[data-level="all"]')
    page.keyboard.press("Enter")
    assert visible_levels(page) == [lv["id"] for lv in criteria["levels"]]


def pdf_pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", p.extract_text()) for p in reader.pages], reader


def test_plan_for_the_chosen_level_with_notes_and_school_prints_landscape(checker, criteria):
    checker.page.add_init_script(PRINT_STUB)
    page = open_audit(checker, hash="#level-silver")
    silver = [c["id"] for c in criteria["criteria"] if c["level"] == "silver"]
    rate(page, {silver[0]: "embedded", silver[1]: "developing"})
    page.fill(f"#sa-note-{silver[1]}", "Book supervision sessions with the educational psychologist")
    page.focus("#sa-school")
    page.keyboard.type("Juniper Fictional Primary")
    page.click("#sa-plan-button")
    plan = page.locator("#sa-plan")
    ids = plan.locator("tbody tr").evaluate_all("rs => rs.map(r => r.dataset.criterion)")
    assert ids == silver[1:]                                           # only Silver's gaps
    row = plan.locator(f'tr[data-criterion="{silver[1]}"]')
    assert row.locator("td").nth(1).inner_text() == "Book supervision sessions with the educational psychologist"
    meta = plan.locator(".heart-sa-plan-meta").inner_text()
    assert "Juniper Fictional Primary" in meta and "Silver" in meta
    drafted = page.evaluate("HEART.common.longDate(new Date())")
    assert drafted in meta
    texts, reader = pdf_pages(page.pdf(prefer_css_page_size=True))
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height), "the plan prints landscape"
    whole = " ".join(texts)
    for head in self_audit.PLAN_COLUMNS:
        assert head in whole, head
    for words in ("Juniper Fictional Primary", drafted, "Book supervision sessions with the educational psychologist"):
        assert words in whole, words
    assert "Bronze: Aware" not in whole and "Choose a level" not in whole    # only the plan prints
    # the plan is the page's width, not a strategy page's column
    width = page.evaluate("""() => { const t = document.querySelector('.heart-sa-plan-table');
        return t.getBoundingClientRect().width / document.querySelector('.md-content').getBoundingClientRect().width; }""")
    assert width > 0.95


def test_plan_rows_never_split_across_printed_pages(checker, criteria):
    checker.page.add_init_script(PRINT_STUB)
    page = open_audit(checker)
    long_note = "Agree the approach with staff, governors and families; review it each half term. " * 6
    for c in criteria["criteria"]:                 # tall rows, each ending with a marker, so a split would show
        page.fill(f"#sa-note-{c['id'].replace('.', '-')}", f"{long_note}Endof{c['id']}")
    page.click("#sa-plan-button")
    page.emulate_media(media="print")
    assert page.locator("#sa-plan tbody tr").first.evaluate("r => getComputedStyle(r).breakInside") == "avoid"
    texts, reader = pdf_pages(page.pdf(prefer_css_page_size=True))
    assert len(texts) > 2
    for c in criteria["criteria"]:                 # a row's title and the end of its note are on the same page
        title = f"{c['id']} {c['title']}"
        pages = [i for i, t in enumerate(texts) if title in t]
        assert len(pages) == 1 and f"Endof{c['id']}" in texts[pages[0]], (title, pages)
    for t in texts:                                                    # the header row repeats on every page
        assert "Success measure" in t


@pytest.mark.parametrize("hash", ["#level-all", "#level-silver"])
def test_no_sideways_scrolling_at_320px(checker, hash):
    checker.page.add_init_script(PRINT_STUB)
    checker.page.set_viewport_size({"width": 320, "height": 800})
    page = open_audit(checker, hash=hash)
    rate(page, {"S1": "developing"})
    page.click("#sa-plan-button")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    wide = page.evaluate("""() => [...document.querySelectorAll('#self-audit-tool *')].filter(e => {
        const r = e.getBoundingClientRect(); return r.width && r.right > 321 && !e.closest('.heart-sa-scroll'); })
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert wide == []
    region = page.locator(".heart-sa-scroll")                          # the plan table scrolls, and says so
    assert region.get_attribute("role") == "region" and "scrolls sideways" in region.get_attribute("aria-label")
    assert region.get_attribute("tabindex") == "0"


def test_hostile_import_keys_are_unknown_criteria(checker, criteria, tmp_path):
    page = open_audit(checker)
    path = tmp_path / "proto.json"
    path.write_text('{"version": "' + criteria["version"] + '", "answers": {"__proto__": {"rating": "embedded", "note": "x"}, '
                    '"constructor": {"rating": "developing", "note": ""}, "hasOwnProperty": {"rating": "embedded"}, '
                    '"B1": {"rating": "developing", "note": "real"}}}', encoding="utf-8")
    page.set_input_files("#sa-import", str(path))
    page.wait_for_function("() => document.querySelector('#sa-status').textContent.startsWith('Imported')")
    msg = status(page)
    assert "has no criteria with these ids: __proto__, constructor, hasOwnProperty." in msg
    assert "Kept answers for 1 criterion." in msg
    assert state(page) == {"B1": {"rating": "developing", "note": "real"}}
    assert page.evaluate("({}).rating === undefined && typeof ({}).hasOwnProperty === 'function'")
    page.reload()
    page.wait_for_selector("#self-audit-tool[data-ready=true]")
    assert state(page) == {"B1": {"rating": "developing", "note": "real"}}


# ---------------------------------------------------------------- fast tier: the rating scale is data
@pytest.fixture(scope="module")
def real_site():
    from macros.heart.load import load_site
    return load_site(ROOT)


def test_rating_scale_comes_from_the_scheme(real_site):
    scheme = real_site.scheme
    assert [r.id for r in scheme.ratings] == ["not-started", "developing", "established", "embedded"]
    data = json.loads(award.criteria_json(real_site, lambda src: "/" + src))
    assert data["ratings"] == [r.model_dump() for r in scheme.ratings]
    page = self_audit.self_audit_page(real_site)
    for r in scheme.ratings:
        assert page.count(f">{r.definition}</span>") == len(scheme.criteria)     # shown with every choice
    # another scale in the data changes the page, the JSON and the gap rule, with no code change
    other = real_site.scheme.model_copy(update={"ratings": [
        scheme.ratings[0].model_copy(update={"id": "not-yet", "label": "Not yet", "definition": "Nothing to show."}),
        scheme.ratings[3].model_copy(update={"id": "secure", "label": "Secure", "definition": "Firmly in place."})]})
    site = dataclasses.replace(real_site, scheme=other)
    page = self_audit.self_audit_page(site)
    assert 'value="secure"' in page and "Firmly in place." in page and 'value="embedded"' not in page
    assert "unless you rate it secure:" in page
    assert [r["id"] for r in json.loads(award.criteria_json(site, lambda src: "/" + src))["ratings"]] == \
        ["not-yet", "secure"]


@pytest.mark.parametrize("ratings, words", [
    ([{"id": "a", "label": "A", "definition": "x"}, {"id": "a", "label": "B", "definition": "y", "met": True}],
     "duplicate rating id a"),
    ([{"id": "a", "label": "A", "definition": "x"}, {"id": "b", "label": "B", "definition": "y"}],
     "mark at least one rating `met: true`"),
    ([{"id": "a", "label": "A", "definition": "x", "met": True}], "at least 2 items"),
    ([{"id": "none", "label": "A", "definition": "x"}, {"id": "b", "label": "B", "definition": "y", "met": True}],
     "'none' is reserved"),
    ([{"id": "a", "label": "A"}, {"id": "b", "label": "B", "definition": "y", "met": True}], "definition"),
])
def test_bad_rating_scales_are_refused(ratings, words):
    data = yamlio.read(ROOT / "data" / "scheme.yml").data
    with pytest.raises(ValidationError) as exc:
        Scheme.model_validate({**data, "ratings": ratings})
    assert words in str(exc.value)


def test_csv_formula_guard_is_one_rule_in_python_and_javascript():
    node = shutil.which("node")
    assert node, "Node is needed for the JavaScript tests: ./scripts/test installs Debian's nodejs"
    cells = ["=1+1", "+44", "-3", "@SUM(A1)", "\tTab", "\rCR", "Plain", " =space", "'quote", "", "1-2", "\nLF", "＝wide"]
    script = ("const H = require(process.argv[1]); process.stdout.write(JSON.stringify("
              "JSON.parse(process.argv[2]).map(H.csvGuard)))")
    out = subprocess.run([node, "-e", script, str(ROOT / "docs/assets/heart-common.js"), json.dumps(cells)],
                         capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == [opendata._csv_value(c) for c in cells]
    assert json.loads(out)[:6] == ["'" + c for c in cells[:6]]


CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'"
OURS = ("heart-common.js", "self-audit.js", "register.js")


def test_page_scripts_work_under_a_strict_csp(chromium, base_url):
    """Served with script-src 'self' and style-src 'self' (no inline, no eval), the self-audit and the register
    still work, and none of our scripts causes a CSP violation."""
    context = chromium.new_context()

    def add_csp(route):
        response = route.fetch()
        headers = dict(response.headers)
        if "text/html" in headers.get("content-type", ""):
            headers["content-security-policy"] = CSP
        route.fulfill(response=response, headers=headers)

    context.route("**/*", add_csp)
    page = context.new_page()
    page.add_init_script("""window.__csp = []; document.addEventListener('securitypolicyviolation',
        e => window.__csp.push([e.violatedDirective, e.sourceFile || '', e.blockedURI || '']));""")
    try:
        page.goto(base_url + PAGE + "#level-silver")
        page.wait_for_selector("#self-audit-tool[data-ready=true]")
        page.check("#sa-S1-developing")
        page.fill("#sa-note-S1", "Under a strict policy")
        page.evaluate("window.print = () => {}")
        page.click("#sa-plan-button")
        assert page.locator('#sa-plan tr[data-criterion="S1"]').count() == 1
        seen = page.evaluate("window.__csp")
        page.goto(base_url + "register/")
        page.wait_for_selector("#register-table[data-ready=true]")
        page.fill("#register-q", "zzzz-nothing")
        assert page.locator("#register-none").is_visible()
        mine = [v for v in seen + page.evaluate("window.__csp") if any(f in v[1] for f in OURS)]
        assert mine == []
    finally:
        context.close()


CLS_PROBE = """window.__cls = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
    if (!e.hadRecentInput) window.__cls += e.value; }).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("path, ready", [(PAGE, "#self-audit-tool[data-ready=true]"),
                                         ("register/", "#register-table[data-ready=true]")])
@pytest.mark.parametrize("width", [1280, 390])
def test_first_screen_is_html_and_the_script_moves_nothing(chromium, base_url, path, ready, width):
    """The page's first screen is in its HTML; the script enhances it without shifting it (layout shift ~0), and
    the first criterion or school sits where it was before the script arrived (the script blocked)."""
    tops = []
    for js in (False, True):
        context = chromium.new_context(viewport={"width": width, "height": 800})
        try:
            if not js:
                context.route(re.compile(r".*/assets/(self-audit|register)\.js$"), lambda route: route.abort())
            page = context.new_page()
            page.add_init_script(CLS_PROBE)
            page.goto(base_url + path, wait_until="load")
            first = "#sa-criterion-B1" if path == PAGE else "#register-table tbody tr"
            if js:
                page.wait_for_selector(ready, state="attached")
                page.wait_for_timeout(300)
                assert page.evaluate("window.__cls") < 0.01
            tops.append(page.locator(first).first.evaluate("e => e.getBoundingClientRect().top + scrollY"))
        finally:
            context.close()
    assert abs(tops[0] - tops[1]) < 2, tops
