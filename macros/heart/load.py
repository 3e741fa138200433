"""Load every data file and content source once, validate it, and cross-check the links between them.

``load_site(root)`` returns a ``Site`` or raises ``ContentError`` listing every problem (file, line, field, fix).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import paths, yamlio
from .errors import Problems
from .safety import markdown_problems
from .yamlio import shorten
from .models import (AreasFile, Area, Criterion, Level, ModuleMeta, Reference, Scheme, School, SchoolsFile,
                     StrategyMeta, Vocabulary)

KEY = r"[a-z0-9][a-z0-9-]*"          # reference keys, strategy and module ids
CITATION = re.compile(rf"\[(@{KEY}(?:\s*;\s*@{KEY})*)\]")   # [@key] or [@a; @b]: the one definition of a citation
CITATION_KEY = re.compile(rf"@({KEY})")                         # each key inside a CITATION match
STRATEGY_HEADINGS = ["## What it is", "## Why it helps", "## How to do it", "### In a primary school",
                     "### In a secondary school", "## What to avoid", "## Adaptations", "## Safeguarding"]
# training modules may also be for new staff or for the school's leads, beyond the award's own levels
EXTRA_MODULE_LEVELS = [("induction", "Induction"), ("lead", "Lead programme")]
MODULE_FILES = ["module.yml", "slides.md", "facilitator-notes.md", "handouts.md", "case-examples.md",
                "reflective-activities.md", "safeguarding.md"]


# ---------------------------------------------------------------- domain objects
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
    # derived links, built once from the single owner of each link
    criterion_strategies: dict[str, list[str]] = field(default_factory=dict)
    criterion_modules: dict[str, list[str]] = field(default_factory=dict)
    strategy_modules: dict[str, list[str]] = field(default_factory=dict)

    @property
    def levels(self) -> dict[str, Level]:
        return {lv.id: lv for lv in self.scheme.levels}

    @property
    def criteria(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.scheme.criteria}

    @property
    def module_levels(self) -> dict[str, str]:
        """Module level id -> name, in display order: the scheme's levels, then induction and lead."""
        return {**{lv.id: lv.name for lv in self.scheme.levels}, **dict(EXTRA_MODULE_LEVELS)}

    @cached_property
    def statuses(self) -> list:
        """Every school's award status as of the build date, derived once and shared by every renderer."""
        from .register import all_statuses
        return all_statuses(self.schools.schools, self.scheme, self.build_date)

    def label(self, vocab: str, term_id: str) -> str:
        for t in getattr(self.vocab, vocab):
            if t.id == term_id:
                return t.label
        return term_id


# ---------------------------------------------------------------- error formatting
def _path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed(ctx: dict | None) -> str:
    expected = (ctx or {}).get("expected", "")
    return expected.replace("'", "")


def describe(err: dict) -> str:
    """Turn one pydantic error into a sentence a content editor can act on."""
    kind, value, loc = err["type"], err.get("input"), err["loc"]
    name = str(loc[-1]) if loc else ""
    if kind == "value_error":
        return str((err.get("ctx") or {}).get("error") or err["msg"])
    if kind == "missing":
        return "is required but missing; add it"
    if kind == "extra_forbidden":
        return "is not a field this file allows; check the spelling or remove it"
    if kind == "string_type":
        if value is None:
            return "is empty; write a value after the colon (or delete the line if the field is optional)"
        if isinstance(value, bool):
            return (f"YAML read this as {value} (words like no, yes, on, off are booleans in YAML 1.1); "
                    "put the text in quotes")
        if isinstance(value, int) and name == "urn":
            return (f"URN must be a quoted string: YAML read it as the number {value} (and drops leading zeros or "
                    "reads 0-prefixed numbers as octal); write it in quotes, e.g. urn: \"012345\"")
        if isinstance(value, (int, float)):
            return f"YAML read {shorten(value)} as a number; put it in quotes to make it text"
        if isinstance(value, (dt.date, dt.datetime)):
            return f"YAML read {shorten(value)} as a date; put it in quotes to make it text"
        return f"must be text, not {type(value).__name__}"
    if kind == "string_pattern_mismatch":
        if name == "urn":
            return f"{shorten(value)} is not a URN: a URN is exactly 6 digits, in quotes, e.g. \"100001\""
        if name in ("cohort",) or "id" in name or isinstance(loc[-1], int):
            return (f"{shorten(value)} is not a valid id: use lowercase letters, digits and hyphens, "
                    "starting with a letter or digit")
        if name == "url":
            return f"{shorten(value)} must be a full https:// address"
        return f"{shorten(value)} has the wrong form"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"is too long (at most {err.get('ctx', {}).get('max_length')} characters); shorten it"
    if kind == "literal_error":
        return f"{shorten(value)} is not one of {_allowed(err.get('ctx'))}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"{shorten(value)} is not a valid date; write it as YYYY-MM-DD, e.g. 2026-03-14"
    if kind in ("int_type", "int_parsing"):
        return f"{shorten(value)} must be a whole number"
    if kind == "bool_type":
        return f"{shorten(value)} must be true or false"
    if kind in ("list_type",):
        return "must be a list (one item per line starting with '- ', or [a, b])"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "must be a mapping of fields (key: value lines)"
    if kind == "too_short":
        return "must not be empty; add at least one item"
    if kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        return f"{shorten(value)} is out of range ({err['msg'].lower()})"
    return err["msg"]


def validate_into(model: type[BaseModel], located: yamlio.Located, file: str, problems: Problems,
                  strip_prefix: int = 0) -> Any:
    data = located.data if located.data is not None else {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            problems.add(file, located.line_of(loc), _path(loc[strip_prefix:]) or "(file)", describe(err))
        return None


def _rel(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_yaml(root: Path, path: Path, problems: Problems, line_offset: int = 0, text: str | None = None):
    file = _rel(root, path)
    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
        located = yamlio.parse(text, line_offset)
        if located.data is None:
            what = "is empty" if not text.strip() else "holds only comments"
            problems.add(file, None, "(file)", f"{what}: an empty file is never published as real data; restore its "
                         "content from the repository")
            return None
        return located
    except FileNotFoundError:
        problems.add(file, None, "(file)", "is missing; restore it from the repository")
    except UnicodeDecodeError:
        problems.add(file, None, "(file)", "is not UTF-8 text; save it as UTF-8")
    except yamlio.YamlSyntaxError as exc:
        problems.add(file, exc.line, "(syntax)", exc.message)
    return None


# ---------------------------------------------------------------- build date
def build_date_from_env(default: dt.date | None = None) -> dt.date:
    """The date the site is built 'as of': SOURCE_DATE_EPOCH when set (reproducible builds), else HEART_BUILD_DATE
    (YYYY-MM-DD), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            if not epoch.strip().isdigit():
                raise ValueError
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            _env_error("SOURCE_DATE_EPOCH", epoch, "must be a whole number of seconds since 1970-01-01 UTC, "
                       "e.g. 1795392000; unset it to build as of today")
    pinned = os.environ.get("HEART_BUILD_DATE")
    if pinned:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", pinned.strip()):
                raise ValueError
            return dt.date.fromisoformat(pinned.strip())
        except ValueError:
            _env_error("HEART_BUILD_DATE", pinned, "must be a real date written YYYY-MM-DD, e.g. 2026-11-23; "
                       "unset it to build as of today")
    return default or dt.date.today()


def _env_error(name: str, value: str, fix: str):
    from .errors import ContentError, Problem
    raise ContentError([Problem(f"environment variable {name}", None, "", f"{shorten(value)} {fix}")])


# ---------------------------------------------------------------- loading
def _check_citations(text: str, file: str, first_line: int, refs: dict, listed: set | None, problems: Problems,
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


def _load_strategies(root: Path, sdir: Path, problems: Problems) -> dict[str, tuple[StrategyMeta, str, str, int, yamlio.Located]]:
    out = {}
    for path in sorted(sdir.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        file = _rel(root, path)
        sid = path.stem
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", sid):
            problems.add(file, None, "(file name)", "strategy file names use lowercase letters, digits and hyphens")
            continue
        text = path.read_text(encoding="utf-8")
        fm, body, body_line = yamlio.split_front_matter(text)
        if fm is None:
            problems.add(file, 1, "(front matter)", "is missing: start the file with '---', the fields, then '---'")
            continue
        located = _read_yaml(root, path, problems, line_offset=1, text=fm)
        if located is None:
            continue
        meta = validate_into(StrategyMeta, located, file, problems)
        if meta is None:
            # keep the id known (no cascade of 'unknown strategy' errors) and still cross-check what we can
            raw = located.data if isinstance(located.data, dict) else {}
            meta = _Partial(raw)
        # required headings, in order
        lines = body.split("\n")
        pos = -1
        for heading in STRATEGY_HEADINGS:
            idx = next((i for i, ln in enumerate(lines) if ln.strip() == heading), None)
            if idx is None:
                problems.add(file, body_line, "body", f"is missing the heading '{heading}'; see strategies/README.md")
            elif idx < pos:
                problems.add(file, body_line + idx, "body", f"heading '{heading}' is out of order; see strategies/README.md")
            else:
                pos = idx
        for line, message in markdown_problems(body, body_line):
            problems.add(file, line, "body", message)
        out[sid] = (meta, body, file, body_line, located)
    return out


class _Partial:
    """Stands in for front matter that failed validation, so its links can still be cross-checked."""
    partial = True

    def __init__(self, raw: dict):
        self._raw = raw

    def __getattr__(self, name):
        value = self._raw.get(name)
        if name in ("areas", "phases", "roles", "evidence", "references", "criteria", "related", "tags",
                    "strategies", "prerequisites", "session_plan"):
            return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        return value


def _load_modules(root: Path, mdir: Path, problems: Problems, failed: set[str]):
    out = {}
    if not mdir.is_dir():
        return out
    for folder in sorted(p for p in mdir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        mid = folder.name
        src = _rel(root, folder)
        missing = [name for name in MODULE_FILES if not (folder / name).is_file()]
        for name in missing:
            problems.add(f"{src}/{name}", None, "(file)", "is a required part of every module and is missing; "
                         "copy it from another module and edit it")
        if "module.yml" in missing:
            failed.add(mid)
            continue
        located = _read_yaml(root, folder / "module.yml", problems)
        if located is None:
            failed.add(mid)
            continue
        meta = validate_into(ModuleMeta, located, f"{src}/module.yml", problems)
        if meta is None:
            failed.add(mid)     # still a known id: no follow-on 'unknown module' errors elsewhere
            continue
        parts = {name: (folder / name).read_text(encoding="utf-8") for name in MODULE_FILES[1:] if name not in missing}
        out[mid] = (meta, parts, src, folder, located)
    return out


def load_site(root: Path | str, build_date: dt.date | None = None, *, schools_file: str = "data/schools.yml",
              scheme_file: str = "data/scheme.yml") -> Site:
    root = Path(root).resolve()
    build_date = build_date or build_date_from_env()
    problems = Problems()

    # -- simple data files
    loc = _read_yaml(root, root / "data/areas.yml", problems)
    areas_file = validate_into(AreasFile, loc, "data/areas.yml", problems) if loc else None
    areas = {a.id: a for a in areas_file.areas} if areas_file else {}

    loc = _read_yaml(root, root / "data/vocabulary.yml", problems)
    vocab = validate_into(Vocabulary, loc, "data/vocabulary.yml", problems) if loc else None

    loc = _read_yaml(root, root / "data/references.yml", problems)
    references: dict[str, Reference] = {}
    failed_refs: set[str] = set()       # keys whose entry is wrong: reported once, still known to citations
    if loc is not None:
        if not isinstance(loc.data, dict):
            problems.add("data/references.yml", 1, "(file)", "must be a mapping of reference keys to entries")
        else:
            for key, entry in loc.data.items():
                if not isinstance(key, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
                    problems.add("data/references.yml", loc.line_of((key,)), str(key),
                                 "reference keys use lowercase letters, digits and hyphens")
                    continue
                try:
                    references[key] = Reference.model_validate(entry)
                except ValidationError as exc:
                    failed_refs.add(key)
                    for err in exc.errors(include_url=False):
                        path = (key, *err["loc"])
                        problems.add("data/references.yml", loc.line_of(path), _path(path), describe(err))

    seen_titles: dict[tuple, str] = {}
    for key, ref in references.items():
        ident = (re.sub(r"\W+", " ", ref.title.lower()).strip(), ref.year)
        if ident in seen_titles:
            problems.add("data/references.yml", loc.line_of((key,)), key,
                         f"is the same work as '{seen_titles[ident]}'; keep one key and use it everywhere")
        seen_titles.setdefault(ident, key)

    # -- the scheme
    loc = _read_yaml(root, root / scheme_file, problems)
    scheme = validate_into(Scheme, loc, scheme_file, problems) if loc else None
    if scheme is not None:
        _check_scheme(scheme, loc, scheme_file, areas, problems)

    # -- strategies and modules
    raw_strategies = _load_strategies(root, root / "strategies", problems)
    failed_modules: set[str] = set()
    raw_modules = _load_modules(root, root / "training_modules", problems, failed_modules)

    # -- schools
    loc = _read_yaml(root, root / schools_file, problems)
    schools = validate_schools(loc, schools_file, scheme, build_date, problems) if loc else None

    if scheme is None or vocab is None:
        problems.raise_if_any()     # nothing else can be cross-checked without these

    criteria_ids = {c.id for c in scheme.criteria}
    level_ids = [lv.id for lv in scheme.levels]
    strategy_ids = set(raw_strategies)
    module_ids = set(raw_modules) | failed_modules
    known_refs = set(references) | failed_refs
    terms = {name: {t.id for t in getattr(vocab, name)} for name in ("phases", "roles", "evidence_types", "costs")}

    def check_list(file, located, field_name, values, allowed, what, fix):
        for i, value in enumerate(values):
            if value not in allowed:
                problems.add(file, located.line_of((field_name, i)), f"{field_name}[{i}]",
                             f"{shorten(value)} is not a known {what}; {fix}")

    strategies: dict[str, Strategy] = {}
    for sid, (meta, body, file, body_line, located) in raw_strategies.items():
        partial = isinstance(meta, _Partial)
        check_list(file, located, "areas", meta.areas, areas, "Call to Action area",
                   f"use one of {', '.join(sorted(areas))}")
        check_list(file, located, "phases", meta.phases, terms["phases"], "phase",
                   f"use one of {', '.join(sorted(terms['phases']))}")
        check_list(file, located, "roles", meta.roles, terms["roles"], "role",
                   f"use one of {', '.join(sorted(terms['roles']))}")
        check_list(file, located, "evidence", meta.evidence, terms["evidence_types"], "evidence type",
                   f"use one of {', '.join(sorted(terms['evidence_types']))}")
        if not partial and meta.cost not in terms["costs"]:
            problems.add(file, located.line_of(("cost",)), "cost",
                         f"{shorten(meta.cost)} is not a known cost; use one of {', '.join(sorted(terms['costs']))}")
        check_list(file, located, "references", meta.references, known_refs, "reference key",
                   "add it to data/references.yml or fix the key")
        check_list(file, located, "criteria", meta.criteria, criteria_ids, "award criterion",
                   f"use an id from {scheme_file}")
        check_list(file, located, "related", meta.related, strategy_ids - {sid}, "strategy",
                   "use the file name (without .md) of another strategy in strategies/")
        if not partial and meta.review_due <= meta.reviewed:
            problems.add(file, located.line_of(("review_due",)), "review_due", "must be after 'reviewed'")
        _check_citations(body, file, body_line, known_refs, set(meta.references), problems)
        strategies[sid] = Strategy(sid, meta, body, file, body_line)

    module_levels = set(level_ids) | {lid for lid, _ in EXTRA_MODULE_LEVELS}
    modules: dict[str, Module] = {}
    for mid, (meta, parts, src, folder, located) in raw_modules.items():
        file = f"{src}/module.yml"
        if meta.level not in module_levels:
            problems.add(file, located.line_of(("level",)), "level",
                         f"{shorten(meta.level)} is not one of {', '.join(sorted(module_levels))}")
        total = sum(a.minutes for a in meta.session_plan)
        if total != meta.duration_minutes:
            problems.add(file, located.line_of(("session_plan",)), "session_plan",
                         f"activity minutes add up to {total} but duration_minutes is {meta.duration_minutes}; "
                         "make them equal")
        check_list(file, located, "criteria", meta.criteria, criteria_ids, "award criterion",
                   f"use an id from {scheme_file}")
        check_list(file, located, "strategies", meta.strategies, strategy_ids, "strategy",
                   "use the file name (without .md) of a strategy in strategies/")
        check_list(file, located, "prerequisites", meta.prerequisites, module_ids - {mid}, "module",
                   "use the folder name of another module in training_modules/")
        check_list(file, located, "references", meta.references, known_refs, "reference key",
                   "add it to data/references.yml or fix the key")
        if meta.review_due <= meta.reviewed:
            problems.add(file, located.line_of(("review_due",)), "review_due", "must be after 'reviewed'")
        for name, text in parts.items():
            _check_citations(text, f"{src}/{name}", 1, known_refs, set(meta.references), problems)
        modules[mid] = Module(mid, meta, parts, src, folder)

    _check_reserved(root, raw_strategies, scheme, raw_modules, problems)
    problems.raise_if_any()

    site = Site(root=root, build_date=build_date, areas=areas, vocab=vocab, references=references, scheme=scheme,
                strategies=strategies, modules=modules, schools=schools, schools_source=schools_file)
    _derive_links(site)
    return site


RESERVED_PREFIXES = ("area-", "role-")      # strategies/area-<id>, strategies/role-<id> are generated index pages


def _fixed_pages(root: Path) -> set[str]:
    """Every page source that is not a strategy, level or module: the generated fixed pages and docs/ files."""
    fixed = {v for k, v in vars(paths).items() if k.isupper() and isinstance(v, str) and v.endswith(".md")}
    docs = root / "docs"
    if docs.is_dir():
        fixed |= {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    return fixed


def _check_reserved(root: Path, strategies: dict, scheme, modules: dict, problems: Problems) -> None:
    """No content file may take the address of a generated page or of another page: refused naming the file."""
    fixed = _fixed_pages(root)
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


def _check_scheme(scheme: Scheme, loc, file: str, areas: dict, problems: Problems) -> None:
    level_ids = [lv.id for lv in scheme.levels]
    seen_levels: dict[str, int] = {}
    for i, lv in enumerate(scheme.levels):
        if lv.id in seen_levels:
            problems.add(file, loc.line_of(("levels", i, "id")), f"levels[{i}].id",
                         f"duplicate level id {shorten(lv.id)} (first at levels[{seen_levels[lv.id]}]); ids must be unique")
        seen_levels.setdefault(lv.id, i)
    seen: dict[str, int] = {}
    for i, c in enumerate(scheme.criteria):
        if c.id in seen:
            problems.add(file, loc.line_of(("criteria", i, "id")), f"criteria[{i}].id",
                         f"duplicate criterion id {shorten(c.id)} (also at line {loc.line_of(('criteria', seen[c.id], 'id'))}); "
                         "give each criterion its own id")
        seen.setdefault(c.id, i)
        if c.level not in level_ids:
            problems.add(file, loc.line_of(("criteria", i, "level")), f"criteria[{i}].level",
                         f"{shorten(c.level)} is not one of {', '.join(level_ids)}")
        for j, a in enumerate(c.areas):
            if a not in areas:
                problems.add(file, loc.line_of(("criteria", i, "areas", j)), f"criteria[{i}].areas[{j}]",
                             f"{shorten(a)} is not a Call to Action area; use one of {', '.join(sorted(areas))}")
    for lv in scheme.levels:
        if not any(c.level == lv.id for c in scheme.criteria):
            problems.add(file, loc.line_of(("levels",)), "levels", f"level {shorten(lv.id)} has no criteria; add some")


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
                problems.add(file, loc.line_of(("schools", i, *err["loc"])), _path(tuple(err["loc"])), describe(err))
    if scheme is not None:
        _check_schools(valid, loc, file, scheme, build_date, problems)
    if head is None or len(problems.items) > before:
        return None
    return SchoolsFile(sample_data=head.sample_data, sample_note=head.sample_note, schools=[s for _, s in valid])


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


def _derive_links(site: Site) -> None:
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
