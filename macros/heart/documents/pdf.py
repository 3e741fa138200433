"""PDF: HTML to a tagged PDF with WeasyPrint, offline, bundled fonts, fixed dates and identifier, in the award's brand.

Nothing outside the project is ever read into a PDF. ``LockedFetcher`` is WeasyPrint's only way to load anything: it
allows ``file:`` URLs inside the module's own folder and the bundled font files, ``data:`` URLs of images, and refuses
everything else (other files, ``/proc``, symlinks pointing out, every network scheme) by stopping the build with a
``ContentError`` naming the source file and the URL. Module Markdown is sanitised (``text.md_html``) before it gets
here, so this is the second lock, not the only one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import ContentError, Problem
from ..load import Site
from .text import esc


def _find_fonts() -> dict[tuple[str, str], Path]:
    """DejaVu Sans (Debian fonts-dejavu-core), else the Lato files bundled with the installed mkdocs package."""
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    spec = importlib.util.find_spec("mkdocs")
    lato = Path(spec.origin).parent / "themes/readthedocs/css/fonts" if spec and spec.origin else Path("/nonexistent")
    for folder, names in ((dejavu, ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                                    "DejaVuSans-BoldOblique.ttf")),
                          (lato, ("lato-normal.woff", "lato-bold.woff", "lato-normal-italic.woff",
                                  "lato-bold-italic.woff"))):
        paths = [folder / n for n in names]
        if all(p.is_file() for p in paths):
            return dict(zip([("normal", "normal"), ("bold", "normal"), ("normal", "italic"), ("bold", "italic")], paths))
    return {}


FONTS = _find_fonts()
DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp)[;,]", re.I)     # no SVG: it can load other URLs itself


# ---------------------------------------------------------------- the locked fetcher
def _refused_base():
    """WeasyPrint swallows ordinary fetch errors and carries on; this one stops the render."""
    from weasyprint.urls import FatalURLFetchingError
    return FatalURLFetchingError


def _real(p: Path | str) -> str:
    return os.path.realpath(p)


def make_fetcher(allowed: list[Path]):
    """A WeasyPrint URL fetcher that reads only regular files under ``allowed`` (after resolving symlinks and ``..``),
    and data: images. Anything else raises a fatal error carrying the URL."""
    from weasyprint.urls import URLFetcher
    roots = sorted({_real(p) for p in allowed})
    fatal = _refused_base()

    class LockedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data" and DATA_IMAGE.match(url):
                return super().fetch(url, headers)
            if scheme == "file":
                parts = urlsplit(url)
                path = _real(unquote(parts.path))
                inside = any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots)
                if not parts.netloc and inside and os.path.isfile(path):
                    return super().fetch(url, headers)
            raise fatal(f"refused URL {url[:200]!r}")

    return LockedFetcher(allowed_protocols={"file", "data"}, timeout=1)


def _refuse_network():
    """The fetcher with only the bundled fonts allowed (kept for callers that render no module files)."""
    return make_fetcher([p.parent for p in FONTS.values()])


# ---------------------------------------------------------------- brand CSS
def css_string(s: str) -> str:
    return '"' + " ".join(s.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def font_faces() -> str:
    return "".join(f"@font-face {{ font-family: DocSans; font-weight: {w}; font-style: {s}; src: url({p.as_uri()}); }}\n"
                   for (w, s), p in FONTS.items())


def document_css(site: Site, footer: str, landscape: bool, header: str = "") -> str:
    b = site.scheme.award.brand
    head = header or f"{site.scheme.award.short_name} · {site.scheme.award.owner}"
    return font_faces() + f"""
@page {{ size: A4 {'landscape' if landscape else 'portrait'}; margin: 2.1cm 1.9cm 2cm;
  @top-left {{ content: {css_string(head.upper())}; font-family: DocSans; font-size: 7.5pt; font-weight: bold;
               letter-spacing: .06em; color: {b.primary}; border-bottom: 1.2pt solid {b.accent};
               vertical-align: bottom; padding-bottom: 3pt; width: 100%; }}
  @bottom-left {{ content: {css_string(footer)}; font-family: DocSans; font-size: 7.5pt; color: {b.text};
                  width: 80%; }}
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-family: DocSans; font-size: 7.5pt;
                   color: {b.text}; }} }}
body {{ font-family: DocSans; font-size: 10pt; line-height: 1.42; color: {b.text}; }}
h1 {{ font-size: 20pt; line-height: 1.2; margin: 0 0 .45em; color: {b.primary}; }}
h2 {{ font-size: 14pt; line-height: 1.25; margin: 1.1em 0 .4em; color: {b.primary}; break-after: avoid;
      padding-bottom: 2pt; border-bottom: 1pt solid {b.accent}; }}
h3, h4 {{ font-size: 11.5pt; margin: .9em 0 .3em; break-after: avoid; color: {b.text}; }}
p, li {{ orphans: 2; widows: 2; }}
table {{ border-collapse: collapse; width: 100%; margin: .4em 0 1em; table-layout: fixed; }}
.part table:not(.plan):not(.facts):not(.contacts), .handout table, .card table {{ table-layout: auto; }}
.handout table.grid, .part table.grid {{ table-layout: fixed; }}
table.grid th {{ font-size: 8.5pt; }}
th, td {{ border: .75pt solid #7a7a7a; padding: 4pt 6pt; vertical-align: top; text-align: left;
          overflow-wrap: break-word; hyphens: manual; }}
th {{ background: {b.muted_background}; color: {b.text}; font-weight: bold; line-height: 1.25;
      overflow-wrap: normal; }}
td p, th p {{ margin: 0 0 .3em; }} td ul {{ margin: 0; padding-left: 1.2em; }}
thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
td:empty {{ height: 1.1cm; }} td.tick {{ text-align: center; vertical-align: middle; }}
ul.tasks {{ list-style: none; padding-left: .2em; }}
ul.tasks li {{ padding-left: 1.7em; text-indent: -1.7em; margin: .25em 0; }}
.box {{ display: inline-block; width: 10pt; height: 10pt; border: 1pt solid {b.text}; margin-right: .6em;
        vertical-align: -1pt; text-indent: 0; }}
.write-lines {{ margin: .3em 0 .8em; }}
.write-lines span {{ display: block; height: .95cm; border-bottom: .75pt solid #7a7a7a; }}
.part {{ break-before: page; }}
p.center {{ text-align: center; }} p.big {{ text-align: center; font-size: 20pt; }}
.sub {{ font-size: 12pt; color: {b.text}; margin-top: 0; }}
.meta {{ font-size: 8.5pt; color: {b.text}; margin: 0 0 .8em; }}
a {{ color: {b.primary}; }}
table.contacts {{ font-size: 8.6pt; line-height: 1.3; }} table.contacts td, table.contacts th {{ padding: 2.5pt 4pt; }}
table.contacts td:nth-child(3) {{ white-space: nowrap; }}
"""


# ---------------------------------------------------------------- render
def make_pdf(site: Site, body: str, title: str, footer: str, when: dt.date, ident: str, *,
             base: Path | None = None, landscape: bool = False, css: str | None = None,
             source: str = "", allowed: list[Path] | None = None) -> bytes:
    """Render ``body`` to PDF. ``base`` is the folder relative links resolve against (the module's folder) and,
    with the bundled fonts and ``allowed``, the only place files may be read from. ``source`` names the content
    file(s) in error messages."""
    from weasyprint import HTML
    d = when.isoformat()
    style = css if css is not None else document_css(site, footer, landscape)
    page = (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta name="author" content="{esc(site.scheme.award.owner)}">'
            f'<meta name="dcterms.created" content="{d}"><meta name="dcterms.modified" content="{d}">'
            f"<style>{style}</style></head><body>{body}</body></html>")
    folder = (base or site.root / ".heart-no-files").resolve()
    fetcher = make_fetcher([p.parent for p in FONTS.values()] + ([folder] if base else []) + list(allowed or []))
    pdf_id = hashlib.md5(ident.encode()).hexdigest().encode()    # fixed /ID: derived from the inputs' digest
    try:
        html_doc = HTML(string=page, base_url=folder.as_uri() + "/", url_fetcher=fetcher)
        return html_doc.write_pdf(pdf_identifier=pdf_id, pdf_tags=True)       # tagged, for screen readers
    except _refused_base() as exc:
        url = str(exc).removeprefix("refused URL ")
        raise ContentError([Problem(source or title, None, "link",
                                    f"links to or loads {url}, which a document may not read (only files in the "
                                    "module's own folder, bundled fonts and data: images are allowed); remove it")]) \
            from None
