"""Text helpers shared by every document: citations, inline Markdown to runs/HTML, level names, session timings."""
from __future__ import annotations

import datetime as dt
import html
import re

import markdown

from ..load import CITATION, Module, Site
from ..render.common import cite_text
from ..safety import clean_html

esc = html.escape


def cite(site: Site, text: str) -> str:
    """``[@a; @b]`` -> ``(Author, year; Author, year)``."""
    return CITATION.sub(lambda m: "(" + "; ".join(cite_text(site, k) for k in re.findall(r"@([a-z0-9-]+)", m.group(1)))
                        + ")", text)


def plain(text: str) -> str:
    """Inline Markdown to plain text (links keep their text; emphasis markers go)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r"(\*\*|\*|`)", "", text)


def runs(text: str) -> list[tuple[str, bool]]:
    """Split ``**bold**`` spans: [(text, is_bold), ...]; other inline Markdown is dropped."""
    parts = re.split(r"\*\*(.+?)\*\*", text)
    return [(plain(p), i % 2 == 1) for i, p in enumerate(parts) if p]


def inline_html(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", esc(text))


def md_html(site: Site, text: str) -> str:
    """A module's Markdown as HTML for the PDFs, sanitised (allow-list) before WeasyPrint ever sees it."""
    return clean_html(markdown.markdown(cite(site, text), extensions=["tables", "sane_lists"], output_format="html"))


def level_name(site: Site, level: str) -> str:
    return site.module_levels.get(level, level)


def timings(m: Module) -> list[tuple[str, str]]:
    """[("0:00–0:10", activity title), ...] from the session plan; the clock restarts at each new session."""
    out, start, session = [], 0, None
    for a in m.meta.session_plan:
        if a.session != session:
            start, session = 0, a.session
        end = start + a.minutes
        out.append((f"{start // 60}:{start % 60:02d}–{end // 60}:{end % 60:02d}", a.title))
        start = end
    return out


def midnight(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day)
