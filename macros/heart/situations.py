"""'What are you seeing?': situations in staff's own words (data/situations.yml), validated against the strategies,
plus the library's own rules on strategy front matter (a strategy tagged for every phase says why).

Hooked into load.load_site: ``check_library`` runs once the strategies are known; errors go to the same Problems
list (file, line, field, fix) as everything else.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from pydantic import Field, Strict, StringConstraints

from .errors import Problems
from .models import Id, Model, Str

SITUATIONS_FILE = "data/situations.yml"


class Situation(Model):
    id: Id
    title: Str                                   # what staff see, in their words: "Leaves the room"
    also: list[Str] = []                         # other ways staff put it (the search weighs these)
    explanation: Str                             # behaviour as communication of a need; never a diagnosis
    references: list[Annotated[str, Strict()]] = []   # keys cited in the explanation as [@key]
    first: list[Id] = Field(min_length=2, max_length=4)    # first things to try tomorrow, most immediate first
    if_it_keeps_happening: list[Id] = Field(min_length=1)  # plan-level strategies
    safeguarding: Str


class SituationsFile(Model):
    reviewed: dt.date
    review_due: dt.date
    situations: list[Situation] = Field(min_length=1)


def load_situations(root: Path, strategy_ids: set[str], references: dict, problems: Problems) -> "Situations":
    """Read and check data/situations.yml (optional: no file, no situations)."""
    from .load import _check_citations, _read_yaml, validate_into   # late import: load.py imports this module
    path = root / SITUATIONS_FILE
    if not path.exists():
        return Situations()
    loc = _read_yaml(root, path, problems)
    if loc is None:
        return Situations()
    data = validate_into(SituationsFile, loc, SITUATIONS_FILE, problems)
    if data is None:
        return Situations()
    if data.review_due <= data.reviewed:
        problems.add(SITUATIONS_FILE, loc.line_of(("review_due",)), "review_due", "must be after 'reviewed'")
    out = Situations()
    for i, x in enumerate(data.situations):
        where = ("situations", i)
        if x.id in out:
            problems.add(SITUATIONS_FILE, loc.line_of((*where, "id")), f"situations[{i}].id",
                         f"duplicate situation id {x.id!r}; give each situation its own id")
        for name in ("first", "if_it_keeps_happening"):
            values = getattr(x, name)
            for j, sid in enumerate(values):
                if sid not in strategy_ids:
                    problems.add(SITUATIONS_FILE, loc.line_of((*where, name, j)), f"situations[{i}].{name}[{j}]",
                                 f"{sid!r} is not a known strategy; use the file name (without .md) of a strategy "
                                 "in strategies/")
                elif values.index(sid) != j:
                    problems.add(SITUATIONS_FILE, loc.line_of((*where, name, j)), f"situations[{i}].{name}[{j}]",
                                 f"{sid!r} is listed twice; list each strategy once")
        for j, key in enumerate(x.references):
            if key not in references:
                problems.add(SITUATIONS_FILE, loc.line_of((*where, "references", j)),
                             f"situations[{i}].references[{j}]",
                             f"{key!r} is not a known reference key; add it to data/references.yml or fix the key")
        _check_citations(x.explanation, SITUATIONS_FILE, loc.line_of((*where, "explanation")) or 1, references,
                         set(x.references), problems, field_name=f"situations[{i}].explanation")
        out.setdefault(x.id, x)
    out.reviewed, out.review_due = data.reviewed, data.review_due
    return out


class Situations(dict):
    """Situation id -> Situation, in file order, with the file's review dates."""
    reviewed: dt.date | None = None
    review_due: dt.date | None = None


def check_library(raw_strategies: dict, vocab, problems: Problems) -> None:
    """The library's rules on strategy front matter: a strategy tagged for every phase says why (phases_note), so
    the phase filter stays honest; a time_band is one of the vocabulary's times."""
    phase_ids = [t.id for t in vocab.phases]
    time_ids = [t.id for t in getattr(vocab, "times", [])]
    for sid, (meta, _body, file, _line, located) in raw_strategies.items():
        phases = getattr(meta, "phases", None) or []
        if phase_ids and set(phase_ids) <= set(phases) and not getattr(meta, "phases_note", None):
            problems.add(file, located.line_of(("phases",)), "phases",
                         "lists every phase: remove the phases it is not really for, or add a 'phases_note' saying "
                         "why it fits all of them")
        band = getattr(meta, "time_band", None)
        if band is not None and band not in time_ids:
            problems.add(file, located.line_of(("time_band",)), "time_band",
                         f"{band!r} is not one of {', '.join(time_ids) or '(no times in data/vocabulary.yml)'}")
