"""Strict builds of small fixture projects: generated pages, inert data, atomic output, reproducible bytes."""
from __future__ import annotations

import hashlib
from pathlib import Path

from scripts.check_links import check_site
from tests.conftest import assert_built, run_build


def digest_tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_strict_build_generates_strategy_pages_and_indexes(mini_project):
    assert_built(run_build(mini_project))
    site = mini_project / "site"
    page = (site / "strategies/fixture-strategy/index.html").read_text()
    assert "<h1" in page and "Fixture strategy" in page
    assert "Last reviewed:" in page and "23 November 2026" in page
    assert "ref-arc2022" in page                                  # citation links to the references page
    assert "B1: Signed commitment" in page                        # linked award criterion from the scheme data
    index = (site / "strategies/index.html").read_text()
    assert index.count('class="heart-card"') == 2
    assert (site / "strategies/area-a/index.html").exists() and (site / "strategies/role-teachers/index.html").exists()
    refs = (site / "references/index.html").read_text()
    assert 'id="ref-arc2022"' in refs and "Fixture strategy" in refs   # the references page says who cites it


def test_literal_braces_in_prose_are_never_jinja(mini_project):
    assert_built(run_build(mini_project))
    page = (mini_project / "site/strategies/fixture-strategy/index.html").read_text()
    assert "{{ 7*7 }}" in page and ">49<" not in page


def test_all_internal_links_resolve(mini_project):
    assert_built(run_build(mini_project))
    assert check_site(mini_project / "site") == []


def test_link_checker_catches_broken_links_and_anchors(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">ok</a><a href="a/#there">ok</a><a href="missing/">bad</a>'
                                     '<a href="a/#nowhere">bad anchor</a><a href="https://www.gov.uk/">external</a>')
    (site / "a/index.html").write_text('<h2 id="there">There</h2>')
    found = check_site(site)
    assert len(found) == 2
    assert any("missing/" in f for f in found) and any("'nowhere'" in f for f in found)


def test_failed_build_leaves_previous_site_untouched(mini_project):
    assert_built(run_build(mini_project))
    before = digest_tree(mini_project / "site")
    schools = mini_project / "data/schools.yml"
    schools.write_text(schools.read_text().replace('urn: "990001"', "urn: 990001", 1))
    result = run_build(mini_project)
    assert result.returncode != 0
    assert "data/schools.yml:" in result.stderr and "URN must be a quoted string" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest_tree(mini_project / "site") == before
    assert not (mini_project / "site.building").exists()


def test_strict_warning_also_leaves_previous_site_untouched(mini_project):
    assert_built(run_build(mini_project))
    before = digest_tree(mini_project / "site")
    about = mini_project / "docs/about.md"
    about.write_text(about.read_text() + "\n[broken](no-such-page.md)\n")
    assert run_build(mini_project).returncode != 0
    assert digest_tree(mini_project / "site") == before


def test_two_builds_give_identical_bytes(mini_project, tmp_path):
    assert_built(run_build(mini_project))
    first = digest_tree(mini_project / "site")
    assert_built(run_build(mini_project))
    second = digest_tree(mini_project / "site")
    assert first == second
