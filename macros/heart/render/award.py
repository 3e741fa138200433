"""Award pages from the scheme data: overview, one page per level, pathway, criteria changes, criteria JSON."""
from __future__ import annotations

import json

from .. import paths
from ..load import Site
from ..register import level_counts
from .common import esc, front_matter, long_date, rel
from .self_audit import UNRATED


def counts(site: Site) -> dict[str, int]:
    return level_counts(site.statuses, site.scheme)


def counts_table(site: Site, src: str) -> str:
    c = counts(site)
    rows = "\n".join(f"| [{esc(lv.name)}]({rel(src, paths.level(lv.id))}) | {c[lv.id]} |" for lv in site.scheme.levels)
    note = " (sample data: these schools are fictional)" if site.schools.sample_data else ""
    return (f"| Level | Schools holding it now{note} |\n|---|---|\n{rows}\n\n"
            f"Counts are worked out from the [register]({rel(src, paths.REGISTER)}) as of "
            f"{long_date(site.build_date)}.\n")


def award_overview(site: Site) -> str:
    src = paths.AWARD
    a = site.scheme.award
    out = [front_matter(title=f"About the {a.short_name}", description=a.summary)]
    out.append(f"# The {esc(a.short_name)}\n")
    out.append(f"{esc(a.summary)}\n")
    out.append(f"The {esc(a.short_name)} stands for **{esc(a.name)}**. It is run by {esc(a.owner)}.\n")
    out.append("## The levels\n")
    out.append("Levels are taken in order. Each builds on the one before.\n")
    out.append("| Level | Focus | Criteria | Training |\n|---|---|---|---|")
    for lv in site.scheme.levels:
        n = sum(1 for c in site.scheme.criteria if c.level == lv.id)
        out.append(f"| [{esc(lv.name)}]({rel(src, paths.level(lv.id))}) | {esc(lv.focus)} | {n} | {esc(lv.training)} |")
    out.append("")
    out.append(f"An award lasts {a.validity_years} years. A school renews it by review before it runs out; the register "
               f"shows \"renewal due\" in the last {a.renewal_due_months} months.\n")
    out.append("## Schools holding each level\n")
    out.append(counts_table(site, src))
    out.append("## How to take part\n")
    out.append(f"- Follow [the pathway]({rel(src, paths.PATHWAY)}) from commitment to award and renewal.")
    out.append(f"- See where your school stands with the [self-audit]({rel(src, paths.SELF_AUDIT)}), which stays in your browser.")
    out.append(f"- Download the [templates]({rel(src, paths.TEMPLATES)}) for your commitment, plan and evidence.")
    out.append(f"- Read what changed between [versions of the criteria]({rel(src, paths.CHANGELOG)}). "
               f"This is version {esc(a.criteria_version)}, published {long_date(a.criteria_published)}.\n")
    return "\n".join(out)


def _months(n: int) -> str:
    return f"{n} month{'' if n == 1 else 's'}"


def level_timing(site: Site, level_id: str) -> list[str]:
    """Sentences about time at a level, from the scheme data: how long before the next, or what follows the last."""
    levels = site.scheme.levels
    i = next(k for k, lv in enumerate(levels) if lv.id == level_id)
    lv, out = levels[i], []
    if i > 0 and levels[i - 1].min_months_before_next:
        prev = levels[i - 1]
        out.append(f"A school can be assessed for {esc(lv.name)} once it has held {esc(prev.name)} for at least "
                   f"{_months(prev.min_months_before_next)}.")
    if i + 1 < len(levels) and lv.min_months_before_next:
        out.append(f"A school holds {esc(lv.name)} for at least {_months(lv.min_months_before_next)} before it can be "
                   f"assessed for {esc(levels[i + 1].name)}.")
    return out


def assessment_section(site: Site) -> str:
    """How a level is assessed and moderated, and the annual review between awards (each only when the data has it)."""
    a = site.scheme.award
    out = []
    if a.assessment or a.moderation:
        out.append("## Who assesses and who moderates\n")
        out.extend(f"{esc(x)}\n" for x in (a.assessment, a.moderation) if x)
    if a.annual_review:
        out.append("## Between the award and its renewal\n")
        out.append(f"{esc(a.annual_review)} An award lasts {a.validity_years} years, and the school then renews it "
                   "by assessment.\n")
    return "\n".join(out)


def level_page(site: Site, level_id: str) -> str:
    src = paths.level(level_id)
    lv = site.levels[level_id]
    a = site.scheme.award
    crit = [c for c in site.scheme.criteria if c.level == level_id]
    out = [front_matter(title=f"{lv.name}: {lv.focus}", description=lv.summary)]
    out.append(f"# {esc(lv.name)}: {esc(lv.focus)}\n")
    out.append(f"{esc(lv.summary)}\n")
    out.append(f"**Training:** {esc(lv.training)}\n")
    timing = level_timing(site, level_id)
    if timing:
        out.append(f"**Time at this level:** {' '.join(timing)}\n")
    out.append(f"{len(crit)} criteria, version {esc(a.criteria_version)}. Each criterion lists examples of evidence; "
               f"they are examples, not a checklist, and the {esc(a.ambassador)} will help the school choose what fits.\n")
    # grouped by the first (main) area, in area order
    for area in site.areas.values():
        group = [c for c in crit if c.areas[0] == area.id]
        if not group:
            continue
        out.append(f"## Area {area.id}: {esc(area.title)}\n")
        for c in group:
            anchor = paths.criterion_anchor(c.id)
            out.append(f"### {esc(c.id)}: {esc(c.title)} {{#{anchor}}}\n")
            out.append(f"{esc(c.statement)}\n")
            out.append("**Examples of evidence:**\n")
            out.extend(f"- {esc(e)}" for e in c.evidence)
            out.append("")
            other = [f"[{x}. {esc(site.areas[x].title)}]({rel(src, paths.area(x))})" for x in c.areas]
            out.append(f"**{esc(site.area_kind)}s:** {', '.join(other)}\n")
            strat = site.criterion_strategies.get(c.id, [])
            mods = site.criterion_modules.get(c.id, [])
            if strat:
                links = ", ".join(f"[{esc(site.strategies[s].title)}]({rel(src, paths.strategy(s))})" for s in strat)
                out.append(f"**Strategies that help:** {links}\n")
            if mods:
                links = ", ".join(f"[{esc(site.modules[m].title)}]({rel(src, paths.module(m))})" for m in mods)
                out.append(f"**Training:** {links}\n")
    out.append(assessment_section(site))
    out.append(f"[Rate your school against these criteria in the self-audit]({rel(src, paths.SELF_AUDIT)})\n")
    return "\n".join(out)


def changelog_page(site: Site) -> str:
    a = site.scheme.award
    out = [front_matter(title="Changes to the criteria")]
    out.append("# Changes to the criteria\n")
    out.append(f"The current criteria are version **{esc(a.criteria_version)}**, published "
               f"{long_date(a.criteria_published)}. When the criteria change, this page says what changed and how "
               "schools already on the pathway move to the new version. The self-audit tells you which criteria "
               "changed if you import answers saved against an older version.\n")
    for entry in site.scheme.changelog:
        out.append(f"## Version {esc(entry.version)} ({long_date(entry.date)})\n")
        out.append(f"{esc(entry.summary)}\n")
        if entry.changes:
            out.extend(f"- {esc(ch)}" for ch in entry.changes)
            out.append("")
        out.append(f"**Schools already on the pathway:** {esc(entry.transition)}\n")
    return "\n".join(out)


def criteria_json(site: Site, site_url_of) -> str:
    """The criteria as JSON for the self-audit script. ``site_url_of(src)`` gives a root-relative URL for a page.
    ``ratings`` is the scale from data/scheme.yml (lowest first; ``met``: not a gap), the one the page and the
    script both use."""
    a = site.scheme.award
    data = {
        "award": a.short_name,
        "version": a.criteria_version,
        "ratings": [{"id": r.id, "label": r.label, "definition": r.definition, "met": r.met}
                    for r in site.scheme.ratings],
        "unrated": UNRATED,
        "levels": [{"id": lv.id, "name": lv.name, "focus": lv.focus} for lv in site.scheme.levels],
        "areas": [{"id": x.id, "title": x.title} for x in site.areas.values()],
        "criteria": [{
            "id": c.id, "level": c.level, "title": c.title, "statement": c.statement, "areas": c.areas,
            "url": site_url_of(paths.level(c.level)) + "#" + paths.criterion_anchor(c.id),
            "strategies": [{"title": site.strategies[s].title, "url": site_url_of(paths.strategy(s))}
                           for s in site.criterion_strategies.get(c.id, [])],
            "modules": [{"title": site.modules[m].title, "url": site_url_of(paths.module(m))}
                        for m in site.criterion_modules.get(c.id, [])],
        } for c in site.scheme.criteria],
        "history": [{"version": e.version, "changes": e.changes} for e in site.scheme.changelog],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)


def pathway_timing(site: Site) -> str:
    """The minimum time at each level, as a table, when the scheme sets one."""
    levels = site.scheme.levels
    rows = [f"| {esc(lv.name)} | {esc(nxt.name)} | at least {_months(lv.min_months_before_next)} |"
            for lv, nxt in zip(levels, levels[1:]) if lv.min_months_before_next]
    if not rows:
        return ""
    return ("## Time at each level\n\nA school moves up one level at a time. It holds each level for a minimum time "
            "before it is assessed for the next, counted from the date it gained the level, so that practice has time "
            "to settle.\n\n| Level held | Next level | Time before the next assessment |\n|---|---|---|\n"
            + "\n".join(rows) + "\n")


def pathway_page(site: Site) -> str:
    src = paths.PATHWAY
    a = site.scheme.award
    steps = site.scheme.pathway
    out = [front_matter(title="The pathway", description=f"How a school moves through the {a.short_name}.")]
    out.append("# The pathway\n")
    out.append(" → ".join(esc(s.title) for s in steps) + "\n")
    out.append(f"Every school follows the same steps at each level. A {esc(a.ambassador)} from {esc(a.owner)} supports "
               "the school throughout.\n")
    out.append('<ol class="heart-pathway" markdown>')
    for i, step in enumerate(steps, 1):
        out.append(f'<li id="step-{step.id}" markdown="block">\n')
        out.append(f"### {i}. {esc(step.title)}\n")
        out.append(f"{esc(step.summary)}\n")
        out.append("| Who | Does what |\n|---|---|")
        out.extend(f"| {esc(w.role)} | {esc(w.does)} |" for w in step.who)
        out.append("\n</li>")
    out.append("</ol>\n")
    out.append(pathway_timing(site))
    out.append(assessment_section(site))
    out.append("## Useful next steps\n")
    out.append(f"- [Self-audit]({rel(src, paths.SELF_AUDIT)}): rate your school against every criterion.")
    out.append(f"- [Templates]({rel(src, paths.TEMPLATES)}): commitment statement, development plan, evidence checklist and more.")
    out.append(f"- [Training]({rel(src, paths.TRAINING)}): whole-staff modules and session packs.\n")
    return "\n".join(out)
