"""Strategy pages (the library index, cards and area/role pages are in render/library.py)."""
from __future__ import annotations

from .. import paths
from ..load import Site, Strategy
from . import library
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
    out.append(_summary_row(f"{site.area_kind}s", areas))
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
    out.append(library.printables_section(site, s, src))      # issue 10: printable resources (render/library.py)
    keys = list(dict.fromkeys([*citation_keys(s.body), *m.references]))
    out.append(sources_section(site, keys, src))
    out.append(review_footer(m.reviewed, m.review_due))
    return "\n".join(out)


# the library index, cards, and area and role pages are in render/library.py
