"""Untrusted text made safe: one place that decides what HTML may pass from content files into outputs.

Every value from data/, strategies/ and training_modules/ is untrusted. Renderers escape plain text with MarkupSafe
(``esc``); Markdown bodies that may hold raw HTML pass through ``clean_html`` (nh3, an allow-list sanitiser) after
Markdown has been turned into HTML.
"""
from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby"},
    "a": {"href", "hreflang"},
    "td": {"colspan", "rowspan", "scope"},
    "th": {"colspan", "rowspan", "scope"},
    "input": {"type", "checked", "disabled"},
    "ol": {"start"},
}
# relative links (pages of this site, files in a module's own folder) and https links; never javascript:, data:, file:
URL_SCHEMES = {"https", "mailto", "tel"}


def clean_html(html: str) -> str:
    """Strip every element, attribute and URL scheme that is not on the allow-list (scripts, iframes, on*=,
    style, img/link/object that would load from elsewhere, javascript:/file:/data: URLs)."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=None, strip_comments=True)
