"""Browser test support: serve a built site on loopback and drive Debian's Chromium through Playwright.

Chromium must exist (scripts/test installs Debian's `chromium` when missing). If it does not, browser tests FAIL,
they never skip: a missing browser must not look like a green run.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]
CSP_LISTENER = ("window.__heartCsp = [];"
                "document.addEventListener('securitypolicyviolation', e => window.__heartCsp.push("
                "e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + "
                "e.lineNumber));")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def chromium_path() -> str:
    path = os.environ.get("HEART_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise RuntimeError("Chromium is not installed: run ./scripts/test, which installs Debian's chromium package, "
                           "or `apt-get install chromium`. Browser tests never skip.")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield b
        finally:
            b.close()


class PageChecker:
    """Opens pages in one browser context, recording every request that leaves the local server."""

    def __init__(self, browser, base_url: str, color_scheme: str = "light"):
        self.base = base_url
        self.context = browser.new_context(color_scheme=color_scheme, java_script_enabled=True)
        self.external: list[str] = []
        origin = urlparse(base_url).netloc

        def route(route):
            url = route.request.url
            parsed = urlparse(url)
            if parsed.scheme in ("data", "blob", "about") or parsed.netloc == origin:
                route.continue_()
            else:
                self.external.append(url)
                route.abort()

        self.context.route("**/*", route)
        # every Content-Security-Policy violation, from the DOM event and from the console
        self.context.add_init_script(CSP_LISTENER)
        self.page = self.context.new_page()
        self.console_csp: list[str] = []
        self.page.on("console", lambda m: self.console_csp.append(m.text[:300])
                     if "Content Security Policy" in m.text or "Content-Security-Policy" in m.text else None)
        self.axe = Axe()

    def open(self, path: str):
        self.page.goto(self.base + path.lstrip("/"), wait_until="load")
        return self.page

    def axe_violations(self) -> list[str]:
        result = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        out = []
        for v in result.response.get("violations", []):
            targets = ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:3])
            out.append(f"{v['id']} ({v.get('impact')}): {v['help']} at {targets}")
        return out

    def csp_violations(self) -> list[str]:
        """CSP violations reported on the open page (securitypolicyviolation events and console errors); clears them."""
        found = [f"{v}" for v in self.page.evaluate("window.__heartCsp || []")]
        found += [f"console: {m}" for m in self.console_csp]
        self.console_csp.clear()
        return found

    def close(self):
        self.context.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as site-relative paths (404 page included)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
