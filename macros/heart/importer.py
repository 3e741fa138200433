"""Import schools from a spreadsheet (an Excel workbook, or a CSV saved from Excel) into data/schools.yml.

A CSV is read as Excel saves it: UTF-8 with or without a byte-order mark, CRLF line ends, dates as DD/MM/YYYY; a
workbook (.xlsx) is read with openpyxl: the first sheet or a named one, real date cells or UK text dates, URNs stored
as numbers. Title rows above the header are skipped. Columns (any order, any case, common variants such as
"Establishment name" or "Award date", all taken from the model's field metadata in models/schools.py): URN, Name,
Phase, Local authority, Level, Date awarded, and, when present, ARC registered (a date), Cohort and Network (ids). One
row per award; a school with no award yet has Level and Date awarded empty. New schools are appended; new awards are added to schools already
in the file. Every bad row is reported, and nothing is written unless every row is good and the merged file passes
the same validation as the build (macros/heart/load/).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import yaml

from . import school_fields, yamlio
from .errors import Problems
from .load import build_date_from_env, validate_into, validate_schools
from .models import Phase, Scheme
from .spreadsheet import SpreadsheetError, Table, cell_date, cell_text, header_key, read_table, table_from_csv

COLUMNS = school_fields.columns()           # field -> accepted headers, from the model (models/schools.py)
REQUIRED = school_fields.required_columns()  # the headers every spreadsheet needs
OPTIONAL = [name for name in COLUMNS if name not in REQUIRED]   # read when present (ARC date, cohort, network)
LABELS = {f.name: f.label_for("audit partner") for f in (*school_fields.fields(), *school_fields.award_fields())}
KNOWN = {alias for aliases in COLUMNS.values() for alias in aliases}
PHASE_IDS = get_args(Phase)


@dataclass
class Result:
    problems: list[str] = field(default_factory=list)
    new_schools: int = 0
    new_awards: int = 0
    unchanged: int = 0
    changes: list[str] = field(default_factory=list)   # one line per school or award added, for --dry-run
    text: str = ""           # the merged YAML (empty when there are problems)


def _where(table: Table, number: int) -> str:
    return f"sheet {table.source.split('sheet ', 1)[1]}, row {number}" if ", sheet " in table.source else f"row {number}"


def _column(table: Table, i: int) -> str:
    """' (column C)' for a workbook, where people look for the letter; nothing for a CSV."""
    if ", sheet " not in table.source:
        return ""
    letters, n = "", i + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return f" (column {letters})"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def read_rows(table: Table, scheme: Scheme, build_date: dt.date, problems: list[str]) -> list[tuple[int, dict]]:
    """Check every row of the table; returns (spreadsheet row number, clean values) for the good ones."""
    header = table.header
    where = {}
    for i, h in enumerate(header):
        for name, aliases in COLUMNS.items():
            if header_key(h) in aliases and name not in where:
                where[name] = i
    missing = [COLUMNS[name][0] for name in REQUIRED if name not in where]
    if missing:
        problems.append(f"{_where(table, table.header_row)} (header): missing column(s) {', '.join(missing)}; "
                        f"the header row needs {', '.join(LABELS[n] for n in REQUIRED)}")
        return []
    label = {name: f"{header[i].strip()}{_column(table, i)}" for name, i in where.items()}
    levels = {k.casefold(): lv.id for lv in scheme.levels for k in (lv.id, lv.name)}
    out = []
    for number, cells in table.rows:
        raw = {name: (cells[i] if i < len(cells) else None) for name, i in where.items()}
        v = {name: cell_text(value) for name, value in raw.items()}
        bad = []
        if not re.fullmatch(r"\d{6}", v["urn"]):
            hint = "; Excel may have dropped a leading zero: format the column as Text" if v["urn"].isdigit() else ""
            bad.append(("urn", f"{_short(v['urn'])!r} is not a URN: a URN is exactly 6 digits{hint}"))
        for name in ("name", "local_authority"):
            if not v[name]:
                bad.append((name, "is empty"))
        phase = re.sub(r"[\s_]+", "-", v["phase"].lower())
        if phase not in PHASE_IDS:
            bad.append(("phase", f"{v['phase']!r} is not one of {', '.join(PHASE_IDS)}"))
        v["phase"] = phase
        bad += _optional(v, raw, build_date)
        if bool(v["level"]) != bool(v["awarded"]):
            bad.append(("level" if not v["level"] else "awarded",
                        "give both Level and Date awarded, or leave both empty for a school with no award yet"))
        elif v["level"]:
            if v["level"].casefold() not in levels:
                bad.append(("level", f"{v['level']!r} is not one of {', '.join(lv.name for lv in scheme.levels)}"))
            v["level"] = levels.get(v["level"].casefold())
            try:
                v["awarded"] = cell_date(raw["awarded"])
                if v["awarded"] > build_date:
                    bad.append(("awarded", f"{v['awarded']:%d/%m/%Y} is after today ({build_date:%d/%m/%Y})"))
            except ValueError:
                bad.append(("awarded", f"{_short(v['awarded'])!r} is not a date; write it as DD/MM/YYYY, "
                                       "e.g. 14/03/2026, or use an Excel date cell"))
        problems.extend(f"{_where(table, number)}, {label[name]}: {msg}" for name, msg in bad)
        if not bad:
            out.append((number, v))
    return out


def _optional(v: dict, raw: dict, build_date: dt.date) -> list[tuple[str, str]]:
    """The optional columns, when the spreadsheet has them: a date, or an id written the way the YAML writes it."""
    bad = []
    for f in school_fields.fields():
        if f.name not in OPTIONAL or f.name not in v:
            continue
        if not v[f.name]:
            v[f.name] = None
        elif f.is_date:
            try:
                v[f.name] = cell_date(raw[f.name])
                if v[f.name] > build_date:
                    bad.append((f.name, f"{v[f.name]:%d/%m/%Y} is after today ({build_date:%d/%m/%Y})"))
            except ValueError:
                bad.append((f.name, f"{_short(v[f.name])!r} is not a date; write it as DD/MM/YYYY"))
        else:
            v[f.name] = re.sub(r"[\s_]+", "-", v[f.name].strip().lower())
    return bad


def merge(doc: dict, rows: list[tuple[int, dict]], problems: list[str], result: Result) -> dict[str, list[int]]:
    """Merge rows into the parsed schools file in place; returns URN -> the row numbers that touched it."""
    schools = doc.setdefault("schools", []) or []
    doc["schools"] = schools
    by_urn = {str(s.get("urn")): s for s in schools if isinstance(s, dict)}
    source: dict[str, list[int]] = {}
    for number, v in rows:
        s = by_urn.get(v["urn"])
        if s is None:
            s = {"urn": v["urn"], "name": v["name"], "phase": v["phase"], "local_authority": v["local_authority"]}
            s.update({name: v[name] for name in OPTIONAL if v.get(name) is not None})
            schools.append(s)
            by_urn[v["urn"]] = s
            result.new_schools += 1
            result.changes.append(f"add school {v['urn']} {v['name']} ({v['phase']}, {v['local_authority']})")
        else:
            for name, what in ((f.name, LABELS[f.name]) for f in school_fields.published("identity") if f.name != "urn"):
                if s.get(name) != v[name]:
                    first = f"row {source[v['urn']][0]}" if v["urn"] in source else "data/schools.yml"
                    problems.append(f"row {number}, {what}: {v[name]!r} differs from {s.get(name)!r} for URN "
                                    f"{v['urn']} in {first}; correct the spreadsheet (or edit the YAML if the school "
                                    "really changed)")
            _fill_optional(s, v, number, source, problems, result)
        source.setdefault(v["urn"], []).append(number)
        if not v["level"]:
            continue
        awards = s.setdefault("awards", [])
        if any(a.get("level") == v["level"] and a.get("awarded") == v["awarded"] for a in awards):
            result.unchanged += 1
            continue
        awards.append({"level": v["level"], "awarded": v["awarded"]})
        result.changes.append(f"add award {v['level']} on {v['awarded']:%d/%m/%Y} to {v['urn']} {s.get('name')}")
        awards.sort(key=lambda a: a["awarded"] if isinstance(a.get("awarded"), dt.date) else dt.date.min)
        result.new_awards += 1
    return source


def _fill_optional(s: dict, v: dict, number: int, source: dict, problems: list[str], result: Result) -> None:
    """An optional value for a school already in the file: added when the file has none, refused when it differs."""
    for name in OPTIONAL:
        new = v.get(name)
        if new is None or s.get(name) == new:
            continue
        if s.get(name) is None:
            s[name] = new
            result.changes.append(f"set {LABELS[name].lower()} of {v['urn']} {s.get('name')} to {new}")
            continue
        first = f"row {source[v['urn']][0]}" if v["urn"] in source else "data/schools.yml"
        problems.append(f"row {number}, {LABELS[name]}: {new!r} differs from {s.get(name)!r} for URN {v['urn']} in "
                        f"{first}; correct the spreadsheet (or edit the YAML if it really changed)")


class _Quoted(str):
    pass


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):   # indent lists under their key, like the hand file
        return super().increase_indent(flow, False)


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"'))


def file_header(text: str) -> str:
    """The opening comment lines of a YAML file, which rewriting it keeps."""
    lines = text.splitlines(keepends=True)
    n = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), len(lines))
    return "".join(lines[:n])


def dump(doc: dict, header: str) -> str:
    for s in doc.get("schools") or []:
        if isinstance(s, dict) and isinstance(s.get("urn"), str):
            s["urn"] = _Quoted(s["urn"])                # URNs stay quoted: 012345 unquoted is an octal number
    for n in doc.get("networks") or []:
        if isinstance(n, dict) and isinstance(n.get("lead_school"), str):
            n["lead_school"] = _Quoted(n["lead_school"])
    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    return header + body


def import_csv(root: Path, csv_bytes: bytes, schools_file: str = "data/schools.yml",
               scheme_file: str = "data/scheme.yml", build_date: dt.date | None = None) -> Result:
    """Check and merge CSV bytes (as Excel saves them); see ``import_file``."""
    try:
        table = table_from_csv(csv_bytes, "the CSV file", KNOWN)
    except SpreadsheetError as exc:
        return Result(problems=[str(exc)])
    return import_table(root, table, schools_file, scheme_file, build_date)


def import_file(root: Path, path: Path, *, sheet: str | None = None, schools_file: str = "data/schools.yml",
                scheme_file: str = "data/scheme.yml", build_date: dt.date | None = None) -> Result:
    """Check and merge a .csv or .xlsx file; ``result.text`` is the new schools file when ``result.problems`` is
    empty. Writes nothing."""
    try:
        table = read_table(path, KNOWN, sheet=sheet)
    except SpreadsheetError as exc:
        return Result(problems=[str(exc)])
    return import_table(root, table, schools_file, scheme_file, build_date)


def import_table(root: Path, table: Table, schools_file: str = "data/schools.yml",
                 scheme_file: str = "data/scheme.yml", build_date: dt.date | None = None) -> Result:
    result, build_date = Result(), build_date or build_date_from_env()
    checks = Problems()
    loc = yamlio.read(root / scheme_file)
    scheme = validate_into(Scheme, loc, scheme_file, checks)
    if scheme is None:
        result.problems = [f"{p}" for p in checks.items]
        return result
    original = (root / schools_file).read_text(encoding="utf-8")
    header = file_header(original)                    # the file's opening comments are kept
    doc = yamlio.parse(original).data or {}
    rows = read_rows(table, scheme, build_date, result.problems)
    source = merge(doc, rows, result.problems, result)
    if result.problems:
        result.problems.sort(key=lambda p: int(m[1]) if (m := re.search(r"\brow (\d+)", p)) else 0)
        return result
    text = dump(doc, header)
    merged = yamlio.parse(text)
    validate_schools(merged, schools_file, scheme, build_date, checks)
    starts = [(node.start_mark.line + 1, str(s.get("urn"))) for node, s in
              zip(_schools_node(merged).value, doc["schools"])] if checks else []
    for p in checks.items:
        urn = next((u for line, u in reversed(starts) if p.line and line <= p.line), None)
        rows = source.get(urn, [])
        where = (f"URN {urn} (row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows))})" if rows
                 else f"URN {urn} (already in the file)" if urn else "the file")
        result.problems.append(f"{where}, {p.field}: {p.message}")
    if not result.problems:
        result.text = text
    return result


def _schools_node(located: yamlio.Located):
    for k, v in located.node.value:
        if k.value == "schools":
            return v
    raise ValueError("no schools list")
