"""Every page of the real site, in headless Chromium: zero axe-core WCAG 2.2 A/AA violations, zero requests to
any host but the local server and zero Content-Security-Policy violations under the policy the site ships, in the
light and dark colour schemes. Browser tests never skip."""
from __future__ import annotations

import pytest

from scripts.check_links import check_site
from tests.browser import PageChecker, browser, serve, site_pages


def _check_all(site, scheme: str) -> list[str]:
    failures: list[str] = []
    pages = site_pages(site)
    assert len(pages) > 100, "the real site should have many pages"
    with serve(site) as base, browser() as b:
        checker = PageChecker(b, base, color_scheme=scheme)
        for path in pages:
            checker.open(path)
            failures += [f"{path}: {v}" for v in checker.axe_violations()]
            failures += [f"{path}: CSP {v}" for v in checker.csp_violations()]
        failures += [f"external request: {u}" for u in checker.external]
        checker.close()
    return failures


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_stays_local_and_keeps_its_csp(built_site, scheme):
    pages = site_pages(built_site)
    missing = [p for p in pages if 'http-equiv="Content-Security-Policy"' not in (built_site / p).read_text()]
    assert missing == [], f"pages without a CSP: {missing[:5]}"
    failures = _check_all(built_site, scheme)
    assert failures == [], "\n".join(failures)


def test_every_internal_link_in_the_real_site_resolves(built_site):
    assert check_site(built_site) == []


def test_checker_catches_a_bad_page_and_an_external_request(tmp_path):
    """The gate must fail when a page gains a violation or calls another host."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><title>Bad</title>'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head>'
        '<body><main><img src="x.png"><p style="color:#999;background:#fff">Low contrast text</p>'
        '<input type="text"></main></body></html>')
    (tmp_path / "csp.html").write_text(
        '<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
        '<title>CSP</title></head><body><main><p>x</p><script>window.ran = 1</script></main></body></html>')
    with serve(tmp_path) as base, browser() as b:
        checker = PageChecker(b, base)
        checker.open("index.html")
        ids = {v.split(" ")[0] for v in checker.axe_violations()}
        assert {"image-alt", "color-contrast", "html-has-lang", "label"} <= ids
        assert any("fonts.googleapis.com" in u for u in checker.external)
        assert checker.csp_violations() == []
        checker.open("csp.html")
        found = checker.csp_violations()
        assert any("script-src" in v for v in found), found
        checker.close()


def test_palette_toggle_and_search_work_under_the_csp(built_site):
    """The theme's own scripts (palette toggle, search worker) run under the shipped policy without a violation."""
    with serve(built_site) as base, browser() as b:
        checker = PageChecker(b, base)
        page = checker.open("index.html")
        before = page.get_attribute("body", "data-md-color-scheme")
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
        page.click(".md-search__input")                 # (focus is on the palette switch: "/" types there)
        page.keyboard.type("calm")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        assert page.locator(".md-search-result__item").count() > 0
        assert checker.csp_violations() == []
        checker.close()
