"""Small helpers shared by the renderers: escaping, relative links, citations, dates."""
from __future__ import annotations

import datetime as dt
import html
import posixpath
import re

from ..load import CITATION, Site

esc = html.escape

REFERENCES_PAGE = "references.md"


def rel(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative link between two Markdown sources (MkDocs resolves and validates these)."""
    base = posixpath.dirname(from_src)
    path = posixpath.relpath(to_src, base or ".")
    return f"{path}#{anchor}" if anchor else path


def url_of(src: str) -> str:
    """The built URL (use_directory_urls) of a Markdown source, relative to the site root."""
    if src.endswith("index.md"):
        return src[: -len("index.md")]
    return src[:-3] + "/"


def rel_url(from_src: str, to: str) -> str:
    """Relative URL for raw HTML: from the page built from ``from_src`` to a site path (a .md source or a file)."""
    target = url_of(to) if to.endswith(".md") else to
    here = url_of(from_src)
    out = posixpath.relpath(target or ".", here.rstrip("/") or ".")
    if target.endswith("/") and not out.endswith("/"):
        out += "/"
    return "./" if out in (".", "./") else out


def long_date(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%B %Y')}"


def uk_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


_SURNAME = re.compile(r"([A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+)*), (?:[A-Z]\.\s?)+")


def short_authors(site: Site, key: str) -> str:
    ref = site.references[key]
    if ref.short:
        return ref.short
    names = _SURNAME.findall(ref.authors)
    if not names:
        return ref.authors.split(",")[0]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def cite_text(site: Site, key: str) -> str:
    return f"{short_authors(site, key)}, {site.references[key].year or 'n.d.'}"


def render_citations(text: str, site: Site, page_src: str) -> str:
    """Replace ``[@key]`` and ``[@a; @b]`` with linked author–year citations pointing at the references page."""
    def one(m: re.Match) -> str:
        keys = re.findall(r"@([a-z0-9-]+)", m.group(1))
        links = [f"[{esc(cite_text(site, k))}]({rel(page_src, REFERENCES_PAGE, 'ref-' + k)})" for k in keys]
        return "(" + "; ".join(links) + ")"
    return CITATION.sub(one, text)


def citation_keys(text: str) -> list[str]:
    keys: list[str] = []
    for m in CITATION.finditer(text):
        for k in re.findall(r"@([a-z0-9-]+)", m.group(1)):
            if k not in keys:
                keys.append(k)
    return keys


def reference_entry(site: Site, key: str) -> str:
    """One bibliography entry as Markdown (Harvard style)."""
    r = site.references[key]
    where = r.journal or r.publisher or ""
    out = f"{esc(r.authors)} ({r.year or 'n.d.'}) *{esc(r.title)}*."
    if where:
        out += f" {esc(where)}."
    if r.url:
        out += f" <{r.url}>"
    return out


def sources_section(site: Site, keys: list[str], page_src: str, heading: str = "## Sources") -> str:
    if not keys:
        return ""
    lines = [heading, ""]
    for k in keys:
        lines.append(f"- {reference_entry(site, k)} [All pages citing this]({rel(page_src, REFERENCES_PAGE, 'ref-' + k)}){{: .heart-cited-by }}")
    return "\n".join(lines) + "\n"


def review_footer(reviewed: dt.date, due: dt.date) -> str:
    return (f'<p class="heart-review">Last reviewed: <time datetime="{reviewed.isoformat()}">{long_date(reviewed)}</time>. '
            f'Next review due: <time datetime="{due.isoformat()}">{long_date(due)}</time>.</p>\n')


def front_matter(**fields) -> str:
    """YAML front matter for a generated page (values are JSON-quoted so data can never break out)."""
    import json
    lines = ["---"]
    for k, v in fields.items():
        if v is None:
            continue
        lines.append(f"{k}: {json.dumps(v, ensure_ascii=False)}")
    lines.append("---\n")
    return "\n".join(lines)
