"""Every page works as a public service (issue 12): nothing rendered as raw Markdown, the pathway as headings and
tables, and (in Chromium) focus never under the sticky header, no sideways scrolling at 320 px, complete print."""
from __future__ import annotations

import posixpath
import re

import yaml
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- unrendered Markdown in visible text
# text inside these elements is not prose a reader sees as Markdown (code samples, scripts, form fields)
_SKIP = {"script", "style", "code", "pre", "textarea", "template", "noscript", "svg", "title"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_MARKDOWN = [
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.M), "heading hashes at the start of a line"),
    (re.compile(r"\|[ \t]*:?-{3,}:?[ \t]*\|"), "a table rule |---|"),
    (re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M), "a table row between pipes"),
    (re.compile(r"\*\*\S"), "bold asterisks **"),
    (re.compile(r"\]\((?:[^)\s]+)\)"), "a Markdown link [text](url)"),
]


class _VisibleText(HTMLParser):
    """Collects the text a reader sees (not inside script/style/code and the like), keeping line breaks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip_depth = 0
        self.stack: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        self.stack.append(tag)
        if tag in _SKIP:
            self.skip_depth += 1

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in _SKIP:
                self.skip_depth -= 1
            if top == tag:
                break
        # block ends start a new line, so a rendered "<td>a</td><td>b</td>" never reads as "a|b"
        self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def unrendered_markdown(html: str) -> list[str]:
    """Every piece of visible text that is Markdown syntax left unrendered, as 'what: the line'."""
    text = visible_text(html)
    found = []
    for pattern, what in _MARKDOWN:
        for m in pattern.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            found.append(f"{what}: {text[start:end if end >= 0 else None].strip()[:100]}")
    return found


def test_detector_finds_every_kind_of_raw_markdown():
    raw = ('<main><ol><li id="s" markdown>\n\n### 1. Commitment\n\nThe school **decides**.\n\n| Who | Does what |\n'
           '|---|---|\n| Head | Signs |\n\nSee [the plan](plan.md).</li></ol></main>')
    kinds = {f.split(":")[0] for f in unrendered_markdown(raw)}
    assert kinds == {w for _, w in _MARKDOWN}


def test_detector_passes_rendered_html_and_code():
    ok = ('<main><h3>1. Commitment</h3><p>The school <strong>decides</strong>.</p><table><tr><th>Who</th>'
          '<th>Does</th></tr><tr><td>|</td><td>x</td></tr></table><pre><code>### not a heading\n| a | b |\n'
          '|---|---|</code></pre><p>C# is a language; 5 ** 2</p><script>var a = "**x**";</script></main>')
    assert unrendered_markdown(ok) == []


def _site():
    from macros.heart.load import load_site
    return load_site(ROOT)


def _to_html(page_markdown: str) -> str:
    body = page_markdown.split("---\n", 2)[2]       # drop the front matter
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "tables", "admonition", "def_list"])


def test_pathway_renders_as_headings_and_tables():
    from macros.heart.render.award import pathway_page
    site = _site()
    html = _to_html(pathway_page(site))
    assert unrendered_markdown(html) == []
    for i, step in enumerate(site.scheme.pathway, 1):
        assert re.search(rf"<h3[^>]*>{i}\. ", html), f"step {i} ({step.id}) is not a heading"
    steps = html.split('class="heart-pathway"')[1].split("</ol>")[0]      # the time-at-level table sits outside
    assert steps.count("<table>") == len(site.scheme.pathway)
    assert html.count("<th>Who</th>") == len(site.scheme.pathway)


def test_no_built_page_shows_unrendered_markdown(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    failures = []
    for page in pages:
        failures += [f"{page.relative_to(built_site)}: {f}" for f in unrendered_markdown(page.read_text("utf-8"))]
    assert failures == [], "\n".join(failures[:40])


# ---------------------------------------------------------------- page scripts: only where declared, deferred
SITE_WIDE_SCRIPTS = {"assets/search.js"}       # the header search box is on every page
_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")


def declared_scripts() -> tuple[dict[str, set[str]], set[str]]:
    """Built page -> the scripts its front matter declares (generated pages and docs/ pages), and the scripts of the
    entry shell, from which every school entry and local authority page is written."""
    from macros.heart.load import load_site
    from macros.heart.pages import generated_pages
    from macros.heart.render.register import ENTRY_SHELL
    sources = dict(generated_pages(load_site(ROOT)))
    for md in (ROOT / "docs").rglob("*.md"):
        sources.setdefault(md.relative_to(ROOT / "docs").as_posix(), md.read_text("utf-8"))
    out = {}
    for src, text in sources.items():
        meta = yaml.safe_load(text.split("---\n")[1]) if text.startswith("---") else {}
        stem = src[:-3]
        html = f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"
        out[html] = set((meta or {}).get("heart_scripts") or [])
    return out, out.get(f"{ENTRY_SHELL[:-3]}/index.html", set())


def script_problems(site: Path) -> list[str]:
    declared, shell = declared_scripts()
    failures = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        ours = {}
        for tag in _SCRIPT.finditer(page.read_text("utf-8")):
            src = tag.group(1)
            if "assets/javascripts/" in src:      # Material's own bundle, at the end of the body
                continue
            ours[posixpath.normpath(posixpath.join(posixpath.dirname(rel), src)).lstrip("/")] = tag.group(0)
        entry = rel.startswith("register/") and rel not in declared      # written from the entry shell
        want = (shell if entry else declared.get(rel, set())) | SITE_WIDE_SCRIPTS
        if set(ours) != want:
            failures.append(f"{rel}: loads {sorted(ours)}, should load {sorted(want)}")
        failures += [f"{rel}: {tag} is not deferred" for tag in ours.values() if " defer" not in tag]
    return failures


def test_pages_load_only_the_scripts_they_declare_deferred(built_site):
    failures = script_problems(built_site)
    assert failures == [], "\n".join(failures[:40])


# ---------------------------------------------------------------- in Chromium: keyboard, reflow, print
MAX_TABS = 80
# after each Tab: is the focused element (outside the header itself) covered by the sticky header?
_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const header = document.querySelector('.md-header');
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      ' "' + (el.innerText || el.getAttribute('aria-label') || el.value || '').trim().slice(0, 40) + '"';
  // a visually hidden input shown by the label after it (Material's colour scheme switch) is seen as that label
  let r = el.getBoundingClientRect();
  const shown = [el.nextElementSibling, ...(el.labels || [])].filter(l => l && l.tagName === 'LABEL');
  if (r.width === 0 || r.height === 0)
    for (const l of shown) { const lr = l.getBoundingClientRect(); if (lr.width && lr.height) { r = lr; break; } }
  if (!header || header.contains(el)) return {name, inHeader: true, width: r.width, height: r.height};
  const h = header.getBoundingClientRect();
  const style = getComputedStyle(header);
  const sticky = style.position === 'sticky' || style.position === 'fixed';
  // covered: a point of the element (near its top-left corner, or its centre) shows the header instead
  const points = [[r.left + Math.min(4, r.width / 2), r.top + Math.min(4, r.height / 2)],
                  [r.left + r.width / 2, r.top + r.height / 2]];
  // (a box taller than the space under the header cannot be shown whole: it must still show below the header)
  const tall = r.height > innerHeight - h.bottom;
  const covered = sticky && r.height > 0 && r.width > 0 && r.top < h.bottom && (tall ? r.bottom < h.bottom + 16 :
    points.some(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return top && header.contains(top) && !el.contains(top);
    }));
  return {name, top: r.top, bottom: r.bottom, width: r.width, height: r.height, headerBottom: h.bottom, sticky, covered};
}"""


# what a person sees after a key press is the first frame drawn after it: Chromium scrolls an element focused by
# Shift+Tab into view (with the page's scroll-padding) before that frame, not during the key event itself, so the
# position is read in the next animation frame (a script that moved the focus under the header by then is caught)
_NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => done(null)))"


def focus_problems(page, path: str, max_tabs: int = MAX_TABS) -> list[str]:
    """Tab forwards through the page from the top, then Shift+Tab back up it: every stop that lands (partly) under
    the sticky header in the first frame drawn after the key press is a problem (WCAG 2.2 2.4.11), and so is a stop
    with no size."""
    page.evaluate("() => { window.scrollTo(0, 0); document.activeElement && document.activeElement.blur(); }")
    problems, seen = [], []
    for key, limit in (("Tab", max_tabs), ("Shift+Tab", max_tabs // 2)):
        for i in range(min(limit, len(seen) - 1) if key == "Shift+Tab" else limit):
            page.keyboard.press(key)
            page.evaluate(_NEXT_FRAME)
            info = page.evaluate(_FOCUS_JS)
            if info is None:
                break
            if key == "Tab":
                if seen and info["name"] == seen[0] and i > 3:    # wrapped round to the first stop
                    break
                seen.append(info["name"])
            where = f"{key} {i + 1}"
            if info.get("covered"):
                problems.append(f"{path}: {where}: {info['name']} is under the sticky header "
                                f"(top {info['top']:.0f} px, header ends at {info['headerBottom']:.0f} px)")
            if info.get("height") == 0 or info.get("width") == 0:
                problems.append(f"{path}: {where}: {info['name']} is invisible (0 px)")
    return problems


_REFLOW_JS = """() => {
  const doc = document.documentElement;
  const out = {scrollWidth: doc.scrollWidth, regions: []};
  for (const el of document.querySelectorAll('.md-content *')) {
    const ox = getComputedStyle(el).overflowX;
    if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1 && el.offsetParent !== null) {
      const named = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      const kind = el.tagName === 'TABLE' ? !el.hasAttribute('role') : el.getAttribute('role') === 'region';
      if (!(el.tabIndex >= 0 && named && kind))
        out.regions.push(el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).join('.') +
                         ' (' + el.scrollWidth + ' px in ' + el.clientWidth + ')');
    }
  }
  return out;
}"""


def reflow_problems(page, path: str, width: int = 320) -> list[str]:
    """At ``width`` px the page must not scroll sideways; a box that scrolls sideways inside it (a wide data table)
    must say so: a focusable, named region (or a focusable, named table that keeps its table role)."""
    info = page.evaluate(_REFLOW_JS)
    out = []
    if info["scrollWidth"] > width + 1:
        out.append(f"{path}: the page is {info['scrollWidth']} px wide at {width} px")
    out += [f"{path}: {r} scrolls sideways but is not a focusable, named region" for r in info["regions"]]
    return out


def _sample(pages: list[str]) -> list[str]:
    """Every page, except that of the many school entries and local authority pages only a few are tabbed through
    (they are all made from one shell; every page type is still covered)."""
    entries = [p for p in pages if re.match(r"register/(\d+|la-[^/]+)/index\.html$", p)]
    keep = set(entries[:3]) | {p for p in entries if "/la-" in p[:20]}
    la = [p for p in entries if "/la-" in p][:2]
    return [p for p in pages if p not in entries or p in set(entries[:3]) | set(la)] if keep else pages


@pytest.fixture(scope="module")
def served(built_site):
    from tests.browser import serve
    with serve(built_site) as base:
        yield built_site, base


def _open(page, base: str, path: str) -> None:
    """Load a page; a page with its own script also gets the time to build what the script adds (the self-audit
    fetches its criteria and builds its form after the load event)."""
    page.goto(base + path, wait_until="load")
    if path.startswith(("award/self-audit", "register/", "strategies/index", "handout", "situations")):
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)


def _pages(site: Path) -> list[str]:
    from tests.browser import site_pages
    return [p for p in site_pages(site) if p != "404.html"] + ["404.html"]


def _focus_failures(served, chromium) -> list[str]:
    site, base = served
    failures = []
    for width, height in ((1280, 800), (390, 844)):
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for path in _sample(_pages(site)):
            _open(page, base, path)
            failures += [f"{width} px: {p}" for p in focus_problems(page, path)]
        context.close()
    return failures


def _backwards_on_a_phone(problem: str) -> bool:
    return problem.startswith("390 px:") and ": Shift+Tab " in problem


@pytest.fixture(scope="module")
def focus_failures(served, chromium):
    return _focus_failures(served, chromium)


def test_focus_is_never_under_the_sticky_header(focus_failures):
    """Every Tab stop at 1280 and 390 px, and every Shift+Tab stop at 1280 px (the phone's Shift+Tab: next test)."""
    failures = [f for f in focus_failures if not _backwards_on_a_phone(f)]
    assert failures == [], "\n".join(failures[:40])


def test_focus_backwards_on_a_phone_is_never_under_the_sticky_header(focus_failures):
    """Every Shift+Tab stop at 390 px. (Read during the key event, a stop partly in view sat under the header; the
    frame the person sees has it clear: see _NEXT_FRAME.)"""
    failures = [f for f in focus_failures if _backwards_on_a_phone(f)]
    assert failures == [], "\n".join(failures[:40])


def test_no_page_scrolls_sideways_at_320_px(served, chromium):
    site, base = served
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    failures = []
    pages = _pages(site)
    for path in pages:
        _open(page, base, path)
        failures += reflow_problems(page, path)
    context.close()
    assert len(pages) > 100
    assert failures == [], "\n".join(failures[:40])


# ---------------------------------------------------------------- page structure in the built HTML
def structure_problems(site: Path) -> list[str]:
    out = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        html = page.read_text("utf-8")
        if 'class="headerlink"' in html:
            out.append(f"{rel}: headings carry permalink anchors (tab stops named by a symbol)")
        content, toc = html.find('class="md-content'), html.find('md-sidebar--secondary')
        if toc >= 0 and content > toc:
            out.append(f"{rel}: the page's contents list comes before the main content in tab order")
        if rel == "404.html":
            continue
        if 'md-tabs__item--active' not in html:
            out.append(f"{rel}: no section tab is marked as current")
        if rel != "index.html" and 'class="heart-breadcrumbs"' not in html:
            out.append(f"{rel}: no breadcrumbs")
        if not re.search(r'<link rel="stylesheet" href="[./]*assets/brand\.css">', html):
            out.append(f"{rel}: does not link assets/brand.css")
    return out


def test_pages_have_breadcrumbs_a_current_tab_and_no_permalink_stops(built_site):
    failures = structure_problems(built_site)
    assert failures == [], "\n".join(failures[:40])
    css = (built_site / "assets/brand.css").read_text("utf-8")
    assert "--heart-brand-primary: #" in css and (built_site / "assets/brand-logo.svg").exists()


def test_brand_css_comes_from_the_scheme():
    from macros.heart.render.brand import brand_files
    site = _site()
    brand = site.scheme.award.brand.model_copy(update={"primary": "#123456", "on_primary": "#fefefe"})
    award = site.scheme.award.model_copy(update={"brand": brand})
    site.scheme = site.scheme.model_copy(update={"award": award})
    files = brand_files(site)
    css = files["assets/brand.css"].decode()
    assert "--heart-brand-primary: #123456;" in css and "--heart-brand-on-primary: #fefefe;" in css
    assert 'fill="#fefefe"' in files["assets/brand-logo.svg"].decode()


def test_a_missing_logo_is_one_clear_error(tmp_path):
    from macros.heart.errors import ContentError
    from macros.heart.render.brand import brand_files
    site = _site()
    brand = site.scheme.award.brand.model_copy(update={"logo": "data/no-such-logo.png"})
    site.scheme = site.scheme.model_copy(update={"award": site.scheme.award.model_copy(update={"brand": brand})})
    with pytest.raises(ContentError) as err:
        brand_files(site)
    assert "award.brand.logo" in err.value.report() and "no-such-logo.png" in err.value.report()


def test_tags_show_as_words():
    from macros.heart.render.strategies import tag_label
    assert tag_label("staff-wellbeing") == "Staff wellbeing"
    assert tag_label("peps") == "PEPs"
    assert tag_label("de-escalation") == "De-escalation"
    assert tag_label("team-around-the-child") == "Team around the child"


def test_strategy_facts_are_a_summary_list():
    from macros.heart.render.strategies import strategy_page, tag_label
    site = _site()
    s = next(iter(site.strategies.values()))
    md = strategy_page(site, s)
    assert yaml.safe_load(md.split("---\n")[1])["heart_page"] == "strategy"      # the page type for print rules
    html = _to_html(md)
    keys = re.findall(r'<dt class="heart-summary-list__key">([^<]+)</dt>', html)
    assert keys == ["Call to Action areas", "Phases", "Who", "Time to put in place", "Cost", "Evidence"]
    assert unrendered_markdown(html) == []
    shown = yaml.safe_load(md.split("---", 2)[1])["tags"]
    assert shown == [tag_label(t) for t in s.meta.tags] and not any("-" in t and " " not in t for t in shown[1:])


# ---------------------------------------------------------------- print
def _pdf_text(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader
    return [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z']{3,}", text)}


def test_a_strategy_prints_complete_with_site_address_and_date(served, chromium):
    site, base = served
    strategy = next(p.parent.name for p in sorted((site / "strategies").glob("*/index.html"))
                    if not p.parent.name.startswith(("area-", "role-", "tags")))
    context = chromium.new_context()
    page = context.new_page()
    page.goto(base + f"strategies/{strategy}/", wait_until="load")
    # what the page says on screen, less what a handout leaves out on purpose (tags, "cited by")
    article = page.eval_on_selector("article", """a => { const skip = a.querySelectorAll('.md-tags, .heart-cited-by, .heart-no-print');
        skip.forEach(e => e.style.display = 'none'); const text = a.innerText;
        skip.forEach(e => e.style.display = ''); return text; }""")
    headings = page.eval_on_selector_all("article h2", "hs => hs.map(h => h.innerText.trim())")
    page.emulate_media(media="print")
    columns = page.eval_on_selector("article", "a => getComputedStyle(a).columnCount")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    context.close()
    pages = _pdf_text(pdf)
    text = "\n".join(pages)
    flat = re.sub(r"\s+", " ", text)
    assert columns == "2", "a strategy prints as a two-column handout"
    for h in headings:
        assert h in flat, f"heading {h!r} missing from the printed strategy"
    missing = _words(article) - _words(text.replace("-\n", ""))
    assert not missing, f"words of the page missing from the PDF: {sorted(missing)[:20]}"
    for i, p in enumerate(pages, 1):
        one = re.sub(r"\s+", " ", p)
        assert "HEART Award" in one and f"/strategies/{strategy}/" in one, f"page {i} lacks the site name and address"
        assert re.search(r"Printed \d{1,2} [A-Z][a-z]+ \d{4}", one), f"page {i} lacks the print date"


def test_other_pages_print_in_one_column_with_the_address(served, chromium):
    site, base = served
    context = chromium.new_context()
    page = context.new_page()
    for path in ("award/pathway/", "award/", "training/"):
        page.goto(base + path, wait_until="load")
        page.emulate_media(media="print")
        assert page.eval_on_selector("article", "a => getComputedStyle(a).columnCount") == "auto", path
        pages = _pdf_text(page.pdf(format="A4", prefer_css_page_size=True))
        assert all(f"/{path}" in re.sub(r"\s+", " ", p) for p in pages), f"{path}: a printed page lacks its address"
    context.close()
