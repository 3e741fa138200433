#!/usr/bin/env python3
"""Benchmark the GIAS refresh at national scale.

    .venv/bin/python scripts/bench_gias.py [--rows 50000] [--schools 25000]

Generates a fictional GIAS extract the size of the real one (50,000 rows, about 60 MB, the real ~139 columns,
Windows-1252) and a register of 25,000 fictional schools (scripts/bench_register.py), then times
`scripts/gias_refresh.py EXTRACT` as a separate process and reads its peak memory (ru_maxrss).
Targets: under 10 s and under 300 MB.
"""
from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_register import schools_yaml  # noqa: E402
from scripts.gias_extract import KINDS, row, write_extract  # noqa: E402

WORDS = "Road Lane Avenue Close Street Drive Court Way Park Hill Green Common Meadow Field".split()


def extract_rows(n: int, register_n: int) -> list[dict]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        urn = str(100000 + i) if i < register_n else str(200000 + i)
        gtype, phase = KINDS[i % len(KINDS)]
        status = "Closed" if rng.random() < 0.25 else "Open"
        r = row(urn, f"Fictional School {i} {rng.choice(WORDS)}", "Hillingdon", gtype, phase, status,
                "31-08-2019" if status == "Closed" else "", rng)
        # the real extract carries addresses, trusts, constituencies and inspection links: fill to a like size
        for col in ("Locality", "Address3", "Trusts (name)", "ParliamentaryConstituency (name)", "InspectorateReport",
                    "DistrictAdministrative (name)", "AdministrativeWard (name)", "MSOA (name)", "LSOA (name)",
                    "SchoolSponsors (name)", "Federations (name)", "SiteName", "PropsName"):
            r[col] = " ".join(rng.choice(WORDS) for _ in range(8))
        out.append(r)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=50_000)
    ap.add_argument("--schools", type=int, default=25_000)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-gias-"))
    try:
        shutil.copytree(ROOT / "data", tmp / "data")
        (tmp / "data/schools.yml").write_text(schools_yaml(args.schools), encoding="utf-8")
        extract = write_extract(tmp / "edubasealldata.csv", extract_rows(args.rows, args.schools))
        size = extract.stat().st_size
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, str(ROOT / "scripts/gias_refresh.py"), str(extract), "--root", str(tmp)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - t0
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        print(proc.stdout.splitlines()[-1])
        print(f"GIAS refresh: {args.rows:,} rows, {size / 1e6:.1f} MB, {args.schools:,} register schools: "
              f"{seconds:.1f} s, peak {peak_mb:.0f} MB (targets: < 10 s, < 300 MB)")
        return 0 if seconds < 10 and peak_mb < 300 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
