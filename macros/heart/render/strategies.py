"""Strategy pages (the library index, cards and area/role pages are in render/library.py)."""
from __future__ import annotations

from .. import paths
from ..load import Site, Strategy
from . import library
from .common import citation_keys, esc, front_matter, rel, render_citations, review_footer, sources_section


def _terms(site: Site, vocab: str, ids: list[str]) -> str:
    return ", ".join(esc(site.label(vocab, i)) for i in ids)


def _criterion_link(site: Site, src: str, cid: str) -> str:
    c = site.criteria[cid]
    level = site.levels[c.level]
    return f"[{esc(cid)}: {esc(c.title)}]({rel(src, paths.level(c.level), paths.criterion_anchor(cid))}) ({esc(level.name)})"


def strategy_page(site: Site, s: Strategy) -> str:
    src = paths.strategy(s.id)
    m = s.meta
    out = [front_matter(title=m.title, description=m.summary, tags=m.tags or None)]
    out.append(f"# {esc(m.title)}\n")
    out.append(f'<p class="heart-lede">{esc(m.summary)}</p>\n')
    areas = ", ".join(f"[{a}. {esc(site.areas[a].title)}]({rel(src, paths.area(a))})" for a in m.areas)
    roles = ", ".join(f"[{esc(site.label('roles', r))}]({rel(src, paths.role(r))})" for r in m.roles)
    out.append('<div class="heart-facts" markdown>\n')
    out.append(f"- **Call to Action areas:** {areas}")
    out.append(f"- **Phases:** {_terms(site, 'phases', m.phases)}")
    out.append(f"- **Who:** {roles}")
    out.append(f"- **Time to put in place:** {esc(m.time_to_implement)}")
    out.append(f"- **Cost:** {esc(site.label('costs', m.cost))}")
    out.append(f"- **Evidence:** {_terms(site, 'evidence_types', m.evidence)}")
    out.append("\n</div>\n")
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
