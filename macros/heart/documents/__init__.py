"""Downloadable documents: a session pack for every training module, and the award templates.

``build_all(site, cache_dir)`` writes PPTX, PDF, DOCX and ZIP files into ``cache_dir`` and returns where each belongs
in the site. Files are byte-identical for the same sources (fixed dates, ordered zip entries, fixed PDF identifiers,
bundled fonts, no network), so each pack is cached under a SHA-256 of its inputs and rebuilt only when they change.
Engine-agnostic: no MkDocs imports.

One job per module:
  cache      build or reuse each cache entry; ``build_all``, the entry point
  pack       the session pack: ``REGISTRY`` of its documents (a new document is one entry), guide, forms, zip
  slides     slides.md parsing and the PPTX deck
  forms      one form description rendered to DOCX and to HTML
  pdf        HTML to PDF (WeasyPrint, offline, deterministic)
  templates  the award templates (DOCX and PDF) built from the scheme
  officezip  reproducible zips and Office core properties
  text       shared text helpers (citations, inline Markdown, timings)
"""
from .cache import DOCUMENTS_VERSION, Outputs, build_all, human_size
from .forms import Form, form_docx, form_html
from .officezip import make_zip, normalise_zip
from .pack import PACK_FILES, PACKS, REGISTRY, PackDocument, PackInputs, guide_html, pack_files
from .pdf import _refuse_network, make_pdf
from .slides import Slide, parse_all_slides, parse_slides, slides_pptx
from .templates import TEMPLATE_FILES, TEMPLATES_DIR, template_form

__all__ = ["DOCUMENTS_VERSION", "Outputs", "build_all", "human_size", "Form", "form_docx", "form_html", "make_zip",
           "normalise_zip", "PACK_FILES", "PACKS", "REGISTRY", "PackDocument", "PackInputs", "guide_html", "pack_files",
           "_refuse_network", "make_pdf", "Slide", "parse_all_slides", "parse_slides", "slides_pptx", "TEMPLATE_FILES",
           "TEMPLATES_DIR", "template_form"]
