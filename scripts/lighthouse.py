#!/usr/bin/env python3
"""Lighthouse (mobile) scores for the built site's key pages, run against Debian's Chromium.

    .venv/bin/mkdocs build && .venv/bin/python scripts/lighthouse.py          # the seven key pages
    .venv/bin/python scripts/lighthouse.py --runs 3 register/ strategies/      # median of three runs, some pages

Lighthouse comes from the npm registry: the first run installs the pinned version with `npm install` into
/tmp/heart-lighthouse (or $HEART_LIGHTHOUSE_DIR), never into the repository. The site is served from site/ on
loopback, gzip-compressed as any real static host would, and Lighthouse's default mobile emulation and simulated
throttling apply. Exit status 1 when a page is under the targets: performance 95, accessibility, best practices and
SEO 100.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION = "12.8.2"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-sync " \
        "--disable-background-networking --disable-component-update"
COMPRESS = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}


def key_pages(site: Path) -> list[tuple[str, str]]:
    strategy = next(p.parent.name for p in sorted((site / "strategies").glob("*/index.html"))
                    if not p.parent.name.startswith(("area-", "role-", "tags")))
    entry = next(p.parent.name for p in sorted((site / "register").glob("*/index.html")) if p.parent.name.isdigit())
    module = next(p.parent.name for p in sorted((site / "training").glob("*/index.html")))
    return [("Home", ""), ("Strategy library", "strategies/"), ("A strategy", f"strategies/{strategy}/"),
            ("Register", "register/"), ("A school entry", f"register/{entry}/"), ("Self-audit", "award/self-audit/"),
            ("A module page", f"training/{module}/")]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and a cache lifetime, like a static host."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if path.suffix in COMPRESS and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=3600")
            self.end_headers()
            import io
            return io.BytesIO(body)
        return super().send_head()


@contextlib.contextmanager
def serve(directory: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(directory)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def lighthouse_bin() -> Path:
    home = Path(os.environ.get("HEART_LIGHTHOUSE_DIR", "/tmp/heart-lighthouse"))
    binary = home / "node_modules" / ".bin" / "lighthouse"
    installed = home / "node_modules" / "lighthouse" / "package.json"
    if not binary.exists() or json.loads(installed.read_text())["version"] != VERSION:
        if not shutil.which("npm"):
            sys.exit("npm is not installed: apt-get install npm (Lighthouse comes from the npm registry)")
        home.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse@{VERSION} into {home} ...", file=sys.stderr)
        subprocess.run(["npm", "install", "--prefix", str(home), "--no-audit", "--no-fund", f"lighthouse@{VERSION}"],
                       check=True, stdout=subprocess.DEVNULL)
    return binary


def run_once(binary: Path, url: str, chrome: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="heart-lh-") as tmp:
        out = Path(tmp) / "report.json"
        env = dict(os.environ, CHROME_PATH=chrome)
        subprocess.run([str(binary), url, f"--chrome-flags={FLAGS} --user-data-dir={tmp}/profile",
                        f"--only-categories={','.join(CATEGORIES)}", "--output=json", f"--output-path={out}",
                        "--quiet", "--max-wait-for-load=60000"], check=True, env=env, timeout=300)
        report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    scores["lcp"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    scores["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    scores["tbt"] = audits["total-blocking-time"]["numericValue"]
    scores["failed"] = sorted(a for c in CATEGORIES[1:] for a in
                              (r["id"] for r in report["categories"][c]["auditRefs"])
                              if audits[a].get("score") is not None and audits[a]["score"] < 1
                              and audits[a].get("scoreDisplayMode") == "binary")
    return scores


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="*", help="site paths (default: the seven key pages)")
    ap.add_argument("--site", type=Path, default=ROOT / "site")
    ap.add_argument("--runs", type=int, default=1, help="runs per page; the median is reported")
    ap.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site} has no built site: run .venv/bin/mkdocs build first", file=sys.stderr)
        return 1
    pages = [(p, p) for p in args.pages] if args.pages else key_pages(args.site)
    binary = lighthouse_bin()
    results, ok = {}, True
    print("| Page | Performance | Accessibility | Best practices | SEO | LCP | TBT | CLS |\n|---|---:|---:|---:|---:|---:|---:|---:|")
    with serve(args.site) as base:
        for name, path in pages:
            runs = [run_once(binary, base + path, args.chrome) for _ in range(args.runs)]
            med = {k: statistics.median(r[k] for r in runs) for k in [*CATEGORIES, "lcp", "cls", "tbt"]}
            med["failed"] = sorted({a for r in runs for a in r["failed"]})
            results[path or "/"] = med
            under = [c for c in CATEGORIES if med[c] < TARGETS[c]]
            ok &= not under
            print(f"| {name} (`/{path}`) | {med['performance']:.0f} | {med['accessibility']:.0f} | "
                  f"{med['best-practices']:.0f} | {med['seo']:.0f} | {med['lcp']:.1f} s | {med['tbt']:.0f} ms | {med['cls']:.3f} |"
                  + (f" under target: {', '.join(under)}" + (f"; failed audits: {', '.join(med['failed'])}" if med["failed"] else "")
                     if under else ""),
                  flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
