"""The one branded Word template every form and award template is written on.

``branded_document`` returns a python-docx ``Document`` whose styles carry the award's brand (``site.scheme.award.brand``):
heading colours, a header band with the award's name, a footer with page numbers, en-GB proofing language, and table
helpers (shaded header rows that repeat on every page, rows that never split, tick-box cells). ``docx_bytes`` saves it
without template residue (no blank thumbnail, no "Microsoft Macintosh Word" application name) and with fixed dates.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .officezip import make_zip, prop

TICK_BOX = "\u2610"          # BALLOT BOX: a real empty tick box, never a literal "[ ]"
FONT = "Arial"               # Word's default sans; LibreOffice maps it to Liberation Sans (metric-compatible)
LANG = "en-GB"


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def branded_document(site, *, landscape: bool = False, footer: str = "") -> Document:
    brand, award = site.scheme.award.brand, site.scheme.award
    doc = Document()
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = (Cm(29.7), Cm(21)) if landscape else (Cm(21), Cm(29.7))
    sec.left_margin = sec.right_margin = Cm(2)
    sec.top_margin, sec.bottom_margin = Cm(2.2), Cm(2)
    sec.header_distance = sec.footer_distance = Cm(1)
    _styles(doc, brand)
    _header(sec, f"{award.short_name} · {award.owner}", brand)
    _logo(sec, site)
    _footer(sec, footer, brand)
    return doc


def usable_width_cm(doc: Document) -> float:
    sec = doc.sections[0]
    return (sec.page_width - sec.left_margin - sec.right_margin) / 360000


def _styles(doc: Document, brand) -> None:
    styles = doc.styles
    # proofing language and font for every run, from the document defaults down
    rpr = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), LANG)
    lang.set(qn("w:eastAsia"), LANG)
    normal = styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = FONT, Pt(11), _rgb(brand.text)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, colour, before, after in (("Heading 1", 20, brand.primary, 0, 8),
                                              ("Heading 2", 14, brand.primary, 14, 4),
                                              ("Heading 3", 12, brand.text, 10, 3)):
        st = styles[name]
        st.font.name, st.font.size, st.font.bold = FONT, Pt(size), True
        st.font.color.rgb = _rgb(colour)
        st.font.italic = False
        pf = st.paragraph_format
        pf.space_before, pf.space_after, pf.keep_with_next = Pt(before), Pt(after), True
        r = st.element.get_or_add_rPr()
        for tag in ("w:rFonts",):
            el = r.find(qn(tag))
            if el is not None:
                for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    el.attrib.pop(qn(attr), None)
                el.set(qn("w:ascii"), FONT)
                el.set(qn("w:hAnsi"), FONT)
    _border(styles["Heading 2"].element.get_or_add_pPr(), "bottom", brand.accent, 6)
    for name in ("Header", "Footer"):
        styles[name].font.name, styles[name].font.size = FONT, Pt(8.5)
    styles["List Bullet"].font.name = FONT


def _border(ppr, side: str, colour: str, size: int) -> None:
    bdr = ppr.find(qn("w:pBdr"))
    if bdr is None:
        bdr = OxmlElement("w:pBdr")
        ppr.append(bdr)
    el = OxmlElement(f"w:{side}")
    for k, v in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "2"), ("w:color", colour.lstrip("#"))):
        el.set(qn(k), v)
    bdr.append(el)


def _header(sec, text: str, brand) -> None:
    p = sec.header.paragraphs[0]
    run = p.add_run(text.upper())
    run.font.size, run.font.bold, run.font.color.rgb = Pt(8.5), True, _rgb(brand.primary)
    _border(p._p.get_or_add_pPr(), "bottom", brand.accent, 8)


def _logo(sec, site) -> None:
    """The brand's logo (optional) at the right of the header band, 1 cm high, with alt text naming the owner."""
    logo = site.scheme.award.brand.logo
    path = (site.root / logo) if logo else None
    if path is None or not path.is_file() or path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif"):
        return
    p = sec.header.paragraphs[0]
    p.add_run("\t\t")
    shape = p.add_run().add_picture(str(path), height=Cm(1))
    shape._inline.docPr.set("descr", f"{site.scheme.award.owner} logo")
    shape._inline.docPr.set("title", f"{site.scheme.award.owner} logo")


def _field(paragraph, instr: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when the page is laid out."""
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        r = OxmlElement("w:r")
        if kind:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            r.append(fc)
        else:
            t = OxmlElement("w:instrText" if text == instr else "w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = f" {text} " if text == instr else text
            r.append(t)
        paragraph._p.append(r)


def _footer(sec, text: str, brand) -> None:
    p = sec.footer.paragraphs[0]
    p.add_run(f"{text}  ·  Page ")
    _field(p, "PAGE")
    p.add_run(" of ")
    _field(p, "NUMPAGES")


# ---------------------------------------------------------------- tables
def shade(cell, hex_colour: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hex_colour.lstrip("#"))
    tc_pr.append(shd)


def header_row(row, brand) -> None:
    """Shaded, bold, repeated on every page, never split."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    tr_pr.append(OxmlElement("w:cantSplit"))
    for cell in row.cells:
        shade(cell, brand.muted_background)


def keep_row_together(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def tick_cell(cell) -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(TICK_BOX)
    r.font.size = Pt(16)


def centre_table(table) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


# ---------------------------------------------------------------- saving without residue
_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<Application>{app}</Application><Company>{company}</Company><DocSecurity>0</DocSecurity>'
            '<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
            '<HyperlinksChanged>false</HyperlinksChanged></Properties>')


def _midnight(d: dt.date) -> dt.datetime:
    return dt.datetime(d.year, d.month, d.day)


def docx_bytes(doc: Document, site, title: str, when: dt.date) -> bytes:
    from xml.sax.saxutils import escape
    props = doc.core_properties
    props.title = prop(title)
    props.author = props.last_modified_by = prop(site.scheme.award.owner)
    props.subject = prop(site.scheme.award.name)
    props.language = LANG
    props.created = props.modified = props.last_printed = _midnight(when)
    props.revision = 1
    props.comments = props.keywords = props.category = ""
    buf = io.BytesIO()
    doc.save(buf)
    entries = []
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        for info in z.infolist():
            name, data = info.filename, z.read(info)
            if name == "docProps/thumbnail.jpeg":
                continue
            if name == "_rels/.rels":
                data = re.sub(rb'<Relationship [^>]*metadata/thumbnail"[^>]*/>', b"", data)
            elif name == "docProps/app.xml":
                data = _APP_XML.format(app=escape(f"{site.scheme.award.short_name} site generator"),
                                       company=escape(site.scheme.award.owner)).encode()
            elif name in ("word/settings.xml", "word/stylesWithEffects.xml", "word/styles.xml"):
                data = data.replace(b'w:val="en-US"', f'w:val="{LANG}"'.encode())
            entries.append((name, data))
    return make_zip(entries, when)
