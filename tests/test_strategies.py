"""The strategy library, checked on the built real site and in the browser."""
from __future__ import annotations

import re

from macros.heart.load import load_site
from tests.browser import PageChecker, browser, serve
from tests.conftest import ROOT, assert_built, make_project, run_build


def _strategy_pages(site):
    return sorted(p for p in (site / "strategies").glob("*/index.html")
                  if not p.parent.name.startswith(("area-", "role-")) and p.parent.name != "tags")


def _visible(page, list_id="strategy-list"):
    return sorted(page.locator(f"#{list_id} > li:not([hidden]) .heart-card__title").all_inner_texts())


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




# ---------------------------------------------------------------- issue 10: cards, filters, situations, handout
import shutil  # noqa: E402

import pytest  # noqa: E402

from macros.heart.errors import ContentError  # noqa: E402

ALL_STAFF_ROLE = "all-staff"


def _content_copy(tmp_path):
    """The real content only (no engine, no build): enough for load_site, in a temporary folder."""
    dest = tmp_path / "content"
    for name in ("data", "strategies", "training_modules"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_card_answers_at_a_glance(built_site):
    html = (built_site / "strategies/index.html").read_text()
    cards = re.findall(r'<li class="heart-card".*?</li>', html, re.S)
    assert len(cards) == len(_strategy_pages(built_site))
    for card in cards:
        for label in ("Who", "Phases", "Cost", "Time", "Evidence"):
            assert f"<dt>{label}</dt>" in card, f"card without {label}: {card[:120]}"
    site = load_site(ROOT)
    for s in site.strategies.values():
        assert s.meta.keywords and s.meta.noticed, f"{s.id} has no keywords or noticed phrases"


def test_phases_are_tagged_honestly_and_every_phase_says_why(tmp_path):
    site = load_site(ROOT)
    every = {t.id for t in site.vocab.phases}
    assert any(set(s.meta.phases) != every for s in site.strategies.values()), "a phase filter must remove something"
    for s in site.strategies.values():
        if set(s.meta.phases) >= every:
            assert s.meta.phases_note, s.id
    root = _content_copy(tmp_path)
    _edit(root / "strategies/pace.md", "phases_note:", "# phases_note:")
    with pytest.raises(ContentError) as err:
        load_site(root)
    report = err.value.report()
    assert re.search(r"strategies/pace\.md:\d+: phases: lists every phase: .*phases_note", report), report


def test_situations_are_validated_against_the_strategies(tmp_path):
    site = load_site(ROOT)
    assert len(site.situations) >= 20
    for x in site.situations.values():
        assert 2 <= len(x.first) <= 4 and x.if_it_keeps_happening and x.safeguarding
    root = _content_copy(tmp_path)
    path = root / "strategies/situations.yml"
    text = path.read_text(encoding="utf-8")
    line = text.split("\n").index("    first: [wondering-aloud, named-and-noticed, key-adult]") + 1
    _edit(path, "    first: [wondering-aloud, named-and-noticed, key-adult]", "    first: [wondering-aloud, no-such-strategy]")
    _edit(path, "explanation: >-", "explanation_typo: >-")
    with pytest.raises(ContentError) as err:
        load_site(root)
    report = err.value.report()
    assert (f"strategies/situations.yml:{line}: situations[0].first[1]: 'no-such-strategy' is not a known strategy"
            in report), report
    assert "situations[0].explanation_typo: is not a field this file allows" in report, report


def test_printables_are_linked_from_the_strategy_page_and_validated(built_site, tmp_path):
    html = (built_site / "strategies/calm-spaces/index.html").read_text()
    m = re.search(r'<a href="([^"]*silver-regulation-calm-spaces-handouts\.pdf)">Calm-space agreement template</a>', html)
    assert m, "calm spaces must link the calm-space agreement handout"
    target = (built_site / "strategies/calm-spaces" / m.group(1)).resolve()
    assert target.is_file() and target.stat().st_size > 1000
    root = _content_copy(tmp_path)
    _edit(root / "strategies/calm-spaces.md", "module: silver-regulation-calm-spaces, handout: 2",
          "module: silver-regulation-calm-spaces, handout: 9")
    with pytest.raises(ContentError) as err:
        load_site(root)
    assert "printables[0].handout: silver-regulation-calm-spaces/handouts.md has no '## Handout 9:'" in err.value.report()


def test_situation_pages_are_built_and_linked_from_the_library(built_site):
    site = load_site(ROOT)
    library = (built_site / "strategies/index.html").read_text()
    assert 'href="../situations/"' in library
    index = (built_site / "situations/index.html").read_text()
    for xid, x in site.situations.items():
        assert f'href="{xid}/"' in index
        page = (built_site / f"situations/{xid}/index.html").read_text()
        for heading in ("What it might be telling you", "First things to try tomorrow", "If it keeps happening",
                        "Safeguarding"):
            assert heading in page, (xid, heading)
        first = re.findall(r'id="pick-([a-z0-9-]+)"', page)
        assert first == list(x.first), xid
        assert "DSL" in page or "safeguarding lead" in page


def test_every_role_filter_includes_all_staff_strategies_and_cost_time_filter(built_site):
    site = load_site(ROOT)
    all_staff = sorted(s.title for s in site.strategies.values() if ALL_STAFF_ROLE in s.meta.roles)
    assert all_staff
    with serve(built_site) as base, browser() as b:
        c = PageChecker(b, base)
        page = c.open("strategies/")
        for t in site.vocab.roles:
            page.check(f"#f-role-{t.id}")
            shown = _visible(page)
            expected = sorted(s.title for s in site.strategies.values()
                              if t.id in s.meta.roles or ALL_STAFF_ROLE in s.meta.roles)
            assert shown == expected, t.id
            assert set(all_staff) <= set(shown), t.id
            page.uncheck(f"#f-role-{t.id}")
        page.check("#f-cost-free")
        page.check("#f-time-days")
        expected = sorted(s.title for s in site.strategies.values() if s.meta.cost == "free" and s.meta.time_band == "days")
        assert 0 < len(expected) < len(site.strategies) and _visible(page) == expected
        page.check("#f-phase-early-years")
        assert len(_visible(page)) < len(expected) or all(
            "early-years" in s.meta.phases for s in site.strategies.values() if s.title in expected)
        c.close()


def test_phone_results_first_filters_behind_a_button_with_removable_tags(built_site):
    with serve(built_site) as base, browser() as b:
        ctx = b.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        page = ctx.new_page()
        page.goto(base + "strategies/")
        toggle = page.locator("[data-heart-filter-toggle]")
        assert toggle.is_visible() and toggle.inner_text() == "Filters (0 selected)"
        assert not page.locator("#strategy-filter").is_visible()
        first_card = page.locator("#strategy-list > li").first.bounding_box()
        assert first_card["y"] < 844, "the first result must be on the first screen of a phone"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        page.check("#f-role-teachers")
        page.check("#f-cost-free")
        assert toggle.inner_text() == "Filters (2 selected)"
        tags = page.locator("[data-heart-chosen] button")
        assert tags.count() == 2 and "Teachers" in tags.first.inner_text()
        tags.first.click()                       # remove the Teachers filter from its tag
        assert not page.is_checked("#f-role-teachers") and toggle.inner_text() == "Filters (1 selected)"
        assert "role=" not in page.url and "cost=free" in page.url
        ctx.close()


CLS_SCRIPT = """() => new Promise(resolve => {
  let cls = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(cls), 1200);
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_no_layout_shift_when_scripts_load(built_site, width):
    import time

    def slow(route):            # the page paints first, then its scripts arrive (as on a slow phone connection)
        time.sleep(0.5)
        route.continue_()
    with serve(built_site) as base, browser() as b:
        page = b.new_page(viewport={"width": width, "height": 900})
        page.route("**/assets/*.js", slow)
        for path in ("strategies/", "situations/leaves-the-room/"):
            page.goto(base + path, wait_until="load")
            cls = page.evaluate(CLS_SCRIPT)
            assert cls < 0.1, f"{path} at {width}px: CLS {cls:.3f}"      # the target (Core Web Vitals 'good')
            assert cls < 0.001, f"{path} at {width}px: CLS {cls:.4f}: space is reserved, so nothing should move"


def test_print_three_ticked_strategies_as_one_handout(built_site, tmp_path):
    import pypdf
    site = load_site(ROOT)
    picks = ["calm-spaces", "wondering-aloud", "time-out-cards"]
    with serve(built_site) as base, browser() as b:
        c = PageChecker(b, base)
        page = c.open("strategies/")
        for sid in picks:
            page.check(f"#pick-{sid}")
        assert "3 strategies in your handout" in page.locator("[data-heart-handout-count]").first.inner_text()
        requests = []
        page.on("request", lambda r: requests.append(r.method))
        page.click("[data-heart-handout-link]")
        page.wait_for_selector("[data-heart-handout][data-ready='3']", timeout=15000)
        assert set(requests) <= {"GET"}, "nothing is sent anywhere"
        assert c.external == []
        page.emulate_media(media="print")
        size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.heart-handout__item p')).fontSize)")
        assert size >= 10 * 96 / 72 - 0.01, f"body text prints at {size}px, under 10 pt"
        pdf = tmp_path / "handout.pdf"
        page.pdf(path=str(pdf), format="A4")
        reader = pypdf.PdfReader(str(pdf))
        pages = [p.extract_text() for p in reader.pages]
        text = "\n".join(pages)
        for sid in picks:
            assert site.strategies[sid].title in text, sid
        assert all("heart-award.example.org" in p for p in pages), "every printed page names the site address"
        assert "https://heart-award.example.org/references/" in text, "links print as addresses"
        assert "Filter strategies" not in text and "Add to my handout" not in text
        # the list lives in this browser: a new visit to the handout page shows the same three
        page2 = c.context.new_page()
        page2.goto(base + "handout/")
        page2.wait_for_selector("[data-heart-handout][data-ready='3']", timeout=15000)
        c.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_library_situations_and_handout_pages_are_axe_clean(built_site, scheme):
    with serve(built_site) as base, browser() as b:
        c = PageChecker(b, base, color_scheme=scheme)
        problems = {}
        for path in ("strategies/", "situations/", "situations/leaves-the-room/", "strategies/role-teachers/",
                     "strategies/calm-spaces/", "handout/?ids=pace,key-adult"):
            page = c.open(path)
            if path.startswith("handout"):
                page.wait_for_selector("[data-heart-handout][data-ready='2']", timeout=15000)
            found = c.axe_violations()
            if found:
                problems[path] = found
        page = c.open("strategies/")
        page.set_viewport_size({"width": 390, "height": 844})
        page.click("[data-heart-filter-toggle]")
        page.check("#f-role-teachers")
        found = c.axe_violations()
        if found:
            problems["strategies/ (phone, filters open)"] = found
        assert problems == {}
        assert c.external == []
        c.close()
