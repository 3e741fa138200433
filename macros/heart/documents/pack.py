"""Session packs: every document of a module's pack, listed once in ``REGISTRY``, and the pack zip that holds them.

A new pack document is one ``PackDocument`` entry in ``REGISTRY``: its file suffix, download label, format and the
function that builds its bytes from ``PackInputs``. The zip, the README inside it and the module page's download list
(with what is in each file: slides, pages, forms) all follow the registry. Every file name starts with the award's
short name (``HEART-Award-…``), so it never clashes with a school's own files.
"""
from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .. import paths
from ..errors import ContentError
from ..load import Module, Site
from ..render.common import long_date
from ..render.training import hours
from .certificate import certificates_pdf
from .forms import Form, form_docx
from .guide import (CARD_CSS, COMPACT_CSS, GUIDE_PARTS, HANDOUT_CSS, check_references, case_cards_html, guide_html, handouts_html,
                    reference_keys)
from .officezip import make_zip
from .pack_forms import (before_questionnaire, certificate_docx, evaluation_form, follow_up_questionnaire,
                         module_footer, register_form, safeguarding_docx)
from .pdf import document_css, make_pdf
from .deck import SLIDE_DECKS
from .slides import Slide, parse_all_slides
from .text import level_name, timings

PACKS = "training/packs"         # site folder of the session packs: training/packs/<module id>/
ZIP_FILE = ("session-pack.zip", "Complete session pack", "ZIP")
COUNTS = "counts.json"           # what is in each file (slides, pages), written with the pack for the module page


def file_prefix(site: Site) -> str:
    """The award's short name as a file-name prefix: 'HEART Award' -> 'HEART-Award' (paths.file_prefix)."""
    return paths.file_prefix(site.scheme.award.short_name)


def pack_file_name(site: Site, m: Module, suffix: str) -> str:
    return f"{file_prefix(site)}-{m.id}-{suffix}"


@dataclass(frozen=True)
class PackInputs:
    """What a pack document is built from."""
    site: Site
    module: Module
    slides: list[Slide]
    digest: str                  # the pack's cache digest (seeds fixed PDF identifiers)


Builder = Callable[[PackInputs], bytes]


@dataclass(frozen=True)
class PackDocument:
    """One document in every pack, saved as ``<prefix>-<module id>-<suffix>``."""
    suffix: str
    label: str                   # the download label on the module page and in the README
    format: str
    build: Builder

    def files(self, m: Module) -> list[tuple[str, str, str, Builder]]:
        """The files this document makes for ``m`` as (suffix, label, format, builder): one, unless a subclass
        splits the document (say, one file per session)."""
        return [(self.suffix, self.label, self.format, self.build)]


# ---------------------------------------------------------------- PDFs
def _pdf(p: PackInputs, body: str, what: str, parts: list[str], extra_css: str = "") -> bytes:
    site, m = p.site, p.module
    css = document_css(site, module_footer(site, m), False) + extra_css
    try:
        return make_pdf(site, body, f"{m.title}: {what}", module_footer(site, m), m.meta.reviewed, p.digest + what,
                        base=m.folder.resolve(), css=css, source=f"{m.source}/{parts[0]}")
    except ContentError as exc:            # name the part that holds the refused URL, when it can be found
        raise ContentError([_blame(m, parts, problem) for problem in exc.problems]) from None


def _blame(m: Module, parts: list[str], problem):
    from dataclasses import replace
    from urllib.parse import unquote
    found = re.match(r"links to or loads '([^']*)'", problem.message)
    url = found.group(1) if found else ""
    tail = unquote(url.rsplit("/", 1)[-1]) if url else ""
    for part in parts:
        for no, line in enumerate(m.parts.get(part, "").split("\n"), 1):
            if tail and tail in line:
                return replace(problem, file=f"{m.source}/{part}", line=no)
    return problem


def _guide_pdf(p: PackInputs) -> bytes:
    return _pdf(p, guide_html(p.site, p.module), "facilitator guide", GUIDE_PARTS)


def _handouts_pdf(p: PackInputs) -> bytes:
    """Handouts at the normal size; when that leaves a near-empty last page, the compact layout if it saves the
    page (so a short handout set fits two sides of A4)."""
    body = handouts_html(p.site, p.module)
    normal = _pdf(p, body, "handouts", ["handouts.md"], HANDOUT_CSS)
    pages, last_share = _fill(normal)
    if pages < 2 or last_share > 0.35:
        return normal
    compact = _pdf(p, body, "handouts", ["handouts.md"], HANDOUT_CSS + COMPACT_CSS)
    return compact if _fill(compact)[0] < pages else normal


def _fill(pdf: bytes) -> tuple[int, float]:
    """(pages, how full the last page is compared with the others, by amount of text)."""
    from pypdf import PdfReader
    texts = [len(pg.extract_text()) for pg in PdfReader(io.BytesIO(pdf)).pages]
    if len(texts) < 2:
        return len(texts), 1.0
    return len(texts), texts[-1] / max(1, sum(texts[:-1]) / (len(texts) - 1))


def _case_cards_pdf(p: PackInputs) -> bytes:
    return _pdf(p, case_cards_html(p.site, p.module), "case cards", ["case-examples.md"], CARD_CSS)


def _certificate_pdf(p: PackInputs) -> bytes:
    return certificates_pdf(p.site, p.module, None, p.module.meta.reviewed, p.digest + "certificate")


def _docx(form: Callable[[Site, Module], Form]) -> Builder:
    return lambda p: form_docx(p.site, form(p.site, p.module), p.module.meta.reviewed)


# ---------------------------------------------------------------- the registry: every document of every pack, in order
REGISTRY: list[PackDocument] = [
    SLIDE_DECKS,                 # deck.SlideDecks: one deck, or one per session
    PackDocument("facilitator-guide.pdf", "Facilitator guide", "PDF", _guide_pdf),
    PackDocument("handouts.pdf", "Handouts", "PDF", _handouts_pdf),
    PackDocument("case-cards.pdf", "Case cards, one per page", "PDF", _case_cards_pdf),
    PackDocument("safeguarding-note.docx", "Editable safeguarding note", "DOCX",
                 lambda p: safeguarding_docx(p.site, p.module)),
    PackDocument("before-questionnaire.docx", "Before-session questionnaire", "DOCX", _docx(before_questionnaire)),
    PackDocument("follow-up-questionnaire.docx", "Follow-up questionnaire (same statements)", "DOCX",
                 _docx(follow_up_questionnaire)),
    PackDocument("evaluation.docx", "Session evaluation form", "DOCX", _docx(evaluation_form)),
    PackDocument("register.docx", "Attendance register", "DOCX", _docx(register_form)),
    PackDocument("certificate.pdf", "Certificate of attendance, to print", "PDF", _certificate_pdf),
    PackDocument("certificate.docx", "Certificate of attendance, editable", "DOCX",
                 lambda p: certificate_docx(p.site, p.module)),
]

# (file suffix, download label, format) of a pack whose documents make one file each; the zip comes first
PACK_FILES = [ZIP_FILE] + [(d.suffix, d.label, d.format) for d in REGISTRY]


def pack_files(m: Module) -> list[tuple[str, str, str]]:
    """(file suffix, download label, format) of every file in ``m``'s pack: the module page's download list order."""
    return [ZIP_FILE] + [f[:3] for d in REGISTRY for f in d.files(m)]


# ---------------------------------------------------------------- checks the build and scripts/validate share
def check_documents(site: Site) -> dict[str, list[Slide]]:
    """Everything about the packs that can be wrong in the sources, checked before anything is built: slides parse,
    and every citation is in the guide's reference list. Raises ``ContentError``; returns the parsed slides."""
    problems = []
    try:
        slides = parse_all_slides(site)
    except ContentError as exc:
        slides, problems = {}, list(exc.problems)
    for m in site.modules.values():
        problems += check_references(site, m, reference_keys(m))
    if problems:
        raise ContentError(problems)
    return slides


# ---------------------------------------------------------------- what is in each file
def _count(name: str, data: bytes) -> dict:
    if name.endswith(".pptx"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return {"slides": sum(1 for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n))}
    if name.endswith(".pdf"):
        from pypdf import PdfReader
        return {"pages": len(PdfReader(io.BytesIO(data)).pages)}
    return {}


def detail(counts: dict, fmt: str) -> str:
    """'18 slides', '12 pages', '1 page', 'editable Word form'; for the zip, what it holds in total."""
    def n(k: str, word: str) -> str:
        return f"{counts[k]} {word}{'' if counts[k] == 1 else 's'}"
    if fmt == "ZIP":
        parts = [n(k, w) for k, w in (("slides", "slide"), ("pages", "printed page"), ("forms", "Word document"))
                 if counts.get(k)]
        return ", ".join(parts)
    if "slides" in counts:
        return n("slides", "slide")
    if "pages" in counts:
        return n("pages", "page")
    return "editable Word document" if fmt == "DOCX" else ""


def readme_text(site: Site, m: Module, names: list[str]) -> str:
    meta, a = m.meta, site.scheme.award
    labels = {pack_file_name(site, m, s): label for s, label, _ in pack_files(m)}
    width = max(len(n) for n in names + ["README.txt"]) + 2
    lines = [meta.title, f"{a.short_name} session pack from {a.owner}", "",
             f"Version {meta.version}, reviewed {long_date(meta.reviewed)}, next review due {long_date(meta.review_due)}.",
             f"Level: {level_name(site, meta.level)}. Audience: {meta.audience}.", "", "Contents", ""]
    lines += [f"  {n:<{width}} {labels.get(n, '')}" for n in names] + [f"  {'README.txt':<{width}} This file", ""]
    lines += [f"Session plan ({hours(meta.duration_minutes)})", ""]
    session = None
    for (when, title), act in zip(timings(m), meta.session_plan):
        if act.session and act.session != session:
            lines += [f"  {act.session}"] if session is None else ["", f"  {act.session}"]
            session = act.session
        lines.append(f"  {when:<10} {title} ({act.minutes} min)")
    lines += ["", "Licence", "", f"Published under the {meta.licence}. You may copy, adapt and share these materials; "
              f"please acknowledge {a.owner}.", ""]
    return "\r\n".join(lines)


def write_pack(site: Site, m: Module, slides: list[Slide], folder: Path, digest: str) -> None:
    """Build every registered document of ``m``'s pack, the zip of them all, and what each holds, into ``folder``."""
    inputs = PackInputs(site, m, slides, digest)
    files = {pack_file_name(site, m, suffix): build(inputs) for d in REGISTRY for suffix, _, _, build in d.files(m)}
    names = [n for s, _, _ in pack_files(m) if (n := pack_file_name(site, m, s)) in files]
    counts = {n: _count(n, files[n]) for n in names}
    total = {"slides": sum(c.get("slides", 0) for c in counts.values()),
             "pages": sum(c.get("pages", 0) for c in counts.values()),
             "forms": sum(n.endswith(".docx") for n in names)}
    entries = sorted([(f"{m.id}/{n}", files[n]) for n in names]
                     + [(f"{m.id}/README.txt", readme_text(site, m, names).encode())])
    zip_name = pack_file_name(site, m, ZIP_FILE[0])
    files[zip_name] = make_zip(entries, m.meta.reviewed)
    counts[zip_name] = total
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / COUNTS).write_text(json.dumps(counts, indent=1, sort_keys=True), encoding="utf-8")
