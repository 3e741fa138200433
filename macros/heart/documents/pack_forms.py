"""The Word documents of a session pack, all on the one branded template: before-session and follow-up
questionnaires (the same items), the session evaluation, the attendance register (a column per session for a
multi-session programme), the editable safeguarding note and the attendance certificate."""
from __future__ import annotations

import html
import re

import nh3

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..load import Module, Site
from ..render.training import hours
from .docx_template import branded_document, docx_bytes
from .forms import Form, docx_table, form_document
from .text import cite, level_name, runs

SCALE = "Rate each statement from 1 (strongly disagree) to 5 (strongly agree) by writing the number in the box."


def module_footer(site: Site, m: Module) -> str:
    return f"{m.title} · {site.scheme.award.short_name} · version {m.meta.version} · {m.meta.licence}"


def sessions(m: Module) -> list[str]:
    """The named sessions of a multi-session programme, in order (empty for a single session)."""
    return list(dict.fromkeys(a.session for a in m.meta.session_plan if a.session))


def _questionnaire(site: Site, m: Module, title: str, when_text: str, column: str, when_ticks: list[str]) -> Form:
    f = Form(title, module_footer(site, m))
    f.para(f"**{m.title}**")
    f.para(f"{when_text} The statements are the same on the before-session and follow-up questionnaires, so the "
           "school can see what has changed. There are no right or wrong answers.")
    f.fields(["Name or staff code (optional)", "Role", "Date"])
    if when_ticks:
        f.table(["I am completing this", "Tick one"], [[w, ""] for w in when_ticks], [8, 2], 0.8, ticks={1})
    f.para(SCALE)
    f.table(["Statement", column], [[q, ""] for q in m.meta.questionnaire], [8, 2], 1.2)
    f.box("Anything else you would like to tell us", height=3, level=2)
    return f


def before_questionnaire(site: Site, m: Module) -> Form:
    return _questionnaire(site, m, "Before-session questionnaire",
                          "Please complete this before the session starts.", "Rating (1–5)", [])


def follow_up_questionnaire(site: Site, m: Module) -> Form:
    n = m.meta.follow_up_weeks
    return _questionnaire(site, m, "Follow-up questionnaire",
                          f"Please complete this at the end of the session, and again on a fresh copy about {n} "
                          "weeks later, once you have had time to try things out.", "Rating (1–5)",
                          ["At the end of the session", f"About {n} weeks after the session"])


def evaluation_form(site: Site, m: Module) -> Form:
    f = Form("Session evaluation", module_footer(site, m))
    f.para(f"**{m.title}**")
    f.fields(["Date", "Role"])
    f.para(SCALE)
    outcomes = [f"I can now {o[0].lower() + o[1:] if o[1:2].islower() else o}" for o in m.meta.outcomes]
    statements = ["The session was relevant to my role.", "The facilitator explained the ideas clearly.",
                  "I had enough chance to discuss and ask questions.", "I felt safe and respected during the session.",
                  *outcomes]
    f.table(["Statement", "Rating (1–5)"], [[s, ""] for s in statements], [8, 2], 1)
    for heading in ("One thing I will do differently", "What worked well", "What could be better",
                    "What further support or training would help me"):
        f.box(heading, height=2.3, level=2)
    return f


REGISTER_ROWS = 24              # two landscape pages, with the header row repeated


def register_form(site: Site, m: Module) -> Form:
    f = Form("Attendance register", module_footer(site, m), landscape=True)
    names = sessions(m)
    f.fields(["School", "Module", "Duration", "Dates" if names else "Date", "Facilitator"],
             {"Module": m.title, "Duration": hours(m.meta.duration_minutes)})
    if names:
        f.para("Each person initials the box for every session they attend. Keep this register with your award "
               "evidence; certificates can be made from it (scripts/certificates.py).", "small")
        head = ["No.", "Name", "Role", *names, "Before questionnaire", "Follow-up questionnaire"]
        widths = [1.2, 4.6, 2.8, *[2.4] * len(names), 3.1, 3.1]
        ticks = set(range(3, len(head)))
    else:
        f.para("Every member of staff who attends signs below. Keep this register with your award evidence; "
               "certificates can be made from it (scripts/certificates.py).", "small")
        head = ["No.", "Name", "Role", "Signature", "Before questionnaire", "Follow-up questionnaire"]
        widths = [1.2, 6, 4, 5, 3, 3]
        ticks = {4, 5}
    f.table(head, [[str(i)] + [""] * (len(head) - 1) for i in range(1, REGISTER_ROWS + 1)], widths, 0.85,
            ticks=ticks)
    return f


# ---------------------------------------------------------------- safeguarding note (editable)
def safeguarding_docx(site: Site, m: Module) -> bytes:
    """The module's safeguarding note as an editable Word document, with fill-in lines for the school's own DSL and
    local contacts, and the signposting from data/signposting.yml."""
    f = Form(f"Safeguarding note: {m.title}", module_footer(site, m))
    f.heading("Our safeguarding contacts")
    f.fields(["Our designated safeguarding lead (DSL)", "Deputy DSL", "Where to find them", "How to record a concern"])
    doc = form_document(site, f)
    # raw HTML in the Markdown is dropped (tags, attributes, style and script contents): this is an editable copy
    text = nh3.clean(re.sub(r"(?m)^# .*$", "", m.parts.get("safeguarding.md", "")), tags=set(), attributes={},
                     strip_comments=True)
    text = html.unescape(re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text))
    for block in re.split(r"\n\s*\n", cite(site, text).strip()):
        lines = [ln.rstrip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if lines[0].startswith("#"):
            hashes, _, title = lines[0].partition(" ")
            doc.add_heading(title.strip(), min(3, max(2, len(hashes))))
            lines = lines[1:]
        if lines and all(ln.lstrip().startswith(("- ", "* ")) for ln in lines):
            for ln in lines:
                _runs(doc.add_paragraph(style="List Bullet"), ln.lstrip()[2:])
        elif lines:
            _runs(doc.add_paragraph(), " ".join(lines))
    sp, brand = site.signposting, site.scheme.award.brand
    doc.add_heading("Where to get help", 2)
    if sp is not None:
        docx_table(doc, ["Organisation", "Web", "Phone"],
                   [[[f"**{o.name}**", o.helps_with], o.web.removeprefix("https://").rstrip("/"), o.phone or ""]
                    for o in sp.organisations], [5, 3.4, 2.1], None, brand)
        if sp.local:
            doc.add_heading("Local contacts", 3)
            docx_table(doc, ["Who", "Phone and web address"],
                       [[[f"**{c.name}**", c.helps_with], ""] for c in sp.local], [5, 5], 1.4, brand)
    else:
        doc.add_paragraph("Ask your designated safeguarding lead for local and national contacts.")
    return docx_bytes(doc, site, f.title, m.meta.reviewed)


def _runs(p, text: str) -> None:
    for chunk, bold in runs(text):
        p.add_run(chunk).bold = bold or None


# ---------------------------------------------------------------- certificate (editable DOCX twin of the PDF)
def certificate_docx(site: Site, m: Module) -> bytes:
    """A4 landscape, framed in the brand colour, everything centred on the page, a long name line to write on."""
    a, b = site.scheme.award, site.scheme.award.brand
    doc = branded_document(site, landscape=True, footer=f"{a.short_name} · {m.title} · version {m.meta.version}")
    _frame(doc.sections[0], b.primary)

    def line(text: str, size: float, bold: bool = False, colour: str | None = None, after: float = 6,
             caps: bool = False, rule: bool = False, style: str | None = None):
        p = doc.add_paragraph(style=style)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(after)
        r = p.add_run(text)
        r.font.size, r.font.bold, r.font.all_caps = Pt(size), bold or None, caps or None
        if colour:
            r.font.color.rgb = RGBColor.from_string(colour[1:].upper())
        if rule:
            p.paragraph_format.left_indent = p.paragraph_format.right_indent = Cm(5)
            _bottom_rule(p, b.text)
        return p

    line(a.name, 13, True, b.primary, 2, caps=True).paragraph_format.space_before = Pt(48)
    line(a.owner, 11, after=20)
    line("Certificate of attendance", 34, True, b.primary, 16, style="Heading 1")
    line("This is to certify that", 14, after=4)
    line("\u00a0", 30, True, after=14, rule=True)
    line("attended the training session", 14, after=4)
    line(m.title, 24, True, b.primary, 4)
    line(f"Level: {level_name(site, m.meta.level)} · Duration: {hours(m.meta.duration_minutes)}", 13, after=28)
    table = doc.add_table(rows=2, cols=3)
    for i, (value, label) in enumerate([("", "Date of the session"), ("", "Facilitator (name and signature)"),
                                        (a.owner, "Delivered for")]):
        top, bottom = table.rows[0].cells[i], table.rows[1].cells[i]
        top.paragraphs[0].add_run(value).font.size = Pt(12)
        _bottom_rule(top.paragraphs[0], b.text)
        top.paragraphs[0].paragraph_format.space_before = Pt(14)
        bottom.paragraphs[0].add_run(label).font.size = Pt(10)
    return docx_bytes(doc, site, "Certificate of attendance", m.meta.reviewed)


def _frame(sec, colour: str) -> None:
    """A page border in the brand colour, the content centred on the page, and no header band."""
    sec.top_margin = sec.bottom_margin = Cm(1.6)
    head = sec.header.paragraphs[0]
    head.clear()
    head._p.get_or_add_pPr().remove(head._p.pPr.find(qn("w:pBdr")))
    sect_pr = sec._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "text")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for k, v in (("w:val", "thickThinSmallGap"), ("w:sz", "36"), ("w:space", "18"), ("w:color", colour[1:])):
            el.set(qn(k), v)
        borders.append(el)
    sect_pr.find(qn("w:pgMar")).addnext(borders)          # schema order: pgMar, pgBorders, ..., cols, vAlign
    v_align = OxmlElement("w:vAlign")
    v_align.set(qn("w:val"), "center")
    sect_pr.find(qn("w:cols")).addnext(v_align)


def _bottom_rule(p, colour: str) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    el = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "8"), ("w:space", "1"), ("w:color", colour[1:])):
        el.set(qn(k), v)
    bdr.append(el)
    ppr.append(bdr)
