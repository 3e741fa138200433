"""The public register, built to scale to every school in England (~25,000).

Design (scripts/bench_register.py measures it; the figures are in the README):
- register/index.md is the only register page MkDocs renders. Its table holds the first FIRST_ROWS current holders by
  name; register.js then loads register/holders.json (every current holder, compact) to filter, search, sort and page.
- Without JavaScript the full register is readable through one page per local authority (register/la-<slug>/), linked
  from the register page, each listing that authority's holders, participating schools and past holders.
- Entry pages (register/<urn>/), badges and local authority pages are not MkDocs pages: MkDocs renders one shell page
  (register/entry-shell.md, excluded from search) and, after the build, ``entries.entry_files`` fills a copy of the
  shell's HTML for each of them (``filetree.write_tree`` writes only what changed).
- School strings are inert: they are HTML-escaped and placed into finished HTML, never into Markdown or Jinja.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import get_args

from ..load import Site
from ..models import Phase
from ..register import LAPSED, PARTICIPATING, RENEWAL_DUE, SchoolStatus
from .common import bdi, esc, front_matter, long_date, uk_date

SCRIPTS = ["assets/heart-common.js", "assets/register.js"]   # loaded (deferred) by the theme from the front matter
FIRST_ROWS = 50                       # rows per table on the register page, and per page in register.js
ENTRY_SHELL = "register/entry-shell.md"
SHELL_DIR = "register/entry-shell/"
HOLDERS_JSON = "register/holders.json"
TITLE, DESCRIPTION, SLOT = "HEARTSHELLTITLE", "HEARTSHELLDESCRIPTION", '<div id="heart-shell-slot"></div>'
PHASES = {p: {"post-16": "Post-16", "all-through": "All-through"}.get(p, p.replace("-", " ").capitalize())
          for p in get_args(Phase)}
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
def _table(rows: list[SchoolStatus], kind: str, up: str, script: dict[str, str] | None = None,
           cohorts: dict | None = None) -> str:
    """kind: holders | participating | lapsed. ``up`` is the path from the page to register/ ('' or '../').
    ``script``: attributes for register.js (the register page's own table: its id, data source and counts).
    Tables carry no class, so the theme styles them (and wraps them to scroll sideways on narrow screens)."""
    if not rows:
        return "<p>None.</p>\n"
    extra = {"holders": ["Level", "Awarded", "Valid until"], "participating": ["Cohort"],
             "lapsed": ["Last level", "Ended"]}[kind]
    heads = ["School", "URN", "Phase", "Local authority", *extra]
    keys = ["name", "urn", "phase", "la", *{"holders": ["level", "awarded", "until"], "participating": ["cohort"],
                                            "lapsed": ["level", "until"]}[kind]]
    sort = ' aria-sort="ascending"' if kind == "holders" else ""
    head = "".join(f'<th scope="col"{sort if i == 0 else ""}>{h}</th>' for i, h in enumerate(heads))
    body = []
    for st in rows:
        s = st.school
        cells = [f'<a href="{up}{s.urn}/">{bdi(s.name)}</a>', s.urn, PHASES[s.phase], esc(s.local_authority)]
        if kind == "holders":
            due = " (renewal due)" if st.status == RENEWAL_DUE else ""
            cells += [esc(st.level_name), _time(st.awarded), f"{_time(st.expires)}{due}"]
        elif kind == "participating":
            cells.append(esc((cohorts or {}).get(s.cohort or "", s.cohort or "")))
        else:
            cells += [esc(st.last_level_name), _time(st.expires)]
        body.append("<tr>" + "".join(_cell(i, heads[i], keys[i], v) for i, v in enumerate(cells)) + "</tr>")
    attrs = "".join(f' {k}="{esc(v)}"' for k, v in (script or {}).items())
    return (f'<table data-register="{kind}" data-stack{attrs}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(body) + "\n</tbody></table>\n")


def _cell(i: int, label: str, key: str, html: str) -> str:
    """One cell: the first is the row's header. data-label names the column when a phone stacks the row."""
    tag, scope = ("th", ' scope="row"') if i == 0 else ("td", "")
    return f'<{tag}{scope} class="heart-reg__{key}" data-label="{label}">{html}</{tag}>'


def _first(rows, kind: str, what: str, cohorts: dict | None = None) -> str:
    out = _table(rows[:FIRST_ROWS], kind, "", cohorts=cohorts)
    if len(rows) > FIRST_ROWS:
        out += (f"<p>These are the first {FIRST_ROWS} of {len(rows):,} {what}, by name. Every school is listed on "
                "its local authority's page below and in the open data.</p>\n")
    return out


# ---------------------------------------------------------------- the register page (a MkDocs page)
def register_page(site: Site) -> str:
    statuses = _sorted(site)
    holders, participating, lapsed = _split(statuses)
    award = esc(site.scheme.award.short_name)
    levels = "".join(f'<li><label><input type="checkbox" name="level" value="{esc(lv.id)}" disabled> {esc(lv.name)}</label></li>'
                     for lv in site.scheme.levels)
    phases = "".join(f'<li><label><input type="checkbox" name="phase" value="{p}" disabled> {label}</label></li>'
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
    out = [front_matter(title="Register of award holders",
                        description=f"Which schools hold the {site.scheme.award.short_name}, at which level, and until when.",
                        heart_scripts=SCRIPTS),
           "# Register of award holders\n", sample_banner(site),
           f"Schools that hold the {award} now, as of {long_date(site.build_date)}. An award is shown only while it "
           f"is valid; a school within {site.scheme.award.renewal_due_months} months of its valid-until date shows "
           "\"renewal due\". Each school's entry "
           "shows its award history and the badge it can put on its website. Download the whole register as "
           "[open data](open-data.md).\n",
           f"## Current award holders ({len(holders):,}) {{#current}}\n",
           _filter_form(levels, phases, la_options),
           f'<p id="register-count" class="heart-filter__count" role="status">{count}</p>\n',
           _no_match(len(lapsed), len(participating)),
           _table(holders[:FIRST_ROWS], "holders", "", script={
               "id": "register-table", "data-src": "holders.json", "data-page-size": str(FIRST_ROWS),
               "data-past": str(len(lapsed)), "data-participating": str(len(participating))}),
           '<nav id="register-pages" aria-label="Pages of the register" hidden><p>'
           '<button type="button" class="md-button" data-page="-1">Previous page</button> '
           '<span id="register-page"></span> '
           '<button type="button" class="md-button" data-page="1">Next page</button></p></nav>\n',
           f"## Participating schools ({len(participating):,}) {{#participating}}\n",
           "Schools on the pathway that do not yet hold a level.\n",
           _first(participating, "participating", "participating schools", site.schools.cohorts),
           f"## Past holders ({len(lapsed):,}) {{#past}}\n",
           "Schools whose award has lapsed. They do not hold the award now.\n",
           _first(lapsed, "lapsed", "past holders"),
           "## Schools networks {#networks}\n",
           f"Schools meet and share practice in [local networks](networks.md) "
           f"({len(site.schools.networks):,}).\n",
           "## Browse by local authority {#by-local-authority}\n",
           "Every school on the register, listed by local authority (the number is all schools, whatever their status).\n",
           f'<ul class="heart-la-list">{la_links}</ul>\n' if la_links else "<p>None.</p>\n"]
    return "\n".join(out)


def _filter_form(levels: str, phases: str, la_options: str) -> str:
    """The search and filters, in the page from the start (no layout shift when the script arrives). Their
    controls stay disabled until register.js has loaded the holders; without JavaScript a note says where to look."""
    return ('<form class="heart-filter" id="register-filter" aria-labelledby="register-filter-title">\n'
            '<h3 class="heart-filter__title" id="register-filter-title">Find a school</h3>\n'
            '<noscript><p>Search and filters need JavaScript. Every school is listed by '
            '<a href="#by-local-authority">local authority</a> below.</p></noscript>\n'
            '<p><label for="register-q">Search by name or URN</label><br>'
            '<input type="search" id="register-q" name="search" autocomplete="off" disabled></p>\n'
            f'<fieldset class="heart-filter__group"><legend>Level</legend><ul>{levels}</ul></fieldset>\n'
            '<details class="heart-filter__more" id="register-more"><summary>More filters: phase and local '
            'authority</summary>\n'
            f'<fieldset class="heart-filter__group"><legend>Phase</legend><ul>{phases}</ul></fieldset>\n'
            '<p><label for="register-la">Local authority</label><br><select id="register-la" name="la" disabled>'
            f'<option value="">All local authorities</option>{la_options}</select></p>\n</details>\n'
            '<p><button type="button" class="md-button" data-register-clear disabled>Clear filters</button></p>\n'
            "</form>\n")


def _no_match(past: int, participating: int) -> str:
    """Shown by register.js when no current holder matches: where else the school may be."""
    return ('<div id="register-none" class="heart-register-none" hidden><p>No current award holder matches. A school '
            "that is not listed may have held the award in the past, or may be taking part without a level yet:</p>"
            f'<ul><li><a href="#past">Past holders ({past:,})</a>: schools whose award has lapsed</li>'
            f'<li><a href="#participating">Participating schools ({participating:,})</a>: on the pathway, no level '
            "yet</li><li>Every school, whatever its status, is on its "
            '<a href="#by-local-authority">local authority\'s page</a>.</li></ul></div>\n')


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
    return (front_matter(title=TITLE, description=DESCRIPTION, search={"exclude": True}, heart_scripts=SCRIPTS)
            + f"\n{SLOT}\n\n[Back to the register](index.md)\n")
