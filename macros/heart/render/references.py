"""The references page: every source, and which pages cite it."""
from __future__ import annotations

from .. import paths
from ..load import Site
from .common import citation_keys, esc, front_matter, reference_entry, rel


def citing_pages(site: Site) -> dict[str, list[tuple[str, str]]]:
    """reference key -> [(page title, page source)], from the single place each page lists its sources."""
    out: dict[str, list[tuple[str, str]]] = {k: [] for k in site.references}
    for s in sorted(site.strategies.values(), key=lambda s: s.title.lower()):
        for k in dict.fromkeys([*s.meta.references, *citation_keys(s.body)]):
            out[k].append((s.title, paths.strategy(s.id)))
    for m in sorted(site.modules.values(), key=lambda m: m.title.lower()):
        keys = [*m.meta.references]
        for text in m.parts.values():
            keys.extend(citation_keys(text))
        for k in dict.fromkeys(keys):
            out[k].append((f"Training: {m.title}", paths.module(m.id)))
    return out


def references_page(site: Site) -> str:
    src = paths.REFERENCES
    cites = citing_pages(site)
    out = [front_matter(title="References", description="Every source this site cites, and the pages that cite it.")]
    out.append("# References\n")
    out.append("Every source cited on this site, in one list. Each entry shows the pages that cite it. We summarise "
               "sources in our own words; read the original before relying on a detail.\n")
    for key, ref in sorted(site.references.items(), key=lambda kv: (kv[1].authors.lower(), kv[1].year or 0)):
        out.append(f'<div class="heart-ref" id="ref-{key}" markdown>\n')
        out.append(reference_entry(site, key) + "\n")
        pages = cites.get(key, [])
        if pages:
            links = ", ".join(f"[{esc(t)}]({rel(src, p)})" for t, p in pages)
            out.append(f"Cited by: {links}\n")
        else:
            out.append("Cited in the award's background pages.\n")
        out.append("</div>\n")
    return "\n".join(out)
