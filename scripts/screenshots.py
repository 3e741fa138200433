#!/usr/bin/env python3
"""Screenshots of the built site for the README, taken in Debian's Chromium (Playwright).

    .venv/bin/mkdocs build && .venv/bin/python scripts/screenshots.py            # README set into docs/assets/readme/
    .venv/bin/python scripts/screenshots.py --out /tmp/shots --dark --full strategies/ register/

Without page arguments it takes the README set: home, the strategy library, a strategy, the register (desktop
1280 px and phone 390 px), a school's entry and the self-audit. Pages are served from site/ on loopback; nothing
leaves the machine.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import browser, serve  # noqa: E402

DESKTOP, PHONE = 1280, 390


def readme_set(site: Path) -> list[tuple[str, str, int]]:
    """(name, page, width) for the README: the first strategy and the first school entry found in the build."""
    strategy = next(p.parent.name for p in sorted((site / "strategies").glob("*/index.html"))
                    if not p.parent.name.startswith(("area-", "role-", "tags")))
    entry = next(p.parent.name for p in sorted((site / "register").glob("*/index.html")) if p.parent.name.isdigit())
    return [
        ("home", "", DESKTOP), ("home-phone", "", PHONE),
        ("library", "strategies/", DESKTOP), ("library-phone", "strategies/", PHONE),
        ("strategy", f"strategies/{strategy}/", DESKTOP), ("strategy-phone", f"strategies/{strategy}/", PHONE),
        ("register", "register/", DESKTOP), ("register-phone", "register/", PHONE),
        ("school-entry", f"register/{entry}/", DESKTOP), ("school-entry-phone", f"register/{entry}/", PHONE),
        ("self-audit", "award/self-audit/", DESKTOP), ("self-audit-phone", "award/self-audit/", PHONE),
    ]


def take(site: Path, shots: list[tuple[str, str, int]], out: Path, scheme: str = "light", full: bool = False,
         height: int = 900) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(site) as base, browser() as b:
        for width in sorted({w for _, _, w in shots}):
            phone = width < 600
            context = b.new_context(viewport={"width": width, "height": 844 if phone else height},
                                    device_scale_factor=1, color_scheme=scheme, is_mobile=phone, has_touch=phone)
            page = context.new_page()
            for name, path, w in shots:
                if w != width:
                    continue
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(300)
                target = out / f"{name}{'-dark' if scheme == 'dark' else ''}.png"
                page.screenshot(path=str(target), full_page=full)
                written.append(target)
            context.close()
    return written


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pages", nargs="*", help="site paths (e.g. strategies/); default: the README set")
    ap.add_argument("--site", type=Path, default=ROOT / "site")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "assets" / "readme")
    ap.add_argument("--dark", action="store_true", help="dark colour scheme")
    ap.add_argument("--full", action="store_true", help="whole page, not the first screen")
    ap.add_argument("--widths", default=f"{DESKTOP},{PHONE}", help="for page arguments: comma-separated widths")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").exists():
        print(f"{args.site} has no built site: run .venv/bin/mkdocs build first", file=sys.stderr)
        return 1
    if args.pages:
        widths = [int(w) for w in args.widths.split(",")]
        shots = [((p.strip("/").replace("/", "-") or "home") + f"-{w}", p, w) for p in args.pages for w in widths]
    else:
        shots = readme_set(args.site)
    for path in take(args.site, shots, args.out, "dark" if args.dark else "light", args.full):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
