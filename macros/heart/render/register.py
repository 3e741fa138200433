"""The public register, built to scale to every school in England (~25,000).

Design (scripts/bench_register.py measures it: at 25,000 schools about 20 s and 330 MB to build, 230 KB gzip for the
register's first load, under 50 ms per filter in headless Chromium):
- register/index.md is the only register page MkDocs renders. Its table holds the first FIRST_ROWS current holders by
  name; register.js then loads register/holders.json (every current holder, compact) to filter, search, sort and page.
- Without JavaScript the full register is readable through one page per local authority (register/la-<slug>/), linked
  from the register page, each listing that authority's holders, participating schools and past holders.
- Entry pages (register/<urn>/), badges and local authority pages are not MkDocs pages: MkDocs renders one shell page
  (register/entry-shell.md, excluded from search) and, after the build, ``write_school_entries`` fills a copy of the
  shell's HTML for each of them. Same folder depth, so the theme's relative links work.
- School strings are inert: they are HTML-escaped and placed into finished HTML, never into Markdown or Jinja.
"""
from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import unicodedata
from pathlib import Path
from typing import get_args

from ..load import Site
from ..models import Phase
from ..register import LAPSED, PARTICIPATING, RENEWAL_DUE, SchoolStatus
from . import badge
from .common import esc, front_matter, long_date, uk_date

FIRST_ROWS = 50                       # rows per table on the register page, and per page in register.js
ENTRY_SHELL = "register/entry-shell.md"
SHELL_DIR = "register/entry-shell/"
HOLDERS_JSON = "register/holders.json"
TITLE, DESCRIPTION, SLOT = "HEARTSHELLTITLE", "HEARTSHELLDESCRIPTION", '<div id="heart-shell-slot"></div>'
PHASES = {p: {"post-16": "Post-16", "all-through": "All-through"}.get(p, p.replace("-", " ").capitalize())
          for p in get_args(Phase)}
GIAS = "https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/"
EPOCH = dt.date(1970, 1, 1)


def _sorted(site: Site) -> list[SchoolStatus]:
    return sorted(site.statuses,
                  key=lambda s: (s.school.name.casefold(), s.school.urn))


def _split(statuses):
    return ([s for s in statuses if s.holds_award], [s for s in statuses if s.status == PARTICIPATING],
            [s for s in statuses if s.status == LAPSED])


def la_slugs(names) -> dict[str, str]:
    """A unique folder name per local authority: register/la-<slug>/."""
    out: dict[str, str] = {}
    for name in sorted(set(names), key=str.casefold):
        ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        base = "la-" + (re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x")
        slug, n = base, 1
        while slug in out.values():
            n += 1
            slug = f"{base}-{n}"
        out[name] = slug
    return out


def sample_banner(site: Site) -> str:
    if not site.schools.sample_data:
        return ""
    note = site.schools.sample_note or "These schools are fictional sample entries."
    return (f'<div class="admonition warning heart-sample" role="note"><p class="admonition-title">Sample data</p>'
            f"<p>{esc(note)}</p></div>\n")


def _time(d: dt.date) -> str:
    return f'<time datetime="{d.isoformat()}">{uk_date(d)}</time>'


# ---------------------------------------------------------------- tables (register page and local authority pages)
def _table(rows: list[SchoolStatus], kind: str, up: str, table_id: str = "") -> str:
    """kind: holders | participating | lapsed. ``up`` is the path from the page to register/ ('' or '../').
    Tables carry no class, so the theme styles them (and wraps them to scroll sideways on narrow screens)."""
    if not rows:
        return "<p>None.</p>\n"
    extra = {"holders": ["Level", "Awarded", "Valid until"], "participating": ["Cohort"],
             "lapsed": ["Last level", "Ended"]}[kind]
    heads = ["School", "URN", "Phase", "Local authority", *extra]
    sort = ' aria-sort="ascending"' if kind == "holders" else ""
    head = "".join(f'<th scope="col"{sort if i == 0 else ""}>{h}</th>' for i, h in enumerate(heads))
    body = []
    for st in rows:
        s = st.school
        cells = [f'<th scope="row"><a href="{up}{s.urn}/">{esc(s.name)}</a></th>', f"<td>{s.urn}</td>",
                 f"<td>{PHASES[s.phase]}</td>", f"<td>{esc(s.local_authority)}</td>"]
        if kind == "holders":
            due = " (renewal due)" if st.status == RENEWAL_DUE else ""
            cells += [f"<td>{esc(st.level_name)}</td>", f"<td>{_time(st.awarded)}</td>",
                      f"<td>{_time(st.expires)}{due}</td>"]
        elif kind == "participating":
            cells.append(f"<td>{esc(s.cohort or '')}</td>")
        else:
            cells += [f"<td>{esc(st.last_level_name)}</td>", f"<td>{_time(st.expires)}</td>"]
        body.append("<tr>" + "".join(cells) + "</tr>")
    attrs = f' id="{table_id}" data-src="holders.json" data-page-size="{FIRST_ROWS}"' if table_id else ""
    return (f'<table data-register="{kind}"{attrs}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body) + "\n</tbody></table>\n")


def _first(rows, kind: str, what: str) -> str:
    out = _table(rows[:FIRST_ROWS], kind, "")
    if len(rows) > FIRST_ROWS:
        out += (f"<p>These are the first {FIRST_ROWS} of {len(rows):,} {what}, by name. Every school is listed on "
                "its local authority's page below and in the open data.</p>\n")
    return out


# ---------------------------------------------------------------- the register page (a MkDocs page)
def register_page(site: Site) -> str:
    statuses = _sorted(site)
    holders, participating, lapsed = _split(statuses)
    award = esc(site.scheme.award.short_name)
    levels = "".join(f'<li><label><input type="checkbox" name="level" value="{esc(lv.id)}"> {esc(lv.name)}</label></li>'
                     for lv in site.scheme.levels)
    phases = "".join(f'<li><label><input type="checkbox" name="phase" value="{p}"> {label}</label></li>'
                     for p, label in PHASES.items())
    las = sorted({s.school.local_authority for s in holders}, key=str.casefold)
    la_options = "".join(f'<option value="{esc(la)}">{esc(la)}</option>' for la in las)
    count = (f"Showing all {len(holders):,} current award holders." if len(holders) <= FIRST_ROWS else
             f"Showing the first {FIRST_ROWS} of {len(holders):,} current award holders, by name.")
    slugs = la_slugs(s.school.local_authority for s in statuses)
    per_la: dict[str, int] = {}
    for s in statuses:
        per_la[s.school.local_authority] = per_la.get(s.school.local_authority, 0) + 1
    la_links = "".join(f'<li><a href="{slugs[la]}/">{esc(la)}</a> ({n:,})</li>'
                       for la, n in sorted(per_la.items(), key=lambda kv: kv[0].casefold()))
    out = [front_matter(title="Register of award holders", heart_scripts=["assets/register.js"],
                        description=f"Which schools hold the {site.scheme.award.short_name}, at which level, and until when."),
           "# Register of award holders\n", sample_banner(site),
           f"Schools that hold the {award} now, as of {long_date(site.build_date)}. An award is shown only while it "
           f"is valid; a school within {site.scheme.award.renewal_due_months} months of its valid-until date shows "
           "\"renewal due\". Each school's entry "
           "shows its award history and the badge it can put on its website. Download the whole register as "
           "[open data](open-data.md).\n",
           f"## Current award holders ({len(holders):,}) {{#current}}\n",
           '<form class="heart-filter" id="register-filter" hidden aria-labelledby="register-filter-title">\n'
           '<h3 class="heart-filter__title" id="register-filter-title">Find a school</h3>\n'
           '<p><label for="register-q">Search by name or URN</label><br>'
           '<input type="search" id="register-q" name="search" autocomplete="off"></p>\n'
           f'<fieldset class="heart-filter__group"><legend>Level</legend><ul>{levels}</ul></fieldset>\n'
           f'<fieldset class="heart-filter__group"><legend>Phase</legend><ul>{phases}</ul></fieldset>\n'
           '<p><label for="register-la">Local authority</label><br><select id="register-la" name="la">'
           f'<option value="">All local authorities</option>{la_options}</select></p>\n'
           '<p><button type="button" class="md-button" data-register-clear>Clear filters</button></p>\n</form>\n',
           f'<p id="register-count" class="heart-filter__count" role="status">{count}</p>\n',
           _table(holders[:FIRST_ROWS], "holders", "", table_id="register-table"),
           '<nav id="register-pages" aria-label="Pages of the register" hidden><p>'
           '<button type="button" class="md-button" data-page="-1">Previous page</button> '
           '<span id="register-page"></span> '
           '<button type="button" class="md-button" data-page="1">Next page</button></p></nav>\n',
           f"## Participating schools ({len(participating):,}) {{#participating}}\n",
           "Schools on the pathway that do not yet hold a level.\n",
           _first(participating, "participating", "participating schools"),
           f"## Past holders ({len(lapsed):,}) {{#past}}\n",
           "Schools whose award has lapsed. They do not hold the award now.\n",
           _first(lapsed, "lapsed", "past holders"),
           "## Browse by local authority {#by-local-authority}\n",
           "Every school on the register, listed by local authority (the number is all schools, whatever their status).\n",
           f'<ul class="heart-la-list">{la_links}</ul>\n' if la_links else "<p>None.</p>\n"]
    return "\n".join(out)


def holders_json(site: Site, statuses: list[SchoolStatus]) -> bytes:
    """Every current holder for register.js, sorted by name, as columns (they compress about 15% better than rows).
    phase, la and level index the lists given; awarded is days since 1970-01-01; valid until is awarded + days
    (nearly always the same number, so it costs almost nothing); due is 1 when renewal is due."""
    holders = [s for s in statuses if s.holds_award]
    las = sorted({s.school.local_authority for s in holders}, key=str.casefold)
    la_index = {la: i for i, la in enumerate(las)}
    phase_index = {p: i for i, p in enumerate(PHASES)}
    level_index = {lv.id: i for i, lv in enumerate(site.scheme.levels)}
    cols = {"urn": [s.school.urn for s in holders], "name": [s.school.name for s in holders],
            "phase": [phase_index[s.school.phase] for s in holders],
            "la": [la_index[s.school.local_authority] for s in holders],
            "level": [level_index[s.level] for s in holders], "awarded": [(s.awarded - EPOCH).days for s in holders],
            "days": [(s.expires - s.awarded).days for s in holders],
            "due": [int(s.status == RENEWAL_DUE) for s in holders]}
    data = {"generated": site.build_date.isoformat(), "levels": [[lv.id, lv.name] for lv in site.scheme.levels],
            "phases": [[p, label] for p, label in PHASES.items()], "las": las, "cols": cols}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------------- entry pages and local authority pages (HTML bodies)
def entry_shell_page(site: Site) -> str:
    """Markdown for register/entry-shell.md: the page whose HTML every entry and local authority page is made from."""
    return (front_matter(title=TITLE, description=DESCRIPTION, search={"exclude": True})
            + f"\n{SLOT}\n\n[Back to the register](index.md)\n")


def entry_body(site: Site, st: SchoolStatus, entry_url: str, la_slug: str) -> str:
    """HTML of a school's entry (register/<urn>/). ``entry_url`` is its absolute URL, for the badge snippet."""
    s, award = st.school, esc(site.scheme.award.short_name)
    if st.holds_award:
        headline = f"holds the {award} at <strong>{esc(st.level_name)}</strong>, valid until {long_date(st.expires)}"
        headline += " (renewal due)" if st.status == RENEWAL_DUE else ""
    elif st.status == LAPSED:
        headline = (f"does <strong>not</strong> hold the {award} now: its {esc(st.last_level_name)} award lapsed on "
                    f"{long_date(st.expires)}")
    else:
        headline = f"is taking part in the {award} and does not hold a level yet"
    rows = [("URN", s.urn), ("Phase", PHASES[s.phase]),
            ("Local authority", f'<a href="../{la_slug}/">{esc(s.local_authority)}</a>'),
            ("Status", f'<span class="heart-status">{esc(st.status_label)}</span>')]
    if st.holds_award:
        rows += [("Level held", esc(st.level_name)), ("Awarded", long_date(st.awarded)),
                 ("Valid until", long_date(st.expires))]
    elif st.status == LAPSED:
        rows += [("Last level held", esc(st.last_level_name)), ("Ended", long_date(st.expires))]
    if s.cohort:
        rows.append(("Cohort", esc(s.cohort)))
    rows.append(("Registered with the Attachment Research Community",
                 long_date(s.arc_registered) if s.arc_registered else "Not recorded"))
    rows.append(("Get Information about Schools",
                 "Not linked: this is a fictional sample school" if site.schools.sample_data
                 else f'<a href="{GIAS}{s.urn}">This school\'s record on the DfE service</a>'))
    out = [sample_banner(site),
           f'<p class="heart-lede">{esc(s.name)} {headline}. Checked against the register as of '
           f"{long_date(site.build_date)}.</p>",
           '<table data-entry="facts"><tbody>' + "".join(
               f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows) + "</tbody></table>",
           '<h2 id="history">Award history</h2>']
    if st.history:
        out.append('<table data-entry="history"><thead><tr><th scope="col">Level</th><th scope="col">Awarded</th>'
                   '<th scope="col">Valid until</th><th scope="col">Now</th></tr></thead><tbody>' + "".join(
                       f"<tr><td>{esc(h.level_name)}</td><td>{long_date(h.awarded)}</td><td>{long_date(h.expires)}</td>"
                       f"<td>{'Ended' if h.expired else 'Valid'}</td></tr>" for h in st.history) + "</tbody></table>")
    else:
        out.append("<p>No award yet.</p>")
    out += ['<h2 id="badge">Badge for the school\'s website</h2>',
            f'<p><img src="badge.svg" alt="{esc(badge.alt_text(site, st))}" width="{badge.width(site, st)}" '
            f'height="{badge.HEIGHT}"></p>',
            "<p>The badge is rebuilt with the register, so it always shows the school's current status. "
            "To show it on the school's website, paste this HTML into a page:</p>",
            f'<pre class="heart-badge-snippet"><code>{esc(badge.snippet(site, st, entry_url))}</code></pre>']
    return "\n".join(out) + "\n"


def la_body(site: Site, la: str, statuses: list[SchoolStatus]) -> str:
    holders, participating, lapsed = _split(statuses)
    return "\n".join([
        sample_banner(site),
        f"<p>Every school in {esc(la)} on the register of the {esc(site.scheme.award.short_name)}, as of "
        f"{long_date(site.build_date)}.</p>",
        f'<h2 id="current">Current award holders ({len(holders):,})</h2>', _table(holders, "holders", "../"),
        f'<h2 id="participating">Participating schools ({len(participating):,})</h2>',
        _table(participating, "participating", "../"),
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


def write_school_entries(site: Site, site_dir: Path, site_url: str = "") -> int:
    """After the build: write register/<urn>/index.html and badge.svg for every school, register/la-<slug>/ for every
    local authority and register/holders.json; remove the shell and list the new pages in the sitemap.
    ``site_url`` (config.site_url) makes the badge snippet's links absolute. Returns the number of schools."""
    site_dir = Path(site_dir)
    shell_file = site_dir / SHELL_DIR / "index.html"
    shell = Shell(shell_file.read_text(encoding="utf-8"))
    root = (site_url.rstrip("/") + "/") if site_url else "/"
    award = site.scheme.award.short_name
    statuses = _sorted(site)
    slugs = la_slugs(s.school.local_authority for s in statuses)
    by_la: dict[str, list[SchoolStatus]] = {}
    written = []
    for st in statuses:
        s = st.school
        by_la.setdefault(s.local_authority, []).append(st)
        folder = site_dir / "register" / s.urn
        folder.mkdir(parents=True, exist_ok=True)
        path = f"register/{s.urn}/"
        body = entry_body(site, st, root + path, slugs[s.local_authority])
        (folder / "index.html").write_text(
            shell.fill(f"{s.name} (URN {s.urn})", badge.alt_text(site, st), body, path), encoding="utf-8")
        (folder / "badge.svg").write_text(badge.badge_svg(site, st), encoding="utf-8")
        written.append(path)
    for la, group in by_la.items():
        path = f"register/{slugs[la]}/"
        (site_dir / path).mkdir(parents=True, exist_ok=True)
        (site_dir / path / "index.html").write_text(
            shell.fill(f"Register: {la}", f"Schools in {la} on the register of the {award}.", la_body(site, la, group),
                       path), encoding="utf-8")
        written.append(path)
    (site_dir / HOLDERS_JSON).write_bytes(holders_json(site, statuses))
    shutil.rmtree(site_dir / SHELL_DIR)
    _update_sitemap(site_dir, written)
    return len(statuses)


def _update_sitemap(site_dir: Path, pages: list[str]) -> None:
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
