"""Slides: parse a module's slides.md into checked slides (layout, diagram, activity details, session).

The format is documented in training_modules/README.md. The deck itself is built by ``deck.build_deck``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import ContentError, Problem
from ..load import Module, Site
from .text import plain

# Layouts a slide may ask for ("title" is always the first slide; agenda, safeguarding and sources are generated)
AUTHORED_LAYOUTS = ["content", "two-column", "activity", "quote", "case", "section", "sources"]
OPTIONS = ["Layout", "Diagram", "Time", "Grouping", "Materials", "Attribution", "Session"]
OPTION = re.compile(rf"^({'|'.join(OPTIONS)}):\s*(.*)$")
MAX_LINES = 6
# diagram name -> (fewest, most) bullets it draws
DIAGRAMS = {"regulate-relate-reason": (3, 3), "window-of-tolerance": (3, 3), "secure-base": (4, 4),
            "four-responses": (4, 4), "restorative-questions": (3, 6), "team-around-the-child": (3, 8)}

# Liberation Sans / Arial advance widths (1/1000 em) for ' ' to '~', to estimate how many lines a slide takes
_WIDTHS = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
           556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667,
           556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
           556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722,
           500, 500, 500, 334, 260, 334, 584]
# text width (inches) and size (pt) of each layout's body, for the line estimate
_BODY = {"title": (8.4, 24), "content": (11.55, 28), "activity": (7.6, 28), "case": (8.15, 28), "section": (11.05, 28),
         "quote": (10.45, 36), "two-column": (5.3, 24)}


@dataclass
class Slide:
    title: str
    bullets: list[tuple[int, str]]     # (indent level, text)
    notes: str
    layout: str = "content"
    options: dict[str, str] = field(default_factory=dict)      # Diagram, Time, Grouping, Materials, Attribution, Session
    columns: list[tuple[str, list[tuple[int, str]]]] = field(default_factory=list)    # two-column: (heading, bullets)
    line: int = 0                                               # line of the title in slides.md


def text_lines(text: str, width_in: float, size_pt: float) -> int:
    """Lines ``text`` wraps to in a box ``width_in`` wide at ``size_pt`` (Arial metrics; a little generous)."""
    limit, lines, used = width_in * 72 * 1000 / size_pt, 1, 0.0
    for word in text.split():
        w = sum(_WIDTHS[ord(ch) - 32] if 32 <= ord(ch) < 127 else 600 for ch in word)
        space = _WIDTHS[0] if used else 0
        if used and used + space + w > limit:
            lines, used = lines + 1, w
        else:
            used += space + w
    return lines


def slide_lines(s: Slide) -> int:
    """Estimated lines of body text on an authored slide (the taller column on a two-column slide)."""
    width, size = _BODY.get(s.layout, _BODY["content"])
    if s.columns:
        return max(sum(text_lines(plain(t), width, size) for _, t in bullets) + 1 for _, bullets in s.columns)
    return sum(text_lines(plain(t), width - 0.4 * lvl, size if lvl == 0 else 24) for lvl, t in s.bullets)


def parse_slides(text: str, file: str) -> tuple[list[Slide], list[Problem]]:
    """Split slides.md on '---' lines; each slide is '# Title', option lines, bullet lines, then 'Notes:'."""
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
    slide = Slide(plain(first[2:].strip()), [], "", "title" if n == 1 else "content", line=title_no)
    notes = None
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
        elif (opt := OPTION.match(s)) and not slide.bullets:
            slide.options[opt.group(1)] = opt.group(2).strip()
        elif s.startswith("## "):
            slide.columns.append((plain(s[3:].strip()), []))
        elif s:
            m = re.match(r"(\s*)[-*+]\s+(.*)", line)
            bullet = (min(len(m.group(1).expandtabs(4)) // 2, 4), m.group(2)) if m else (0, s)
            (slide.columns[-1][1] if slide.columns else slide.bullets).append(bullet)
    if notes is None:
        problems.append(Problem(file, title_no, f"slide {n}", "has no 'Notes:' line; add 'Notes:' after the bullets, "
                                "followed by the speaker notes"))
        return None
    paragraphs = re.split(r"\n\s*\n", "\n".join(notes).strip())
    slide.notes = "\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    _check_slide(slide, n, file, problems)
    return slide


def _check_slide(s: Slide, n: int, file: str, problems: list[Problem]) -> None:
    where = f"slide {n} ({s.title})"

    def problem(msg: str) -> None:
        problems.append(Problem(file, s.line, where, msg))

    if "Layout" in s.options:
        s.layout = s.options.pop("Layout")
        if s.layout not in AUTHORED_LAYOUTS or n == 1:
            problem(f"'Layout: {s.layout}' is not a layout a slide can ask for; use one of "
                    f"{', '.join(AUTHORED_LAYOUTS)} (the first slide is always the title slide)")
    if s.columns and s.layout != "two-column":
        problem("has '## ' column headings; add 'Layout: two-column' under the title, or remove the headings")
    if s.layout == "two-column" and len(s.columns) != 2 or s.columns and s.bullets:
        problem("a two-column slide needs exactly two '## Heading' lines, each followed by its bullets")
    if "Diagram" in s.options:
        _check_diagram(s, problem)
    most = MAX_LINES - 1 if s.layout == "title" else MAX_LINES     # the title slide keeps a line for the session
    if s.layout != "sources" and "Diagram" not in s.options and (lines := slide_lines(s)) > most:
        problem(f"needs about {lines} lines of text at {_BODY.get(s.layout, _BODY['content'])[1]} pt; this slide "
                f"holds at most {most}: shorten the bullets and move the detail into the notes")


def _check_diagram(s: Slide, problem) -> None:
    name = s.options["Diagram"]
    if name not in DIAGRAMS:
        problem(f"'Diagram: {name}' is not a known diagram; use one of {', '.join(DIAGRAMS)}")
        return
    if "Attribution" in s.options and name in ("window-of-tolerance", "team-around-the-child"):
        problem(f"the {name} diagram fills the slide, so it has no room for an 'Attribution:' line; credit the "
                "model in a bullet label or in the notes")
    low, high = DIAGRAMS[name]
    if not low <= len(s.bullets) <= high or any(lvl for lvl, _ in s.bullets):
        problem(f"the {name} diagram draws {low}{'' if low == high else f' to {high}'} top-level bullets "
                f"('Label: what it means'), and this slide has {len(s.bullets)}")


def sessions(m: Module) -> list[str]:
    """The module's sessions, in session-plan order ([] for a one-session module)."""
    return list(dict.fromkeys(a.session for a in m.meta.session_plan if a.session))


def _check_module(m: Module, slides: list[Slide], file: str) -> list[Problem]:
    """Checks that need the module: sessions named in slides.md exist, and activities have a time."""
    problems, known = [], sessions(m)
    plan = {a.title: a for a in m.meta.session_plan}
    for s in slides:
        where = f"slide ({s.title})"
        if "Session" in s.options and s.options["Session"] not in known:
            problems.append(Problem(file, s.line, where, f"'Session: {s.options['Session']}' is not a session in "
                                    f"module.yml's session_plan; use one of: {', '.join(known) or '(none)'}"))
        if s.layout == "activity" and "Time" not in s.options:
            if s.title in plan:
                s.options["Time"] = f"{plan[s.title].minutes} min"
                s.options.setdefault("Materials", ", ".join(plan[s.title].materials))
            else:
                problems.append(Problem(file, s.line, where, "an activity slide needs a 'Time: 10 min' line under "
                                        "the title (or a title that matches a session_plan activity)"))
    if known and not any("Session" in s.options for s in slides):
        problems.append(Problem(file, 1, "slides", "the module has sessions; start each session's slides with a "
                                "'Session: <name from session_plan>' line"))
    return problems


def parse_all_slides(site: Site) -> dict[str, list[Slide]]:
    """Every module's slides, or one ContentError listing every problem in every slides.md."""
    out, problems = {}, []
    for mid, m in sorted(site.modules.items()):
        file = f"{m.source}/slides.md"
        out[mid], found = parse_slides(m.parts.get("slides.md", ""), file)
        problems += found + (_check_module(m, out[mid], file) if not found else [])
    if problems:
        raise ContentError(problems)
    return out


def slides_pptx(site: Site, m: Module, slides: list[Slide], session: str | None = None) -> bytes:
    from .deck import build_deck
    return build_deck(site, m, slides, session)
