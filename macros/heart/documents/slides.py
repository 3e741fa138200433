"""Slides: parse a module's slides.md into slides, and write them as a PPTX deck with speaker notes."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Pt as PptPt

from ..errors import ContentError, Problem
from ..load import Module, Site
from .officezip import core_properties, normalise_zip
from .text import cite, plain, runs


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
    """Every module's slides, or one ContentError listing every problem in every slides.md."""
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
    core_properties(prs.core_properties, m.title, site, m.meta.reviewed)
    buf = io.BytesIO()
    prs.save(buf)
    return normalise_zip(buf.getvalue(), m.meta.reviewed)
