"""Refresh the register from a Get Information about Schools (GIAS) establishment extract.

GIAS publishes every establishment in England as one CSV (``edubasealldataYYYYMMDD.csv``): Windows-1252 text, about
130 columns, about 50,000 rows and 60 MB. ``refresh`` streams it row by row (only the register's own schools are kept
in memory) and, for every school on the register, reports where GIAS differs on name, local authority or phase,
schools GIAS lists as closed (with the close date) and URNs GIAS does not know. ``apply`` makes the name, local
authority and phase changes in the schools file; it never touches award history.

Phases are mapped with ``data/gias-phases.yml``, a table a person can edit: the establishment type first (special
schools, pupil referral units, nursery schools, 16 plus providers), then the phase of education.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from pydantic import BaseModel, ConfigDict, ValidationError

from . import yamlio
from .models import Phase

URN, NAME, LA, PHASE, TYPE, STATUS, CLOSE = ("URN", "EstablishmentName", "LA (name)", "PhaseOfEducation (name)",
                                              "TypeOfEstablishment (name)", "EstablishmentStatus (name)", "CloseDate")
REQUIRED = (URN, NAME, LA, PHASE, TYPE, STATUS, CLOSE)
MAPPING_FILE = "data/gias-phases.yml"
SNIFF = 1 << 20                  # bytes read to tell UTF-8 from Windows-1252
FIELD_LIMIT = 1 << 20            # GIAS cells are short; a longer one means the file is not a GIAS extract


class GiasError(Exception):
    """The extract or the mapping cannot be used; the message says why and what to do."""


class PhaseMap(BaseModel):
    model_config = ConfigDict(extra="forbid")
    types: dict[str, Phase] = {}
    phases: dict[str, Phase] = {}


@dataclass
class GiasRecord:
    name: str
    local_authority: str
    phase: str | None            # a register phase, or None when the mapping has no entry
    gias_phase: str
    gias_type: str
    status: str
    close_date: dt.date | None


@dataclass
class Change:
    urn: str
    field: str                   # name | local_authority | phase
    old: str
    new: str


@dataclass
class Report:
    rows_read: int = 0
    changes: list[Change] = field(default_factory=list)
    closed: list[tuple[str, str, dt.date | None]] = field(default_factory=list)   # urn, name, close date
    unknown: list[tuple[str, str]] = field(default_factory=list)                   # urn, name on the register
    unmapped: list[tuple[str, str, str]] = field(default_factory=list)             # urn, GIAS type, GIAS phase
    encoding: str = ""

    def lines(self) -> list[str]:
        out = [f"{c.urn}: {c.field.replace('_', ' ')} {c.old!r} -> {c.new!r}" for c in self.changes]
        out += [f"{urn}: {name!r} is closed in GIAS" + (f" (closed {d:%d/%m/%Y})" if d else "")
                + "; its award history is kept: remove it from the register or record why it stays"
                for urn, name, d in self.closed]
        out += [f"{urn}: {name!r} is not in this GIAS extract; check the URN (a typing slip, or a school "
                "that was never open)" for urn, name in self.unknown]
        out += [f"{urn}: GIAS type {t!r} with phase {p!r} has no register phase in {MAPPING_FILE}; add one"
                for urn, t, p in self.unmapped]
        return out


def load_mapping(root: Path) -> PhaseMap:
    path = root / MAPPING_FILE
    try:
        data = yamlio.read(path).data or {}
        return PhaseMap.model_validate(data)
    except FileNotFoundError:
        raise GiasError(f"{MAPPING_FILE} is missing; restore it from the repository") from None
    except yamlio.YamlSyntaxError as exc:
        raise GiasError(f"{MAPPING_FILE}:{exc.line}: {exc.message}") from None
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"])
        raise GiasError(f"{MAPPING_FILE}: {where}: {str(err.get('input'))[:60]!r} is not a register phase; use one "
                        f"of {', '.join(get_args(Phase))}") from None


def map_phase(mapping: PhaseMap, gias_type: str, gias_phase: str) -> str | None:
    return mapping.types.get(gias_type) or mapping.phases.get(gias_phase)


def _sniff(path: Path) -> str:
    """UTF-8 when the file starts with a byte-order mark or is valid UTF-8 with non-ASCII text, otherwise
    Windows-1252 (what GIAS publishes)."""
    with open(path, "rb") as raw:
        head = raw.read(SNIFF)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise GiasError(f"{path.name} is UTF-16 text (Excel's 'Unicode Text'); use the CSV exactly as downloaded "
                        "from Get Information about Schools, or save it as 'CSV UTF-8'")
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "utf-8" if exc.start >= len(head) - 4 and len(head) == SNIFF else "cp1252"   # a char cut at the end
    return "utf-8" if any(b > 127 for b in head) else "cp1252"


class _Lines:
    """Decode the file line by line, so a bad byte is reported on its own line number."""

    def __init__(self, raw, encoding: str):
        self.raw, self.encoding, self.line = raw, encoding, 0

    def __iter__(self):
        for data in self.raw:
            self.line += 1
            if self.line == 1 and self.encoding == "utf-8-sig":
                data = data.removeprefix(codecs.BOM_UTF8)
            yield data.decode("utf-8" if self.encoding == "utf-8-sig" else self.encoding)


def _close_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def read_extract(path: Path, urns: set[str], mapping: PhaseMap) -> tuple[dict[str, GiasRecord], int, str]:
    """Stream the extract; returns the records of the given URNs, the number of rows read and the encoding."""
    csv.field_size_limit(FIELD_LIMIT)
    encoding = _sniff(path) if path.is_file() else ""
    try:
        raw = open(path, "rb")
    except OSError as exc:
        raise GiasError(f"{path}: cannot be opened ({exc.strerror or exc})") from None
    found: dict[str, GiasRecord] = {}
    rows = 0
    lines = _Lines(raw, encoding)
    with raw:
        reader = csv.reader(lines)
        try:
            header = [h.strip() for h in next(reader, [])]
            missing = [c for c in REQUIRED if c not in header]
            if missing:
                raise GiasError(f"{path.name}: missing GIAS column(s) {', '.join(repr(c) for c in missing)}; download "
                                "the full 'Establishment fields CSV' from Get Information about Schools")
            at = {c: header.index(c) for c in REQUIRED}
            width = max(at.values())
            for cells in reader:
                rows += 1
                if len(cells) <= width or cells[at[URN]].strip() not in urns:
                    continue
                urn = cells[at[URN]].strip()
                gtype, gphase = cells[at[TYPE]].strip(), cells[at[PHASE]].strip()
                found[urn] = GiasRecord(cells[at[NAME]].strip(), cells[at[LA]].strip(),
                                        map_phase(mapping, gtype, gphase), gphase, gtype,
                                        cells[at[STATUS]].strip(), _close_date(cells[at[CLOSE]]))
        except UnicodeDecodeError as exc:
            raise GiasError(f"{path.name}: line {lines.line} is not {encoding} text ({exc.reason}); save the extract "
                            "again as GIAS publishes it (Windows-1252) or as UTF-8") from None
        except csv.Error as exc:
            raise GiasError(f"{path.name}: line {lines.line} cannot be read as CSV ({exc}); is this a GIAS "
                            "extract?") from None
    return found, rows, encoding


def refresh(root: Path, extract: Path, schools: list[dict]) -> Report:
    """Compare the register's schools (plain dicts as in data/schools.yml) with the extract."""
    mapping = load_mapping(root)
    by_urn = {str(s.get("urn")): s for s in schools if isinstance(s, dict)}
    found, rows, encoding = read_extract(extract, set(by_urn), mapping)
    report = Report(rows_read=rows, encoding=encoding)
    for urn, s in by_urn.items():
        g = found.get(urn)
        if g is None:
            report.unknown.append((urn, str(s.get("name"))))
            continue
        for name, new in (("name", g.name), ("local_authority", g.local_authority), ("phase", g.phase)):
            if new is None:
                report.unmapped.append((urn, g.gias_type, g.gias_phase))
            elif new and s.get(name) != new:
                report.changes.append(Change(urn, name, str(s.get(name)), new))
        if g.status.casefold().startswith("closed"):
            report.closed.append((urn, str(s.get("name")), g.close_date))
    return report


def apply(schools: list[dict], report: Report) -> int:
    """Make the reported name, local authority and phase changes in place; awards are never touched."""
    by_urn = {str(s.get("urn")): s for s in schools if isinstance(s, dict)}
    for c in report.changes:
        by_urn[c.urn][c.field] = c.new
    return len(report.changes)
