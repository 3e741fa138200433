"""The Content-Security-Policy every page ships with (no engine imports: the glue calls these on each page).

The policy allows scripts only from this site plus the exact inline scripts a page holds (by SHA-256 hash, computed
from the built page, so a change in the theme's inline script changes its hash and never needs 'unsafe-inline');
no eval, no plugins, no <base> hijack, forms post only to this site, and nothing is loaded from another host.
``frame-ancestors`` is ignored in a <meta> policy, so it is only in the header form written to ``site/_headers``
(Netlify, Cloudflare Pages and similar hosts read that file; for others set the same header in the server config).
"""
from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_NON_JS_TYPE = re.compile(r"""\stype\s*=\s*["']?(?!(?:text/javascript|module|application/javascript)["'\s>])""", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)

BASE = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
HEADER_ONLY = {"frame-ancestors": ["'none'"]}


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every inline script the browser would run (not src= scripts, not JSON data blocks)."""
    out: list[str] = []
    for m in _INLINE_SCRIPT.finditer(html):
        attrs = m.group("attrs") or ""
        if _SRC.search(attrs) or _NON_JS_TYPE.search(attrs):
            continue
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in out:
            out.append(source)
    return out


def policy(script_hashes: list[str] | set[str] = (), header: bool = False) -> str:
    directives = {k: list(v) for k, v in BASE.items()}
    directives["script-src"] += sorted(script_hashes)
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(f"{k} {' '.join(v)}" for k, v in directives.items())


def add_meta(html: str) -> tuple[str, list[str]]:
    """The page with its CSP <meta> right after <meta charset> (before any script), and the hashes used."""
    hashes = inline_script_hashes(html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    m = _CHARSET.search(html, 0, 2048) or _HEAD.search(html)
    if m is None:
        return html, hashes
    return html[: m.end()] + meta + html[m.end():], hashes


def headers_file(script_hashes: set[str]) -> str:
    """``_headers`` for static hosts: the same policy as a header (with frame-ancestors) and two safe defaults."""
    return ("/*\n"
            f"  Content-Security-Policy: {policy(script_hashes, header=True)}\n"
            "  X-Content-Type-Options: nosniff\n"
            "  Referrer-Policy: no-referrer\n")
