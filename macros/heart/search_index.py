"""What the site search indexes, and how strongly: plain data for the search engine (Pagefind, run by
macros/search_hooks.py after the build).

Strategies and situations are indexed from their data (not from the rendered page), so the parts staff search with
weigh most: title, then keywords and "what you might notice", then the summary, then the body. Other pages are
indexed from their built HTML at a lower weight. Pages that only list everything (the library, its area, role and
tag indexes, the references, the register and its entries) stay out: they would match every query and say nothing.
"""
from __future__ import annotations

import html as _html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .load import CITATION, Site
from .render.common import esc, url_of

# built pages (site-relative, as written by MkDocs) that stay out of the index
EXCLUDED_PREFIXES = ("register/", "search/", "pagefind/", "assets/", "strategies/tags/", "training/packs/")
EXCLUDED_PAGES = {"404.html", "strategies/index.html", "references/index.html", "situations/index.html",
                  "award/templates/index.html", "handout/index.html"}

# weights (Pagefind: 0-10, body text defaults to 1)
W_TITLE, W_KEYWORDS, W_NOTICED, W_SUMMARY, W_BODY, W_OTHER_TITLE, W_OTHER_BODY = 10, 8, 7, 5, 1, 3, 0.5

_STOP = set("a an and are as at be but by for from has have he her him his i if in into is it its me my of on or "
            "our she so that the their them then they this to was we were what when where which who why will with "
            "you your do does did don doesn didn won can cannot isn wasn aren not any all very really just about get "
            "gets got keeps always never".split())


@dataclass(frozen=True)
class Record:
    url: str        # site-relative URL, e.g. strategies/pace/
    html: str       # a small HTML document for the indexer, every value escaped


def plain(markdown: str) -> str:
    """Markdown to searchable plain text: citations, link targets, emphasis and heading marks removed."""
    text = re.sub(r"\s*" + CITATION.pattern, "", markdown)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[#:.][^}]*\}", "", text)
    text = re.sub(r"^\s{0,3}(#+|[-*+]|\d+\.|>)\s*", "", text, flags=re.M)
    text = re.sub(r"[*_`|]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _doc(title: str, kind: str, parts: list[tuple[float, str, str]], meta: dict[str, str]) -> str:
    """parts: (weight, meta name or '', text)."""
    out = ['<!doctype html><html lang="en"><head><meta charset="utf-8">',
           f"<title>{esc(title)}</title></head><body><main data-pagefind-body>",
           f'<h1 data-pagefind-weight="{W_TITLE if kind != "Page" else W_OTHER_TITLE}" '
           f'data-pagefind-meta="title">{esc(title)}</h1>']
    for weight, name, text in parts:
        if text:
            attr = f' data-pagefind-meta="{name}"' if name else ""
            out.append(f'<p data-pagefind-weight="{weight}"{attr}>{esc(text)}</p>')
    for key, value in {"kind": kind, **meta}.items():
        out.append(f'<span data-pagefind-meta="{esc(key)}" hidden>{esc(value)}</span>')
    out.append("</main></body></html>")
    return "".join(out)


def _sentences(items: list[str]) -> str:
    """List items joined as sentences, so an excerpt never runs two of them together."""
    return " ".join(i.rstrip(".") + "." for i in items)


def strategy_records(site: Site) -> list[Record]:
    out = []
    for sid, s in site.strategies.items():
        m = s.meta
        who = ", ".join(site.label("roles", r) for r in m.roles)
        parts = [(W_KEYWORDS, "", _sentences([*m.keywords, *(t.replace("-", " ") for t in m.tags)])),
                 (W_NOTICED, "", _sentences(m.noticed)),
                 (W_SUMMARY, "summary", m.summary),
                 (W_BODY, "", plain(s.body))]
        meta = {"keywords": " | ".join(m.keywords), "noticed": " | ".join(m.noticed),
                "facts": f"{site.label('costs', m.cost)} · {m.time_to_implement} · {who}"}
        out.append(Record(url_of(paths.strategy(sid)), _doc(m.title, "Strategy", parts, meta)))
    return out


def situation_records(site: Site) -> list[Record]:
    situations = getattr(site, "situations", None) or {}
    out = []
    for xid, x in situations.items():
        tried = [site.strategies[i].title for i in [*x.first, *x.if_it_keeps_happening] if i in site.strategies]
        first = [site.strategies[i].title for i in x.first if i in site.strategies]
        parts = [(W_KEYWORDS, "", _sentences(x.also)),
                 (W_SUMMARY, "summary", plain(x.explanation)),
                 (W_BODY, "", _sentences(tried))]
        meta = {"keywords": " | ".join(x.also), "noticed": "", "facts": "Try first: " + ", ".join(first)}
        out.append(Record(url_of(paths.situation(xid)), _doc(x.title, "Situation", parts, meta)))
    return out


_ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def _html_text(fragment: str) -> str:
    fragment = re.sub(r"<(script|style|nav)\b.*?</\1>", " ", fragment, flags=re.S)
    fragment = re.sub(r'<a class="headerlink".*?</a>', " ", fragment, flags=re.S)
    fragment = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", _html.unescape(fragment)).strip()


def _html_files(site_dir: Path) -> list[Path]:
    """The site's HTML files, sorted, never looking inside excluded folders (the register's 25,000 entries) or
    dot-folders (never published; serve keeps the last rebuild's entries in one)."""
    out = []
    for folder, dirs, files in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if rel == "." else rel + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (prefix + d + "/").startswith(EXCLUDED_PREFIXES))
        out += [Path(folder, f) for f in files if f.endswith(".html")]
    return sorted(out)


def page_records(site_dir: Path, skip_urls: set[str]) -> list[Record]:
    """Every other built page, from its main article, title weighted over text."""
    out = []
    for path in _html_files(site_dir):
        rel = path.relative_to(site_dir).as_posix()
        if rel in EXCLUDED_PAGES or rel.startswith(EXCLUDED_PREFIXES):
            continue
        if rel.startswith("strategies/") and rel.split("/")[1].startswith(("area-", "role-")):
            continue
        url = "" if rel == "index.html" else rel[: -len("index.html")] if rel.endswith("/index.html") else rel
        if url in skip_urls:
            continue
        text = path.read_text(encoding="utf-8")
        art = _ARTICLE.search(text)
        if not art:
            continue
        h1 = _H1.search(art.group(1))
        title = _html_text(h1.group(1)) if h1 else url
        body = _html_text(_H1.sub(" ", art.group(1), count=1))
        out.append(Record(url, _doc(title, "Page", [(W_OTHER_BODY, "summary", body[:300]),
                                                    (W_OTHER_BODY, "", body[300:])], {"facts": ""})))
    return out


def vocabulary(site: Site) -> list[str]:
    """Words the search can correct a misspelling to: those of strategy and situation titles, keywords, noticed
    phrases, tags and summaries (body words too when they occur at least twice)."""
    counts: dict[str, int] = {}
    strong: set[str] = set()

    def add(text: str, weight: int) -> None:
        for w in re.findall(r"[a-z]+", text.lower().replace("’", "'").replace("'s", "")):
            if len(w) > 2 and w not in _STOP:
                counts[w] = counts.get(w, 0) + weight
                if weight > 1:
                    strong.add(w)

    for s in site.strategies.values():
        m = s.meta
        add(" ".join([m.title, m.summary, *m.keywords, *m.noticed, *m.tags]), 3)
        add(plain(s.body), 1)
    for x in (getattr(site, "situations", None) or {}).values():
        add(" ".join([x.title, x.explanation, *x.also]), 3)
    return sorted(w for w, n in counts.items() if w in strong or n >= 2)


def vocabulary_json(site: Site) -> bytes:
    return json.dumps({"words": vocabulary(site), "stop": sorted(_STOP)}, separators=(",", ":")).encode("utf-8")
