"""Every page works as a public service (issue 12): nothing rendered as raw Markdown, the pathway as headings and
tables, and (in Chromium) focus never under the sticky header, no sideways scrolling at 320 px, complete print."""
from __future__ import annotations

import posixpath
import re
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
    assert html.count("<table>") == len(site.scheme.pathway)
    assert html.count("<th>Who</th>") == len(site.scheme.pathway)


def test_no_built_page_shows_unrendered_markdown(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    failures = []
    for page in pages:
        failures += [f"{page.relative_to(built_site)}: {f}" for f in unrendered_markdown(page.read_text("utf-8"))]
    assert failures == [], "\n".join(failures[:40])


# ---------------------------------------------------------------- page scripts: only where declared, deferred
PAGE_SCRIPTS = {"strategies/index.html": {"assets/filter.js"}, "award/self-audit/index.html": {"assets/self-audit.js"},
                "register/index.html": {"assets/register.js"}}
_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")


def script_problems(site: Path) -> list[str]:
    failures = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        ours = {}
        for tag in _SCRIPT.finditer(page.read_text("utf-8")):
            src = tag.group(1)
            if "assets/javascripts/" in src:      # Material's own bundle, at the end of the body
                continue
            ours[posixpath.normpath(posixpath.join(posixpath.dirname(rel), src))] = tag.group(0)
        want = PAGE_SCRIPTS.get(rel, set())
        if set(ours) != want:
            failures.append(f"{rel}: loads {sorted(ours)}, should load {sorted(want)}")
        failures += [f"{rel}: {tag} is not deferred" for tag in ours.values() if " defer" not in tag]
    return failures


def test_pages_load_only_the_scripts_they_declare_deferred(built_site):
    failures = script_problems(built_site)
    assert failures == [], "\n".join(failures[:40])
