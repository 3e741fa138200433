"""'What are you seeing?': situations in staff's own words (strategies/situations.yml), validated against the strategies,
plus the library's own rules on strategy front matter (a strategy tagged for every phase says why).

Hooked into load.load_site: ``check_library`` runs once the strategies are known; errors go to the same Problems
list (file, line, field, fix) as everything else.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, Strict

from .errors import Problems
from .models import Id, Model, Str

SITUATIONS_FILE = "strategies/situations.yml"   # with the strategies it points at: a project with other strategies brings its own


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
    """The file's shape (validated in two parts below: the review dates, then each situation on its own)."""
    reviewed: dt.date
    review_due: dt.date
    situations: list[Situation] = Field(min_length=1)


def load_situations(root: Path, strategy_ids: set[str], references: dict, problems: Problems) -> "Situations":
    """Read and check strategies/situations.yml (optional: no file, no situations). Situations are validated one by one,
    so a mistake in one never hides the strategy-id checks on the others (or on itself)."""
    from .load.files import read_yaml as _read_yaml    # late: the loader imports this module
    from .load.messages import validate_into
    from .yamlio import Located
    out = Situations()
    path = root / SITUATIONS_FILE
    if not path.exists():
        return out
    loc = _read_yaml(root, path, problems)
    if loc is None:
        return out
    raw = loc.data if isinstance(loc.data, dict) else {}
    items = raw.get("situations")
    head_problems = Problems()
    validate_into(_Head, Located({k: v for k, v in raw.items() if k != "situations"}, loc.node), SITUATIONS_FILE,
                  head_problems)
    problems.items.extend(head_problems.items)
    if not isinstance(items, list) or not items:
        problems.add(SITUATIONS_FILE, loc.line_of(("situations",)), "situations",
                     "must be a list of situations, each starting with '- id:'")
        return out
    for i, item in enumerate(items):
        x = _one_situation(i, item, loc, strategy_ids, references, problems)
        if x is None:
            continue
        if x.id in out:
            problems.add(SITUATIONS_FILE, loc.line_of(("situations", i, "id")), f"situations[{i}].id",
                         f"duplicate situation id {x.id!r}; give each situation its own id")
        out.setdefault(x.id, x)
    if "reviewed" in raw and "review_due" in raw and not head_problems:
        out.reviewed, out.review_due = raw["reviewed"], raw["review_due"]
        if out.review_due <= out.reviewed:
            problems.add(SITUATIONS_FILE, loc.line_of(("review_due",)), "review_due", "must be after 'reviewed'")
    return out


def _one_situation(i: int, item, loc, strategy_ids: set[str], references: dict, problems: Problems):
    """One situation, validated and cross-checked (strategy ids, references, citations); None when invalid."""
    from pydantic import ValidationError

    from .load.checks import check_citations as _check_citations   # late: the loader imports this module
    from .load.messages import describe, field_path as _path
    where = ("situations", i)
    try:
        x = Situation.model_validate(item)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            eloc = (*where, *err["loc"])
            problems.add(SITUATIONS_FILE, loc.line_of(eloc), _path(eloc), describe(err))
        x = None
    raw_item = item if isinstance(item, dict) else {}
    for name in ("first", "if_it_keeps_happening"):
        values = raw_item.get(name) if isinstance(raw_item.get(name), list) else []
        for j, sid in enumerate(values):
            if isinstance(sid, str) and sid not in strategy_ids:
                problems.add(SITUATIONS_FILE, loc.line_of((*where, name, j)), f"situations[{i}].{name}[{j}]",
                             f"{sid!r} is not a known strategy; use the file name (without .md) of a strategy "
                             "in strategies/")
            elif values.index(sid) != j:
                problems.add(SITUATIONS_FILE, loc.line_of((*where, name, j)), f"situations[{i}].{name}[{j}]",
                             f"{sid!r} is listed twice; list each strategy once")
    if x is None:
        return None
    for j, key in enumerate(x.references):
        if key not in references:
            problems.add(SITUATIONS_FILE, loc.line_of((*where, "references", j)), f"situations[{i}].references[{j}]",
                         f"{key!r} is not a known reference key; add it to data/references.yml or fix the key")
    _check_citations(x.explanation, SITUATIONS_FILE, loc.line_of((*where, "explanation")) or 1, references,
                     set(x.references), problems, field_name=f"situations[{i}].explanation")
    return x


class _Head(Model):
    reviewed: dt.date
    review_due: dt.date


class Situations(dict):
    """Situation id -> Situation, in file order, with the file's review dates."""
    reviewed: dt.date | None = None
    review_due: dt.date | None = None


def check_library(raw_strategies: dict, raw_modules: dict, vocab, problems: Problems) -> None:
    """The library's rules on strategy front matter: a strategy tagged for every phase says why (phases_note), so
    the phase filter stays honest; a time_band is one of the vocabulary's times; a printable names a module and one
    of its handouts."""
    phase_ids = [t.id for t in vocab.phases]
    time_ids = [t.id for t in getattr(vocab, "times", [])]
    for sid, (meta, _body, file, _line, located) in raw_strategies.items():
        phases = getattr(meta, "phases", None) or []
        if phase_ids and set(phase_ids) <= set(phases) and not getattr(meta, "phases_note", None):
            problems.add(file, located.line_of(("phases",)), "phases",
                         "lists every phase: remove the phases it is not really for, or add a 'phases_note' saying "
                         "why it fits all of them")
        for i, pr in enumerate(getattr(meta, "printables", None) or []):
            if not hasattr(pr, "module"):
                continue
            line = located.line_of(("printables", i))
            if pr.module not in raw_modules:
                problems.add(file, line, f"printables[{i}].module", f"{pr.module!r} is not a training module; use a "
                             "folder name in training_modules/")
                continue
            handouts = raw_modules[pr.module][1].get("handouts.md", "")
            if not re.search(rf"^## Handout {pr.handout}:", handouts, re.M):
                problems.add(file, line, f"printables[{i}].handout", f"{pr.module}/handouts.md has no "
                             f"'## Handout {pr.handout}:' section; use the number of one of its handouts")
        band = getattr(meta, "time_band", None)
        if band is not None and band not in time_ids:
            problems.add(file, located.line_of(("time_band",)), "time_band",
                         f"{band!r} is not one of {', '.join(time_ids) or '(no times in data/vocabulary.yml)'}")
