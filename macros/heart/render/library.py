"""The strategy library: cards that answer at a glance, the filterable index, the area and role pages, the
"What are you seeing?" situation pages and the print-your-own handout page.

Cards show who, phases, cost, time to put in place and evidence. A strategy for "All staff" matches every role
filter (its card carries every role id). Filters collapse behind a "Filters (n selected)" button on a phone, with
removable tags for what is selected (docs/assets/filter.js); ticking "Add to my handout" keeps a list in this
browser only (localStorage) for the handout page (docs/assets/handout.js). Every value is escaped.
"""
from __future__ import annotations

from .. import paths
from ..load import Site, Strategy
from .common import esc, front_matter, rel, rel_url, render_citations, review_footer, sources_section

ALL_STAFF = "all-staff"
SCRIPTS_LIBRARY = ["assets/filter.js", "assets/handout.js"]
SCRIPTS_HANDOUT = ["assets/handout.js"]


def _terms(site: Site, vocab: str, ids: list[str]) -> str:
    return ", ".join(esc(site.label(vocab, i)) for i in ids)


def _script_tags(src: str, scripts: list[str]) -> str:
    """The page's scripts, also as tags in the content (a script guards against running twice when the theme
    loads its heart_scripts as well)."""
    return "\n".join(f'<script src="{rel_url(src, s)}" defer></script>' for s in scripts) + "\n"


def card_roles(site: Site, s: Strategy) -> list[str]:
    """Role ids a card matches: a strategy for all staff matches every role."""
    if ALL_STAFF in s.meta.roles:
        return [t.id for t in site.vocab.roles]
    return list(s.meta.roles)


def _card(site: Site, src: str, s: Strategy, pick: bool = True) -> str:
    m = s.meta
    attrs = (f'data-id="{esc(s.id)}" data-areas="{esc(" ".join(m.areas))}" data-phases="{esc(" ".join(m.phases))}" '
             f'data-roles="{esc(" ".join(card_roles(site, s)))}" data-costs="{esc(m.cost)}" '
             f'data-times="{esc(m.time_band or "")}"')
    time = esc(m.time_to_implement)
    if m.time_band:
        time = (f"<strong>{esc(site.label('times', m.time_band))}.</strong> "
                f'<span class="heart-card__detail">{time}</span>')
    every = {t.id for t in site.vocab.phases} <= set(m.phases)
    phases = "All phases" if every else _terms(site, "phases", m.phases)
    rows = [("Who", _terms(site, "roles", m.roles)), ("Phases", phases),
            ("Cost", esc(site.label("costs", m.cost))), ("Time", time),
            ("Evidence", _terms(site, "evidence_types", m.evidence))]
    meta = "".join(f'<div><dt>{k}</dt><dd>{v}</dd></div>' for k, v in rows)
    out = [f'<li class="heart-card" {attrs}>',
           f'<h3 class="heart-card__title"><a href="{rel_url(src, paths.strategy(s.id))}">{esc(m.title)}</a></h3>',
           f'<p class="heart-card__summary">{esc(m.summary)}</p>',
           f'<dl class="heart-card__meta">{meta}</dl>']
    if pick:
        out.append(f'<p class="heart-pick"><input type="checkbox" id="pick-{esc(s.id)}" value="{esc(s.id)}" '
                   f'data-heart-pick><label for="pick-{esc(s.id)}">Add to my handout</label></p>')
    out.append('</li>')
    return "\n".join(out)


def _card_list(site: Site, src: str, strategies: list[Strategy], list_id: str = "strategy-list",
               pick: bool = True) -> str:
    items = "\n".join(_card(site, src, s, pick) for s in strategies)
    return f'<ul class="heart-cards" id="{list_id}">\n{items}\n</ul>\n'


def _filter_group(name: str, legend: str, options: list[tuple[str, str]]) -> str:
    boxes = "\n".join(
        f'<li><input type="checkbox" id="f-{name}-{esc(v)}" name="{name}" value="{esc(v)}" data-label="{esc(label)}">'
        f'<label for="f-{name}-{esc(v)}">{esc(label)}</label></li>' for v, label in options)
    return f'<fieldset class="heart-filter__group"><legend>{esc(legend)}</legend><ul>\n{boxes}\n</ul></fieldset>'


def _handout_bar(src: str) -> str:
    return (f'<div class="heart-handout-bar" data-heart-handout-bar data-handout="{rel_url(src, paths.HANDOUT)}">'
            '<p class="heart-handout-bar__count" data-heart-handout-count aria-live="polite">'
            'Tick "Add to my handout" on any strategy to print your own handout.</p>'
            f'<p><a class="md-button" href="{rel_url(src, paths.HANDOUT)}" data-heart-handout-link>Print my handout</a>'
            '</p></div>')


def library_index(site: Site) -> str:
    src = paths.STRATEGIES
    strategies = sorted(site.strategies.values(), key=lambda s: s.title.lower())
    n = len(strategies)
    out = [front_matter(title="Strategy library", heart_scripts=SCRIPTS_LIBRARY, hide=["toc"],
                        description="Practical, sourced strategies for attachment-aware and trauma-responsive schools.")]
    out.append("# Strategy library\n")
    out.append(f'<p class="heart-lib__intro">{n} practical strategies that school staff can use tomorrow, each with '
               'where it comes from, why it helps and how strong the evidence is.</p>\n')
    if site.situations:
        out.append(f'<p class="heart-lib__situations"><a href="{rel_url(src, paths.SITUATIONS)}">'
                   '<strong>What are you seeing?</strong> Start from what you notice in a child</a>, such as '
                   '"leaves the room" or "hard starts to the day".</p>\n')
    opts = [("role", "Who", [(t.id, t.label) for t in site.vocab.roles]),
            ("phase", "Phase", [(t.id, t.label) for t in site.vocab.phases]),
            ("cost", "Cost", [(t.id, t.label) for t in site.vocab.costs]),
            ("time", "Time to set up", [(t.id, t.label) for t in site.vocab.times]),
            ("area", site.area_kind, [(a.id, f"{a.id}. {a.title}") for a in site.areas.values()])]
    out.append('<div class="heart-lib" data-heart-lib>')
    out.append('<div class="heart-lib__bar">')
    out.append(f'<p class="heart-filter__count" id="strategy-count" role="status" aria-live="polite">'
               f'Showing all {n} strategies.</p>')
    out.append('<button type="button" class="heart-lib__toggle md-button" aria-expanded="false" '
               'aria-controls="strategy-filter" data-heart-filter-toggle>Filters (0 selected)</button>')
    out.append('<ul class="heart-chosen" aria-label="Selected filters" data-heart-chosen></ul>')
    out.append('</div>')
    out.append('<form class="heart-filter" id="strategy-filter" data-filter-for="strategy-list" '
               'aria-label="Filter strategies" hidden>')
    out.append('<h2 class="heart-filter__title">Filter strategies</h2>')
    out.extend(_filter_group(name, legend, o) for name, legend, o in opts if o)
    out.append('<p class="heart-filter__note">"All staff" strategies show under every role.</p>')
    out.append('<p><button type="button" class="md-button" data-filter-clear>Clear filters</button></p>')
    out.append('</form>')
    out.append('<div class="heart-lib__results">')
    out.append(_card_list(site, src, strategies))
    out.append('</div></div>')
    out.append(_handout_bar(src))
    out.append(f"Browse by [{esc(site.area_kind)}](#by-area) or [role](#by-role), see every [tag](tags.md), "
               "or use the site search.\n")
    out.append('## By area {#by-area}\n')
    for a in site.areas.values():
        k = sum(1 for s in strategies if a.id in s.meta.areas)
        out.append(f"- [{a.id}. {esc(a.title)}]({rel(src, paths.area(a.id))}) ({k})")
    out.append('\n## By role {#by-role}\n')
    for t in site.vocab.roles:
        k = sum(1 for s in strategies if t.id in card_roles(site, s))
        out.append(f"- [{esc(t.label)}]({rel(src, paths.role(t.id))}) ({k})")
    out.append("")
    out.append(_script_tags(src, SCRIPTS_LIBRARY))
    return "\n".join(out)


def _criterion_link(site: Site, src: str, cid: str) -> str:
    c = site.criteria[cid]
    level = site.levels[c.level]
    return (f"[{esc(cid)}: {esc(c.title)}]({rel(src, paths.level(c.level), paths.criterion_anchor(cid))}) "
            f"({esc(level.name)})")


def area_page(site: Site, area_id: str) -> str:
    a = site.areas[area_id]
    src = paths.area(area_id)
    items = sorted((s for s in site.strategies.values() if area_id in s.meta.areas), key=lambda s: s.title.lower())
    crit = [c for c in site.scheme.criteria if area_id in c.areas]
    out = [front_matter(title=f"Area {a.id}: {a.title}", description=a.description, search={"exclude": True})]
    out.append(f"# Area {a.id}: {esc(a.title)}\n")
    source = render_citations(f"[@{site.areas_file.source}]", site, src)     # e.g. (ARC..., 2022), linked
    out.append(f"{esc(a.description)} This is area {a.id} of the whole-school approach in the "
               f"{esc(site.areas_file.framework)} {source}; the summary is ours.\n")
    out.append(f"## Strategies ({len(items)})\n")
    out.append(_card_list(site, src, items, pick=False) if items else "No strategies in this area yet.\n")
    if crit:
        out.append("## Award criteria in this area\n")
        out.extend(f"- {_criterion_link(site, src, c.id)}" for c in crit)
        out.append("")
    out.append(f"[Back to the strategy library]({rel(src, paths.STRATEGIES)})\n")
    return "\n".join(out)


def role_page(site: Site, role_id: str) -> str:
    label = site.label("roles", role_id)
    src = paths.role(role_id)
    items = sorted((s for s in site.strategies.values() if role_id in card_roles(site, s)),
                   key=lambda s: s.title.lower())
    out = [front_matter(title=f"Strategies for {label.lower()}", search={"exclude": True})]
    out.append(f"# Strategies for {esc(label.lower())}\n")
    extra = "" if role_id == ALL_STAFF else ', including those for "All staff"'
    out.append(f"{len(items)} strategies list {esc(label.lower())} among the people who put them into practice{extra}.\n")
    out.append(_card_list(site, src, items, pick=False) if items else "No strategies for this role yet.\n")
    out.append(f"[Back to the strategy library]({rel(src, paths.STRATEGIES)})\n")
    return "\n".join(out)


# ---------------------------------------------------------------- printable resources (on the strategy page)


def printables_section(site: Site, s: Strategy, src: str) -> str:
    """'Printable resources': handouts from training modules named in the strategy's front matter."""
    if not s.meta.printables:
        return ""
    out = ["## Printable resources\n"]
    for p in s.meta.printables:
        module = site.modules[p.module]
        pdf = paths.pack_file(site.scheme.award.short_name, p.module, "handouts.pdf")
        out.append(f"- [{esc(p.title)}]({rel(src, pdf)}): handout {p.handout} in the handouts (PDF) of the "
                   f"[{esc(module.title)}]({rel(src, paths.module(p.module))}) training module")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- What are you seeing?
def situations_index(site: Site) -> str:
    src = paths.SITUATIONS
    out = [front_matter(title="What are you seeing?", hide=["toc"],
                        description="Start from what you notice in a child and find strategies to try tomorrow.")]
    out.append("# What are you seeing?\n")
    out.append("Start from what you notice. Each page explains what the behaviour might be telling you, never a "
               "diagnosis, and lists strategies to try tomorrow and a plan if it keeps happening. Worried about a "
               "child's safety? Speak to your designated safeguarding lead (DSL) today.\n")
    items = []
    for xid, x in site.situations.items():
        also = ", ".join(esc(a) for a in x.also[:3])
        items.append(f'<li><a href="{rel_url(src, paths.situation(xid))}">{esc(x.title)}</a>'
                     + (f'<span class="heart-situations__also">{also}</span>' if also else "") + "</li>")
    out.append('<ul class="heart-situations">\n' + "\n".join(items) + "\n</ul>\n" if items else
               "<p>No situations have been written up yet.</p>\n")
    out.append(f"Or browse the whole [strategy library]({rel(src, paths.STRATEGIES)}).\n")
    if getattr(site.situations, "reviewed", None):
        out.append(review_footer(site.situations.reviewed, site.situations.review_due))
    return "\n".join(out)


def situation_page(site: Site, xid: str) -> str:
    x = site.situations[xid]
    src = paths.situation(xid)
    out = [front_matter(title=x.title, description=x.explanation[:160], heart_scripts=SCRIPTS_HANDOUT, hide=["toc"])]
    out.append(f"# {esc(x.title)}\n")
    if x.also:
        out.append(f'<p class="heart-situation__also">Staff also say: {", ".join(esc(a) for a in x.also)}.</p>\n')
    out.append("## What it might be telling you\n")
    out.append(render_citations(esc(x.explanation), site, src) + "\n")
    first = [site.strategies[i] for i in x.first]
    out.append("## First things to try tomorrow\n")
    out.append("Most immediate first.\n")
    out.append(_card_list(site, src, first, list_id="situation-first"))
    ids = ",".join(s.id for s in first)
    out.append(f'<p><a class="md-button" href="{rel_url(src, paths.HANDOUT)}?ids={esc(ids)}">'
               'Print these as a handout</a></p>\n')
    out.append("## If it keeps happening\n")
    out.append("Plan it with the adults around the child:\n")
    out.extend(f'- <a href="{rel_url(src, paths.strategy(i))}">{esc(site.strategies[i].title)}</a>: '
               f'{esc(site.strategies[i].meta.summary)}' for i in x.if_it_keeps_happening)
    out.append("")
    out.append("## Safeguarding\n")
    out.append(f'<p class="heart-situation__safeguarding">{esc(x.safeguarding)} If a child is at immediate risk of '
               'harm, follow your school\'s child protection policy straight away.</p>\n')
    out.append(_handout_bar(src))
    out.append(f"[All situations]({rel(src, paths.SITUATIONS)}) · [Strategy library]({rel(src, paths.STRATEGIES)})\n")
    out.append(sources_section(site, list(x.references), src))
    if site.situations.reviewed:
        out.append(review_footer(site.situations.reviewed, site.situations.review_due))
    out.append(_script_tags(src, SCRIPTS_HANDOUT))
    return "\n".join(out)


# ---------------------------------------------------------------- handout of my choice
def handout_page(site: Site) -> str:
    """The strategies ticked in this browser (or listed in ?ids=), fetched from their own pages on this site and
    laid out for print. Nothing is sent anywhere; without JavaScript it says how to print a single strategy."""
    src = paths.HANDOUT
    titles = {sid: s.title for sid, s in site.strategies.items()}
    import json
    out = [front_matter(title="My handout", heart_scripts=SCRIPTS_HANDOUT, hide=["toc", "navigation"],
                        search={"exclude": True}, heart_page="handout")]
    out.append("# My handout\n")
    out.append(f'<div class="heart-handout" data-heart-handout data-site-name="{esc(site.scheme.award.short_name)}" '
               f'data-titles="{esc(json.dumps(titles, ensure_ascii=False))}" '
               f'data-strategies="{rel_url(src, paths.STRATEGIES)}">')
    out.append('<div class="heart-handout__controls">')
    out.append('<p data-heart-handout-status role="status">Your handout is made in this browser from the strategies '
               f'you tick in the <a href="{rel_url(src, paths.STRATEGIES)}">strategy library</a>. Nothing is sent '
               'anywhere. Without JavaScript, print each strategy page on its own.</p>')
    out.append('<p><button type="button" class="md-button md-button--primary" data-heart-print hidden>'
               'Print or save as PDF</button> '
               '<button type="button" class="md-button" data-heart-handout-clear hidden>Clear my list</button></p>')
    out.append('</div>')
    out.append('<p class="heart-handout__running" data-heart-running></p>')
    out.append('<div class="heart-handout__items" data-heart-handout-items></div>')
    out.append('</div>\n')
    out.append(_script_tags(src, SCRIPTS_HANDOUT))
    return "\n".join(out)
