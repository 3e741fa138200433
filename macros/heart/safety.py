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


# ---------------------------------------------------------------- text rules for fields (used by models.py)
import re  # noqa: E402
import unicodedata  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

# bidi embeddings/overrides/isolates and marks (they reorder what follows them: "Trojan Source"), zero-width
# spaces, word joiner, BOM, soft hyphen: invisible characters with no place in any field
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
ZERO_WIDTH = set("\u200b\u2060\ufeff\u00ad\u180e")
INVISIBLE = BIDI | ZERO_WIDTH | set("\u200c\u200d")


def _describe_char(c: str) -> str:
    name = unicodedata.name(c, "control character")
    return f"U+{ord(c):04X} ({name.lower()})"


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def check_text(value: str) -> str:
    """Free text (summaries, statements): NFC; no control characters but newline and tab; no bidi controls or
    zero-width characters (joiners, which some scripts need, may stay)."""
    if value.isascii() and not _ASCII_CONTROL.search(value):
        return value            # the common case, decided at C speed: ASCII is NFC and has no invisible characters
    value = unicodedata.normalize("NFC", value)
    for c in value:
        if (unicodedata.category(c) == "Cc" and c not in "\n\t") or c in BIDI or c in ZERO_WIDTH:
            raise ValueError(f"contains the invisible character {_describe_char(c)}; delete it (retyping the text "
                             "removes it)")
    return value


def check_name(value: str) -> str:
    """Names, titles, labels: one line of visible text; no control or format (Unicode Cc/Cf) characters at all,
    and not empty once invisible characters are removed."""
    if value.isascii() and value.isprintable() and value.strip(" "):
        return value            # printable ASCII with a non-space: visible, one line, nothing to check further
    value = check_text(value)
    for c in value:
        if unicodedata.category(c) in ("Cc", "Cf"):
            what = "a line break" if c == "\n" else _describe_char(c)
            raise ValueError(f"contains {what}; a name is one line of visible text: delete it")
    visible = "".join(c for c in value if not c.isspace() and c not in INVISIBLE
                      and unicodedata.category(c) not in ("Cc", "Cf", "Mn", "Me", "Zs"))
    if not visible:
        raise ValueError("has no visible characters; write the name")
    return value


def check_label(value: str) -> str:
    """Short labels printed by the theme as they are (tags): a name with no '<', '>' or '&'."""
    value = check_name(value)
    bad = sorted({c for c in value if c in "<>&"})
    if bad:
        raise ValueError(f"contains {' '.join(repr(c) for c in bad)}; tags are plain words: write 'and' for '&' "
                         "and leave out angle brackets")
    return value


def https_url(value: str) -> str:
    """An https:// address with a host, parsed (never prefix-matched), with nothing that could leave an attribute."""
    bad = next((c for c in value if ord(c) < 33 or ord(c) == 127 or c in '"\'<>`\\'
                or unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp")), None)
    if bad is not None:
        raise ValueError(f"contains {_describe_char(bad) if bad.strip() else 'a space'}; a web address has no "
                         "spaces, quotes or angle brackets (write spaces as %20)")
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as exc:
        raise ValueError(f"is not a web address ({exc}); write a full https:// address") from None
    if parts.scheme != "https":
        raise ValueError(f"must be a full https:// address, not {parts.scheme or 'a relative'}: address; "
                         "check it opens in a browser and copy it from the address bar")
    if not host or parts.username or parts.password:
        raise ValueError("must name a host, e.g. https://www.example.org/page, with no user name or password")
    return value


# ---------------------------------------------------------------- raw HTML and links in Markdown bodies
import html as _html  # noqa: E402
import re as _re  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background",
                  "xlink:href", "ping", "lowsrc", "dynsrc", "longdesc", "manifest", "icon"}
_MD_LINK = _re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^\s)>]*)")
_MD_REF_DEF = _re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*<?(\S*?)>?(?:\s|$)")
_MD_REF_IMAGE = _re.compile(r"!\[[^\]\n]*\]\[")
_ATTR_LIST = _re.compile(r"\{:?([^{}\n]*)\}")                      # Markdown attribute lists: {: .class key=value }
_ATTR_KEY = _re.compile(r"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=")
_AUTOLINK = _re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[a-zA-Z]+)>")


def _url_problem(url: str, loads: bool) -> str | None:
    """Why a URL may not appear in content, or None. ``loads``: the browser fetches it (an image, a frame)."""
    plain = "".join(c for c in _html.unescape(url) if ord(c) > 32 and unicodedata.category(c) not in ("Cc", "Cf"))
    scheme = _re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", plain)
    if scheme and scheme.group(1).lower() not in URL_SCHEMES:
        return (f"links to a {scheme.group(1).lower()}: address, which is never allowed; link to a page of this "
                "site or an https:// address")
    if loads and (scheme or plain.startswith("//") or plain.startswith("\\\\")):
        return ("loads a file from another website, and this site makes no third-party requests; save the file "
                "in this project and use a relative path")
    return None


class _HtmlScan(HTMLParser):
    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.first_line, self.found = first_line, []

    def _add(self, message: str) -> None:
        self.found.append((self.first_line + self.getpos()[0] - 1, message))

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self._add(f"the HTML element <{tag[:30]}> is not allowed here (scripts, frames, embeds, forms, styles and "
                      "images from raw HTML are refused); write it in Markdown or remove it")
            return
        for name, value in attrs:
            if name.startswith("on"):
                self._add(f"the attribute {name[:30]}= runs script and is never allowed; remove it")
            elif name in ("style", "srcdoc") or name not in ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set()):
                self._add(f"the attribute {name[:30]}= is not allowed on <{tag}>; remove it")
            if name in URL_ATTRIBUTES and value:
                why = _url_problem(value, loads=name != "href")
                if why:
                    self._add(f"<{tag} {name}=…> {why}")

    handle_startendtag = handle_starttag


def markdown_problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Every raw HTML element, attribute or link in a Markdown body that could run script, load from another host
    or leave the site's safe schemes, as (line, message). Validation refuses these, naming file and line; the same
    allow-list is what ``clean_html`` keeps."""
    found = []
    for i, line in enumerate(text.split("\n")):        # Markdown autolinks <https://…>, <mailto:…>, <a@b.org>
        for m in _AUTOLINK.finditer(line):
            why = _url_problem(m.group(1), loads=False) if ":" in m.group(1) else None
            if why:
                found.append((first_line + i, f"the link <{m.group(1)[:60]}> {why}"))
    scan = _HtmlScan(first_line)
    scan.feed(_AUTOLINK.sub(lambda m: " " * len(m.group(0)), text))
    scan.close()
    found += scan.found
    for i, line in enumerate(text.split("\n")):
        for m in _MD_LINK.finditer(line):
            why = _url_problem(m.group(2), loads=bool(m.group(1)))
            if why:
                found.append((first_line + i, f"the {'image' if m.group(1) else 'link'} {m.group(2)[:60]!r} {why}"))
        m = _MD_REF_DEF.match(line)
        if m:
            why = _url_problem(m.group(1), loads=False)
            if why:
                found.append((first_line + i, f"the link definition {m.group(1)[:60]!r} {why}"))
        for m in _ATTR_LIST.finditer(line):
            for key in _ATTR_KEY.findall(m.group(1)):
                name = key.lower()
                if name.startswith("on") or name in URL_ATTRIBUTES or name not in ALLOWED_ATTRIBUTES["*"] - {"id"}:
                    found.append((first_line + i, f"the attribute list sets {key[:30]}=, which content may not set "
                                  "(only .class, #id, title, lang, dir, role and aria- attributes); remove it"))
        if _MD_REF_IMAGE.search(line):
            found.append((first_line + i, "a reference-style image (![alt][name]) may load from anywhere; write "
                          "![alt](relative/path.png) with a file in this project"))
    return sorted(set(found))


def project_path(value: str) -> str:
    """A file inside the project, as a relative path: never a URL (no third-party requests), never outside."""
    check_name(value)
    if _re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", value) or value.startswith(("/", "\\")) or \
            ".." in value.replace("\\", "/").split("/"):
        raise ValueError("must be a path inside this project, relative to its folder (e.g. data/logo.png), not a web "
                         "address or a path outside it")
    return value
