"""The strategy library, checked on the built real site and in the browser."""
from __future__ import annotations

import re

from macros.heart.load import load_site
from tests.browser import PageChecker, browser, serve
from tests.conftest import ROOT, assert_built, make_project, run_build


def _strategy_pages(site):
    return sorted(p for p in (site / "strategies").glob("*/index.html")
                  if not p.parent.name.startswith(("area-", "role-")) and p.parent.name != "tags")


def test_library_has_30_sourced_reviewed_strategies_covering_every_area(built_site):
    pages = _strategy_pages(built_site)
    assert len(pages) >= 30
    per_area = {a: 0 for a in "abcdefghij"}
    for page in pages:
        html = page.read_text()
        assert re.search(r'href="[^"]*references/#ref-[a-z0-9-]+"', html), f"{page} cites no source"
        assert "Last reviewed:" in html and "Next review due:" in html, f"{page} has no review date"
        assert '<h2 id="safeguarding">' in html, f"{page} has no safeguarding section"
    for a in per_area:
        area_page = (built_site / f"strategies/area-{a}/index.html").read_text()
        per_area[a] = area_page.count('class="heart-card"')
    assert all(n >= 2 for n in per_area.values()), per_area


def test_criteria_and_strategies_link_both_ways(built_site):
    site = load_site(ROOT)
    sid, s = next((k, v) for k, v in site.strategies.items() if v.meta.criteria)
    cid = s.meta.criteria[0]
    level = site.criteria[cid].level
    strategy_html = (built_site / f"strategies/{sid}/index.html").read_text()
    assert f"#{cid.lower()}" in strategy_html
    level_html = (built_site / f"award/{level}/index.html").read_text()
    assert f'href="../../strategies/{sid}/"' in level_html


def test_adding_a_strategy_by_copying_one_file(tmp_path):
    project = make_project(tmp_path / "p")
    src = project / "strategies/emotion-coaching.md"
    text = src.read_text().replace("title: Emotion coaching", "title: Copied practice", 1)
    (project / "strategies/copied-practice.md").write_text(text)
    assert_built(run_build(project))
    assert "Copied practice" in (project / "site/strategies/copied-practice/index.html").read_text()
    assert "Copied practice" in (project / "site/strategies/index.html").read_text()


def test_filters_show_exactly_matching_strategies_and_restore_from_url(built_site):
    site = load_site(ROOT)
    expected = sorted(s.title for s in site.strategies.values()
                      if "f" in s.meta.areas and "secondary" in s.meta.phases)
    assert 0 < len(expected) < len(site.strategies)
    with serve(built_site) as base, browser() as b:
        c = PageChecker(b, base)
        page = c.open("strategies/")
        # keyboard only: tab to the checkbox and press space
        page.focus("#f-area-f")
        page.keyboard.press("Space")
        page.focus("#f-phase-secondary")
        page.keyboard.press("Space")
        visible = sorted(page.locator("#strategy-list > li:not([hidden]) .heart-card__title").all_inner_texts())
        assert visible == expected
        assert f"Showing {len(expected)} of {len(site.strategies)}" in page.locator("#strategy-count").inner_text()
        url = page.url
        assert "area=f" in url and "phase=secondary" in url
        page2 = c.context.new_page()
        page2.goto(url)
        assert page2.is_checked("#f-area-f") and page2.is_checked("#f-phase-secondary")
        again = sorted(page2.locator("#strategy-list > li:not([hidden]) .heart-card__title").all_inner_texts())
        assert again == expected
        c.page = page2
        assert c.axe_violations() == []
        c.close()


def test_without_javascript_the_full_list_shows(built_site):
    with serve(built_site) as base, browser() as b:
        ctx = b.new_context(java_script_enabled=False)
        page = ctx.new_page()
        page.goto(base + "strategies/?area=f")
        n = len(_strategy_pages(built_site))
        assert page.locator("#strategy-list > li:visible").count() == n
        assert not page.locator("#strategy-filter").is_visible()
        ctx.close()


def test_every_strategy_prints_as_a_two_page_handout(built_site, tmp_path):
    import pypdf
    with serve(built_site) as base, browser() as b:
        page = b.new_page()
        page.emulate_media(media="print")
        for html in _strategy_pages(built_site):
            slug = html.parent.name
            page.goto(f"{base}strategies/{slug}/")
            pdf = tmp_path / f"{slug}.pdf"
            page.pdf(path=str(pdf), format="A4")
            reader = pypdf.PdfReader(str(pdf))
            text = "".join(p.extract_text() for p in reader.pages)
            assert len(reader.pages) <= 2, f"{slug} prints on {len(reader.pages)} pages"
            assert "Sources" in text and "Safeguarding" in text
            assert "Filter strategies" not in text and "Table of contents" not in text


def test_site_search_finds_strategies_by_title_summary_and_body(built_site):
    import json
    index = json.loads((built_site / "search/search_index.json").read_text())
    docs = {d["location"]: d for d in index["docs"]}
    page = docs["strategies/emotion-coaching/"]
    assert page["title"] == "Emotion coaching"
    body = " ".join(d["text"] for loc, d in docs.items() if loc.startswith("strategies/emotion-coaching/"))
    assert "Notice" in body and "Gottman" in body
    assert not any(loc.startswith("register/99") for loc in docs), "school entries must stay out of the site index"
    with serve(built_site) as base, browser() as b:
        page = b.new_page()
        page.goto(base + "strategies/")
        page.keyboard.press("/")                       # Material's keyboard shortcut opens search
        page.keyboard.type("Gottman")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        results = page.locator(".md-search-result__item").all_inner_texts()
        assert any("Emotion coaching" in r for r in results)
