"""Downloadable documents: a session pack for every training module and the award templates.

``build_all(site, cache_dir)`` writes PPTX, PDF, DOCX and ZIP files into ``cache_dir`` and returns where each belongs
in the site. Files are byte-identical for the same sources (fixed dates, ordered zip entries, fixed PDF identifiers,
bundled fonts, no network), so each pack is cached under a SHA-256 of its inputs and rebuilt only when they change.
Engine-agnostic: no MkDocs imports.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import html
import importlib.util
import io
import json
import re
import shutil
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Callable

import markdown
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Pt as PptPt

from .errors import ContentError, Problem
from .load import CITATION, Module, Site
from .render.common import citation_keys, cite_text, long_date, reference_entry
from .render.templates import TEMPLATES
from .render.training import hours

DOCUMENTS_VERSION = "1"          # bump when this module's output changes, to invalidate every cache entry
PACKS = "training/packs"         # site folder of the session packs: training/packs/<module id>/
TEMPLATES_DIR = "award/templates"
esc = html.escape

# file suffix, download label, format; the order of the module page's download list
PACK_FILES = [
    ("session-pack.zip", "Complete session pack", "ZIP"),
    ("slides.pptx", "Slides with speaker notes", "PPTX"),
    ("facilitator-guide.pdf", "Facilitator guide", "PDF"),
    ("handouts.pdf", "Handouts", "PDF"),
    ("questionnaire.docx", "Confidence questionnaire (before, after and follow-up)", "DOCX"),
    ("evaluation.docx", "Session evaluation form", "DOCX"),
    ("register.docx", "Attendance register", "DOCX"),
    ("certificate.docx", "Certificate of attendance", "DOCX"),
]
TEMPLATE_FILES = [("docx", "Editable Word document", "DOCX"), ("pdf", "Printable PDF", "PDF")]
GUIDE_PARTS = ["facilitator-notes.md", "case-examples.md", "reflective-activities.md", "safeguarding.md"]


@dataclass
class Outputs:
    files: dict[str, Path] = field(default_factory=dict)              # site path -> file in the cache
    module_downloads: dict[str, list[dict]] = field(default_factory=dict)
    template_downloads: dict[str, list[dict]] = field(default_factory=dict)
    built: list[str] = field(default_factory=list)                    # module ids (and "templates") built this run
    cached: list[str] = field(default_factory=list)                   # ... and reused from the cache


# ---------------------------------------------------------------- entry point
def build_all(site: Site, cache_dir: Path, log: Callable[[str], None] = print, workers: int = 1) -> Outputs:
    """Build (or reuse from ``cache_dir``) every session pack and the templates. ``workers`` > 1 builds packs in
    that many processes; the files are the same either way."""
    cache_dir = Path(cache_dir)
    slides = parse_all_slides(site)          # raises ContentError before anything is built
    common = _digest(DOCUMENTS_VERSION, _environment(), site.scheme.model_dump_json(),
                     json.dumps({k: r.model_dump(mode="json") for k, r in sorted(site.references.items())}))
    mods = sorted(site.modules.values(), key=lambda m: m.id)
    # one job per cache entry: (log label, module id or None for the templates, cache folder of that entry)
    jobs = [(f"Session pack {i}/{len(mods)}: {m.id}", m.id,
             cache_dir / "packs" / m.id / _digest(common, m.id, *_folder_contents(m.folder)))
            for i, m in enumerate(mods, 1)]
    jobs.append((f"Award templates: {len(TEMPLATES)} templates", None,
                 cache_dir / "templates" / _digest(common, "templates")))
    todo = [(mid, folder) for _, mid, folder in jobs if not (folder / "complete").is_file()]
    pool = ProcessPoolExecutor(workers) if workers > 1 and len(todo) > 1 else None
    futures = {folder: pool.submit(_build_entry, site, mid, slides.get(mid), folder) for mid, folder in todo} \
        if pool else {}
    out = Outputs()
    try:
        for label, mid, folder in jobs:
            built = (mid, folder) in todo
            if built and pool:
                futures[folder].result()
            elif built:
                _build_entry(site, mid, slides.get(mid), folder)
            (out.built if built else out.cached).append(mid or "templates")
            log(f"{label} ({'built' if built else 'cached'})")
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    for _, mid, folder in jobs[:-1]:
        out.module_downloads[mid] = [_add(out, f"{PACKS}/{mid}/{mid}-{suffix}", folder, label, fmt)
                                     for suffix, label, fmt in PACK_FILES]
    for tid, _title, _desc in TEMPLATES:
        out.template_downloads[tid] = [_add(out, f"{TEMPLATES_DIR}/{tid}.{ext}", jobs[-1][2], label, fmt)
                                       for ext, label, fmt in TEMPLATE_FILES]
    return out


def _add(out: Outputs, path: str, folder: Path, label: str, fmt: str) -> dict:
    out.files[path] = folder / path.rsplit("/", 1)[1]
    return {"label": label, "path": path, "format": fmt, "size": human_size(out.files[path].stat().st_size)}


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / 1024 / 1024:.1f} MB"


# ---------------------------------------------------------------- cache
def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        b = p if isinstance(p, bytes) else str(p).encode()
        h.update(len(b).to_bytes(8, "big") + b)
    return h.hexdigest()


def _folder_contents(folder: Path) -> list[str | bytes]:
    out: list[str | bytes] = []
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        out += [f.relative_to(folder).as_posix(), f.read_bytes()]
    return out


def _environment() -> str:
    """Everything outside the sources that changes the bytes: library versions and the font files."""
    libs = [f"{d}={version(d)}" for d in ("python-pptx", "python-docx", "weasyprint", "pydyf", "fonttools", "Markdown")]
    fonts = [f"{p}:{p.stat().st_size}" for p in FONTS.values()]
    return ";".join(libs + fonts)


def _build_entry(site: Site, mid: str | None, slides: list[Slide] | None, final: Path) -> None:
    """Build one cache entry (a module's pack, or the templates when ``mid`` is None) into ``final``, atomically,
    removing older entries for the same pack."""
    base, digest = final.parent, final.name
    base.mkdir(parents=True, exist_ok=True)
    for old in base.iterdir():
        shutil.rmtree(old, ignore_errors=True)
    tmp = base / f".tmp-{digest}"
    tmp.mkdir()
    if mid is None:
        _write_templates(site, tmp, digest)
    else:
        _write_pack(site, site.modules[mid], slides, tmp, digest)
    (tmp / "complete").write_text(digest)
    tmp.replace(final)


# ---------------------------------------------------------------- text helpers
def cite(site: Site, text: str) -> str:
    """``[@a; @b]`` -> ``(Author, year; Author, year)``."""
    return CITATION.sub(lambda m: "(" + "; ".join(cite_text(site, k) for k in re.findall(r"@([a-z0-9-]+)", m.group(1)))
                        + ")", text)


def plain(text: str) -> str:
    """Inline Markdown to plain text (links keep their text; emphasis markers go)."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    return re.sub(r"(\*\*|\*|`)", "", text)


def runs(text: str) -> list[tuple[str, bool]]:
    """Split ``**bold**`` spans: [(text, is_bold), ...]; other inline Markdown is dropped."""
    parts = re.split(r"\*\*(.+?)\*\*", text)
    return [(plain(p), i % 2 == 1) for i, p in enumerate(parts) if p]


def inline_html(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", esc(text))


def md_html(site: Site, text: str) -> str:
    return markdown.markdown(cite(site, text), extensions=["tables", "sane_lists"], output_format="html")


def level_name(site: Site, level: str) -> str:
    return site.module_levels.get(level, level)


def timings(m: Module) -> list[tuple[str, str]]:
    """[("0:00–0:10", activity title), ...] from the session plan; the clock restarts at each new session."""
    out, start, session = [], 0, None
    for a in m.meta.session_plan:
        if a.session != session:
            start, session = 0, a.session
        end = start + a.minutes
        out.append((f"{start // 60}:{start % 60:02d}–{end // 60}:{end % 60:02d}", a.title))
        start = end
    return out


def _midnight(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day)


# ---------------------------------------------------------------- zip files (also used to normalise DOCX/PPTX)
def make_zip(entries: list[tuple[str, bytes]], when: dt.date) -> bytes:
    """A zip whose bytes depend only on ``entries`` and ``when``: fixed dates, modes, host system and compression."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def normalise_zip(data: bytes, when: dt.date) -> bytes:
    """Rewrite an Office file (a zip stamped with the current time) with fixed entry dates, keeping entry order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return make_zip([(i.filename, z.read(i)) for i in z.infolist()], when)


def _core(props, title: str, site: Site, when: dt.date) -> None:
    props.title = title
    props.author = props.last_modified_by = site.scheme.award.owner
    props.subject = site.scheme.award.name
    props.created = props.modified = props.last_printed = _midnight(when)
    props.revision = 1
    props.comments = props.keywords = props.category = ""


# ---------------------------------------------------------------- slides
@dataclass
class Slide:
    title: str
    bullets: list[tuple[int, str]]     # (indent level, text)
    notes: str


def parse_slides(text: str, file: str) -> tuple[list[Slide], list[Problem]]:
    """Split slides.md on '---' lines; each slide is '# Title', bullet lines, then 'Notes:' and the speaker notes."""
    slides, problems, chunk = [], [], []
    for no, line in enumerate(text.split("\n") + ["---"], 1):
        if line.strip() != "---":
            chunk.append((no, line))
            continue
        if any(ln.strip() for _, ln in chunk):
            slides.append(_parse_slide(chunk, len(slides) + 1, file, problems))
        chunk = []
    if not slides:
        problems.append(Problem(file, 1, "slides", "has no slides; write slides separated by lines containing only '---'"))
    return [s for s in slides if s], problems


def _parse_slide(chunk: list[tuple[int, str]], n: int, file: str, problems: list[Problem]) -> Slide | None:
    body = [(no, ln) for no, ln in chunk if ln.strip()]
    title_no, first = body[0]
    if not first.startswith("# ") or not first[2:].strip():
        problems.append(Problem(file, title_no, f"slide {n}", f"must start with a title line '# Title', not "
                                f"{first.strip()[:40]!r}; add the title (slides are separated by lines containing "
                                "only '---')"))
        return None
    bullets, notes = [], None
    for no, line in chunk:
        s = line.strip()
        if no <= title_no:
            continue
        if notes is not None:
            notes.append(s)
        elif s.startswith("Notes:"):
            notes = [s[len("Notes:"):].strip()]
        elif s.startswith("# "):
            problems.append(Problem(file, no, f"slide {n}", "has a second '# ' title; put '---' on the line before it "
                                    "to start a new slide"))
        elif s:
            m = re.match(r"(\s*)[-*+]\s+(.*)", line)
            bullets.append((min(len(m.group(1).expandtabs(4)) // 2, 4), m.group(2)) if m else (0, s))
    if notes is None:
        problems.append(Problem(file, title_no, f"slide {n}", "has no 'Notes:' line; add 'Notes:' after the bullets, "
                                "followed by the speaker notes"))
        return None
    paragraphs = re.split(r"\n\s*\n", "\n".join(notes).strip())
    notes_text = "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return Slide(plain(first[2:].strip()), bullets, notes_text)


def parse_all_slides(site: Site) -> dict[str, list[Slide]]:
    out, problems = {}, []
    for mid, m in sorted(site.modules.items()):
        out[mid], found = parse_slides(m.parts.get("slides.md", ""), f"{m.source}/slides.md")
        problems += found
    if problems:
        raise ContentError(problems)
    return out


def slides_pptx(site: Site, m: Module, slides: list[Slide]) -> bytes:
    prs = Presentation()
    for n, s in enumerate(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[0 if n == 0 else 1])
        slide.shapes.title.text = cite(site, s.title)
        body = slide.placeholders[1]
        if s.bullets:
            body.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE     # shrink long slides rather than overflow
        else:
            body.element.getparent().remove(body.element)
        for i, (level, text) in enumerate(s.bullets):
            p = body.text_frame.paragraphs[0] if i == 0 else body.text_frame.add_paragraph()
            p.level = level
            for chunk, bold in runs(cite(site, text)):
                r = p.add_run()
                r.text, r.font.size = chunk, PptPt(20 if level == 0 else 18)
                if bold:
                    r.font.bold = True
        slide.notes_slide.notes_text_frame.text = plain(cite(site, s.notes))
    _core(prs.core_properties, m.title, site, m.meta.reviewed)
    buf = io.BytesIO()
    prs.save(buf)
    return normalise_zip(buf.getvalue(), m.meta.reviewed)


# ---------------------------------------------------------------- forms: one description, rendered to DOCX and HTML
Cell = str | list[str]        # a list is several paragraphs; items starting '- ' are bullets. '**bold**' allowed.


@dataclass
class Form:
    title: str
    footer: str
    landscape: bool = False
    blocks: list[tuple] = field(default_factory=list)

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(("h", level, text))

    def para(self, text: str, style: str = "") -> None:     # style: "" | "center" | "big"
        self.blocks.append(("p", text, style))

    def table(self, head: list[str] | None, rows: list[list[Cell]], widths: list[float],
              height: float | None = None) -> None:
        self.blocks.append(("table", head, rows, widths, height))

    def fields(self, labels: list[str], values: dict[str, str] | None = None) -> None:
        values = values or {}
        self.table(None, [[f"**{label}**", values.get(label, "")] for label in labels], [1, 3], 0.9)

    def box(self, heading: str, prompt: str = "", height: float = 4) -> None:
        self.heading(heading, 3)
        if prompt:
            self.para(prompt)
        self.table(None, [[""]], [1], height)

    def blank_rows(self, n: int, cols: int) -> list[list[Cell]]:
        return [[""] * cols for _ in range(n)]


def _fill(cell, value: Cell, bold: bool = False) -> None:
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if item.startswith("- "):
            p.style, item = "List Bullet", item[2:]
        for text, b in runs(item):
            p.add_run(text).bold = bold or b or None


def form_docx(site: Site, form: Form, when: dt.date) -> bytes:
    doc = Document()
    sec = doc.sections[0]
    if form.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = (Cm(29.7), Cm(21)) if form.landscape else (Cm(21), Cm(29.7))
    sec.left_margin = sec.right_margin = sec.top_margin = sec.bottom_margin = Cm(2)
    usable = (29.7 if form.landscape else 21) - 4
    doc.styles["Normal"].font.size = Pt(10.5)
    sec.footer.paragraphs[0].text = form.footer
    doc.add_heading(form.title, 0)
    for block in form.blocks:
        if block[0] == "h":
            doc.add_heading(block[2], block[1])
        elif block[0] == "p":
            p = doc.add_paragraph()
            for text, b in runs(block[1]):
                r = p.add_run(text)
                r.bold = b or None
                if block[2] == "big":
                    r.font.size = Pt(20)
            if block[2] in ("center", "big"):
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            _, head, rows, widths, height = block
            table = doc.add_table(rows=0, cols=len(widths))
            table.style = "Table Grid"
            table.autofit = False
            if head:
                cells = table.add_row().cells
                for cell, text in zip(cells, head):
                    _fill(cell, text, bold=True)
                tr_pr = table.rows[0]._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))      # repeat the header row on every page
            for row in rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, row):
                    _fill(cell, value)
                if height:
                    table.rows[-1].height = Cm(height)
            for col, w in zip(table.columns, widths):
                col.width = Cm(usable * w / sum(widths))          # the grid (LibreOffice) and each cell (Word)
                for cell in col.cells:
                    cell.width = col.width
            doc.add_paragraph()
    _core(doc.core_properties, form.title, site, when)
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue(), when)


def _cell_html(value: Cell, tag: str = "td") -> str:
    items = value if isinstance(value, list) else [value]
    bullets = [f"<li>{inline_html(i[2:])}</li>" for i in items if i.startswith("- ")]
    paras = [f"<p>{inline_html(i)}</p>" for i in items if i and not i.startswith("- ")]
    return f"<{tag}>{''.join(paras)}{'<ul>' + ''.join(bullets) + '</ul>' if bullets else ''}</{tag}>"


def form_html(form: Form) -> str:
    out = [f"<h1>{esc(form.title)}</h1>"]
    for block in form.blocks:
        if block[0] == "h":
            out.append(f"<h{block[1]}>{inline_html(block[2])}</h{block[1]}>")
        elif block[0] == "p":
            out.append(f'<p class="{block[2]}">{inline_html(block[1])}</p>')
        else:
            _, head, rows, widths, height = block
            cols = "".join(f'<col style="width:{100 * w / sum(widths):.1f}%">' for w in widths)
            thead = f"<thead><tr>{''.join(_cell_html(h, 'th') for h in head)}</tr></thead>" if head else ""
            style = f' style="height:{height}cm"' if height else ""
            body = "".join(f"<tr{style}>{''.join(_cell_html(c) for c in row)}</tr>" for row in rows)
            out.append(f"<table><colgroup>{cols}</colgroup>{thead}<tbody>{body}</tbody></table>")
    return "\n".join(out)


# ---------------------------------------------------------------- PDF (WeasyPrint, offline, deterministic)
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


# ---------------------------------------------------------------- module session pack
def _sources_html(site: Site, texts: list[str]) -> str:
    keys = list(dict.fromkeys(k for t in texts for k in citation_keys(t)))
    if not keys:
        return ""
    items = "".join(f"<li>{markdown.markdown(reference_entry(site, k))[3:-4]}</li>" for k in keys)
    return f'<section class="part"><h1>Sources</h1><ul>{items}</ul></section>'


def _plan_table(m: Module) -> str:
    sessions = any(a.session for a in m.meta.session_plan)
    head = (["Session"] if sessions else []) + ["Time", "Activity", "Minutes", "Purpose", "Materials"]
    rows = []
    for (when, _), a in zip(timings(m), m.meta.session_plan):
        cells = ([a.session or ""] if sessions else []) + [when, a.title, str(a.minutes), a.purpose,
                                                           ", ".join(a.materials) or "None"]
        rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    widths = ([12] if sessions else []) + [14, 21, 10, 33, 22]
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    return (f"<table><colgroup>{cols}</colgroup><thead><tr>{''.join(f'<th>{h}</th>' for h in head)}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


def guide_html(site: Site, m: Module) -> str:
    meta, a = m.meta, site.scheme.award
    facts = [("Level", level_name(site, meta.level)), ("Audience", meta.audience),
             ("Duration", hours(meta.duration_minutes)), ("Version", meta.version), ("Licence", meta.licence),
             ("Reviewed", long_date(meta.reviewed)), ("Review due", long_date(meta.review_due)),
             ("Award criteria", ", ".join(f"{c}: {site.criteria[c].title}" for c in meta.criteria) or "None")]
    out = [f"<h1>{esc(meta.title)}</h1>", f'<p class="sub">Facilitator guide: {esc(a.short_name)} training</p>',
           '<table><colgroup><col style="width:22%"><col></colgroup>',
           "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts), "</table>",
           f"<h2>Summary</h2><p>{esc(meta.summary)}</p>", "<h2>Learning outcomes</h2><p>By the end, staff can:</p><ul>",
           "".join(f"<li>{esc(o)}</li>" for o in meta.outcomes), "</ul>",
           f"<h2>Session plan ({meta.duration_minutes} minutes)</h2>", _plan_table(m)]
    out += [f'<section class="part">{md_html(site, m.parts.get(p, ""))}</section>' for p in GUIDE_PARTS]
    out.append(_sources_html(site, [m.parts.get(p, "") for p in GUIDE_PARTS]))
    return "\n".join(out)


def _module_footer(site: Site, m: Module) -> str:
    return f"{m.title} · {site.scheme.award.short_name} · version {m.meta.version} · {m.meta.licence}"


def questionnaire_form(site: Site, m: Module) -> Form:
    n = m.meta.follow_up_weeks
    f = Form("Confidence questionnaire", _module_footer(site, m))
    f.para(f"**{m.title}**")
    f.para(f"Please complete this before the session, at the end of it and again {n} weeks later. The statements are "
           "the same each time, so the school can see what has changed.")
    f.para("Rate each statement from 1 (strongly disagree) to 5 (strongly agree).")
    f.fields(["Name or staff code (optional)", "Role"])
    f.table(["Statement", "Before", "After", f"Follow-up at {n} weeks"], [[q, "", "", ""] for q in m.meta.questionnaire],
            [6, 1.3, 1.3, 1.8], 1.2)
    f.box("Anything else you would like to tell us", height=3)
    return f


def evaluation_form(site: Site, m: Module) -> Form:
    f = Form("Session evaluation", _module_footer(site, m))
    f.para(f"**{m.title}**")
    f.fields(["Date", "Role"])
    f.para("Rate each statement from 1 (strongly disagree) to 5 (strongly agree).")
    outcomes = [f"I can now {o[0].lower() + o[1:] if o[1:2].islower() else o}" for o in m.meta.outcomes]
    statements = ["The session was relevant to my role.", "The facilitator explained the ideas clearly.",
                  "I had enough chance to discuss and ask questions.", "I felt safe and respected during the session.",
                  *outcomes]
    f.table(["Statement", "Rating (1–5)"], [[s, ""] for s in statements], [8, 1.5], 1)
    for heading in ("One thing I will do differently", "What worked well", "What could be better",
                    "What further support or training would help me"):
        f.box(heading, height=2.5)
    return f


def register_form(site: Site, m: Module) -> Form:
    f = Form("Attendance register", _module_footer(site, m), landscape=True)
    f.fields(["School", "Module", "Duration", "Date", "Facilitator"],
             {"Module": m.title, "Duration": hours(m.meta.duration_minutes)})
    f.para("Every member of staff who attends signs below. Keep this register with your award evidence.")
    f.table(["No.", "Name", "Role", "Signature", "Before questionnaire done", "After questionnaire done"],
            [[str(i), "", "", "", "", ""] for i in range(1, 31)], [1, 6, 4, 5, 2.5, 2.5], 0.9)
    return f


def certificate_form(site: Site, m: Module) -> Form:
    a = site.scheme.award
    f = Form("Certificate of attendance", _module_footer(site, m), landscape=True)
    f.para(a.name, "center")
    f.para("This is to certify that", "center")
    f.para("Name: ______________________________________________", "big")
    f.para("attended the training session", "center")
    f.para(f"**{m.title}**", "big")
    f.para(f"{hours(m.meta.duration_minutes)} of {level_name(site, m.meta.level)} training, delivered by {a.owner}",
           "center")
    f.para("Date: ____________________        Facilitator: ______________________________", "center")
    return f


def readme_text(site: Site, m: Module, names: list[str]) -> str:
    meta, a = m.meta, site.scheme.award
    labels = {f"{m.id}-{s}": label for s, label, _ in PACK_FILES}
    lines = [meta.title, f"{a.short_name} session pack from {a.owner}", "",
             f"Version {meta.version}, reviewed {long_date(meta.reviewed)}, next review due {long_date(meta.review_due)}.",
             f"Level: {level_name(site, meta.level)}. Audience: {meta.audience}.", "", "Contents", ""]
    lines += [f"  {n:<44} {labels.get(n, '')}" for n in names] + [f"  {'README.txt':<44} This file", ""]
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


def _write_pack(site: Site, m: Module, slides: list[Slide], folder: Path, digest: str) -> None:
    when, footer, mid = m.meta.reviewed, _module_footer(site, m), m.id
    base = m.folder.resolve()
    files = {
        f"{mid}-slides.pptx": slides_pptx(site, m, slides),
        f"{mid}-facilitator-guide.pdf": make_pdf(site, guide_html(site, m), f"{m.title}: facilitator guide", footer,
                                                 when, digest + "guide", base=base),
        f"{mid}-handouts.pdf": make_pdf(site, '<div class="handouts">' + md_html(site, m.parts.get("handouts.md", ""))
                                        + _sources_html(site, [m.parts.get("handouts.md", "")]) + "</div>",
                                        f"{m.title}: handouts", footer, when, digest + "handouts", base=base),
    }
    for name, form in (("questionnaire", questionnaire_form), ("evaluation", evaluation_form),
                       ("register", register_form), ("certificate", certificate_form)):
        files[f"{mid}-{name}.docx"] = form_docx(site, form(site, m), when)
    names = [f"{mid}-{s}" for s, _, _ in PACK_FILES if f"{mid}-{s}" in files]
    entries = sorted([(f"{mid}/{n}", files[n]) for n in names] + [(f"{mid}/README.txt", readme_text(site, m, names).encode())])
    files[f"{mid}-session-pack.zip"] = make_zip(entries, when)
    for name, data in files.items():
        (folder / name).write_bytes(data)


# ---------------------------------------------------------------- award templates, all from the scheme
def _criteria_by_level(site: Site):
    for lv in site.scheme.levels:
        yield lv, [c for c in site.scheme.criteria if c.level == lv.id]


def _criterion_cell(c) -> list[str]:
    return [f"**{c.id} {c.title}**", c.statement]


def commitment_statement(site: Site, f: Form) -> None:
    a, scheme = site.scheme.award, site.scheme
    first, first_criteria = next(_criteria_by_level(site))
    f.para(f"**{a.name} ({a.short_name})**")
    f.fields(["School", "URN", "Date"])
    f.heading("Our commitment")
    f.para(f"We commit to working towards the {a.short_name} with {a.owner}. We will follow the pathway "
           f"({', '.join(p.title for p in scheme.pathway)}) and work towards the {first.name} level first: "
           f"{first.focus.lower()}.")
    f.box("Why we are taking part", "What we want to change for our pupils and staff, and why now.")
    f.heading(f"What we will do in the first year ({first.name} criteria)", 3)
    f.table(["Criterion", "What we will do", "Who", "By when"],
            [[f"**{c.id}** {c.title}", "", "", ""] for c in first_criteria], [4, 6, 2.5, 2], 1.2)
    f.heading("Signed", 3)
    f.table(["Role", "Name", "Signature", "Date"], [["Headteacher", "", "", ""], ["Chair of governors", "", "", ""]],
            [3, 4, 4, 2], 1.3)
    f.para("Share the signed statement with all staff and keep a copy with your evidence.")


def school_development_plan(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"{a.short_name}: a short plan built from your audit, with a few priorities, named owners, dates and how "
           "you will judge success.")
    f.fields(["School", "Plan date", "Audit this plan is built from (tool and date)", "Lead for the award",
              "Date of next review"])
    f.heading("Priorities")
    f.table(["Priority", "Criterion", "Actions", "Owner", "Date", "Success measure"], f.blank_rows(8, 6),
            [4, 2, 6, 2.5, 2, 5], 2)
    f.heading("Criteria you can link priorities to")
    f.table(["Level", "Criterion"], [[lv.name, f"**{c.id}** {c.title}"] for lv, cs in _criteria_by_level(site)
                                     for c in cs], [1, 5])


def evidence_checklist(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"Every criterion of every level of the {a.short_name} (criteria version {a.criteria_version}), with "
           "examples of evidence. Note where your evidence is kept and tick each criterion when it is ready.")
    f.fields(["School", "Level being assessed", "Date"])
    for lv, cs in _criteria_by_level(site):
        f.heading(f"{lv.name}: {lv.focus}")
        f.para(lv.summary)
        f.table(["Criterion", "Examples of evidence", "Where our evidence is", "Ready"],
                [[_criterion_cell(c), [f"- {e}" for e in c.evidence], "", ""] for c in cs], [7, 7, 5, 1.3])


def action_research_plan(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"{a.short_name}: plan a small project that asks one question about your practice, measures before and "
           "after, and shares what you learned.")
    f.fields(["School", "Project lead", "Others involved", "Award criteria this supports", "Start date", "End date"])
    for heading, prompt in [
            ("Our question", "One question you can answer in a term or two, e.g. 'Does a daily check-in with a key "
                             "adult reduce time out of class for pupils in Year 8?'"),
            ("Why it matters to us", "What your audit, development plan or data tells you."),
            ("What we will do", "The change in practice, who it is for, how often and for how long."),
            ("Data before we start", "What you will measure, how, and the baseline figures or views."),
            ("Data after", "The same measures, collected the same way, at the end."),
            ("What we learned", "What changed, for whom, what did not, and what else might explain it."),
            ("What next and how we will share it", "Changes to practice, and how you will tell staff, governors and "
                                                   "other schools.")]:
        f.box(heading, prompt, 3.5)
    f.heading("Timeline", 3)
    f.table(["Step", "What", "Who", "When"], f.blank_rows(5, 4), [2, 7, 3, 2], 1)


def governor_champion_report(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"A short termly report from the governor champion to the governing board on the school's {a.short_name} "
           "work.")
    f.fields(["School", "Governor champion", "Term", "Board meeting date", "Current level",
              "Level working towards"])
    f.heading("Progress against the criteria")
    f.table(["Criterion", "Progress this term", "Evidence seen", "Next steps"], f.blank_rows(6, 4), [3, 5, 4, 4], 1.5)
    for heading in ("Training, staff and wellbeing", "What pupils, parents and carers say",
                    "Matters for the board to note or decide"):
        f.box(heading, height=3)
    f.fields(["Signed (governor champion)", "Date"])


def renewal_review(site: Site, f: Form) -> None:
    a = site.scheme.award
    f.para(f"A {a.short_name} award lasts {a.validity_years} years. Start this review at least {a.renewal_due_months} "
           "months before your award ends: compare practice now with your last assessment, for every criterion of "
           "the levels you hold, and decide whether to renew or move up a level.")
    f.fields(["School", "Level held", "Date awarded", "Award ends", "Date of this review"])
    for lv, cs in _criteria_by_level(site):
        f.heading(f"{lv.name}: {lv.focus}")
        f.table(["Criterion", "At our last assessment", "Now", "Evidence", "Still met?"],
                [[_criterion_cell(c), "", "", "", ""] for c in cs], [6, 4, 4, 4, 1.6])
    f.box("Our decision", "Renew at the same level, or work towards the next level, and why.", 3)
    f.fields(["Signed (headteacher)", "Date"])


TEMPLATE_BUILDERS = {
    "commitment-statement": (commitment_statement, False),
    "school-development-plan": (school_development_plan, True),
    "evidence-checklist": (evidence_checklist, True),
    "action-research-plan": (action_research_plan, False),
    "governor-champion-report": (governor_champion_report, False),
    "renewal-review": (renewal_review, True),
}


def template_form(site: Site, tid: str, title: str) -> Form:
    a = site.scheme.award
    builder, landscape = TEMPLATE_BUILDERS[tid]
    form = Form(title, f"{a.short_name} · {title} · criteria version {a.criteria_version}", landscape)
    builder(site, form)
    return form


def _write_templates(site: Site, folder: Path, digest: str) -> None:
    when = site.scheme.award.criteria_published
    for tid, title, _desc in TEMPLATES:
        form = template_form(site, tid, title)
        (folder / f"{tid}.docx").write_bytes(form_docx(site, form, when))
        (folder / f"{tid}.pdf").write_bytes(make_pdf(site, form_html(form), title, form.footer, when, digest + tid,
                                                     landscape=form.landscape))
