"""PDF: HTML to a tagged PDF with WeasyPrint, offline (local files only), bundled fonts, fixed dates and identifier."""
from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
from pathlib import Path

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


def _css_string(s: str) -> str:
    return '"' + " ".join(s.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _css(footer: str, landscape: bool) -> str:
    faces = "".join(f"@font-face {{ font-family: DocSans; font-weight: {w}; font-style: {s}; src: url({p.as_uri()}); }}\n"
                    for (w, s), p in FONTS.items())
    return faces + f"""
@page {{ size: A4 {'landscape' if landscape else 'portrait'}; margin: 2cm 2cm 2.2cm;
  @bottom-center {{ content: {_css_string(footer)} " \\b7  Page " counter(page) " of " counter(pages);
                    font-family: DocSans; font-size: 8pt; color: #444; }} }}
body {{ font-family: DocSans; font-size: 10pt; line-height: 1.4; color: #111; }}
h1 {{ font-size: 20pt; margin: 0 0 .5em; color: #7a1136; }}
h2 {{ font-size: 14pt; margin: 1.2em 0 .4em; color: #7a1136; break-after: avoid; }}
h3, h4 {{ font-size: 11.5pt; margin: 1em 0 .3em; break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; margin: .4em 0 1em; table-layout: fixed; }}
th, td {{ border: 1px solid #666; padding: 4px 6px; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
td p, th p {{ margin: 0 0 .3em; }} td ul {{ margin: 0; padding-left: 1.2em; }}
thead {{ display: table-header-group; }} tr {{ break-inside: avoid; }}
.part {{ break-before: page; }} .handouts h2 ~ h2 {{ break-before: page; }}
p.center {{ text-align: center; }} p.big {{ text-align: center; font-size: 20pt; }}
.sub {{ font-size: 12pt; color: #444; }}
"""


def _refuse_network():
    """WeasyPrint may read local files (fonts, module images) but never the network."""
    from weasyprint.urls import URLFetcher
    return URLFetcher(allowed_protocols={"file", "data"})


def make_pdf(site: Site, body: str, title: str, footer: str, when: dt.date, ident: str, *,
             base: Path | None = None, landscape: bool = False) -> bytes:
    from weasyprint import HTML
    d = when.isoformat()
    page = (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta name="author" content="{esc(site.scheme.award.owner)}">'
            f'<meta name="dcterms.created" content="{d}"><meta name="dcterms.modified" content="{d}">'
            f"<style>{_css(footer, landscape)}</style></head><body>{body}</body></html>")
    base_url = (base or site.root).as_uri() + "/"
    pdf_id = hashlib.md5(ident.encode()).hexdigest().encode()    # fixed /ID: derived from the inputs' digest
    html_doc = HTML(string=page, base_url=base_url, url_fetcher=_refuse_network())
    return html_doc.write_pdf(pdf_identifier=pdf_id, pdf_tags=True)       # tagged, for screen readers
