"""The site model: what load_site returns (strategies, modules and the Site with its derived links), and the one
definition of content syntax shared by every reader (citation keys)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..models import Area, AreasFile, Criterion, Level, ModuleMeta, Reference, Scheme, SchoolsFile, StrategyMeta, Vocabulary

KEY = r"[a-z0-9][a-z0-9-]*"          # reference keys, strategy and module ids
CITATION = re.compile(rf"\[(@{KEY}(?:\s*;\s*@{KEY})*)\]")   # [@key] or [@a; @b]: the one definition of a citation
CITATION_KEY = re.compile(rf"@({KEY})")                         # each key inside a CITATION match


def area_kind(areas_file: AreasFile | None) -> str:
    """What one area is called in pages and messages: 'Call to Action area' (data/areas.yml ``framework``)."""
    return f"{areas_file.framework} area" if areas_file is not None else "area"


@dataclass
class Strategy:
    id: str
    meta: StrategyMeta
    body: str
    source: str          # path relative to the project root
    body_line: int

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass
class Module:
    id: str
    meta: ModuleMeta
    parts: dict[str, str]   # file name -> Markdown text
    source: str             # folder relative to the project root
    folder: Path

    @property
    def title(self) -> str:
        return self.meta.title


_BY_REGISTER: dict[str, tuple] = {}     # kind -> (register object, (scheme, date), value): the last one made


def remembered(site: "Site", kind: str, make):
    """``make(site)`` for something derived only from the register, the scheme and the build date (statuses, open
    data), kept while those are the same. The loader hands back the same register object while its file is unchanged
    (load/schools.py), so under `serve` an edit elsewhere does not derive 25,000 schools' worth again."""
    key = (site.scheme.model_dump_json(), site.build_date)
    hit = _BY_REGISTER.get(kind)
    if hit is not None and hit[0] is site.schools and hit[1] == key:
        return hit[2]
    value = make(site)
    _BY_REGISTER[kind] = (site.schools, key, value)
    return value


@dataclass
class Site:
    root: Path
    build_date: dt.date
    areas: dict[str, Area]
    vocab: Vocabulary
    references: dict[str, Reference]
    scheme: Scheme
    strategies: dict[str, Strategy]
    modules: dict[str, Module]
    schools: SchoolsFile
    schools_source: str
    areas_file: AreasFile            # data/areas.yml as a whole: the areas' framework name and source reference
    # derived links, built once from the single owner of each link
    criterion_strategies: dict[str, list[str]] = field(default_factory=dict)
    criterion_modules: dict[str, list[str]] = field(default_factory=dict)
    strategy_modules: dict[str, list[str]] = field(default_factory=dict)
    signposting: Any = None          # models.SignpostingFile from data/signposting.yml, or None when absent
    situations: dict = field(default_factory=dict)      # strategies/situations.yml (macros/heart/situations.py)

    @property
    def levels(self) -> dict[str, Level]:
        return {lv.id: lv for lv in self.scheme.levels}

    @property
    def criteria(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.scheme.criteria}

    @property
    def area_kind(self) -> str:
        return area_kind(self.areas_file)

    @property
    def module_levels(self) -> dict[str, str]:
        """Module level id -> name, in display order: the scheme's levels, then its other module kinds (scheme.yml
        ``module_kinds``, e.g. induction and the lead programme)."""
        return {**{lv.id: lv.name for lv in self.scheme.levels}, **{k.id: k.name for k in self.scheme.module_kinds}}

    @cached_property
    def statuses(self) -> list:
        """Every school's award status as of the build date, derived once and shared by every renderer (and kept
        across loads while the register, scheme and date are the same: ``remembered``)."""
        from ..register import all_statuses
        return remembered(self, "statuses", lambda site: all_statuses(site.schools.schools, site.scheme,
                                                                      site.build_date))

    def label(self, vocab: str, term_id: str) -> str:
        for t in getattr(self.vocab, vocab):
            if t.id == term_id:
                return t.label
        return term_id



def derive_links(site: Site) -> None:
    """Each link has one owner: strategies own strategy→criterion, modules own module→criterion and module→strategy.
    The reverse directions are computed here, never written by hand."""
    cs = {c: [] for c in site.criteria}
    cm = {c: [] for c in site.criteria}
    sm = {s: [] for s in site.strategies}
    for sid, s in site.strategies.items():
        for c in s.meta.criteria:
            cs[c].append(sid)
    for mid, m in site.modules.items():
        for c in m.meta.criteria:
            cm[c].append(mid)
        for sid in m.meta.strategies:
            sm[sid].append(mid)
    site.criterion_strategies, site.criterion_modules, site.strategy_modules = cs, cm, sm
