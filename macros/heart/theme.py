"""What the engine glue does to page objects before the theme prints them (no engine imports here).

Material for MkDocs renders with Jinja autoescape off, so every value it prints must already be HTML. Page titles
and meta descriptions come from content files (front matter, or the first heading): they are turned into escaped
``Markup`` once, here, instead of trusting every template to remember ``| e``.
"""
from __future__ import annotations

from markupsafe import Markup, escape

ESCAPED_META = ("title", "description")


def escaped(value):
    """Escaped ``Markup`` for text (Markup stays as it is); None stays None."""
    if value is None or isinstance(value, Markup):
        return value
    return escape(str(value))


def escape_page(page) -> None:
    """Make a page's title and its meta title/description safe to print raw."""
    meta = getattr(page, "meta", None)
    if isinstance(meta, dict):
        for key in ESCAPED_META:
            if isinstance(meta.get(key), str):
                meta[key] = escaped(meta[key])
    title = page.title
    if isinstance(title, str) and not isinstance(title, Markup):
        try:
            page.title = escaped(title)
        except AttributeError:      # an engine whose title is read-only derives it from meta, escaped above
            pass


def safe_striptags(value) -> Markup:
    """Jinja's ``striptags`` drops tags and then *un-escapes* entities, so ``&lt;script&gt;`` printed through it
    becomes a live tag. This one drops tags and keeps the text escaped."""
    return escape(Markup(str(value)).striptags())
