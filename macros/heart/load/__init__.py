"""Load every data file and content source once, validate it, and cross-check the links between them.

``load_site(root)`` returns a ``Site`` or raises ``ContentError`` listing every problem (file, line, field, fix).
The package has one job per module: ``files`` reads and validates each file into its model, ``checks`` cross-checks
the links between files, ``messages`` turns validation errors into sentences, ``schools`` loads the register (remembered while it is
unchanged), ``site`` is the model it returns.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import situations
from ..errors import Problems
from ..signposting import load_signposting
from ..models import Scheme, Vocabulary
from .checks import (Known, check_areas_source, check_module, check_reserved, check_scheme, check_strategy,
                     validate_schools)
from .files import (AREAS_FILE, MODULE_FILES, STRATEGY_HEADINGS, build_date_from_env, load_areas, load_model,
                    load_modules, load_references, load_strategies)
from .messages import describe, field_path, validate_into
from .schools import load_schools
from .site import CITATION, CITATION_KEY, KEY, area_kind, Module, Site, Strategy, derive_links

__all__ = ["load_site", "Site", "Strategy", "Module", "CITATION", "CITATION_KEY", "KEY", "MODULE_FILES",
           "STRATEGY_HEADINGS", "build_date_from_env", "describe", "field_path", "validate_into",
           "validate_schools"]


def load_site(root: Path | str, build_date: dt.date | None = None, *, schools_file: str = "data/schools.yml",
              scheme_file: str = "data/scheme.yml") -> Site:
    root = Path(root).resolve()
    build_date = build_date or build_date_from_env()
    problems = Problems()
    areas, areas_file, areas_loc = load_areas(root, problems)
    vocab, _ = load_model(root, "data/vocabulary.yml", Vocabulary, problems)
    references, failed_refs = load_references(root, problems)
    if areas_file is not None:
        check_areas_source(areas_file, areas_loc, AREAS_FILE, set(references) | failed_refs, problems)
    scheme, scheme_loc = load_model(root, scheme_file, Scheme, problems)
    if scheme is not None:
        check_scheme(scheme, scheme_loc, scheme_file, areas, problems, area_kind(areas_file))
    raw_strategies = load_strategies(root, problems)
    raw_modules, failed_modules = load_modules(root, problems)
    schools = load_schools(root, schools_file, scheme, build_date, problems)
    if scheme is None or vocab is None:
        problems.raise_if_any()     # nothing else can be cross-checked without these
    known = Known(areas=areas, references=set(references) | failed_refs, criteria={c.id for c in scheme.criteria},
                  terms={n: {t.id for t in getattr(vocab, n)} for n in ("phases", "roles", "evidence_types", "costs")},
                  levels=[lv.id for lv in scheme.levels],
                  module_kinds=[kd.id for kd in scheme.module_kinds], strategies=set(raw_strategies),
                  modules=set(raw_modules) | failed_modules, scheme_file=scheme_file,
                  area_kind=area_kind(areas_file))
    strategies = {sid: check_strategy(sid, raw, known, problems) for sid, raw in raw_strategies.items()}
    modules = {mid: check_module(mid, raw, known, problems) for mid, raw in raw_modules.items()}
    check_reserved(root, raw_strategies, scheme, raw_modules, problems)
    signposting = load_signposting(root, problems)
    situations.check_library(raw_strategies, raw_modules, vocab, problems)
    found_situations = situations.load_situations(root, set(raw_strategies), references, problems)
    problems.raise_if_any()
    site = Site(root=root, build_date=build_date, areas=areas, vocab=vocab, references=references, scheme=scheme,
                strategies=strategies, modules=modules, schools=schools, schools_source=schools_file,
                signposting=signposting, situations=found_situations, areas_file=areas_file)
    derive_links(site)
    return site
