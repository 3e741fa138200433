"""Forms: one description of a form (headings, paragraphs, tables, fill-in fields and boxes), rendered to DOCX and HTML."""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from ..load import Site
from .officezip import core_properties, normalise_zip
from .text import esc, inline_html, runs

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


# ---------------------------------------------------------------- DOCX
def _fill(cell, value: Cell, bold: bool = False) -> None:
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        if item.startswith("- "):
            p.style, item = "List Bullet", item[2:]
        for text, b in runs(item):
            p.add_run(text).bold = bold or b or None


def _docx_para(doc, text: str, style: str) -> None:
    p = doc.add_paragraph()
    for chunk, b in runs(text):
        r = p.add_run(chunk)
        r.bold = b or None
        if style == "big":
            r.font.size = Pt(20)
    if style in ("center", "big"):
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _docx_table(doc, head, rows, widths, height, usable: float) -> None:
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
            _docx_para(doc, block[1], block[2])
        else:
            _docx_table(doc, *block[1:], usable=usable)
    core_properties(doc.core_properties, form.title, site, when)
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue(), when)


# ---------------------------------------------------------------- HTML (for the PDF)
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
