"""Read a spreadsheet as people save it: a CSV from Excel, or an Excel workbook (.xlsx, read with openpyxl).

``read_table(path)`` returns the header row and the data rows as cells (text, numbers, dates), with the spreadsheet's
own row numbers, whatever the format. Title rows above the header (a merged "HEART Award register" banner, a blank
line) are skipped: the header is the first row in which at least ``min_known`` cells are known column names.
Problems raise ``SpreadsheetError`` with a message a person can act on; nothing here writes anything.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

Cell = "str | int | float | dt.date | dt.datetime | None"
CSV_FIELD_LIMIT = 100_000        # characters in one cell: far beyond any real value, well inside memory


class SpreadsheetError(Exception):
    pass


@dataclass
class Table:
    source: str                              # "schools.xlsx, sheet 'Register'" or "schools.csv"
    header: list[str]
    header_row: int                          # the spreadsheet's row number of the header
    rows: list[tuple[int, list]]             # (spreadsheet row number, cells)


def header_key(text) -> str:
    """'Date  awarded ' -> 'date awarded': header names match whatever their case and spacing."""
    return re.sub(r"[\s_]+", " ", str(text or "").strip().lower())


def read_table(path: Path, known: set[str], *, sheet: str | None = None, min_known: int = 2) -> Table:
    data = path.read_bytes()
    if path.suffix.lower() in (".xlsx", ".xlsm") or data[:2] == b"PK":
        return _from_rows(f"{path.name}, sheet {{}}", _xlsx_rows(path, data, sheet), known, min_known)
    if path.suffix.lower() == ".xls":
        raise SpreadsheetError(f"{path.name} is an old Excel 97-2003 workbook (.xls); in Excel use File > Save As > "
                               "'Excel Workbook (*.xlsx)' or 'CSV UTF-8', then import that file")
    if sheet is not None:
        raise SpreadsheetError(f"--sheet applies to Excel workbooks only; {path.name} is a CSV file")
    return table_from_csv(data, path.name, known, min_known)


def table_from_csv(data: bytes, name: str, known: set[str], min_known: int = 2) -> Table:
    return _from_rows(name, ("", _csv_rows(data)), known, min_known)


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError("the file is not UTF-8: in Excel use File > Save As > "
                               "'CSV UTF-8 (Comma delimited) (*.csv)'") from None
    first = text.split("\n", 1)[0]
    csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ",")
    try:
        return list(enumerate(reader, start=1))
    except csv.Error as exc:
        raise SpreadsheetError(f"row {reader.line_num}: cannot be read as CSV ({exc}); a cell may be over "
                               f"{CSV_FIELD_LIMIT:,} characters or have an unclosed quote") from None


def _xlsx_rows(path: Path, data: bytes, sheet: str | None):
    import openpyxl   # imported here: only the Excel path needs it
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SpreadsheetError(f"{path.name} is not an Excel workbook that can be read ({exc.__class__.__name__}); "
                               "open it in Excel and save it again as 'Excel Workbook (*.xlsx)'") from None
    names = book.sheetnames
    if sheet is None:
        ws = book[names[0]]
    elif sheet in names:
        ws = book[sheet]
    else:
        raise SpreadsheetError(f"{path.name} has no sheet named {sheet!r}; its sheets are "
                               + ", ".join(repr(n) for n in names))
    rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
    book.close()
    return repr(ws.title), rows


def _from_rows(source: str, named_rows, known: set[str], min_known: int) -> Table:
    sheet_name, rows = named_rows
    source = source.format(sheet_name) if "{}" in source else source
    for n, (number, cells) in enumerate(rows):
        keys = [header_key(c) for c in cells]
        if sum(k in known for k in keys) >= min_known:
            header = [str(c).strip() if c is not None else "" for c in cells]
            body = [(num, list(c)) for num, c in rows[n + 1:] if any(_text(x) for x in c)]
            return Table(source, header, number, body)
    raise SpreadsheetError(f"{source}: no header row found; the first row of the table needs column names such as "
                           "URN, School name, Phase, Local authority, Level, Date awarded")


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def cell_text(value) -> str:
    """A cell as text: whole numbers without '.0' (Excel stores 100001 as 100001.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return _text(value)


UK_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def cell_date(value) -> dt.date:
    """A real Excel date cell, or text as DD/MM/YYYY (also DD-MM-YYYY, DD.MM.YYYY) or YYYY-MM-DD.
    Raises ValueError for anything else (including US MM/DD/YYYY that is not a valid UK date)."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time():
            raise ValueError(f"{value} has a time of day; give the date only")
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    m = UK_DATE.fullmatch(text)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text)
    raise ValueError(text)
