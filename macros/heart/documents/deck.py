"""The slide deck: a module's parsed slides, plus the generated ones, written onto the branded master.

Order of every deck: the title slide, a safeguarding slide with fill-in slots (slide 2), the agenda from the session
plan, the authored slides, and the sources generated from every citation in the deck. A module with sessions (the
lead programme) gets one deck per session: slides before the first ``Session:`` line are shared by every session.
"""
from __future__ import annotations

import copy
import io
from dataclasses import dataclass, replace

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from ..load import Module, Site
from ..render.common import citation_keys, long_date
from .diagrams import add_diagram
from .officezip import core_properties, normalise_zip, prop
from .pptx_master import (ATTRIBUTION, BODY, FOOTER, GROUPING, LANG, LEFT_HEAD, MATERIALS, RIGHT, RIGHT_HEAD,
                          SLIDE_NUMBER, TIME, XMLNS, Colours, brand_notes_master, branded_presentation, layout,
                          set_app_properties)
from .slides import Slide, sessions, text_lines
from .text import cite, level_name, plain, runs, timings

SLOT = "……………………………………"
SLIDE_NUMBER_FIELD = "{5C9F1B2A-7E3D-4B8A-9C21-3F6E8D0A4B17}"     # fixed, so the bytes are reproducible
AGENDA_LINES = 8                                                  # activities per agenda slide
SOURCES_HEIGHT = 330                                              # points of 16 pt references per sources slide


# ---------------------------------------------------------------- generated slides
def safeguarding_slide() -> Slide:
    return Slide("Safeguarding: who to tell", [
        (0, f"**Our DSL:** {SLOT}"), (0, f"**Deputy DSL:** {SLOT}"), (0, f"**Where to find them:** {SLOT}"),
        (0, "Worried about a child? Tell the DSL the same day"),
        (0, "Worried about an adult? Tell the headteacher")],
        "Before the session, type in the names of your designated safeguarding lead (DSL) and deputy DSL, and where "
        "staff can find them today; then read them out. Any worry about a child goes to the DSL the same day, or "
        "straight away if a child may be in immediate danger, as Keeping children safe in education sets out "
        "[@dfe2025-kcsie]. A concern about an adult who works with children goes to the headteacher, or to the chair "
        "of governors if it is about the headteacher; the local authority designated officer (LADO) advises. Nothing "
        "in this session replaces that route.", "safeguarding")


def agenda_slides(m: Module, session: str | None) -> list[Slide]:
    """The session plan with start times; a plan longer than AGENDA_LINES runs on to a second slide."""
    plan = [(when, a) for (when, _), a in zip(timings(m), m.meta.session_plan) if session is None or a.session == session]
    minutes = sum(a.minutes for _, a in plan)
    title = f"{session}: today" if session else "Today's session"
    pages = [plan[i:i + AGENDA_LINES] for i in range(0, len(plan), AGENDA_LINES)]
    return [Slide(title if i == 0 else f"{title} (continued)",
                  [(0, f"**{when.split('–')[0]}**   {a.title}") for when, a in page],
                  (f"Walk through the plan for the {minutes} minutes. " if i == 0 else "")
                  + " ".join(f"{a.title} ({a.minutes} minutes): {a.purpose}" for _, a in page), "agenda")
            for i, page in enumerate(pages)]


def _reference(site: Site, key: str) -> str:
    r = site.references[key]
    where = r.journal or r.publisher or ""
    return f"{r.authors} ({r.year or 'n.d.'}) {r.title}." + (f" {where}." if where else "")


def _balanced(entries: list[tuple[str, float]], most: float) -> list[list[tuple[int, str]]]:
    """Entries (text, height) in order on as few slides as fit ``most`` points each, filled about evenly."""
    total = sum(h for _, h in entries)
    for n in range(1, len(entries) + 1):
        target, pages, used = min(most, total / n + 40), [[]], 0.0
        for text, h in entries:
            if pages[-1] and used + h > target:
                pages.append([])
                used = 0.0
            pages[-1].append((0, text))
            used += h
        if len(pages) <= n:
            return pages
    return [[(0, t)] for t, _ in entries]


def sources_slides(site: Site, deck: list[Slide], notes: str) -> list[Slide]:
    texts = [notes] + [t for s in deck for t in [s.title, s.notes, *(b for _, b in s.bullets),
                                                 *(b for _, bs in s.columns for _, b in bs), *s.options.values()]]
    keys = list(dict.fromkeys(k for t in texts for k in citation_keys(t)))
    entries = [(_reference(site, k), text_lines(_reference(site, k), 11.9, 16) * 16 * 1.2 + 5) for k in keys]
    pages = _balanced(entries, SOURCES_HEIGHT)
    note = (notes or "These are the sources for the claims in this session.") + " Full references, with web " \
        "links, are in the facilitator guide and on the website's references page."
    return [Slide("Sources" if i == 0 else "Sources (continued)", page, note if i == 0 else "More of the sources "
                  "used in this session.", "sources") for i, page in enumerate(pages) if page]


def compose(site: Site, m: Module, slides: list[Slide], session: str | None) -> list[Slide]:
    title, rest = slides[0], slides[1:]
    notes = next((s.notes for s in rest if s.layout == "sources"), "")
    body, current = [], None
    for s in rest:
        current = s.options.get("Session", current)
        if s.layout != "sources" and (session is None or current in (None, session)):
            body.append(s)
    if session:
        title = replace(title, bullets=[(0, f"**{session}**")] + title.bullets)
    deck = [title, safeguarding_slide(), *agenda_slides(m, session), *body]
    return deck + sources_slides(site, deck, notes)


# ---------------------------------------------------------------- writing slides
def _fill(site: Site, ph, bullets: list[tuple[int, str]]) -> None:
    tf = ph.text_frame
    for i, (lvl, text) in enumerate(bullets):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.level = lvl
        for chunk, bold in runs(cite(site, text)):
            r = p.add_run()
            r.text = chunk
            if bold:
                r.font.bold = True


def _set(site: Site, slide, idx: int, bullets: list[tuple[int, str]]) -> None:
    ph = next((p for p in slide.placeholders if p.placeholder_format.idx == idx), None)
    if ph is None:
        return
    if bullets:
        _fill(site, ph, bullets)
    else:
        ph.element.getparent().remove(ph.element)


def _footer(slide, text: str, number: int) -> None:
    """Copy the layout's footer and slide-number placeholders onto the slide (position and styles included, as
    LibreOffice does not inherit them), with the footer text and a slide-number field."""
    tree = slide.shapes._spTree
    for ph in slide.slide_layout.placeholders:
        if ph.placeholder_format.idx not in (FOOTER, SLIDE_NUMBER):
            continue
        sp = copy.deepcopy(ph.element)
        sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(max(int(e.get("id")) for e in
                                                                     tree.iter(qn("p:cNvPr"))) + 1))
        body = sp.find(qn("p:txBody"))
        for p in body.findall(qn("a:p")):
            body.remove(p)
        inner = (f'<a:r><a:rPr lang="{LANG}"/><a:t>{_x(text)}</a:t></a:r>' if ph.placeholder_format.idx == FOOTER
                 else f'<a:fld {XMLNS} id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="{LANG}"/>'
                      f"<a:t>{number}</a:t></a:fld>")
        body.append(parse_xml(f"<a:p {XMLNS}>{inner}</a:p>"))
        tree.append(sp)


def _x(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _activity(site: Site, slide, s: Slide) -> None:
    _set(site, slide, BODY, s.bullets)
    _set(site, slide, TIME, [(0, s.options.get("Time", ""))])
    _set(site, slide, GROUPING, [(0, s.options.get("Grouping") or "Whole group")])
    _set(site, slide, MATERIALS, [(0, s.options.get("Materials") or "None needed")])


def write_slide(site: Site, prs, s: Slide, c: Colours) -> None:
    key = {"safeguarding": "content"}.get(s.layout, s.layout)
    slide = prs.slides.add_slide(layout(prs, key))
    slide.shapes.title.text = plain(cite(site, s.title))
    if s.layout == "activity":
        _activity(site, slide, s)
    elif s.layout == "two-column":
        (lh, left), (rh, right) = s.columns
        for idx, bullets in ((LEFT_HEAD, [(0, lh)]), (BODY, left), (RIGHT_HEAD, [(0, rh)]), (RIGHT, right)):
            _set(site, slide, idx, bullets)
    elif "Diagram" in s.options:
        _set(site, slide, BODY, [])
        add_diagram(slide, s.options["Diagram"], plain(cite(site, s.title)),
                    [plain(cite(site, t)) for _, t in s.bullets], c, plain(cite(site, s.options.get("Attribution", ""))))
    else:
        _set(site, slide, BODY, s.bullets)
        if s.layout == "quote":
            _set(site, slide, ATTRIBUTION, [(0, s.options["Attribution"])] if s.options.get("Attribution") else [])
    slide.notes_slide.notes_text_frame.text = plain(cite(site, s.notes))


def set_languages(prs) -> None:
    """en-GB on every run, field and end-of-paragraph mark of every slide and its notes."""
    parts = [s._element for s in prs.slides] + [s.notes_slide._element for s in prs.slides]
    for root in parts:
        for r in root.iter(qn("a:r"), qn("a:fld")):
            rp = r.find(qn("a:rPr"))
            if rp is None:
                rp = etree.SubElement(r, qn("a:rPr"))
                r.insert(0, rp)
            rp.set("lang", LANG)
        for end in root.iter(qn("a:endParaRPr")):
            end.set("lang", LANG)


def deck_title(m: Module, session: str | None) -> str:
    return f"{m.title}: {session}" if session else m.title


def build_deck(site: Site, m: Module, slides: list[Slide], session: str | None = None) -> bytes:
    a = site.scheme.award
    c = Colours.of(a.brand)
    prs = branded_presentation(a.brand, a.short_name, site.root)
    footer = f"{a.short_name} · {m.title} · version {m.meta.version} · {long_date(m.meta.reviewed)}"
    for n, s in enumerate(compose(site, m, slides, session), 1):
        write_slide(site, prs, s, c)
        _footer(prs.slides[-1], footer, n)
    set_languages(prs)
    brand_notes_master(prs)
    core_properties(prs.core_properties, deck_title(m, session), site, m.meta.reviewed)
    prs.core_properties.subject = prop(f"{a.name}: {level_name(site, m.meta.level)} training")
    prs.core_properties.language = LANG
    set_app_properties(prs, f"{a.short_name} session pack builder", a.owner)
    buf = io.BytesIO()
    prs.save(buf)
    return normalise_zip(buf.getvalue(), m.meta.reviewed)


# ---------------------------------------------------------------- the pack entry: one deck, or one per session
@dataclass(frozen=True)
class SlideDecks:
    """The pack's slides (duck-typed as a pack.PackDocument): one deck, or one per session of the session plan."""
    suffix: str = "slides.pptx"
    label: str = "Slides with speaker notes"
    format: str = "PPTX"

    def build(self, p) -> bytes:
        return build_deck(p.site, p.module, p.slides)

    def files(self, m: Module):
        names = sessions(m)
        if not names:
            return [(self.suffix, self.label, self.format, self.build)]
        return [(f"slides-session-{i}.pptx", f"Slides for {name}, with speaker notes", self.format,
                 lambda p, name=name: build_deck(p.site, p.module, p.slides, name))
                for i, name in enumerate(names, 1)]


SLIDE_DECKS = SlideDecks()
