"""School entries and local authority pages, made after the build from one rendered shell page.

MkDocs renders a single shell page (``register/entry-shell.md``, see ``register.entry_shell_page``); ``entry_files``
fills a copy of its HTML for every school (``register/<urn>/index.html`` and ``badge.svg``) and every local authority
(``register/<la-slug>/index.html``); ``holders_file`` makes ``register/holders.json``. Same folder depth as the shell, so the theme's
relative links work. Plain Python: site and shell in, (path, bytes) out; ``filetree.write_tree`` writes them, keeping
every file that did not change. School strings are inert: HTML-escaped into finished HTML, never Markdown or Jinja.
"""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from .. import school_fields
from ..load import Site
from ..register import LAPSED, RENEWAL_DUE, SchoolStatus
from . import badge
from .common import bdi, esc, long_date
from .networks import network_link
from .register import (DESCRIPTION, HOLDERS_JSON, PHASES, SHELL_DIR, SLOT, TITLE, _cell, _sorted, _split, _table,
                       holders_json, la_slugs, sample_banner)

PLACEHOLDER_HOSTS = {"heart-award.example.org"}   # mkdocs.yml's site_url until the real address is set
GIAS = "https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/"
ENTRY_FILES = ("index.html", "badge.svg")          # what each school's folder holds


def summary_list(rows: list[tuple[str, str]], name: str) -> str:
    """Facts as a GOV.UK-style summary list (keys and values are already HTML)."""
    return (f'<dl class="heart-summary-list" data-entry="{name}">' + "".join(
        f'<div class="heart-summary-list__row"><dt class="heart-summary-list__key">{k}</dt>'
        f'<dd class="heart-summary-list__value">{v}</dd></div>' for k, v in rows) + "</dl>")


def is_placeholder(site_url: str) -> bool:
    """True when site_url is empty or still the placeholder address: badge snippets would point nowhere."""
    return not site_url or (urlsplit(site_url).hostname or "") in PLACEHOLDER_HOSTS


def badge_section(site: Site, st: SchoolStatus, entry_url: str | None) -> list[str]:
    out = ['<h2 id="badge">Badge for the school\'s website</h2>',
           f'<p><img src="badge.svg" alt="{esc(badge.alt_text(site, st))}" width="{badge.width(site, st)}" '
           f'height="{badge.HEIGHT}"></p>',
           "<p>The badge is rebuilt with the register, so it always shows the school's current status.</p>"]
    if entry_url is None:
        return out + ['<p class="heart-badge-pending">The HTML to show this badge on the school\'s website will '
                      "appear here once this register is published at its permanent web address.</p>"]
    return out + ["<p>To show it on the school's website, paste this HTML into a page:</p>",
                  f'<pre class="heart-badge-snippet"><code>{esc(badge.snippet(site, st, entry_url))}</code></pre>',
                  '<p id="badge-copy" class="heart-copy-slot"></p>']


def _show(site: Site, name: str, value, la_slug: str) -> str | None:
    """A school field as its entry page shows it (HTML), or None to leave the row out. Fields not named here show as
    text, or not at all when empty (the model's metadata gives each row's label: school_fields)."""
    if name == "name":
        return None                                     # the page's title and first sentence say it
    if name == "phase":
        return PHASES[value]
    if name == "local_authority":
        return f'<a href="../{la_slug}/">{esc(value)}</a>'
    if name == "arc_registered":
        return long_date(value) if value else "Not recorded"
    if name == "network":
        return network_link(site, value) if value else None
    if name == "cohort":
        return esc(site.schools.cohorts.get(value, value)) if value else None
    if value is None or value == "":
        return None
    return long_date(value) if isinstance(value, dt.date) else esc(str(value))


def entry_body(site: Site, st: SchoolStatus, entry_url: str | None, la_slug: str) -> str:
    """HTML of a school's entry (register/<urn>/). ``entry_url`` is its absolute URL, for the badge snippet; None
    while the site has no real address (the page says the snippet will come, rather than offer a broken one)."""
    s, award = st.school, esc(site.scheme.award.short_name)
    if st.holds_award:
        headline = f"holds the {award} at <strong>{esc(st.level_name)}</strong>, valid until {long_date(st.expires)}"
        headline += " (renewal due)" if st.status == RENEWAL_DUE else ""
    elif st.status == LAPSED:
        headline = (f"does <strong>not</strong> hold the {award} now: its {esc(st.last_level_name)} award lapsed on "
                    f"{long_date(st.expires)}")
    else:
        headline = f"is taking part in the {award} and does not hold a level yet"
    partner = site.scheme.audit_partner.name
    rows = [(esc(f.label_for(partner)), html) for f in school_fields.published("identity")
            if (html := _show(site, f.name, getattr(s, f.name), la_slug)) is not None]
    rows.append(("Status", f'<span class="heart-status">{esc(st.status_label)}</span>'))
    if st.holds_award:
        rows += [("Level held", esc(st.level_name)), ("Awarded", long_date(st.awarded)),
                 ("Valid until", long_date(st.expires))]
    elif st.status == LAPSED:
        rows += [("Last level held", esc(st.last_level_name)), ("Ended", long_date(st.expires))]
    rows += [(esc(f.label_for(partner)), html) for f in school_fields.published("record")
             if (html := _show(site, f.name, getattr(s, f.name), la_slug)) is not None]
    rows.append(("Get Information about Schools",
                 "Not linked: this is a fictional sample school" if site.schools.sample_data
                 else f'<a href="{GIAS}{s.urn}">This school\'s record on the DfE service</a>'))
    out = [sample_banner(site),
           f'<p class="heart-lede">{bdi(s.name)} {headline}. Checked against the register as of '
           f"{long_date(site.build_date)}.</p>",
           summary_list(rows, "facts"),
           '<h2 id="history">Award history</h2>']
    if st.history:
        out.append('<table data-entry="history" data-stack><thead><tr><th scope="col">Level</th>'
                   '<th scope="col">Awarded</th><th scope="col">Valid until</th><th scope="col">Now</th></tr></thead>'
                   "<tbody>" + "".join(
                       "<tr>" + _cell(0, "Level", "level", esc(h.level_name))
                       + _cell(1, "Awarded", "awarded", long_date(h.awarded))
                       + _cell(2, "Valid until", "until", long_date(h.expires))
                       + _cell(3, "Now", "now", "Ended" if h.expired else "Valid") + "</tr>"
                       for h in st.history) + "</tbody></table>")
    else:
        out.append("<p>No award yet.</p>")
    out += badge_section(site, st, entry_url)
    return "\n".join(out) + "\n"


def la_body(site: Site, la: str, statuses: list[SchoolStatus]) -> str:
    holders, participating, lapsed = _split(statuses)
    return "\n".join([
        sample_banner(site),
        f"<p>Every school in {esc(la)} on the register of the {esc(site.scheme.award.short_name)}, as of "
        f"{long_date(site.build_date)}.</p>",
        f'<h2 id="current">Current award holders ({len(holders):,})</h2>', _table(holders, "holders", "../"),
        f'<h2 id="participating">Participating schools ({len(participating):,})</h2>',
        _table(participating, "participating", "../", cohorts=site.schools.cohorts),
        f'<h2 id="past">Past holders ({len(lapsed):,})</h2>', _table(lapsed, "lapsed", "../")])


# ---------------------------------------------------------------- after the build: fill the shell
class Shell:
    """The shell page's HTML, cut at its placeholders once, so each fill is one join."""

    def __init__(self, html: str):
        if html.count(SLOT) != 1 or TITLE not in html:
            raise ValueError(f"{SHELL_DIR}index.html does not hold the shell placeholders; was it built from "
                             "entry_shell_page()?")
        self.parts = re.split(f"({TITLE}|{DESCRIPTION}|{re.escape(SLOT)}|{re.escape(SHELL_DIR)})", html)

    def fill(self, title: str, description: str, body: str, path: str) -> str:
        values = {TITLE: esc(title), DESCRIPTION: esc(description), SLOT: body, SHELL_DIR: path}
        return "".join(values[p] if i % 2 else p for i, p in enumerate(self.parts))


def entry_files(site: Site, shell_html: str, site_url: str = "") -> Iterator[tuple[str, bytes]]:
    """Every file made from the shell, as (site path, bytes), one folder's files together: each school's entry and
    badge, then each local authority's page. ``site_url`` (config.site_url) makes the badge
    snippet's links absolute; an empty or placeholder address leaves the snippet out. Yields one file at a time, so
    25,000 entries never sit in memory together."""
    shell = Shell(shell_html)
    root = None if is_placeholder(site_url) else site_url.rstrip("/") + "/"
    award = site.scheme.award.short_name
    statuses = _sorted(site)
    slugs = la_slugs(s.school.local_authority for s in statuses)
    by_la: dict[str, list[SchoolStatus]] = {}
    for st in statuses:
        s = st.school
        by_la.setdefault(s.local_authority, []).append(st)
        path = f"register/{s.urn}/"
        body = entry_body(site, st, None if root is None else root + path, slugs[s.local_authority])
        yield path + "index.html", shell.fill(f"{s.name} (URN {s.urn})", badge.alt_text(site, st), body,
                                              path).encode("utf-8")
        yield path + "badge.svg", badge.badge_svg(site, st).encode("utf-8")
    for la, group in by_la.items():
        path = f"register/{slugs[la]}/"
        yield path + "index.html", shell.fill(f"Register: {la}", f"Schools in {la} on the register of the {award}.",
                                              la_body(site, la, group), path).encode("utf-8")


def holders_file(site: Site) -> tuple[str, bytes]:
    """register/holders.json, for register.js (written beside the register page MkDocs built)."""
    return HOLDERS_JSON, holders_json(site, _sorted(site))


def entries_digest(site: Site, shell_html: str, site_url: str = "") -> str:
    """SHA-256 of everything ``entry_files`` makes its files from: the code, the shell page, the address, the
    scheme, the register and the build date. Equal digests, equal files (``filetree`` then moves them unread)."""
    h = hashlib.sha256()
    code = Path(__file__).resolve().parent.parent
    for f in sorted(code.rglob("*.py")):
        h.update(f.relative_to(code).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for part in (shell_html, site_url, site.scheme.model_dump_json(), site.schools.model_dump_json(),
                 site.build_date.isoformat()):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def pages_of(paths) -> list[str]:
    """The page addresses (folders) among written file paths, for the sitemap."""
    return [p[: -len("index.html")] for p in paths if p.endswith("/index.html")]


def update_sitemap(site_dir: Path, pages: list[str]) -> None:
    """Swap the shell's <url> entry in sitemap.xml (and .gz) for one entry per written page."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.exists():
        return
    text = sitemap.read_text(encoding="utf-8")
    m = re.search(r"\n\s*<url>\s*<loc>([^<]*)" + re.escape(SHELL_DIR) + r"</loc>(.*?)</url>", text, re.S)
    if not m:
        return
    block = "".join(f"\n    <url>\n         <loc>{m.group(1)}{p}</loc>{m.group(2)}</url>" for p in pages)
    text = text[:m.start()] + block + text[m.end():]
    sitemap.write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
