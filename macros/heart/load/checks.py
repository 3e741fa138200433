"""Cross-reference checks: every link between files (areas, vocabulary terms, references, criteria, strategies,
modules, levels) resolves, citations are listed, dates are in order, schools obey the register's contract, and no
content file takes the address of a generated page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from .. import paths, yamlio
from ..errors import Problems, repeats
from ..models import School, SchoolsFile, Scheme
from ..scheme_rules import check_scheme_rules
from ..yamlio import shorten
from .files import Partial
from .messages import describe, field_path, validate_into
from .site import CITATION, CITATION_KEY, Module, Strategy


@dataclass
class Known:
    """Every id another file may refer to (including ids of entries that failed validation: one error, not a cascade)."""
    areas: dict
    terms: dict[str, set[str]]
    references: set[str]
    criteria: set[str]
    levels: list[str]
    module_kinds: list[str]      # scheme.yml module_kinds ids: a module's level may be one of these too
    strategies: set[str]
    modules: set[str]
    scheme_file: str
    area_kind: str = "area"     # e.g. 'Call to Action area' (site.area_kind)


def check_list(problems: Problems, file, located, field_name, values, allowed, what, fix) -> None:
    for i, value in enumerate(values):
        if value not in allowed:
            problems.add(file, located.line_of((field_name, i)), f"{field_name}[{i}]",
                         f"{shorten(value)} is not a known {what}; {fix}")


def check_citations(text: str, file: str, first_line: int, refs, listed: set | None, problems: Problems,
                    field_name: str = "body") -> set[str]:
    used: set[str] = set()
    for i, line in enumerate(text.split("\n")):
        for m in CITATION.finditer(line):
            for key in CITATION_KEY.findall(m.group(1)):
                used.add(key)
                if key not in refs:
                    problems.add(file, first_line + i, field_name,
                                 f"cites unknown reference '{key}'; add it to data/references.yml or fix the key")
                elif listed is not None and key not in listed:
                    problems.add(file, first_line + i, field_name,
                                 f"cites '{key}' which is not in the front matter 'references' list; add it there")
    return used


def check_strategy(sid: str, raw: tuple, k: Known, problems: Problems) -> Strategy:
    meta, body, file, body_line, located = raw
    partial = isinstance(meta, Partial)
    terms = k.terms

    def one_of(ids):
        return f"use one of {', '.join(sorted(ids))}"
    check_list(problems, file, located, "areas", meta.areas, k.areas, k.area_kind, one_of(k.areas))
    check_list(problems, file, located, "phases", meta.phases, terms["phases"], "phase", one_of(terms["phases"]))
    check_list(problems, file, located, "roles", meta.roles, terms["roles"], "role", one_of(terms["roles"]))
    check_list(problems, file, located, "evidence", meta.evidence, terms["evidence_types"], "evidence type",
               one_of(terms["evidence_types"]))
    if not partial and meta.cost not in terms["costs"]:
        problems.add(file, located.line_of(("cost",)), "cost",
                     f"{shorten(meta.cost)} is not a known cost; {one_of(terms['costs'])}")
    check_list(problems, file, located, "references", meta.references, k.references, "reference key",
               "add it to data/references.yml or fix the key")
    check_list(problems, file, located, "criteria", meta.criteria, k.criteria, "award criterion",
               f"use an id from {k.scheme_file}")
    check_list(problems, file, located, "related", meta.related, k.strategies - {sid}, "strategy",
               "use the file name (without .md) of another strategy in strategies/")
    if not partial and meta.review_due <= meta.reviewed:
        problems.add(file, located.line_of(("review_due",)), "review_due", "must be after 'reviewed'")
    check_citations(body, file, body_line, k.references, set(meta.references), problems)
    return Strategy(sid, meta, body, file, body_line)


def check_module(mid: str, raw: tuple, k: Known, problems: Problems) -> Module:
    meta, parts, src, folder, located = raw
    file = f"{src}/module.yml"
    module_levels = set(k.levels) | set(k.module_kinds)
    if meta.level not in module_levels:
        problems.add(file, located.line_of(("level",)), "level",
                     f"{shorten(meta.level)} is not one of {', '.join(sorted(module_levels))}; use a level id or a "
                     f"module_kinds id from {k.scheme_file}")
    total = sum(a.minutes for a in meta.session_plan)
    if total != meta.duration_minutes:
        problems.add(file, located.line_of(("session_plan",)), "session_plan",
                     f"activity minutes add up to {total} but duration_minutes is {meta.duration_minutes}; "
                     "make them equal")
    check_list(problems, file, located, "criteria", meta.criteria, k.criteria, "award criterion",
               f"use an id from {k.scheme_file}")
    check_list(problems, file, located, "strategies", meta.strategies, k.strategies, "strategy",
               "use the file name (without .md) of a strategy in strategies/")
    check_list(problems, file, located, "prerequisites", meta.prerequisites, k.modules - {mid}, "module",
               "use the folder name of another module in training_modules/")
    check_list(problems, file, located, "references", meta.references, k.references, "reference key",
               "add it to data/references.yml or fix the key")
    if meta.review_due <= meta.reviewed:
        problems.add(file, located.line_of(("review_due",)), "review_due", "must be after 'reviewed'")
    for name, text in parts.items():
        check_citations(text, f"{src}/{name}", 1, k.references, set(meta.references), problems)
    return Module(mid, meta, parts, src, folder)


RESERVED_PREFIXES = ("area-", "role-")      # strategies/area-<id>, strategies/role-<id> are generated index pages


def fixed_pages(root: Path) -> set[str]:
    """Every page source that is not a strategy, level or module: the generated fixed pages and docs/ files."""
    fixed = {v for k, v in vars(paths).items() if k.isupper() and isinstance(v, str) and v.endswith(".md")}
    docs = root / "docs"
    if docs.is_dir():
        fixed |= {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    return fixed


def check_reserved(root: Path, strategies: dict, scheme, modules: dict, problems: Problems) -> None:
    """No content file may take the address of a generated page or of another page: refused naming the file."""
    fixed = fixed_pages(root)
    for sid, entry in strategies.items():
        src = paths.strategy(sid)
        if src in fixed or sid.startswith(RESERVED_PREFIXES) or sid in ("tags", "index", "search", "assets"):
            problems.add(entry[2], None, "(file name)",
                         f"'{sid}' is reserved for a page the site generates ({src}); rename the file")
    for mid, entry in modules.items():
        if paths.module(mid) in fixed or mid in ("index", "assets"):
            problems.add(entry[2], None, "(folder name)",
                         f"'{mid}' is reserved for a page the site generates ({paths.module(mid)}); rename the folder")
    for i, lv in enumerate(scheme.levels if scheme else []):
        if paths.level(lv.id) in fixed or lv.id in ("index", "assets"):
            problems.add("data/scheme.yml", None, f"levels[{i}].id",
                         f"'{lv.id}' is reserved for a page the site generates ({paths.level(lv.id)}); use another id")




def check_scheme(scheme: Scheme, loc, file: str, areas: dict, problems: Problems, area_word: str = "area") -> None:
    level_ids = [lv.id for lv in scheme.levels]
    for i, first in repeats(lv.id for lv in scheme.levels)[1]:
        problems.add(file, loc.line_of(("levels", i, "id")), f"levels[{i}].id",
                     f"duplicate level id {shorten(scheme.levels[i].id)} (first at levels[{first}]); ids must be unique")
    for i, first in repeats(c.id for c in scheme.criteria)[1]:
        problems.add(file, loc.line_of(("criteria", i, "id")), f"criteria[{i}].id",
                     f"duplicate criterion id {shorten(scheme.criteria[i].id)} (also at line "
                     f"{loc.line_of(('criteria', first, 'id'))}); give each criterion its own id")
    for i, c in enumerate(scheme.criteria):
        if c.level not in level_ids:
            problems.add(file, loc.line_of(("criteria", i, "level")), f"criteria[{i}].level",
                         f"{shorten(c.level)} is not one of {', '.join(level_ids)}")
        for j, a in enumerate(c.areas):
            if a not in areas:
                problems.add(file, loc.line_of(("criteria", i, "areas", j)), f"criteria[{i}].areas[{j}]",
                             f"{shorten(a)} is not a known {area_word}; use one of {', '.join(sorted(areas))}")
    for lv in scheme.levels:
        if not any(c.level == lv.id for c in scheme.criteria):
            problems.add(file, loc.line_of(("levels",)), "levels", f"level {shorten(lv.id)} has no criteria; add some")
    _check_module_kinds(scheme, loc, file, problems)
    check_scheme_rules(scheme, loc, file, problems)


def _check_module_kinds(scheme: Scheme, loc, file: str, problems: Problems) -> None:
    """Module kinds beyond the levels: each id once, and never a level's id (a module's level must mean one thing)."""
    level_ids = {lv.id for lv in scheme.levels}
    kinds = scheme.module_kinds
    for i, first in repeats(kd.id for kd in kinds)[1]:
        problems.add(file, loc.line_of(("module_kinds", i, "id")), f"module_kinds[{i}].id",
                     f"duplicate module kind id {shorten(kinds[i].id)} (first at module_kinds[{first}]); "
                     "ids must be unique")
    for i, kd in enumerate(kinds):
        if kd.id in level_ids:
            problems.add(file, loc.line_of(("module_kinds", i, "id")), f"module_kinds[{i}].id",
                         f"{shorten(kd.id)} is already a level id; modules for that level use the level, so remove "
                         "this kind or give it another id")


def check_areas_source(areas_file, loc, file: str, references: set[str], problems: Problems) -> None:
    """The areas' source is a reference the references page lists, so every area page can cite it."""
    if areas_file.source not in references:
        problems.add(file, loc.line_of(("source",)), "source",
                     f"{shorten(areas_file.source)} is not a reference key; add it to data/references.yml or use "
                     "the key of the document that sets out the areas")




def validate_schools(loc, file: str, scheme: Scheme | None, build_date: dt.date, problems: Problems) -> SchoolsFile | None:
    """Validate the schools file school by school, so one bad record never hides the cross-checks (duplicate URNs,
    level order, dates) on all the others. Returns None when anything is wrong."""
    raw = loc.data if loc.data is not None else {}
    if not isinstance(raw, dict):
        problems.add(file, 1, "(file)", "must be a mapping with 'sample_data' and 'schools'")
        return None
    for key, fix in (("sample_data", "add 'sample_data: true' (fictional examples) or 'sample_data: false' (the real "
                                     "register)"), ("schools", "add 'schools:' followed by the list of schools")):
        if key not in raw:
            problems.add(file, 1, key, f"is required, so an empty or cut-short register is never published as "
                         f"real; {fix}")
    items = raw.get("schools") or []
    head = validate_into(SchoolsFile, yamlio.Located({**raw, "schools": []}, loc.node), file, problems)
    if not isinstance(items, list):
        problems.add(file, loc.line_of(("schools",)), "schools", "must be a list of schools, each starting with '- urn:'")
        return None
    before = len(problems.items)
    valid: list[tuple[int, School]] = []
    for i, item in enumerate(items):
        try:
            valid.append((i, School.model_validate(item)))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                problems.add(file, loc.line_of(("schools", i, *err["loc"])), field_path(tuple(err["loc"])), describe(err))
    if scheme is not None:
        _check_schools(valid, loc, file, scheme, build_date, problems)
    if head is None or len(problems.items) > before:
        return None
    return head.model_copy(update={"schools": [s for _, s in valid]})


def _check_schools(indexed: list[tuple[int, School]], loc, file: str, scheme: Scheme, build_date: dt.date,
                   problems: Problems) -> None:
    order = {lv.id: i for i, lv in enumerate(scheme.levels)}
    level_list = ", ".join(order)
    seen: dict[str, int] = {}
    for i, s in indexed:
        line = loc.line_of(("schools", i, "urn"))
        if s.urn in seen:
            problems.add(file, line, "urn", f"duplicate URN {s.urn} (also at line {seen[s.urn]}); each school "
                         "appears once: merge the two entries")
        else:
            seen[s.urn] = line
        highest = -1
        for j, a in enumerate(s.awards):
            aline = loc.line_of(("schools", i, "awards", j, "level"))
            if a.level not in order:
                problems.add(file, aline, f"awards[{j}].level", f"{shorten(a.level)} is not one of {level_list}")
                continue
            rank = order[a.level]
            if rank > highest + 1:
                needed = list(order)[highest + 1]
                problems.add(file, aline, f"awards[{j}].level",
                             f"{shorten(a.level)} gained out of order: levels are taken in order, so {shorten(needed)} must come "
                             "first; list awards oldest first")
            highest = max(highest, rank)
            if a.awarded > build_date:
                problems.add(file, loc.line_of(("schools", i, "awards", j, "awarded")), f"awards[{j}].awarded",
                             f"{a.awarded} is after the build date {build_date}; awards cannot be dated in the future")
            if a.expires is not None and a.expires <= a.awarded:
                problems.add(file, loc.line_of(("schools", i, "awards", j, "expires")), f"awards[{j}].expires",
                             f"{a.expires} must be after the award date {a.awarded}")
            if j > 0 and a.awarded < s.awards[j - 1].awarded:
                problems.add(file, loc.line_of(("schools", i, "awards", j, "awarded")), f"awards[{j}].awarded",
                             "awards must be listed oldest first")
        if s.arc_registered is not None and s.arc_registered > build_date:
            problems.add(file, loc.line_of(("schools", i, "arc_registered")), "arc_registered",
                         f"{s.arc_registered} is after the build date {build_date}")


