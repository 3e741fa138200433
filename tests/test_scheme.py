"""The award scheme's rules as data: time at each level, independent assessment, and the criteria changelog.

Fast tier: these load the real data (or a copy with one edit) and call the renderers directly; nothing is built.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.heart.errors import ContentError
from macros.heart.load import load_site
from macros.heart.render import award
from tests.conftest import FIXTURES, ROOT, make_project

# every criterion id of version 1.0: later versions keep them, so answers saved in the self-audit still match
IDS_1_0 = {f"B{i}" for i in range(1, 9)} | {f"S{i}" for i in range(1, 10)} | {f"G{i}" for i in range(1, 8)}


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT)


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "p", strategies_from=FIXTURES / "mini" / "strategies",
                        modules_from=FIXTURES / "mini" / "training_modules")


def edit_scheme(project: Path, old: str, new: str) -> tuple[Path, str]:
    path = project / "data/scheme.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in the scheme"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path, text


def line_with(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_site(project)
    return [str(p) for p in info.value.problems]


# ---------------------------------------------------------------- validation
def test_negative_min_months_is_refused_with_file_line_and_field(project):
    _, text = edit_scheme(project, "min_months_before_next: 6", "min_months_before_next: -6")
    line = line_with(text, "min_months_before_next: -6")
    found = problems(project)
    assert any(p.startswith(f"data/scheme.yml:{line}: levels[0].min_months_before_next: -6 is out of range")
               for p in found), found


def test_text_min_months_is_refused(project):
    _, text = edit_scheme(project, "min_months_before_next: 12", "min_months_before_next: a year")
    line = line_with(text, "min_months_before_next: a year")
    found = "\n".join(problems(project))
    assert f"data/scheme.yml:{line}: levels[1].min_months_before_next: 'a year' must be a whole number" in found


def test_min_months_on_the_last_level_is_refused(project):
    _, text = edit_scheme(project, "    training: The school leads its own training",
                          "    min_months_before_next: 7\n    training: The school leads its own training")
    line = line_with(text, "min_months_before_next: 7")
    found = "\n".join(problems(project))
    assert f"data/scheme.yml:{line}: levels[2].min_months_before_next: 'gold' is the last level" in found


def test_min_months_as_long_as_the_award_is_refused(project):
    _, text = edit_scheme(project, "min_months_before_next: 12", "min_months_before_next: 36")
    line = line_with(text, "min_months_before_next: 36")
    found = "\n".join(problems(project))
    assert (f"data/scheme.yml:{line}: levels[1].min_months_before_next: 36 months is not less than the award's "
            "validity (3 years = 36 months)") in found


def test_criteria_version_must_have_a_changelog_entry(project):
    _, text = edit_scheme(project, 'criteria_version: "1.1"', 'criteria_version: "1.2"')
    line = line_with(text, 'criteria_version: "1.2"')
    found = "\n".join(problems(project))
    assert f"data/scheme.yml:{line}: award.criteria_version: version '1.2' has no entry in the changelog" in found


def test_criteria_version_must_be_the_newest_in_the_changelog(project):
    _, text = edit_scheme(project, 'criteria_version: "1.1"', 'criteria_version: "1.0"')
    line = line_with(text, 'criteria_version: "1.0"')
    found = "\n".join(problems(project))
    assert f"data/scheme.yml:{line}: award.criteria_version: '1.0' is older than changelog version '1.1'" in found


def test_published_date_must_match_the_changelog_entry(project):
    _, text = edit_scheme(project, "criteria_published: 2026-12-01", "criteria_published: 2026-11-30")
    line = line_with(text, "criteria_published: 2026-11-30")
    found = "\n".join(problems(project))
    assert f"data/scheme.yml:{line}: award.criteria_published: 2026-11-30 differs from the date of changelog" in found


def test_duplicate_changelog_version_is_refused(project):
    _, text = edit_scheme(project, '  - version: "1.0"\n', '  - version: "1.1"\n')
    found = "\n".join(problems(project))
    assert "changelog[1].version: version '1.1' appears twice" in found


# ---------------------------------------------------------------- the real scheme
def test_criterion_ids_are_stable_since_1_0(site):
    assert {c.id for c in site.scheme.criteria} == IDS_1_0


def test_changelog_names_exactly_the_criteria_that_changed(site):
    """The self-audit flags answers by scanning the changelog for criterion ids (docs/assets/self-audit.js), so the
    1.1 entry must name each reworded criterion and no other."""
    entry = next(e for e in site.scheme.changelog if e.version == site.scheme.award.criteria_version)
    pattern = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(sorted(IDS_1_0, key=len, reverse=True)) + r")(?![A-Za-z0-9])")
    named = {m for ch in entry.changes for m in pattern.findall(ch)}
    assert named == {"B6", "B8", "S1", "S3", "S4", "S6", "G1", "G2"}
    assert entry.transition and "1.0" in entry.transition


def test_criteria_say_what_the_review_asked_for(site):
    c = site.criteria
    assert "90%" in c["B6"].statement and "induction module" in c["B6"].statement
    assert "personal education plan" in c["B8"].statement
    assert "back-up adult" in c["S3"].statement
    assert "never seclusion" in c["S4"].statement and "distinct from removal" in c["S4"].statement
    assert "time-out card" in c["S4"].statement and "written plan" in c["S4"].statement
    assert "never replaces it" in c["S6"].statement
    assert "removals" in c["G1"].statement and "suspensions" in c["G1"].statement
    silver_evidence = " ".join(e for x in site.scheme.criteria if x.level == "silver" for e in x.evidence)
    assert "learning walk" in silver_evidence.lower() and "anonymised case studies" in silver_evidence


def test_action_research_timing_agrees_with_the_lead_programme(site):
    sessions = {a.session for a in site.modules["lead-programme"].meta.session_plan
                if "action research" in (a.title + a.purpose).lower()}
    g2 = site.criteria["G2"].statement
    assert any(s.startswith("Session 2 (spring term)") for s in sessions) and "Session 2 (spring term)" in g2
    assert any(s.startswith("Session 4 (autumn term") for s in sessions) and "Session 4" in g2


# ---------------------------------------------------------------- pages
def test_level_pages_state_time_at_level_assessment_and_annual_review(site):
    bronze, silver, gold = (award.level_page(site, x) for x in ("bronze", "silver", "gold"))
    assert "holds Bronze for at least 6 months before it can be assessed for Silver" in bronze
    assert "assessed for Silver once it has held Bronze for at least 6 months" in silver
    assert "holds Silver for at least 12 months before it can be assessed for Gold" in silver
    assert "assessed for Gold once it has held Silver for at least 12 months" in gold
    for page in (bronze, silver, gold):
        assert "## Who assesses and who moderates" in page
        assert "never assesses it or decides its award" in page
        assert "## Between the award and its renewal" in page and "light-touch review" in page


def test_pathway_states_time_at_level_and_independent_assessment(site):
    page = award.pathway_page(site)
    assert "| Bronze | Silver | at least 6 months |" in page and "| Silver | Gold | at least 12 months |" in page
    assessment = page.split('id="step-assessment"')[1].split("</li>")[0]
    assert "takes no part in assessing it or deciding the outcome" in assessment
    from macros.heart.render.common import esc
    assert esc("Assessor (a HEART Ambassador who has not supported the school") in assessment   # data is escaped
    assert "Moderation panel" in page.split('id="step-award"')[1].split("</li>")[0]
    assert 'id="step-annual-review"' in page


def test_pages_follow_the_data_and_escape_it(project):
    edit_scheme(project, "min_months_before_next: 6", "min_months_before_next: 9")
    edit_scheme(project, "  assessment: >-\n", "  assessment: >-\n    <b>Fictional</b> rule.\n")
    s = load_site(project)
    assert "| Bronze | Silver | at least 9 months |" in award.pathway_page(s)
    page = award.level_page(s, "silver")
    assert "held Bronze for at least 9 months" in page
    assert "&lt;b&gt;Fictional&lt;/b&gt; rule." in page and "<b>Fictional" not in page


def test_scheme_without_the_new_fields_still_renders(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "second_scheme",
                           strategies_from=FIXTURES / "mini" / "strategies",
                           modules_from=FIXTURES / "mini" / "training_modules")
    s = load_site(project)
    page = award.pathway_page(s)
    assert "Time at each level" not in page and "Who assesses" not in page
    assert "Time at this level" not in award.level_page(s, "foundation")


def test_pathway_steps_render_as_headings_and_tables(site):
    """Each step's Markdown (heading, who-does-what table) must be parsed inside its list item, not shown as text."""
    import markdown
    page = award.pathway_page(site).split("---\n", 2)[2]          # drop the front matter
    html = markdown.markdown(page, extensions=["md_in_html", "tables", "attr_list"])
    step = html.split('id="step-assessment"')[1].split("</li>")[0]
    assert "<h3>4. Assessment</h3>" in step and "<table>" in step and "| Who |" not in html


# ---------------------------------------------------------------- the training modules agree with the scheme
def _module_lines():
    for path in sorted((ROOT / "training_modules").glob("*/*")):
        if path.suffix in (".md", ".yml"):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                yield f"{path.relative_to(ROOT)}:{n}", line


def test_modules_never_cite_statutory_guidance_for_termly_peps():
    """The statutory guidance ties PEP reviews to the care-plan cycle; termly reviews are local practice."""
    bad = re.compile(r"review(ed)? (every|each) term[^.]*\[@dfe2018-promoting", re.I)
    assert [where for where, line in _module_lines() if bad.search(line)] == []


def test_modules_call_the_vsh_strategic_role_non_statutory():
    lines = [(w, l) for w, l in _module_lines() if re.search(r"strategic role", l, re.I) and "virtual school" in l.lower()]
    assert lines, "no module describes the virtual school head's strategic role"
    assert [w for w, l in lines if "non-statutory" not in l] == []


def test_modules_never_offer_peer_reflection_instead_of_supervision():
    bad = re.compile(r"S6 accepts|accepts either|practical alternative|S6[^.]*supervision or (structured )?peer reflection", re.I)
    assert [where for where, line in _module_lines() if bad.search(line)] == []
