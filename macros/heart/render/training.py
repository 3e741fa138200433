"""Training overview and module pages."""
from __future__ import annotations

import re

import markdown

from .. import paths
from ..load import CITATION, Module, Site
from ..safety import clean_html
from .common import (REFERENCES_PAGE, citation_keys, cite_text, esc, front_matter, rel, rel_url, review_footer,
                     sources_section)


def hours(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    if h and m:
        return f"{h} hours {m} minutes" if h > 1 else f"1 hour {m} minutes"
    if h:
        return f"{h} hours" if h > 1 else "1 hour"
    return f"{m} minutes"


def training_index(site: Site, downloads: dict | None = None) -> str:
    src = paths.TRAINING
    a = site.scheme.award
    out = [front_matter(title="Training", description="Whole-staff training modules and downloadable session packs.")]
    out.append("# Training\n")
    out.append(f"{esc(a.owner)} delivers whole-staff training as part of the {esc(a.short_name)}. Each module has a "
               "timed session plan, facilitator notes, slides with speaker notes, handouts, fictional case examples, "
               "a confidence questionnaire and a safeguarding note.\n")
    notes = {k.id: k.summary for k in site.scheme.module_kinds if k.summary}
    for gid, gname in site.module_levels.items():
        mods = [m for m in site.modules.values() if m.meta.level == gid]
        if not mods:
            continue
        out.append(f"## {esc(gname)}\n")
        if gid in notes:
            out.append(f"{esc(notes[gid])}\n")
        out.append("| Module | Duration | Audience | Award criteria |\n|---|---|---|---|")
        for m in sorted(mods, key=lambda m: m.id):
            crit = ", ".join(f"[{esc(c)}]({rel(src, paths.level(site.criteria[c].level), paths.criterion_anchor(c))})"
                             for c in m.meta.criteria) or "None"
            out.append(f"| [{esc(m.title)}]({rel(src, paths.module(m.id))}) | {hours(m.meta.duration_minutes)} | "
                       f"{esc(m.meta.audience)} | {crit} |")
        out.append("")
    if not site.modules:
        out.append("No training modules have been published yet.\n")
    return "\n".join(out)


def module_page(site: Site, m: Module, downloads: list | None = None) -> str:
    src = paths.module(m.id)
    meta = m.meta
    out = [front_matter(title=meta.title, description=meta.summary)]
    out.append(f"# {esc(meta.title)}\n")
    out.append(f'<p class="heart-lede">{esc(meta.summary)}</p>\n')
    level_name = site.module_levels.get(meta.level, meta.level)
    out.append('<div class="heart-facts" markdown>\n')
    out.append(f"- **Level:** {esc(level_name)}")
    out.append(f"- **Audience:** {esc(meta.audience)}")
    out.append(f"- **Duration:** {hours(meta.duration_minutes)}")
    out.append(f"- **Version:** {esc(meta.version)}")
    out.append(f"- **Licence:** {esc(meta.licence)}")
    if meta.prerequisites:
        pre = ", ".join(f"[{esc(site.modules[p].title)}]({rel(src, paths.module(p))})" for p in meta.prerequisites)
        out.append(f"- **Before this module:** {pre}")
    out.append("\n</div>\n")
    out.append("## Learning outcomes\n")
    out.append("By the end of the session, staff can:\n")
    out.extend(f"- {esc(o)}" for o in meta.outcomes)
    out.append("")
    out += _session_plan(meta)
    out += _pack_list(src, downloads)
    out.append("## Safeguarding\n")
    out.append(part_html(site, _strip_title(m.parts.get("safeguarding.md", "")), src) + "\n")
    out.append(signposting_markdown(site, "###") + "\n")
    if meta.criteria or meta.strategies:
        out.append("## Linked award criteria and strategies\n")
        for c in meta.criteria:
            crit = site.criteria[c]
            out.append(f"- [{esc(c)}: {esc(crit.title)}]({rel(src, paths.level(crit.level), paths.criterion_anchor(c))})")
        for s in meta.strategies:
            out.append(f"- Strategy: [{esc(site.strategies[s].title)}]({rel(src, paths.strategy(s))})")
        out.append("")
    keys = list(dict.fromkeys([*meta.references, *[k for t in m.parts.values() for k in citation_keys(t)]]))
    out.append(sources_section(site, keys, src))
    out.append(review_footer(meta.reviewed, meta.review_due))
    return "\n".join(out)


def _session_plan(meta) -> list[str]:
    out = ["## Session plan\n"]
    has_sessions = any(a.session for a in meta.session_plan)
    head = "| Session | Activity | Minutes | Purpose | Materials |" if has_sessions else \
        "| Activity | Minutes | Purpose | Materials |"
    out.append(head)
    out.append("|" + "---|" * (head.count("|") - 1))
    for act in meta.session_plan:
        cells = [esc(act.title), str(act.minutes), esc(act.purpose), esc(", ".join(act.materials)) or "None"]
        if has_sessions:
            cells.insert(0, esc(act.session or ""))
        out.append("| " + " | ".join(cells) + " |")
    out.append(f"\n**Total:** {meta.duration_minutes} minutes ({hours(meta.duration_minutes)}).\n")
    return out


def _pack_list(src: str, downloads: list | None) -> list[str]:
    out = []
    out.append("## Session pack\n")
    if downloads:
        out.append("Everything a trainer needs, built from the module's sources on every site build. What is in "
                   "each file, and its size, before you download:\n")
        for d in downloads:
            detail = f": {esc(d['detail'])}" if d.get("detail") else ""
            out.append(f"- [{esc(d['label'])}]({rel(src, d['path'])}) ({esc(d['format'])}, {esc(d['size'])}){detail}")
        out.append("")
    else:
        out.append("The session pack for this module is not available yet.\n")
    return out


def part_html(site: Site, text: str, page_src: str) -> str:
    """A module's Markdown part as sanitised HTML: citations become links to the references page, then every element,
    attribute and URL scheme outside the allow-list (scripts, iframes, objects, images, on*=, file:, data:) goes."""
    refs = rel_url(page_src, REFERENCES_PAGE)

    def one(m: re.Match) -> str:
        keys = re.findall(r"@([a-z0-9-]+)", m.group(1))
        return "(" + "; ".join(f'<a href="{refs}#ref-{k}">{esc(cite_text(site, k))}</a>' for k in keys) + ")"
    body = markdown.markdown(CITATION.sub(one, text), extensions=["tables", "sane_lists"], output_format="html")
    return f'<div class="heart-module-part">\n{clean_html(body)}\n</div>'


def signposting_markdown(site: Site, level: str = "##") -> str:
    """Where staff can get help, from data/signposting.yml: national organisations with their web address (and phone
    where the organisation publishes one), then fill-in lines for local contacts."""
    sp = site.signposting
    out = [f"{level} Where to get help\n"]
    if sp is None:
        return out[0] + "Ask your designated safeguarding lead for local and national contacts.\n"
    for o in sp.organisations:
        phone = f", phone [{esc(o.phone)}](tel:{o.phone.replace(' ', '')})" if o.phone else ""
        out.append(f"- **{esc(o.name)}:** {esc(o.helps_with)} <{o.web}>{phone}")
    if sp.local:
        out.append("\nLocal contacts (ask your designated safeguarding lead and write them in):\n")
        out.extend(f"- **{esc(c.name)}:** {esc(c.helps_with)} Phone or web address: "
                   "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_" for c in sp.local)
    return "\n".join(out) + "\n"


def _strip_title(text: str) -> str:
    """Demote a part's headings by one level so they nest under the page's section heading."""
    lines = []
    for line in text.strip().split("\n"):
        if line.startswith("# "):
            continue
        if line.startswith("#"):
            line = "#" + line
        lines.append(line)
    return "\n".join(lines)
