"""Time the session packs and award templates: a cold build into an empty cache, then a cached build.

Usage: .venv/bin/python scripts/bench_packs.py [PROJECT_DIR] [--skip-broken]

Reports a cold build in one process, a cold build with one worker process per CPU (build_all's ``workers``), and a
cached build.

--skip-broken: while modules are still being written, benchmark a temporary copy of the project without the module
folders that fail validation (they are listed), instead of stopping at the first ContentError.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.heart.documents import build_all  # noqa: E402
from macros.heart.errors import ContentError  # noqa: E402
from macros.heart.load import Site, load_site  # noqa: E402

COPY = ["mkdocs.yml", "macros", "docs", "data", "strategies", "training_modules"]


def load_without_broken_modules(project: Path, work: Path) -> tuple[Site, list[str]]:
    copy = work / "project"
    copy.mkdir(parents=True)
    for name in COPY:
        src = project / name
        if src.is_dir():
            shutil.copytree(src, copy / name, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        elif src.exists():
            shutil.copy2(src, copy / name)
    dropped: list[str] = []
    while True:
        try:
            return load_site(copy), dropped
        except ContentError as exc:
            broken = {m.group(1) for p in exc.problems if (m := re.match(r"training_modules/([^/]+)/", p.file))}
            if any(not p.file.startswith("training_modules/") for p in exc.problems):
                raise                       # a problem outside the modules: nothing to skip
            for mid in sorted(broken):
                shutil.rmtree(copy / "training_modules" / mid)
            dropped += sorted(broken)


def timed_build(site: Site, cache: Path, workers: int = 1) -> float:
    last = [time.perf_counter()]

    def log(line: str) -> None:
        now = time.perf_counter()
        print(f"  {now - last[0]:6.2f} s  {line}")
        last[0] = now

    start = time.perf_counter()
    build_all(site, cache, log=log, workers=workers)
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    skip = "--skip-broken" in argv
    args = [a for a in argv if a != "--skip-broken"]
    project = Path(args[0]).resolve() if args else ROOT
    with tempfile.TemporaryDirectory(prefix="bench-packs-") as tmp:
        try:
            site, dropped = load_without_broken_modules(project, Path(tmp)) if skip else (load_site(project), [])
        except ContentError as exc:
            print(exc.report(), file=sys.stderr)
            print("(run with --skip-broken to benchmark the modules that do validate)", file=sys.stderr)
            return 1
        if dropped:
            print(f"Skipped {len(dropped)} module(s) that do not validate yet: {', '.join(dropped)}")
        workers = os.cpu_count() or 1
        print(f"Cold build, 1 process ({len(site.modules)} modules and the templates, empty cache):")
        cold = timed_build(site, Path(tmp) / "cache-serial")
        print(f"Cold build, {workers} worker processes (empty cache):")
        parallel = timed_build(site, Path(tmp) / "cache", workers)
        print("Cached build (same cache):")
        warm = timed_build(site, Path(tmp) / "cache")
        size = sum(f.stat().st_size for f in (Path(tmp) / "cache").rglob("*") if f.is_file())
    print(f"Cold: {cold:.2f} s in 1 process ({cold / max(1, len(site.modules)):.2f} s per module, templates included), "
          f"{parallel:.2f} s with {workers} workers. Cached: {warm * 1000:.0f} ms. Cache size: {size / 1024 / 1024:.1f} MB.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
