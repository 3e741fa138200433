#!/usr/bin/env python3
"""Import schools from a spreadsheet into data/schools.yml.

    .venv/bin/python scripts/import_schools.py schools.xlsx [--sheet NAME] [--dry-run]
    .venv/bin/python scripts/import_schools.py schools.csv [--dry-run]

An Excel workbook (.xlsx: the first sheet, or --sheet NAME) or a CSV saved from Excel as "CSV UTF-8". Columns, in any
order and any case: URN, Name (or School name, Establishment name), Phase, Local authority (or LA), Level, Date awarded
(or Award date; DD/MM/YYYY or a real Excel date). One row per award; Level and Date awarded empty for a school with
no award yet. Every bad row is listed and nothing is written unless all rows are good. --dry-run lists what would
change. Exit code 0 on success, 1 otherwise.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.heart.fileio import save, write_atomically  # noqa: E402
from macros.heart.importer import import_file  # noqa: E402
from macros.heart.yamlio import YamlSyntaxError  # noqa: E402


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"import_schools: {message}", file=sys.stderr)
        sys.exit(1)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(description="Import schools from an Excel workbook or CSV file into the register's YAML file.")
    parser.add_argument("file", type=Path, help="the .xlsx workbook or .csv file")
    parser.add_argument("--sheet", help="the worksheet to read (default: the first)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this project)")
    parser.add_argument("--schools", default="data/schools.yml", help="the schools file, relative to --root")
    parser.add_argument("--dry-run", action="store_true", help="check and list what would change, but write nothing")
    args = parser.parse_args(argv)
    target = args.root / args.schools
    try:
        result = import_file(args.root, args.file, sheet=args.sheet, schools_file=args.schools)
    except (OSError, YamlSyntaxError) as exc:
        print(f"import_schools: {getattr(exc, 'message', None) or exc}", file=sys.stderr)
        return 1
    if result.problems:
        n = len(result.problems)
        print(f"{args.file}: {n} problem{'s' if n != 1 else ''}; nothing was written to {args.schools}:",
              file=sys.stderr)
        for p in result.problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    summary = (f"{result.new_schools} new school(s), {result.new_awards} new award(s), "
               f"{result.unchanged} award(s) already in the file")
    if args.dry_run:
        for line in result.changes:
            print(f"  would {line}")
        print(f"Dry run: {summary}; nothing written.")
        return 0
    if not save(target, result.text, "import_schools", args.schools):
        return 1
    print(f"Imported {args.file} into {args.schools}: {summary}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
