"""Forms: one description of a form (headings, paragraphs, tables, fill-in fields, tick boxes and writing boxes),
rendered to DOCX on the branded Word template (``docx_template``) and to HTML for the PDF.

Headings never jump a level (a level deeper than the one before is lowered), so the document outline is the same in
Word, in the PDF and to a screen reader. Tick-box columns hold a real empty box, never a literal ``[ ]``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ..load import Site
from .docx_template import (TICK_BOX, branded_document, docx_bytes, header_row, keep_row_together, tick_cell,
                            usable_width_cm)
from .text import esc, inline_html, runs

Cell = str | list[str]        # a list is several paragraphs; items starting '- ' are bullets. '**bold**' allowed.
TICK = object()               # a cell value: an empty tick box


@dataclass
class Form:
    title: str
    footer: str
    landscape: bool = False
    blocks: list[tuple] = field(default_factory=list)

    def heading(self, text: str, level: int = 2) -> None:
        self.blocks.append(("h", level, text))

    def para(self, text: str, style: str = "") -> None:     # style: "" | "center" | "big" | "small"
        self.blocks.append(("p", text, style))

    def table(self, head: list[str] | None, rows: list[list[Cell]], widths: list[float],
              height: float | None = None, ticks: set[int] | frozenset = frozenset()) -> None:
        """``ticks``: indexes of columns whose empty cells are tick boxes."""
        rows = [[TICK if i in ticks and c == "" else c for i, c in enumerate(row)] for row in rows]
        self.blocks.append(("table", head, rows, widths, height))

    def fields(self, labels: list[str], values: dict[str, str] | None = None) -> None:
        values = values or {}
        self.table(None, [[f"**{label}**", values.get(label, "")] for label in labels], [1, 3], 0.9)

    def box(self, heading: str, prompt: str = "", height: float = 4, level: int = 3) -> None:
        self.heading(heading, level)
        if prompt:
            self.para(prompt)
        self.table(None, [[""]], [1], height)

    def blank_rows(self, n: int, cols: int) -> list[list[Cell]]:
        return [[""] * cols for _ in range(n)]

    def outline(self) -> list[tuple[int, str]]:
        """(level, text) of every heading, the title first at level 1, with no level skipped."""
        out, last = [(1, self.title)], 1
        for b in self.blocks:
            if b[0] == "h":
                last = min(b[1], last + 1)
                out.append((last, b[2]))
        return out


def _levels(form: Form):
    """The blocks with each heading's level made gap-free (see ``Form.outline``)."""
    last = 1
    for b in form.blocks:
        if b[0] == "h":
            last = min(b[1], last + 1)
            yield ("h", last, b[2])
        else:
            yield b


# ---------------------------------------------------------------- DOCX
def _fill(cell, value, bold: bool = False) -> None:
    if value is TICK:
        tick_cell(cell)
        return
    items = value if isinstance(value, list) else [value]
    for i, item in enumerate(items):
        p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        p.paragraph_format.space_after = Pt(2)
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
        elif style == "small":
            r.font.size = Pt(9)
    if style in ("center", "big"):
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def docx_table(doc, head, rows, widths, height, brand) -> None:
    usable = usable_width_cm(doc)
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    if head:
        cells = table.add_row().cells
        for cell, text in zip(cells, head):
            _fill(cell, text, bold=True)
        header_row(table.rows[0], brand)             # shaded, repeated on every page, never split
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            _fill(cell, value)
        keep_row_together(table.rows[-1])
        if height:
            table.rows[-1].height = Cm(height)
    for col, w in zip(table.columns, widths):
        col.width = Cm(usable * w / sum(widths))          # the grid (LibreOffice) and each cell (Word)
        for cell in col.cells:
            cell.width = col.width
    spacer = doc.add_paragraph()
    spacer.paragraph_format.space_after = Pt(0)
    spacer.paragraph_format.line_spacing = 1.0
    spacer.add_run().font.size = Pt(4)


def form_document(site: Site, form: Form):
    doc = branded_document(site, landscape=form.landscape, footer=form.footer)
    brand = site.scheme.award.brand
    doc.add_heading(form.title, 1)
    for block in _levels(form):
        if block[0] == "h":
            doc.add_heading(block[2], block[1])
        elif block[0] == "p":
            _docx_para(doc, block[1], block[2])
        else:
            docx_table(doc, *block[1:], brand=brand)
    return doc


def form_docx(site: Site, form: Form, when: dt.date) -> bytes:
    return docx_bytes(form_document(site, form), site, form.title, when)


# ---------------------------------------------------------------- HTML (for the PDF)
def _cell_html(value, tag: str = "td") -> str:
    if value is TICK:
        return f'<{tag} class="tick"><span class="box" role="img" aria-label="tick box"></span></{tag}>'
    items = value if isinstance(value, list) else [value]
    bullets = [f"<li>{inline_html(i[2:])}</li>" for i in items if i.startswith("- ")]
    paras = [f"<p>{inline_html(i)}</p>" for i in items if i and not i.startswith("- ")]
    return f"<{tag}>{''.join(paras)}{'<ul>' + ''.join(bullets) + '</ul>' if bullets else ''}</{tag}>"


def form_html(form: Form) -> str:
    out = [f"<h1>{esc(form.title)}</h1>"]
    for block in _levels(form):
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


__all__ = ["Cell", "Form", "TICK", "TICK_BOX", "docx_table", "form_document", "form_docx", "form_html"]
