"""Files: read every data file and content source (YAML with line numbers, strategy front matter and bodies,
module folders) and validate each into its pydantic model. Cross-file checks are in checks.py."""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from pathlib import Path

from pydantic import ValidationError

from .. import yamlio
from ..errors import ContentError, Problem, Problems
from ..models import Area, AreasFile, ModuleMeta, Reference, StrategyMeta
from ..safety import markdown_problems
from ..yamlio import shorten
from .messages import describe, field_path, validate_into
from .site import KEY

STRATEGY_HEADINGS = ["## What it is", "## Why it helps", "## How to do it", "### In a primary school",
                     "### In a secondary school", "## What to avoid", "## Adaptations", "## Safeguarding"]
AREAS_FILE = "data/areas.yml"
MODULE_FILES = ["module.yml", "slides.md", "facilitator-notes.md", "handouts.md", "case-examples.md",
                "reflective-activities.md", "safeguarding.md"]


def rel_path(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(root: Path, path: Path, problems: Problems) -> str | None:
    """A content file as NFC-normalised text, or None with a problem (missing, not UTF-8)."""
    try:
        return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.add(rel_path(root, path), None, "(file)", "is missing; restore it from the repository")
    except UnicodeDecodeError:
        problems.add(rel_path(root, path), None, "(file)", "is not UTF-8 text; save it as UTF-8")
    return None


def read_yaml(root: Path, path: Path, problems: Problems, line_offset: int = 0, text: str | None = None):
    """Parsed YAML with line numbers, or None with a problem (missing, not UTF-8, syntax, empty)."""
    file = rel_path(root, path)
    if text is None:
        text = read_text(root, path, problems)
        if text is None:
            return None
    try:
        located = yamlio.parse(text, line_offset)
    except yamlio.YamlSyntaxError as exc:
        problems.add(file, exc.line, "(syntax)", exc.message)
        return None
    if located.data is None:
        what = "is empty" if not text.strip() else "holds only comments"
        problems.add(file, None, "(file)", f"{what}: an empty file is never published as real data; restore its "
                     "content from the repository")
        return None
    return located


def load_model(root: Path, file: str, model, problems: Problems):
    """(validated model or None, located YAML or None) for one data file."""
    loc = read_yaml(root, root / file, problems)
    return (validate_into(model, loc, file, problems) if loc else None), loc


# ---------------------------------------------------------------- build date
def build_date_from_env(default: dt.date | None = None) -> dt.date:
    """The date the site is built 'as of': SOURCE_DATE_EPOCH when set (reproducible builds), else HEART_BUILD_DATE
    (YYYY-MM-DD), else today. A malformed value is one clear ContentError, never a traceback."""
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
    raise ContentError([Problem(f"environment variable {name}", None, "", f"{shorten(value)} {fix}")])


# ---------------------------------------------------------------- data files
def load_areas(root: Path, problems: Problems) -> tuple[dict, AreasFile | None, yamlio.Located | None]:
    """(areas by id, the whole file or None, its located YAML for line numbers). A bad ``framework`` or ``source``
    still keeps the valid areas, so it is one error, not a cascade of 'not a known area' on every criterion."""
    areas_file, loc = load_model(root, AREAS_FILE, AreasFile, problems)
    if areas_file is not None:
        return {a.id: a for a in areas_file.areas}, areas_file, loc
    items = loc.data.get("areas") if loc is not None and isinstance(loc.data, dict) else None
    areas = {}
    for item in items if isinstance(items, list) else []:
        try:
            area = Area.model_validate(item)
        except ValidationError:
            continue            # already reported by load_model
        areas[area.id] = area
    return areas, None, loc


def load_references(root: Path, problems: Problems) -> tuple[dict[str, Reference], set[str]]:
    """(valid references by key, keys whose entry failed: reported once, still known to citations)."""
    file = "data/references.yml"
    loc = read_yaml(root, root / file, problems)
    references: dict[str, Reference] = {}
    failed: set[str] = set()
    if loc is None:
        return references, failed
    if not isinstance(loc.data, dict):
        problems.add(file, 1, "(file)", "must be a mapping of reference keys to entries")
        return references, failed
    for key, entry in loc.data.items():
        if not isinstance(key, str) or not re.fullmatch(KEY, key):
            problems.add(file, loc.line_of((key,)), str(key), "reference keys use lowercase letters, digits and hyphens")
            continue
        try:
            references[key] = Reference.model_validate(entry)
        except ValidationError as exc:
            failed.add(key)
            for err in exc.errors(include_url=False):
                path = (key, *err["loc"])
                problems.add(file, loc.line_of(path), field_path(path), describe(err))
    seen_titles: dict[tuple, str] = {}
    for key, ref in references.items():
        ident = (re.sub(r"\W+", " ", ref.title.lower()).strip(), ref.year)
        if ident in seen_titles:
            problems.add(file, loc.line_of((key,)), key,
                         f"is the same work as '{seen_titles[ident]}'; keep one key and use it everywhere")
        seen_titles.setdefault(ident, key)
    return references, failed


# ---------------------------------------------------------------- strategies
class Partial:
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


def load_strategies(root: Path, problems: Problems) -> dict[str, tuple]:
    """strategy id -> (meta or Partial, body, file, body line, located front matter)."""
    out = {}
    for path in sorted((root / "strategies").glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        file, sid = rel_path(root, path), path.stem
        if not re.fullmatch(KEY, sid):
            problems.add(file, None, "(file name)", "strategy file names use lowercase letters, digits and hyphens")
            continue
        text = read_text(root, path, problems)
        fm, body, body_line = yamlio.split_front_matter(text) if text is not None else (None, "", 1)
        if fm is None:
            if text is not None:
                problems.add(file, 1, "(front matter)", "is missing: start the file with '---', the fields, then '---'")
            continue
        located = read_yaml(root, path, problems, line_offset=1, text=fm)
        if located is None:
            continue
        meta = validate_into(StrategyMeta, located, file, problems)
        if meta is None:     # keep the id known (no cascade of 'unknown strategy' errors), cross-check what we can
            meta = Partial(located.data if isinstance(located.data, dict) else {})
        _check_body(body, file, body_line, problems)
        out[sid] = (meta, body, file, body_line, located)
    return out


def _check_body(body: str, file: str, body_line: int, problems: Problems) -> None:
    """The required headings, in order, and no raw HTML or link that could run script or load from elsewhere."""
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


# ---------------------------------------------------------------- training modules
def load_modules(root: Path, problems: Problems) -> tuple[dict[str, tuple], set[str]]:
    """(module id -> (meta, parts, folder source, folder, located), ids of modules that failed: still known)."""
    out, failed = {}, set()
    mdir = root / "training_modules"
    if not mdir.is_dir():
        return out, failed
    for folder in sorted(p for p in mdir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        mid, src = folder.name, rel_path(root, folder)
        missing = [name for name in MODULE_FILES if not (folder / name).is_file()]
        for name in missing:
            problems.add(f"{src}/{name}", None, "(file)", "is a required part of every module and is missing; "
                         "copy it from another module and edit it")
        located = read_yaml(root, folder / "module.yml", problems) if "module.yml" not in missing else None
        meta = validate_into(ModuleMeta, located, f"{src}/module.yml", problems) if located else None
        if meta is None:
            failed.add(mid)     # still a known id: no follow-on 'unknown module' errors elsewhere
            continue
        parts = {name: read_text(root, folder / name, problems) for name in MODULE_FILES[1:] if name not in missing}
        parts = {k: v for k, v in parts.items() if v is not None}
        for name, text in parts.items():     # the same refusals as strategy bodies (the packs also sanitise)
            for line, message in markdown_problems(text, 1):
                problems.add(f"{src}/{name}", line, "text", message)
        out[mid] = (meta, parts, src, folder, located)
    return out, failed
