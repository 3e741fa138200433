"""Import schools from a spreadsheet saved as CSV into data/schools.yml.

The CSV is read as Excel saves it: UTF-8 with or without a byte-order mark, CRLF line ends, dates as DD/MM/YYYY.
Columns (any order, any case): URN, Name, Phase, Local authority, Level, Date awarded. One row per award; a school
with no award yet has Level and Date awarded empty. New schools are appended; new awards are added to schools already
in the file. Every bad row is reported, and nothing is written unless every row is good and the merged file passes
the same validation as the build (macros/heart/load.py).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

import yaml

from . import yamlio
from .errors import Problems
from .load import build_date_from_env, validate_into, validate_schools
from .models import Phase, Scheme

COLUMNS = {"urn": ("urn",), "name": ("name", "school", "school name"), "phase": ("phase",),
           "local_authority": ("local authority", "la"), "level": ("level",),
           "awarded": ("date awarded", "awarded")}
PHASE_IDS = get_args(Phase)


@dataclass
class Result:
    problems: list[str] = field(default_factory=list)
    new_schools: int = 0
    new_awards: int = 0
    unchanged: int = 0
    text: str = ""           # the merged YAML (empty when there are problems)


def _key(header: str) -> str:
    return re.sub(r"[\s_]+", " ", header.strip().lower())


def _date(text: str) -> dt.date:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    raise ValueError(text)


def _all_rows(reader, problems: list[str]) -> list[list[str]] | None:
    """Every row, or None with one clear problem when the csv module refuses the file (a cell over its size limit,
    a stray quote or NUL byte)."""
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        problems.append(f"row {reader.line_num}: the file cannot be read as CSV ({str(exc)[:120]}); a cell this "
                        "large or broken is not a school's data: check you exported the right sheet as CSV UTF-8")
        return None
    return rows


def read_rows(data: bytes, scheme: Scheme, build_date: dt.date, problems: list[str]) -> list[tuple[int, dict]]:
    """Parse and check every row; returns (spreadsheet row number, clean values) for the good ones."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append("the file is not UTF-8: in Excel use File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)'")
        return []
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    rows = _all_rows(reader, problems)
    if rows is None:
        return []
    header = rows[0] if rows else []
    where = {}
    for i, h in enumerate(header):
        for name, aliases in COLUMNS.items():
            if _key(h) in aliases:
                where[name] = i
    missing = [aliases[0] for name, aliases in COLUMNS.items() if name not in where]
    if missing:
        problems.append(f"row 1 (header): missing column(s) {', '.join(missing)}; the header row needs URN, Name, "
                        "Phase, Local authority, Level, Date awarded")
        return []
    label = {name: header[i].strip() for name, i in where.items()}
    levels = {k.casefold(): lv.id for lv in scheme.levels for k in (lv.id, lv.name)}
    out = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            continue                                  # Excel leaves empty rows at the end
        v = {name: (cells[i].strip() if i < len(cells) else "") for name, i in where.items()}
        bad = []
        if not re.fullmatch(r"\d{6}", v["urn"]):
            hint = "; Excel may have dropped a leading zero: format the column as Text" if v["urn"].isdigit() else ""
            bad.append(("urn", f"{v['urn']!r} is not a URN: a URN is exactly 6 digits{hint}"))
        for name in ("name", "local_authority"):
            if not v[name]:
                bad.append((name, "is empty"))
        phase = re.sub(r"[\s_]+", "-", v["phase"].lower())
        if phase not in PHASE_IDS:
            bad.append(("phase", f"{v['phase']!r} is not one of {', '.join(PHASE_IDS)}"))
        v["phase"] = phase
        if bool(v["level"]) != bool(v["awarded"]):
            bad.append(("level" if not v["level"] else "awarded",
                        "give both Level and Date awarded, or leave both empty for a school with no award yet"))
        elif v["level"]:
            if v["level"].casefold() not in levels:
                bad.append(("level", f"{v['level']!r} is not one of {', '.join(lv.name for lv in scheme.levels)}"))
            v["level"] = levels.get(v["level"].casefold())
            try:
                v["awarded"] = _date(v["awarded"])
                if v["awarded"] > build_date:
                    bad.append(("awarded", f"{v['awarded']:%d/%m/%Y} is after today ({build_date:%d/%m/%Y})"))
            except ValueError:
                bad.append(("awarded", f"{v['awarded']!r} is not a date; write it as DD/MM/YYYY, e.g. 14/03/2026"))
        problems.extend(f"row {number}, {label[name]}: {msg}" for name, msg in bad)
        if not bad:
            out.append((number, v))
    return out


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
            schools.append(s)
            by_urn[v["urn"]] = s
            result.new_schools += 1
        else:
            for name, what in (("name", "Name"), ("phase", "Phase"), ("local_authority", "Local authority")):
                if s.get(name) != v[name]:
                    first = f"row {source[v['urn']][0]}" if v["urn"] in source else "data/schools.yml"
                    problems.append(f"row {number}, {what}: {v[name]!r} differs from {s.get(name)!r} for URN "
                                    f"{v['urn']} in {first}; correct the spreadsheet (or edit the YAML if the school "
                                    "really changed)")
        source.setdefault(v["urn"], []).append(number)
        if not v["level"]:
            continue
        awards = s.setdefault("awards", [])
        if any(a.get("level") == v["level"] and a.get("awarded") == v["awarded"] for a in awards):
            result.unchanged += 1
            continue
        awards.append({"level": v["level"], "awarded": v["awarded"]})
        awards.sort(key=lambda a: a["awarded"] if isinstance(a.get("awarded"), dt.date) else dt.date.min)
        result.new_awards += 1
    return source


class _Quoted(str):
    pass


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):   # indent lists under their key, like the hand file
        return super().increase_indent(flow, False)


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"'))


def dump(doc: dict, header: str) -> str:
    for s in doc.get("schools") or []:
        if isinstance(s, dict) and isinstance(s.get("urn"), str):
            s["urn"] = _Quoted(s["urn"])                # URNs stay quoted: 012345 unquoted is an octal number
    body = yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    return header + body


def import_csv(root: Path, csv_bytes: bytes, schools_file: str = "data/schools.yml",
               scheme_file: str = "data/scheme.yml", build_date: dt.date | None = None) -> Result:
    """Check and merge; ``result.text`` is the new file when ``result.problems`` is empty. Writes nothing."""
    result, build_date = Result(), build_date or build_date_from_env()
    checks = Problems()
    loc = yamlio.read(root / scheme_file)
    scheme = validate_into(Scheme, loc, scheme_file, checks)
    if scheme is None:
        result.problems = [f"{p}" for p in checks.items]
        return result
    original = (root / schools_file).read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    n = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), len(lines))
    header = "".join(lines[:n])                       # the file's opening comments are kept
    doc = yamlio.parse(original).data or {}
    rows = read_rows(csv_bytes, scheme, build_date, result.problems)
    source = merge(doc, rows, result.problems, result)
    if result.problems:
        result.problems.sort(key=lambda p: int(re.match(r"row (\d+)", p)[1]) if p.startswith("row ") else 0)
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
