"""Slide references in module.yml (session_plan materials) and facilitator-notes.md name slides by title, never by
number, and every title named is a slide of the module's built deck, in the order a range says.

Numbers broke when the build began inserting generated slides (safeguarding, agenda, sources), so a number is refused
outright. The decks are composed in memory (deck.compose: the same slide list build_deck writes), so no PPTX is built.
"""
from __future__ import annotations

import re

import pytest

from macros.heart.documents.deck import compose
from macros.heart.documents.slides import parse_all_slides, sessions
from macros.heart.documents.text import cite, plain
from macros.heart.load import load_site
from tests.conftest import ROOT

NUMBERED = re.compile(r"\b[Ss]lides?\s*(?:no\.?\s*|#\s*)?\d+")
TITLE = r'"([^"\n]+)"'
# slide "A" | slides "A" to "B" | slides "A" and "B" | slides "A", "B" and "C" | the "A" slide
REFERENCE = re.compile(rf'\b[Ss]lides?\s+({TITLE}(?:(?:,\s*|\s+and\s+|\s+to\s+){TITLE})*)|{TITLE}\s+slides?\b')
PART = re.compile(rf'(,\s*|\s+and\s+|\s+to\s+)?{TITLE}')


def references(text: str) -> list[list[tuple[str, str]]]:
    """Each slide reference in ``text`` as [(joiner, title)], the joiner being '', ',', 'and' or 'to'."""
    out = []
    for m in REFERENCE.finditer(text):
        if m.group(1) is None:
            out.append([("", m.group(m.lastindex))])
        else:
            out.append([((j or "").strip(" ,") or ("," if j and "," in j else ""), t)
                        for j, t in PART.findall(m.group(1))])
    return out


def check(ref: list[tuple[str, str]], decks: dict[str | None, list[str]], where: str) -> list[str]:
    """Problems with one reference: titles not in any deck, or a range 'A to B' that no deck runs forwards."""
    problems = []
    every = {t for titles in decks.values() for t in titles}
    for _, title in ref:
        if title not in every:
            problems.append(f"{where}: slide {title!r} is not a slide of the built deck; use a title from "
                            "slides.md or a generated slide's title")
    for (_, a), (joiner, b) in zip(ref, ref[1:]):
        if joiner == "to" and a in every and b in every and not any(
                a in ts and b in ts and ts.index(a) < ts.index(b) for ts in decks.values()):
            problems.append(f"{where}: the range {a!r} to {b!r} does not run forwards in any one deck")
    return problems


@pytest.fixture(scope="module")
def real_decks():
    """{module id: (module, {session or None: [slide titles in deck order]})} for every real module."""
    site = load_site(ROOT)
    slides = parse_all_slides(site)
    out = {}
    for mid, m in sorted(site.modules.items()):
        out[mid] = (m, {s: [plain(cite(site, x.title)) for x in compose(site, m, slides[mid], s)]
                        for s in (sessions(m) or [None])})
    return out


MODULES = sorted(p.name for p in (ROOT / "training_modules").iterdir() if (p / "module.yml").is_file())


@pytest.mark.parametrize("mid", MODULES)
def test_no_slide_is_referred_to_by_number(mid):
    bad = [f"training_modules/{mid}/{name}:{no}: {m.group(0)!r}: refer to the slide by its title, e.g. "
           'slides "First title" to "Last title" (numbers change whenever the deck does)'
           for name in ("module.yml", "facilitator-notes.md")
           for no, line in enumerate((ROOT / "training_modules" / mid / name).read_text().splitlines(), 1)
           for m in NUMBERED.finditer(line)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("mid", MODULES)
def test_slide_titles_referred_to_are_in_the_deck(real_decks, mid):
    m, decks = real_decks[mid]
    problems, found = [], 0
    for a in m.meta.session_plan:         # materials, each checked against its own session's deck
        own = {a.session: decks[a.session]} if a.session in decks else decks
        for item in a.materials:
            for ref in references(item):
                found += 1
                problems += check(ref, own, f"training_modules/{mid}/module.yml: session_plan {a.title!r}")
    notes = (ROOT / "training_modules" / mid / "facilitator-notes.md").read_text()
    for no, line in enumerate(notes.splitlines(), 1):
        for ref in references(line):
            found += 1
            problems += check(ref, decks, f"training_modules/{mid}/facilitator-notes.md:{no}")
    assert not problems, "\n".join(problems)
    assert found, f"{mid}: no slide references found at all (has the reference format changed?)"


def test_reference_parser():
    assert references('Use the slides "A, b" to "C" and Handout 1.') == [[("", "A, b"), ("to", "C")]]
    assert references('(the slides "A", "B" and "C")') == [[("", "A"), (",", "B"), ("and", "C")]]
    assert references('leave the "Sources" slide on screen; slide "X"') == [[("", "Sources")], [("", "X")]]
    decks = {None: ["T", "A", "B"]}
    assert check([("", "A"), ("to", "B")], decks, "w") == []
    assert "does not run forwards" in check([("", "B"), ("to", "A")], decks, "w")[0]
    assert "is not a slide" in check([("", "Nope")], decks, "w")[0]
    assert NUMBERED.search("Use slides 5 to 8") and NUMBERED.search("Slide 2:") and not NUMBERED.search("slides.md")
