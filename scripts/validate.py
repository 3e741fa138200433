"""Validate every data file and content source without building the site.

Usage: scripts/validate [PROJECT_DIR]   (exit 0 when clean, 1 with every problem listed)
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.heart.errors import ContentError  # noqa: E402
from macros.heart.documents import check_documents  # noqa: E402
from macros.heart.load import load_site  # noqa: E402


def main(argv: list[str]) -> int:
    project = Path(argv[0]) if argv else ROOT
    start = time.perf_counter()
    try:
        site = load_site(project)
        check_documents(site)          # what the build checks before making packs: slides parse, citations listed
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    ms = (time.perf_counter() - start) * 1000
    print(f"All content is valid: {len(site.strategies)} strategies, {len(site.modules)} training modules, "
          f"{len(site.scheme.criteria)} criteria, {len(site.schools.schools)} schools, "
          f"{len(site.references)} references ({ms:.0f} ms).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
