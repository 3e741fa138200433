#!/usr/bin/env python3
"""Check the register against a Get Information about Schools (GIAS) extract, and apply what changed.

    .venv/bin/python scripts/gias_refresh.py edubasealldata20261201.csv           # report only
    .venv/bin/python scripts/gias_refresh.py edubasealldata20261201.csv --write   # also update data/schools.yml

Download the extract from https://get-information-schools.service.gov.uk/Downloads ("Establishment fields CSV").
For every school on the register it reports name, local authority and phase differences (phases mapped with
data/gias-phases.yml), schools GIAS lists as closed, and URNs GIAS does not know. --write applies the name, local
authority and phase changes; award history is never changed, and closed or unknown schools are only reported.
Exit code 0 when the extract was read (whatever it found), 1 when it could not be used or the update failed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.heart import gias, yamlio  # noqa: E402
from macros.heart.errors import Problems  # noqa: E402
from macros.heart.fileio import save, write_atomically  # noqa: E402
from macros.heart.importer import dump, file_header  # noqa: E402
from macros.heart.load import build_date_from_env, validate_into, validate_schools  # noqa: E402
from macros.heart.models import Scheme  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Refresh the register's names, local authorities and phases from GIAS.")
    parser.add_argument("extract", type=Path, help="the GIAS establishment CSV (edubasealldataYYYYMMDD.csv)")
    parser.add_argument("--write", action="store_true", help="apply the changes to the schools file")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this project)")
    parser.add_argument("--schools", default="data/schools.yml", help="the schools file, relative to --root")
    args = parser.parse_args(argv)
    target = args.root / args.schools
    try:
        original = target.read_text(encoding="utf-8")
        doc = yamlio.parse(original).data or {}
        schools = doc.get("schools") or [] if isinstance(doc, dict) else []
        report = gias.refresh(args.root, args.extract, schools)
    except (OSError, gias.GiasError, yamlio.YamlSyntaxError) as exc:
        print(f"gias_refresh: {getattr(exc, 'message', None) or getattr(exc, 'strerror', None) or exc}",
              file=sys.stderr)
        return 1
    for line in report.lines():
        print(line)
    print(f"Read {report.rows_read:,} GIAS rows ({report.encoding}) for {len(schools)} register schools: "
          f"{len(report.changes)} change(s), {len(report.closed)} closed, {len(report.unknown)} not in GIAS, "
          f"{len(report.unmapped)} without a phase mapping.")
    if not args.write or not report.changes:
        if report.changes:
            print("Nothing written: run again with --write to apply the changes.")
        return 0
    gias.apply(schools, report)
    text = dump(doc, file_header(original))
    checks = Problems()
    scheme = validate_into(Scheme, yamlio.read(args.root / "data/scheme.yml"), "data/scheme.yml", checks)
    validate_schools(yamlio.parse(text), args.schools, scheme, build_date_from_env(), checks)
    if checks.items:
        print("gias_refresh: the updated register would not be valid; nothing was written:", file=sys.stderr)
        for p in checks.items:
            print(f"  {p}", file=sys.stderr)
        return 1
    if not save(target, text, "gias_refresh", args.schools):
        return 1
    print(f"Wrote {len(report.changes)} change(s) to {args.schools}; award history unchanged.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
