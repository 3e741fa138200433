"""The printed parts of a pack (PDF): facilitator guide, handouts and case cards.

The guide's reference list is built from every citation in the module: slides and speaker notes, facilitator notes,
case examples, activities, safeguarding note and handouts (``reference_keys``); ``check_references`` fails the build
when any cited key is missing from it or from data/references.yml. Print handouts carry no references page (it is in
the guide); each handout has its title, date and version, task lists are real tick boxes, writing rows are ruled lines
of usable height. Case examples are also printed one per page as case cards.
"""
from __future__ import annotations

import re

import markdown

from ..errors import Problem
from ..load import CITATION, Module, Site
from ..render.common import citation_keys, long_date, reference_entry
from ..render.training import hours
from .text import esc, level_name, md_html, timings

GUIDE_PARTS = ["facilitator-notes.md", "case-examples.md", "reflective-activities.md", "safeguarding.md"]
CITED_PARTS = ["slides.md", *GUIDE_PARTS, "handouts.md"]      # everything the guide's reference list covers


# ---------------------------------------------------------------- references
def reference_keys(m: Module) -> list[str]:
    """Every key cited anywhere in the module, in order of first citation (slides first, then guide, handouts)."""
    return list(dict.fromkeys(k for part in CITED_PARTS for k in citation_keys(m.parts.get(part, ""))))


def check_references(site: Site, m: Module, listed: list[str]) -> list[Problem]:
    """Every citation in every part must resolve and be in the guide's reference list ``listed``."""
    problems, listed_set = [], set(listed)
    for part in CITED_PARTS:
        for no, line in enumerate(m.parts.get(part, "").split("\n"), 1):
            for match in CITATION.finditer(line):
                for key in re.findall(r"@([a-z0-9-]+)", match.group(1)):
                    if key not in site.references or key not in listed_set:
                        problems.append(Problem(f"{m.source}/{part}", no, "citation",
                                                f"cites '{key}', which is missing from the facilitator guide's "
                                                "reference list; add it to data/references.yml and to module.yml "
                                                "references"))
    return problems


def references_html(site: Site, keys: list[str]) -> str:
    if not keys:
        return ""
    items = "".join(f"<li>{markdown.markdown(reference_entry(site, k))[3:-4]}</li>" for k in keys if k in site.references)
    return (f'<section class="part refs"><h2>References</h2><p>Every source cited in the slides, speaker notes, this '
            f"guide and the handouts.</p><ul>{items}</ul></section>")


# ---------------------------------------------------------------- signposting
def signposting_html(site: Site) -> str:
    sp = site.signposting
    out = ['<section class="signposting"><h2>Where to get help</h2>']
    if sp is None:
        return out[0] + "<p>Ask your designated safeguarding lead for local and national contacts.</p></section>"
    rows = "".join(f"<tr><td><strong>{esc(o.name)}</strong><br>{esc(o.helps_with)}</td>"
                   f'<td><a href="{esc(o.web)}">{esc(o.web.removeprefix("https://").rstrip("/"))}</a></td>'
                   f"<td>{esc(o.phone or '')}</td></tr>" for o in sp.organisations)
    out.append('<table class="contacts"><colgroup><col style="width:50%"><col style="width:32%"><col style="width:18%"></colgroup>'
               f"<thead><tr><th>Organisation</th><th>Web</th><th>Phone</th></tr></thead><tbody>{rows}</tbody></table>")
    if sp.local:
        local = "".join(f"<tr><td><strong>{esc(c.name)}</strong><br>{esc(c.helps_with)}</td><td></td></tr>"
                        for c in sp.local)
        out.append("<h3>Local contacts</h3><p>Ask your designated safeguarding lead and write them in.</p>"
                   '<table class="contacts"><colgroup><col style="width:52%"><col></colgroup>'
                   f"<thead><tr><th>Who</th><th>Phone and web address</th></tr></thead><tbody>{local}</tbody></table>")
    out.append(f'<p class="meta">Contacts checked {long_date(sp.reviewed)}; next check due {long_date(sp.review_due)}.'
               "</p></section>")
    return "".join(out)


# ---------------------------------------------------------------- facilitator guide
def _plan_table(m: Module) -> str:
    sessions = any(a.session for a in m.meta.session_plan)
    head = (["Session"] if sessions else []) + ["Time", "Activity", "Min", "Purpose", "Materials"]
    rows = []
    for (when, _), a in zip(timings(m), m.meta.session_plan):
        cells = ([a.session or ""] if sessions else []) + [when, a.title, str(a.minutes), a.purpose,
                                                           ", ".join(a.materials) or "None"]
        rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
    widths = ([13] if sessions else []) + [12, 20, 6, 34, 21]
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    return (f'<table class="plan"><colgroup>{cols}</colgroup><thead><tr>{"".join(f"<th>{h}</th>" for h in head)}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def guide_html(site: Site, m: Module) -> str:
    meta, a = m.meta, site.scheme.award
    facts = [("Level", level_name(site, meta.level)), ("Audience", meta.audience),
             ("Duration", hours(meta.duration_minutes)), ("Version", meta.version), ("Licence", meta.licence),
             ("Reviewed", long_date(meta.reviewed)), ("Review due", long_date(meta.review_due)),
             ("Award criteria", ", ".join(f"{c}: {site.criteria[c].title}" for c in meta.criteria) or "None")]
    out = [f"<h1>{esc(meta.title)}</h1>", f'<p class="sub">Facilitator guide · {esc(a.short_name)} training</p>',
           '<table class="facts"><colgroup><col style="width:22%"><col></colgroup>',
           "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts), "</table>",
           f"<h2>Summary</h2><p>{esc(meta.summary)}</p>", "<h2>Learning outcomes</h2><p>By the end, staff can:</p><ul>",
           "".join(f"<li>{esc(o)}</li>" for o in meta.outcomes), "</ul>",
           f"<h2>Session plan ({meta.duration_minutes} minutes)</h2>", _plan_table(m)]
    for part in GUIDE_PARTS:
        extra = signposting_html(site) if part == "safeguarding.md" else ""
        out.append(f'<section class="part">{md_html(site, m.parts.get(part, ""))}{extra}</section>')
    out.append(references_html(site, reference_keys(m)))
    return "\n".join(out)


# ---------------------------------------------------------------- handouts
_TASK = re.compile(r"<li>\s*\[( |x|X)\]\s*")


def _writing_columns(table: str) -> str:
    """A table column left empty for writing in gets a fair share of the width (auto layout would shrink it to its
    header); the other columns size to their content."""
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    body = [re.findall(r"<td[^>]*>(.*?)</td>", r, flags=re.S) for r in rows[1:]]
    n = len(re.findall(r"<th[^>]*>", rows[0])) if rows else 0
    if not n or not body or any(len(r) != n for r in body):
        return table
    empty = [all(not r[i].strip() for r in body) for i in range(n)]
    if not any(empty):
        return table
    if sum(empty) * 2 > n:                     # mostly a grid to write in: equal columns
        return table.replace("<table>", '<table class="grid">', 1)
    share = min(50.0, 60.0 / sum(empty))
    cols = "".join(f'<col style="width:{share:.0f}%">' if e else "<col>" for e in empty)
    return table.replace("<table>", f'<table class="writing"><colgroup>{cols}</colgroup>', 1)


def print_html(html: str) -> str:
    """Task lists become tick boxes; a paragraph of dots or underscores becomes ruled writing lines; columns left
    empty for writing keep a usable width."""
    html = re.sub(r"<table>.*?</table>", lambda t: _writing_columns(t.group(0)), html, flags=re.S)
    html = _TASK.sub(lambda mt: '<li class="task"><span class="box" role="img" aria-label="'
                     + ("ticked box" if mt.group(1) != " " else "tick box") + '"></span>', html)
    html = re.sub(r"<ul>(\s*<li class=\"task\">)", r'<ul class="tasks">\1', html)
    html = re.sub(r"<li>([^<]{2,80}:)</li>", r'<li class="blank">\1 <span class="fill"></span></li>', html)     # "Our DSL:" -> a line
    return re.sub(r"<p>[._…\s]{8,}</p>", '<div class="write-lines"><span></span><span></span><span></span></div>', html)


def split_sections(text: str, marker: str) -> tuple[str, list[tuple[str, str]]]:
    """(text before the first ``marker`` heading, [(heading text, body)]) for '## <marker>…' sections."""
    chunks = re.split(r"(?m)^## ", text)
    intro = re.sub(r"(?m)^# .*$", "", chunks[0]).strip()
    sections = []
    for chunk in chunks[1:]:
        head, _, body = chunk.partition("\n")
        sections.append((head.strip(), body.strip()))
    return intro, [s for s in sections if s[0].startswith(marker)] or sections


def _promote(body: str) -> str:
    """A section's '###' headings become '##' (the section's own title is the page's h1), so levels never jump."""
    return re.sub(r"(?m)^(#{3,6}) ", lambda h: h.group(1)[:-1] + " ", body)


def handouts_html(site: Site, m: Module) -> str:
    meta = m.meta
    stamp = f"{esc(meta.title)} · version {esc(meta.version)} · {long_date(meta.reviewed)}"
    intro, handouts = split_sections(m.parts.get("handouts.md", ""), "Handout")
    out = ['<div class="handouts">']
    if intro:
        out.append(print_html(md_html(site, intro)))
    for title, body in handouts:
        content = print_html(md_html(site, _promote(body)))
        out.append(f'<section class="handout"><h1>{esc(title)}</h1><p class="meta">{stamp}</p>{content}</section>')
    out.append("</div>")
    return "\n".join(out)


# ---------------------------------------------------------------- case cards
def case_cards_html(site: Site, m: Module) -> str:
    intro, cases = split_sections(m.parts.get("case-examples.md", ""), "Case example")
    n = len(cases)
    out = []
    for i, (title, body) in enumerate(cases, 1):
        out.append(f'<section class="card"><p class="card-no">Case card {i} of {n} · {esc(m.title)}</p>'
                   f"<h1>{esc(title.removeprefix('Case example: '))}</h1>{print_html(md_html(site, _promote(body)))}"
                   '<p class="fiction">This example is fictional. Any resemblance to a real child is coincidental. '
                   "If it brings a real pupil to mind and you are worried, speak to the designated safeguarding lead "
                   "today.</p></section>")
    return "\n".join(out)


CARD_CSS = """
.card { break-after: page; font-size: 14pt; line-height: 1.45; }
.card:last-child { break-after: auto; }
.card h1 { font-size: 26pt; margin-top: .2em; }
.card-no { font-size: 9pt; font-weight: bold; letter-spacing: .04em; margin: 0; }
.card li { margin: .35em 0; }
.fiction { font-size: 9pt; margin-top: 1.5em; border-top: .75pt solid #7a7a7a; padding-top: .5em; }
"""

HANDOUT_CSS = """
li.blank { margin: .55em 0; }
.fill { display: inline-block; width: 55%; height: 1.1em; border-bottom: .75pt solid #7a7a7a; vertical-align: -2pt; }
.handouts { font-size: 9.6pt; line-height: 1.36; }
.handout + .handout { margin-top: 1.2em; }
.handout h1 { font-size: 16pt; margin: 0 0 .1em; }
.handout .meta { margin-bottom: .6em; }
.handout h2 { font-size: 12pt; margin: .8em 0 .3em; }
.handout h3 { font-size: 10.5pt; }
.handout table { margin: .3em 0 .7em; }
.handout th, .handout td { padding: 3pt 5pt; }
"""

COMPACT_CSS = """
@page { margin: 1.75cm 1.6cm 1.7cm; }
.handouts { font-size: 9pt; line-height: 1.3; }
.handout h1 { font-size: 14.5pt; }
.handout h2 { font-size: 11pt; margin: .6em 0 .25em; }
.handout p, .handout ul { margin: .25em 0 .4em; }
.handout li { margin: 0; }
.handout th, .handout td { padding: 2pt 4pt; }
.write-lines span { height: .85cm; }
"""
