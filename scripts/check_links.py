"""Check that every internal link, anchor and download in a built site resolves.

MkDocs validates Markdown links, but not links inside raw HTML that macros and renderers emit, nor files written
after the build. Usage: .venv/bin/python scripts/check_links.py [SITE_DIR]   (exit 0 when clean, 1 otherwise)
"""
from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

BASE = "http://site.invalid/"
LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src",
              "form": "action"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key) and (key == "id" or tag == "a"):
                self.ids.add(a[key])
        attr = LINK_ATTRS.get(tag)
        if attr and a.get(attr):
            self.links.append((self.getpos()[0], a[attr]))


def _parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8", errors="replace"))
    return c


def _target_file(site: Path, url_path: str) -> Path | None:
    p = site / unquote(url_path.lstrip("/"))
    if url_path.endswith("/") or p.is_dir():
        p = p / "index.html"
    return p if p.is_file() else None


def check_site(site: Path) -> list[str]:
    site = Path(site)
    problems: list[str] = []
    cache: dict[Path, _Collector] = {}

    def parsed(p: Path) -> _Collector:
        if p not in cache:
            cache[p] = _parse(p)
        return cache[p]

    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        page_url = urljoin(BASE, rel)
        for line, href in parsed(page).links:
            if href.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            url = urlparse(urljoin(page_url, href))
            if f"{url.scheme}://{url.netloc}/" != BASE:
                continue                     # a link to another website: not ours to check here
            target = _target_file(site, url.path)
            if target is None:
                problems.append(f"{rel}:{line}: link {href!r} points to {url.path} which does not exist")
                continue
            if url.fragment and target.suffix == ".html":
                frag = unquote(url.fragment)
                if frag not in parsed(target).ids:
                    problems.append(f"{rel}:{line}: link {href!r}: no element with id {frag!r} in {target.relative_to(site)}")
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    problems = check_site(site)
    for p in problems:
        print(p)
    print(f"{len(problems)} broken links" if problems else "All internal links, anchors and downloads resolve.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
