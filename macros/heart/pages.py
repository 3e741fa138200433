"""Every generated page and file, as plain data: {source path: Markdown} and {site path: bytes}.

The engine glue (macros/hooks.py for MkDocs) only has to add these to the build.
"""
from __future__ import annotations

from typing import Callable

from . import paths
from .load import Site
from .render.common import review_footer
from .render import (award, brand, library, networks, opendata, references, register, self_audit, strategies,
                     templates, training)


def generated_pages(site: Site, documents=None, files: dict[str, bytes] | None = None) -> dict[str, str]:
    """``documents`` is the result of documents.build_all (download links with sizes), or None; ``files`` what
    ``generated_files`` made, so the open data page states their sizes without making them again."""
    module_dl = documents.module_downloads if documents else {}
    template_dl = documents.template_downloads if documents else {}
    pages: dict[str, str] = {}
    pages[paths.STRATEGIES] = library.library_index(site)
    for sid, s in site.strategies.items():
        pages[paths.strategy(sid)] = strategies.strategy_page(site, s)
    for a in site.areas:
        pages[paths.area(a)] = library.area_page(site, a)
    for t in site.vocab.roles:
        pages[paths.role(t.id)] = library.role_page(site, t.id)
    pages[paths.SITUATIONS] = library.situations_index(site)     # always there: the home page links to it
    if site.situations:
        for xid in site.situations:
            pages[paths.situation(xid)] = library.situation_page(site, xid)
    pages[paths.HANDOUT] = library.handout_page(site)
    pages[paths.AWARD] = award.award_overview(site)
    for lv in site.scheme.levels:
        pages[paths.level(lv.id)] = award.level_page(site, lv.id)
    pages[paths.CHANGELOG] = award.changelog_page(site)
    pages[paths.PATHWAY] = award.pathway_page(site)
    pages[paths.REFERENCES] = references.references_page(site)
    pages[paths.TRAINING] = training.training_index(site)
    for mid, m in site.modules.items():
        pages[paths.module(mid)] = training.module_page(site, m, module_dl.get(mid))
    pages[paths.SELF_AUDIT] = self_audit.self_audit_page(site)
    pages[paths.TEMPLATES] = templates.templates_page(site, template_dl)
    pages[paths.REGISTER] = register.register_page(site)
    pages[paths.OPEN_DATA] = opendata.open_data_page(site, files)
    pages[paths.NETWORKS] = networks.networks_page(site)
    pages[register.ENTRY_SHELL] = register.entry_shell_page(site)
    a = site.scheme.award
    footer = review_footer(a.pages_reviewed, a.pages_review_due)
    return {src: md if "heart-review" in md else md.rstrip() + "\n\n" + footer for src, md in pages.items()}


def generated_files(site: Site, url_of: Callable[[str], str]) -> dict[str, bytes]:
    """Files written next to the pages (site-relative path -> bytes). ``url_of`` maps a .md source to its
    root-relative URL."""
    files: dict[str, bytes] = {}
    files["award/criteria.json"] = award.criteria_json(site, url_of).encode("utf-8")
    files[opendata.CSV_NAME] = opendata.register_csv(site)
    files[opendata.JSON_NAME] = opendata.register_json(site)
    files.update(brand.brand_files(site))
    return files
