"""Named attendance certificates from a completed register: one PDF, one page per attendee.

Usage:
  scripts/certificates.py REGISTER.docx --module MODULE_ID [--out FILE.pdf] [--date TEXT] [--facilitator TEXT]
  scripts/certificates.py REGISTER.csv  --module MODULE_ID [...]

REGISTER.docx is the attendance register from the module's session pack, filled in (the Name column of the grid;
the Date and Facilitator fields at the top are used when filled in). REGISTER.csv is a spreadsheet export with a
"Name" column and, optionally, "Date" and "Facilitator" columns (one row per attendee). --date and --facilitator
override what the register says. Exit 0 with the PDF written; exit 2 with one clear message on bad input.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.heart.documents.certificate import Attendee, certificates_pdf  # noqa: E402
from macros.heart.documents.pack import file_prefix  # noqa: E402
from macros.heart.errors import ContentError  # noqa: E402
from macros.heart.load import load_site  # noqa: E402

MAX_ATTENDEES = 500
MAX_NAME = 80


class BadInput(Exception):
    """One clear sentence about what is wrong with the register and how to fix it."""


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C")     # no control/format characters
    return " ".join(text.split())


def _name(raw: str, where: str) -> str | None:
    name = _clean(raw)
    if not name:
        return None
    if len(name) > MAX_NAME:
        raise BadInput(f"{where}: the name is {len(name)} characters long; names are at most {MAX_NAME}")
    return name


def read_docx(path: Path) -> tuple[list[str], dict[str, str]]:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    try:
        doc = Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as exc:
        raise BadInput(f"{path}: is not a Word document (.docx) that can be read ({type(exc).__name__}); save the "
                       "register as .docx, or export it as CSV") from None
    grid = next((t for t in doc.tables if len(t.rows) > 1 and len(t.columns) > 1
                 and [c.text.strip() for c in t.rows[0].cells[:2]] == ["No.", "Name"]), None)
    if grid is None:
        raise BadInput(f"{path}: has no attendance grid (a table whose first columns are 'No.' and 'Name'); use the "
                       "register from the module's session pack")
    fields: dict[str, str] = {}
    for t in doc.tables:
        if t is grid:
            continue
        for row in t.rows:
            cells = row.cells
            if len(cells) >= 2:
                fields[_clean(cells[0].text).lower()] = _clean(cells[1].text)
    names = []
    for i, row in enumerate(grid.rows[1:], 2):
        name = _name(row.cells[1].text, f"{path}: grid row {i}")
        if name:
            names.append(name)
    return names, {"date": fields.get("date") or fields.get("dates", ""), "facilitator": fields.get("facilitator", "")}


def read_csv(path: Path) -> tuple[list[str], dict[str, str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")        # Excel's "CSV" on Windows
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise BadInput(f"{path}: is not readable CSV ({exc}); export the register again as CSV") from None
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise BadInput(f"{path}: is empty; export the completed register with a 'Name' column")
    header = [_clean(c).lower() for c in rows[0]]
    if "name" not in header:
        raise BadInput(f"{path}:1: has no 'Name' column (found: {', '.join(h for h in header if h)[:120] or 'none'}); "
                       "add a header row with a 'Name' column")
    col = {k: header.index(k) for k in ("name", "date", "facilitator") if k in header}
    names, dates, facilitators = [], set(), set()
    for line, row in enumerate(rows[1:], 2):
        cell = lambda k: row[col[k]] if k in col and col[k] < len(row) else ""   # noqa: E731
        name = _name(cell("name"), f"{path}:{line}")
        if name:
            names.append(name)
            dates.add(_clean(cell("date")))
            facilitators.add(_clean(cell("facilitator")))
    return names, {"date": _only(dates), "facilitator": _only(facilitators)}


def _only(values: set[str]) -> str:
    """The value every row agrees on, or nothing (rows that differ are better left for --date/--facilitator)."""
    found = values - {""}
    return found.pop() if len(found) == 1 else ""


def attendees(path: Path, date: str | None, facilitator: str | None) -> list[Attendee]:
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        names, fields = read_docx(path)
    elif suffix == ".csv":
        names, fields = read_csv(path)
    else:
        raise BadInput(f"{path}: give the register as .docx (the pack's own register) or .csv (a spreadsheet export)")
    if not names:
        raise BadInput(f"{path}: has no names in it; fill in the Name column of the register first")
    if len(names) > MAX_ATTENDEES:
        raise BadInput(f"{path}: has {len(names)} names; at most {MAX_ATTENDEES} certificates are made at once")
    d = _clean(date) if date is not None else fields["date"]
    f = _clean(facilitator) if facilitator is not None else fields["facilitator"]
    return [Attendee(n, d, f) for n in names]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("register", type=Path)
    parser.add_argument("--module", required=True, help="the module's id (its folder name in training_modules/)")
    parser.add_argument("--out", type=Path, help="where to write the PDF (default: next to the register)")
    parser.add_argument("--date", help="the date to print on every certificate")
    parser.add_argument("--facilitator", help="the facilitator's name to print on every certificate")
    parser.add_argument("--project", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        site = load_site(args.project)
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    m = site.modules.get(args.module)
    try:
        if m is None:
            raise BadInput(f"--module {args.module!r} is not a training module; use one of: "
                           f"{', '.join(sorted(site.modules))}")
        people = attendees(args.register, args.date, args.facilitator)
    except BadInput as exc:
        print(f"certificates: {exc}", file=sys.stderr)
        return 2
    out = args.out or args.register.with_name(f"{file_prefix(site)}-{m.id}-certificates.pdf")
    pdf = certificates_pdf(site, m, people, m.meta.reviewed, f"certificates:{m.id}:" + "|".join(p.name for p in people))
    out.write_bytes(pdf)
    print(f"Wrote {len(people)} certificate{'s' if len(people) != 1 else ''} to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
