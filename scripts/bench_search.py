"""Search relevance benchmark: type staff-style queries into the real header search box in headless Chromium.

    .venv/bin/python scripts/bench_search.py              # build the site into a temporary folder, then measure
    .venv/bin/python scripts/bench_search.py --site site  # measure an already built site
    .venv/bin/python scripts/bench_search.py --queries other.yml --json

Each query in scripts/bench_search_queries.yml lists the pages that fit (strategy or situation ids). A query is a
hit when one of them is among the first five results. Ids that are not in the built site are ignored (the library
grows while the query set stays put); a query with none left is skipped and reported. Prints the top-5 hit rate and
every miss with what came back instead; exit status 1 when the rate is under --target (default 0.9).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from tests.browser import browser, serve  # noqa: E402

QUERIES = ROOT / "scripts" / "bench_search_queries.yml"
INPUT = ".md-search__input"
# the first link of each result item (Material groups a page's sections inside one item)
RESULT_LINKS = ".md-search-result__list > li.md-search-result__item > a"


def load_queries(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for i, item in enumerate(data["queries"]):
        q, expect = item.get("q"), item.get("expect")
        if not isinstance(q, str) or not q.strip() or not isinstance(expect, list) or not expect:
            raise SystemExit(f"{path}: queries[{i}]: needs q (text) and expect (a list of page ids)")
        out.append({"q": q, "expect": [str(e) for e in expect]})
    return out


def page_id(href: str) -> str:
    """/strategies/pace/ -> pace; /situations/leaves-the-room/#x -> leaves-the-room."""
    path = urlparse(href).path.rstrip("/")
    return path.rsplit("/", 1)[-1] if path else ""


def known_ids(site: Path) -> set[str]:
    ids = set()
    for folder in ("strategies", "situations"):
        if (site / folder).is_dir():
            ids |= {p.parent.name for p in (site / folder).glob("*/index.html")}
    return ids


def build(dest: Path) -> Path:
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1795392000"))
    site = dest / "site"
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=ROOT,
                       env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"build failed:\n{r.stdout}\n{r.stderr}")
    return site


def _results(page, wait_ms: int = 4000) -> list[str]:
    """The result links once the list has stopped changing."""
    deadline = time.monotonic() + wait_ms / 1000
    last, stable_since = None, time.monotonic()
    while time.monotonic() < deadline:
        hrefs = page.eval_on_selector_all(RESULT_LINKS, "els => els.map(e => e.href)")
        if hrefs != last:
            last, stable_since = hrefs, time.monotonic()
        elif hrefs and time.monotonic() - stable_since > 0.35:
            break
        elif not hrefs and time.monotonic() - stable_since > 1.5:
            break
        page.wait_for_timeout(60)
    return last or []


def run(site: Path, queries: list[dict], top: int = 5, viewport=(1280, 900)) -> dict:
    ids = known_ids(site)
    hits, misses, skipped = [], [], []
    with serve(site) as base, browser() as b:
        page = b.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.goto(base, wait_until="load")
        for item in queries:
            expect = [e for e in item["expect"] if e in ids]
            if not expect:
                skipped.append(item["q"])
                continue
            box = page.locator(INPUT)
            if not box.is_visible():
                page.keyboard.press("/")          # Material's shortcut; opens the search on narrow screens too
            box.fill("")
            page.wait_for_timeout(50)
            box.type(item["q"], delay=5)
            got = []
            for href in _results(page):
                pid = page_id(href)
                if pid and pid not in got:
                    got.append(pid)
            row = {"q": item["q"], "expect": expect, "got": got[:top]}
            (hits if set(expect) & set(got[:top]) else misses).append(row)
    n = len(hits) + len(misses)
    return {"rate": len(hits) / n if n else 0.0, "hits": len(hits), "total": n, "misses": misses,
            "skipped": skipped}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", type=Path, help="an already built site folder (default: build one)")
    ap.add_argument("--queries", type=Path, default=QUERIES)
    ap.add_argument("--target", type=float, default=0.9)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    queries = load_queries(args.queries)
    with tempfile.TemporaryDirectory(prefix="heart-bench-search-") as tmp:
        site = args.site.resolve() if args.site else build(Path(tmp))
        t0 = time.monotonic()
        result = run(site, queries)
        result["seconds"] = round(time.monotonic() - t0, 1)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for m in result["misses"]:
            print(f"MISS  {m['q']!r}\n      wanted one of {', '.join(m['expect'])}\n      got {', '.join(m['got']) or '(nothing)'}")
        for q in result["skipped"]:
            print(f"SKIP  {q!r}: none of its pages is in this site")
        print(f"Top-5 hit rate: {result['hits']}/{result['total']} = {result['rate']:.0%} "
              f"({result['seconds']} s in Chromium)")
    return 0 if result["rate"] >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
