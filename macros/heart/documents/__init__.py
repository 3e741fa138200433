"""Downloadable documents: a session pack for every training module, and the award templates.

``build_all(site, cache_dir)`` writes PPTX, PDF, DOCX and ZIP files into ``cache_dir`` and returns where each belongs
in the site. Files are byte-identical for the same sources (fixed dates, ordered zip entries, fixed PDF identifiers,
bundled fonts, no network), so each pack is cached under a SHA-256 of its inputs and rebuilt only when they change.
Engine-agnostic: no MkDocs imports.

One job per module:
  cache      build or reuse each cache entry; ``build_all``, the entry point
  pack       the session pack: ``REGISTRY`` of its documents (a new document is one entry), file names, zip,
             ``check_documents`` (shared with scripts/validate)
  guide      facilitator guide (with the reference list of every citation), handouts and case cards (HTML)
  pack_forms the pack's Word documents: questionnaires, evaluation, register, safeguarding note, certificate
  certificate  the designed attendance certificate (blank, or one named page per attendee)
  slides     slides.md parsing and checks
  deck       the PPTX deck: generated and authored slides on the branded master
  pptx_master, layouts  the 16:9 slide master and its nine named layouts, from the brand
  diagrams   native diagrams (shapes with alt text) for the models the modules teach
  forms      one form description rendered to DOCX and to HTML
  docx_template  the one branded en-GB Word template every form and award template is written on
  pdf        HTML to PDF (WeasyPrint, locked-down URL fetcher, deterministic)
  templates  the award templates (DOCX and PDF) built from the scheme
  officezip  reproducible zips and Office core properties
  text       shared text helpers (citations, inline Markdown, timings)
"""
from .cache import DOCUMENTS_VERSION, Outputs, build_all, human_size
from .forms import Form, form_docx, form_html
from .officezip import make_zip, normalise_zip
from .guide import guide_html
from .pack import (PACK_FILES, PACKS, REGISTRY, PackDocument, PackInputs, check_documents, file_prefix,
                   pack_file_name, pack_files)
from .pdf import _refuse_network, make_fetcher, make_pdf
from .slides import Slide, parse_all_slides, parse_slides, slides_pptx
from .templates import TEMPLATE_FILES, TEMPLATES_DIR, template_form

__all__ = ["DOCUMENTS_VERSION", "Outputs", "build_all", "human_size", "Form", "form_docx", "form_html", "make_zip",
           "normalise_zip", "PACK_FILES", "PACKS", "REGISTRY", "PackDocument", "PackInputs", "guide_html", "pack_files",
           "check_documents", "file_prefix", "pack_file_name", "_refuse_network", "make_fetcher", "make_pdf", "Slide", "parse_all_slides", "parse_slides", "slides_pptx", "TEMPLATE_FILES",
           "TEMPLATES_DIR", "template_form"]
