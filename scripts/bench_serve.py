#!/usr/bin/env python3
"""Benchmark editing under `serve` (a benchmark, not a timed test): how long from saving a strategy to the served
page showing the edit, with the sample register and with N fictional schools.

    .venv/bin/python scripts/bench_serve.py [--sizes 0 25000] [--edits 3]

For each size: copy the project (as tests/conftest.py make_project does; 0 keeps the sample register), start
`mkdocs serve` on a free port, wait for the first build, then edit a strategy --edits times, each time measuring the
wall time from the file being saved to the page being served with the new words (MkDocs' own file watcher and
rebuild included). Also reports one register edit (a school renamed). Targets: 2 s with the sample data, 5 s with
25,000 schools.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_register import schools_yaml  # noqa: E402
from tests.conftest import BUILD_DATE_EPOCH, free_port, make_project, stop_server  # noqa: E402


def _wait(url: str, text: str, timeout: float = 600) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                if text in r.read().decode("utf-8", "replace"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {text!r}")


def run(n: int, edits: int) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"heart-serve-{n}-"))
    project = make_project(tmp / "project")
    if n:
        (project / "data/schools.yml").write_text(schools_yaml(n), encoding="utf-8")
    port = free_port()
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH, PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(tmp))
    log = open(tmp / "serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    strategy = next(p for p in sorted((project / "strategies").glob("*.md")) if p.stem.islower())
    page = base + f"strategies/{strategy.stem}/"
    try:
        first = _wait(page, "</html>")
        times = []
        for i in range(edits):
            time.sleep(1.5)          # let the watcher settle, as a person typing would
            word = f"Benchwatchword{i}x"
            strategy.write_text(strategy.read_text(encoding="utf-8") + f"\n{word} appears.\n", encoding="utf-8")
            times.append(_wait(page, word))
        time.sleep(1.5)
        schools = project / "data/schools.yml"
        text = schools.read_text(encoding="utf-8")
        urn = text.split('urn: "', 1)[1].split('"', 1)[0]
        name = text.split("name: ", 1)[1].split("\n", 1)[0].strip().strip('"')
        schools.write_text(text.replace(name, "Benchrenamed School", 1), encoding="utf-8")
        register_edit = _wait(base + f"register/{urn}/", "Benchrenamed School")
    finally:
        stop_server(server, 60)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return {"n": n, "first": first, "edits": times, "register": register_edit}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 25000])
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    rows = [run(n, args.edits) for n in args.sizes]
    print("\n| Schools | First build (s) | Strategy edit shown (s): each | median | School edit shown (s) |")
    print("|---:|---:|---|---:|---:|")
    for r in rows:
        each = ", ".join(f"{t:.1f}" for t in r["edits"])
        median = sorted(r["edits"])[len(r["edits"]) // 2]
        print(f"| {r['n'] or 'sample (50)'} | {r['first']:.1f} | {each} | {median:.1f} | {r['register']:.1f} |")
    print("Times run from saving the file to the served page showing the edit, MkDocs' file watcher included.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
