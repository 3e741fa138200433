"""The award is data: pages, counts and the second scheme."""
from __future__ import annotations

import json

from tests.conftest import FIXTURES, assert_built, make_project, run_build


def test_level_pages_list_every_criterion_with_anchor_and_links(mini_project):
    assert_built(run_build(mini_project))
    bronze = (mini_project / "site/award/bronze/index.html").read_text()
    for cid in ("b1", "b2", "b8"):
        assert f'id="{cid}"' in bronze
    assert "Fixture strategy" in bronze                  # strategy that lists B1 is linked from B1
    silver = (mini_project / "site/award/silver/index.html").read_text()
    assert "Second fixture" in silver


def test_counts_on_home_and_award_pages_come_from_school_data(mini_project):
    assert_built(run_build(mini_project))
    data = json.loads((mini_project / "site/register/heart-award-register.json").read_text())
    n_bronze = sum(1 for s in data["schools"].values() if s["level"] == "Bronze")   # open data names levels
    for page in ("site/index.html", "site/award/index.html"):
        html = (mini_project / page).read_text()
        assert f"Bronze</a></td>\n<td>{n_bronze}</td>" in html


def test_changing_a_criterion_changes_pages_and_self_audit_data(mini_project):
    scheme = mini_project / "data/scheme.yml"
    scheme.write_text(scheme.read_text().replace("title: Governor champion", "title: Governor lead for relationships"))
    assert_built(run_build(mini_project))
    site = mini_project / "site"
    assert "Governor lead for relationships" in (site / "award/bronze/index.html").read_text()
    assert "Governor lead for relationships" in (site / "award/self-audit/index.html").read_text()
    assert "Governor lead for relationships" in (site / "award/criteria.json").read_text()
    import docx
    checklist = docx.Document(str(site / "award/templates/HEART-Award-evidence-checklist.docx"))
    cells = " ".join(c.text for t in checklist.tables for row in t.rows for c in row.cells)
    paras = " ".join(p.text for p in checklist.paragraphs)
    assert "Governor lead for relationships" in cells + paras


def test_second_scheme_builds_with_its_own_name_and_levels(tmp_path):
    project = make_project(tmp_path / "p", FIXTURES / "second_scheme",
                           strategies_from=FIXTURES / "mini" / "strategies",
                           modules_from=FIXTURES / "mini" / "training_modules")
    assert_built(run_build(project))
    site = project / "site"
    home = (site / "index.html").read_text()
    assert "Kindness Mark" in home and "Northshire Kindness in Schools Mark" in home
    assert "Kindness Mentor" in home and "HEART Ambassador" not in home
    pathway = (site / "award/pathway/index.html").read_text()
    assert "Kindness Mentor" in pathway and "HEART" not in pathway
    overview = (site / "award/index.html").read_text()
    assert "Foundation" in overview and "Advanced" in overview
    assert "Bronze" not in overview and "Gold" not in overview and "HEART" not in overview
    assert (site / "award/foundation/index.html").exists() and not (site / "award/bronze").exists()
    assert "Kindness Mark" in (site / "register/index.html").read_text()
    assert "2.1" in (site / "award/criteria-changes/index.html").read_text()


def test_bad_scheme_stops_the_build_naming_file_line_and_field(mini_project):
    scheme = mini_project / "data/scheme.yml"
    text = scheme.read_text().replace("  - id: S2\n    level: silver", "  - id: S2\n    level: platinum", 1)
    scheme.write_text(text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "level: platinum" in l)
    result = run_build(mini_project)
    assert result.returncode != 0
    assert f"data/scheme.yml:{line}: criteria[9].level: 'platinum' is not one of bronze, silver, gold" in result.stderr
