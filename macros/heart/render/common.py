"""Small helpers shared by the renderers: escaping, relative links, citations, dates."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from urllib.parse import urlsplit

import yaml
from markupsafe import Markup, escape

from ..load import CITATION, CITATION_KEY, Site

# Characters that would let text become Markdown structure where it is embedded in a Markdown page: a link or image
# ("[x](javascript:...)", "![x](https://elsewhere/)"), an attribute list ("{: onclick=...}"), a code span, a table cell
# break or a backslash escape. Written as numeric character references they display the same and mean nothing.
_MARKDOWN_SPECIALS = {ord(c): f"&#{ord(c)};" for c in "[]{}()!|`\\"}


def esc(value) -> Markup:
    """Escape untrusted text for HTML *and* for Markdown: the result is safe as element content, as a quoted
    attribute value and inside a Markdown page (it can never open a tag, a link, an image or an attribute list).
    Text that is already ``Markup`` is left as it is, so escaping twice is harmless."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(str(escape(value)).translate(_MARKDOWN_SPECIALS))


def bdi(value) -> Markup:
    """A name of a person, school or place, escaped and bidi-isolated so right-to-left text cannot reorder what
    follows it."""
    return Markup("<bdi>{}</bdi>").format(esc(value))


def safe_url(url: str) -> str | None:
    """``url`` if it is an https:// address with a host and nothing that could break out of an attribute; else None.
    Parsed with urllib.parse, never prefix-matched."""
    if not isinstance(url, str) or any(ord(c) < 33 or c in '"\'<>`\\' or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        return None
    return url

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
        keys = CITATION_KEY.findall(m.group(1))
        links = [f"[{esc(cite_text(site, k))}]({rel(page_src, REFERENCES_PAGE, 'ref-' + k)})" for k in keys]
        return "(" + "; ".join(links) + ")"
    return CITATION.sub(one, text)


def citation_keys(text: str) -> list[str]:
    keys: list[str] = []
    for m in CITATION.finditer(text):
        for k in CITATION_KEY.findall(m.group(1)):
            if k not in keys:
                keys.append(k)
    return keys


def reference_entry(site: Site, key: str) -> str:
    """One bibliography entry as Markdown (Harvard style)."""
    r = site.references[key]
    where = r.journal or r.publisher or ""
    out = Markup("{} ({}) <em>{}</em>.").format(esc(r.authors), r.year or "n.d.", esc(r.title))
    if where:
        out += Markup(" {}.").format(esc(where))
    url = safe_url(r.url) if r.url else None
    if url:     # validated on load too; checked again here so no other value can ever reach an href
        out += Markup(' <a href="{}">{}</a>').format(url, esc(url))
    return str(out)


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


class _FrontMatterDumper(yaml.SafeDumper):
    """Every text value double-quoted: one line each (line breaks written as \\n), so no value can look like '---',
    a comment, an anchor or a key."""


_FrontMatterDumper.add_representer(
    str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"'))
_FrontMatterDumper.add_representer(Markup, _FrontMatterDumper.yaml_representers[str])


def front_matter(**fields) -> str:
    """YAML front matter for a generated page. Values are written by a YAML emitter (so no value can end the front
    matter, add a key or become an alias) and hold plain text: the engine glue escapes title and description before
    the theme prints them (macros/hooks.py on_env)."""
    data = {k: v for k, v in fields.items() if v is not None}
    text = yaml.dump(data, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1 << 30)
    return "---\n" + text + "---\n"
