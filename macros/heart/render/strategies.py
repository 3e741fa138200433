"""Strategy pages, the library index with filters, and per-area and per-role index pages."""
from __future__ import annotations

from .. import paths
from ..load import Site, Strategy
from .common import citation_keys, esc, front_matter, rel, rel_url, render_citations, review_footer, sources_section


def _terms(site: Site, vocab: str, ids: list[str]) -> str:
    return ", ".join(esc(site.label(vocab, i)) for i in ids)


def _criterion_link(site: Site, src: str, cid: str) -> str:
    c = site.criteria[cid]
    level = site.levels[c.level]
    return f"[{esc(cid)}: {esc(c.title)}]({rel(src, paths.level(c.level), paths.criterion_anchor(cid))}) ({esc(level.name)})"


# tags are short lowercase slugs in the front matter; pages show them as words ("staff-wellbeing" -> "Staff wellbeing")
_TAG_WORDS = {"peps": "PEPs", "send": "SEND", "sendco": "SENDCo", "senco": "SENCo", "dsl": "DSL", "arc": "ARC"}
_TAG_HYPHENATED = {"de-escalation", "person-centred", "multi-agency", "post-16", "all-through", "co-regulation"}


def tag_label(tag: str) -> str:
    if tag in _TAG_WORDS:
        return _TAG_WORDS[tag]
    text = tag if tag in _TAG_HYPHENATED else tag.replace("-", " ")
    words = [_TAG_WORDS.get(w, w) for w in text.split(" ")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def _summary_row(key: str, value_html: str) -> str:
    # line breaks between the parts keep "Phases" and its value apart in the search index's plain text
    return (f'<div class="heart-summary-list__row">\n<dt class="heart-summary-list__key">{esc(key)}</dt>\n'
            f'<dd class="heart-summary-list__value">{value_html}</dd>\n</div>')


def strategy_page(site: Site, s: Strategy) -> str:
    src = paths.strategy(s.id)
    m = s.meta
    out = [front_matter(title=m.title, description=m.summary, heart_page="strategy",
                        tags=[tag_label(t) for t in m.tags] or None)]
    out.append(f"# {esc(m.title)}\n")
    out.append(f'<p class="heart-lede">{esc(m.summary)}</p>\n')
    areas = ", ".join(f'<a href="{rel_url(src, paths.area(a))}">{a}. {esc(site.areas[a].title)}</a>' for a in m.areas)
    roles = ", ".join(f'<a href="{rel_url(src, paths.role(r))}">{esc(site.label("roles", r))}</a>' for r in m.roles)
    out.append('<dl class="heart-summary-list heart-facts">')
    out.append(_summary_row("Call to Action areas", areas))
    out.append(_summary_row("Phases", _terms(site, "phases", m.phases)))
    out.append(_summary_row("Who", roles))
    out.append(_summary_row("Time to put in place", esc(m.time_to_implement)))
    out.append(_summary_row("Cost", esc(site.label("costs", m.cost))))
    out.append(_summary_row("Evidence", _terms(site, "evidence_types", m.evidence)))
    out.append("</dl>\n")
    out.append(render_citations(s.body.strip(), site, src) + "\n")

    out.append("## Linked award criteria and training\n")
    if m.criteria:
        out.append("This strategy helps a school meet:\n")
        out.extend(f"- {_criterion_link(site, src, c)}" for c in m.criteria)
        out.append("")
    mods = site.strategy_modules.get(s.id, [])
    if mods:
        out.append("Training modules that teach it:\n")
        out.extend(f"- [{esc(site.modules[mid].title)}]({rel(src, paths.module(mid))})" for mid in mods)
        out.append("")
    if not m.criteria and not mods:
        out.append("No award criterion or training module links to this strategy yet.\n")
    if m.related:
        out.append("## Related strategies\n")
        out.extend(f"- [{esc(site.strategies[r].title)}]({rel(src, paths.strategy(r))})" for r in m.related)
        out.append("")
    keys = list(dict.fromkeys([*citation_keys(s.body), *m.references]))
    out.append(sources_section(site, keys, src))
    out.append(review_footer(m.reviewed, m.review_due))
    return "\n".join(out)


def _card(site: Site, src: str, s: Strategy) -> str:
    m = s.meta
    attrs = (f'data-areas="{" ".join(m.areas)}" data-phases="{" ".join(m.phases)}" '
             f'data-roles="{" ".join(m.roles)}"')
    areas = ", ".join(f"{a}. {esc(site.areas[a].title)}" for a in m.areas)
    return "\n".join([
        f'<li class="heart-card" {attrs}>',
        f'<h3 class="heart-card__title"><a href="{rel_url(src, paths.strategy(s.id))}">{esc(m.title)}</a></h3>',
        f'<p>{esc(m.summary)}</p>',
        '<dl class="heart-card__meta">',
        f'<dt>Areas</dt><dd>{areas}</dd>',
        f'<dt>Phases</dt><dd>{_terms(site, "phases", m.phases)}</dd>',
        f'<dt>Who</dt><dd>{_terms(site, "roles", m.roles)}</dd>',
        '</dl>',
        '</li>'])


def _card_list(site: Site, src: str, strategies: list[Strategy]) -> str:
    items = "\n".join(_card(site, src, s) for s in strategies)
    return f'<ul class="heart-cards" id="strategy-list">\n{items}\n</ul>\n'


def _filter_group(name: str, legend: str, options: list[tuple[str, str]]) -> str:
    boxes = "\n".join(
        f'<li><input type="checkbox" id="f-{name}-{esc(v)}" name="{name}" value="{esc(v)}">'
        f'<label for="f-{name}-{esc(v)}">{esc(label)}</label></li>' for v, label in options)
    return f'<fieldset class="heart-filter__group"><legend>{esc(legend)}</legend><ul>\n{boxes}\n</ul></fieldset>'


def library_index(site: Site) -> str:
    src = paths.STRATEGIES
    strategies = sorted(site.strategies.values(), key=lambda s: s.title.lower())
    out = [front_matter(title="Strategy library", heart_scripts=["assets/filter.js"],
                        description="Practical, sourced strategies for attachment-aware and trauma-responsive schools.")]
    out.append("# Strategy library\n")
    out.append(f"{len(strategies)} practical strategies that school staff can use tomorrow, each explaining where it "
               "comes from, why it helps and how strong the evidence is. They are grouped by the ten areas of the "
               f"whole-school approach in the Call to Action ([ARC and NAVSH, 2022]({rel(src, paths.REFERENCES, 'ref-arc2022')})).\n")
    out.append("Browse by [Call to Action area](#by-area), [role](#by-role) or [tag](tags.md), use the site search, "
               "or filter the list below.\n")
    areas_opts = [(a.id, f"{a.id}. {a.title}") for a in site.areas.values()]
    phase_opts = [(t.id, t.label) for t in site.vocab.phases]
    role_opts = [(t.id, t.label) for t in site.vocab.roles]
    out.append('<form class="heart-filter" id="strategy-filter" data-filter-for="strategy-list" hidden>')
    out.append('<h2 class="heart-filter__title">Filter strategies</h2>')
    out.append(_filter_group("area", "Call to Action area", areas_opts))
    out.append(_filter_group("phase", "Phase", phase_opts))
    out.append(_filter_group("role", "Who", role_opts))
    out.append('<p><button type="button" class="md-button" data-filter-clear>Clear filters</button></p>')
    out.append('</form>')
    out.append(f'<p class="heart-filter__count" id="strategy-count" role="status" aria-live="polite">'
               f'Showing all {len(strategies)} strategies.</p>\n')
    out.append(_card_list(site, src, strategies))
    out.append('## By area {#by-area}\n')
    for a in site.areas.values():
        n = sum(1 for s in strategies if a.id in s.meta.areas)
        out.append(f"- [{a.id}. {esc(a.title)}]({rel(src, paths.area(a.id))}) ({n})")
    out.append('\n## By role {#by-role}\n')
    for t in site.vocab.roles:
        n = sum(1 for s in strategies if t.id in s.meta.roles)
        out.append(f"- [{esc(t.label)}]({rel(src, paths.role(t.id))}) ({n})")
    out.append("")
    return "\n".join(out)


def area_page(site: Site, area_id: str) -> str:
    a = site.areas[area_id]
    src = paths.area(area_id)
    items = sorted((s for s in site.strategies.values() if area_id in s.meta.areas), key=lambda s: s.title.lower())
    crit = [c for c in site.scheme.criteria if area_id in c.areas]
    out = [front_matter(title=f"Area {a.id}: {a.title}", description=a.description)]
    out.append(f"# Area {a.id}: {esc(a.title)}\n")
    out.append(f"{esc(a.description)} This is area {a.id} of the whole-school approach in the Call to Action "
               f"([ARC and NAVSH, 2022]({rel(src, paths.REFERENCES, 'ref-arc2022')})); the summary is ours.\n")
    out.append(f"## Strategies ({len(items)})\n")
    out.append(_card_list(site, src, items) if items else "No strategies in this area yet.\n")
    if crit:
        out.append("## Award criteria in this area\n")
        out.extend(f"- {_criterion_link(site, src, c.id)}" for c in crit)
        out.append("")
    out.append(f"[Back to the strategy library]({rel(src, paths.STRATEGIES)})\n")
    return "\n".join(out)


def role_page(site: Site, role_id: str) -> str:
    label = site.label("roles", role_id)
    src = paths.role(role_id)
    items = sorted((s for s in site.strategies.values() if role_id in s.meta.roles), key=lambda s: s.title.lower())
    out = [front_matter(title=f"Strategies for {label.lower()}")]
    out.append(f"# Strategies for {esc(label.lower())}\n")
    out.append(f"{len(items)} strategies list {esc(label.lower())} among the people who put them into practice.\n")
    out.append(_card_list(site, src, items) if items else "No strategies for this role yet.\n")
    out.append(f"[Back to the strategy library]({rel(src, paths.STRATEGIES)})\n")
    return "\n".join(out)
