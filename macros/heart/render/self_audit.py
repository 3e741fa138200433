"""The self-audit page, rendered as HTML so its first screen needs no script: a level chooser (links to each level),
jump links to each criterion, and one fieldset per criterion with the rating scale from data/scheme.yml (each
rating's definition shown under its choice) and a notes box.

docs/assets/self-audit.js enhances it: it shows one level at a time (remembered in the browser), saves answers in
localStorage, shows progress per level and area, imports and exports answers and prints the draft development plan.
The sections only the script can use (progress, plan, saving) are rendered ``hidden`` at the end of the page, so
revealing them never moves what is already on screen. Without JavaScript the form is a printable checklist."""
from __future__ import annotations

from .. import paths
from ..load import Site
from ..models import Criterion, Level
from .common import esc, front_matter, rel, rel_url

UNRATED = {"id": "", "label": "No rating yet", "definition": "Not rated yet: it counts as a gap."}
SCRIPTS = ["assets/heart-common.js", "assets/self-audit.js"]
PLAN_COLUMNS = ["Criterion", "Your rating", "Your notes", "Suggested strategies", "Training modules", "Owner",
                "By when", "Success measure"]


def met_labels(site: Site) -> list[str]:
    return [r.label for r in site.scheme.ratings if r.met]


def gap_rule(site: Site) -> str:
    met = " or ".join(esc(x.lower()) for x in met_labels(site))
    return (f"A criterion counts as a **gap**, and goes into the draft development plan, unless you rate it {met}: "
            "criteria with any other rating, and criteria you have not rated yet, are all gaps.")


def safe_id(s: str) -> str:
    """The same rule as self-audit.js safeId: anything but letters, digits, _ and - becomes -."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "-" for ch in s)


def self_audit_page(site: Site) -> str:
    a, partner = site.scheme.award, site.scheme.audit_partner
    labels = [r.label.lower() for r in site.scheme.ratings]
    scale = ", ".join(labels[:-1]) + " or " + labels[-1]
    out = [front_matter(title="Self-audit", description=f"Rate your school against every {a.short_name} criterion.",
                        hide=["toc"], heart_scripts=SCRIPTS),
           "# Self-audit\n",
           f"Rate your school against each criterion of the {esc(a.short_name)} (version "
           f"{esc(a.criteria_version)}): {esc(scale)}. Choose a level to work on. Your answers stay in this browser "
           "only: nothing is sent anywhere. You can save them to a file, load them again, export a spreadsheet and "
           "print a draft school development plan.\n",
           "This is a planning tool for your school. It is separate from the audit you complete with the "
           f"{esc(partner.name)} ({esc(partner.short_name)}), and it is not an assessment.\n",
           gap_rule(site) + f" The [criteria changes]({rel(paths.SELF_AUDIT, paths.CHANGELOG)}) page lists what "
           "changed between versions.\n",
           _tool(site)]
    return "\n".join(out)


def _tool(site: Site) -> str:
    """One raw HTML block (no blank lines inside, so Markdown leaves it alone)."""
    a = site.scheme.award
    parts = [f'<div id="self-audit-tool" class="heart-self-audit" data-criteria-url="../criteria.json" '
             f'data-version="{esc(a.criteria_version)}" data-award="{esc(a.short_name)}">',
             _levels_nav(site),
             '<noscript><p class="heart-sa-noscript">JavaScript is off, so this page cannot save your ratings. '
             "Print it to use as a paper checklist.</p></noscript>",
             '<div id="sa-status" class="heart-sa-status" role="status" aria-live="polite"></div>']
    parts += [_level_section(site, lv) for lv in site.scheme.levels]
    parts += [_progress_section(site), _plan_section(site), _tools_section(), "</div>"]
    return "\n".join(p for p in parts if p) + "\n"


def _levels_nav(site: Site) -> str:
    items = []
    for lv in site.scheme.levels:
        n = sum(1 for c in site.scheme.criteria if c.level == lv.id)
        items.append(f'<li><a class="heart-sa-tab" href="#level-{esc(lv.id)}" data-level="{esc(lv.id)}">'
                     f'{esc(lv.name)} <span class="heart-sa-tab__count">({n} criteria)</span></a></li>')
    items.append('<li class="heart-sa-tab-all"><a class="heart-sa-tab" href="#self-audit-tool" data-level="all">All levels '
                 f'<span class="heart-sa-tab__count">({len(site.scheme.criteria)} criteria)</span></a></li>')
    return ('<nav class="heart-sa-levels" aria-labelledby="sa-levels-title"><h2 id="sa-levels-title" '
            'class="heart-sa-levels__title">Choose a level</h2><ul class="heart-sa-tabs">' + "".join(items) +
            "</ul></nav>"
            '<p class="heart-sa-shortcuts" id="sa-shortcuts"><a href="#sa-progress">Progress</a> · '
            '<a href="#sa-plan-tools">Draft development plan</a> · '
            '<a href="#sa-tools">Save, import or clear your answers</a></p>')


def _level_section(site: Site, lv: Level) -> str:
    crit = [c for c in site.scheme.criteria if c.level == lv.id]
    jump = "".join(f'<li><a href="#sa-criterion-{safe_id(c.id)}">{esc(c.id)} {esc(c.title)}</a></li>' for c in crit)
    return (f'<section class="heart-sa-level" id="level-{esc(lv.id)}" data-level="{esc(lv.id)}" '
            f'aria-labelledby="sa-level-{esc(lv.id)}-title">'
            f'<h2 id="sa-level-{esc(lv.id)}-title" tabindex="-1">{esc(lv.name)}: {esc(lv.focus)}</h2>'
            f'<p class="heart-sa-level-progress" data-progress-level="{esc(lv.id)}">{len(crit)} criteria.</p>'
            f'<nav class="heart-sa-jump" aria-label="{esc(lv.name)} criteria"><ol>{jump}</ol></nav>'
            + "".join(_fieldset(site, c) for c in crit) + "</section>")


def _fieldset(site: Site, c: Criterion) -> str:
    sid = safe_id(c.id)
    link = rel_url(paths.SELF_AUDIT, paths.level(c.level)) + "#" + paths.criterion_anchor(c.id)
    choices = [UNRATED] + [{"id": r.id, "label": r.label, "definition": r.definition} for r in site.scheme.ratings]
    radios = []
    for r in choices:
        rid = f"sa-{sid}-{r['id'] or 'none'}"
        extra = " heart-sa-rating--none" if not r["id"] else ""
        checked = " checked" if not r["id"] else ""
        radios.append(f'<div class="heart-sa-rating{extra}"><input type="radio" id="{rid}" name="sa-rating-{sid}" '
                      f'value="{esc(r["id"])}" data-criterion="{esc(c.id)}" aria-describedby="{rid}-hint"{checked}>'
                      f'<label for="{rid}">{esc(r["label"])}</label>'
                      f'<span class="heart-sa-rating__hint" id="{rid}-hint">{esc(r["definition"])}</span></div>')
    return (f'<fieldset class="heart-sa-criterion" id="sa-criterion-{sid}" data-criterion="{esc(c.id)}" '
            f'data-level="{esc(c.level)}" data-areas="{esc(" ".join(c.areas))}">'
            f'<legend><span class="heart-sa-id">{esc(c.id)}</span> {esc(c.title)}</legend>'
            f'<p class="heart-sa-statement">{esc(c.statement)} <a href="{link}">Read {esc(c.id)} in full</a></p>'
            f'<div class="heart-sa-ratings">{"".join(radios)}</div>'
            f'<div class="heart-sa-note"><label for="sa-note-{sid}">Notes on {esc(c.id)} (optional)</label>'
            f'<textarea id="sa-note-{sid}" rows="2" maxlength="10000" data-criterion="{esc(c.id)}"></textarea></div>'
            "</fieldset>")


def _progress_table(caption: str, first: str, body_id: str) -> str:
    heads = [first, "Criteria", "Rated", "Met", "Gaps"]
    return (f'<table class="heart-sa-progress"><caption>{caption}</caption><thead><tr>'
            + "".join(f'<th scope="col">{h}</th>' for h in heads) + f'</tr></thead><tbody id="{body_id}"></tbody>'
            "</table>")


def _progress_section(site: Site) -> str:
    met = " or ".join(x.lower() for x in met_labels(site))
    return ('<section class="heart-sa-progress-section" id="sa-progress" aria-labelledby="sa-progress-title" hidden>'
            '<h2 id="sa-progress-title">Progress</h2><p id="sa-summary"></p>'
            f'<p class="heart-sa-hint">Met: rated {esc(met)}. Gaps: every other criterion.</p>'
            '<div class="heart-sa-progress-tables">'
            + _progress_table("Progress by level", "Level", "sa-progress-levels")
            + _progress_table("Progress by area", "Area", "sa-progress-areas") + "</div></section>")


def _plan_section(site: Site) -> str:
    return ('<section class="heart-sa-plan-tools" id="sa-plan-tools" aria-labelledby="sa-plan-tools-title" hidden>'
            '<h2 id="sa-plan-tools-title">Draft development plan</h2>'
            '<p>The plan lists the gaps at the level you chose above (or at every level), with your notes, for your '
            "team to add owners, dates and success measures.</p>"
            '<p class="heart-sa-field"><label for="sa-school">School name (printed on the plan)</label>'
            '<input type="text" id="sa-school" autocomplete="organization" maxlength="200"></p>'
            '<p><button type="button" class="heart-sa-button heart-sa-button--primary" id="sa-plan-button">'
            "Print draft development plan</button></p></section>"
            '<section class="heart-sa-plan" id="sa-plan" aria-labelledby="sa-plan-title" tabindex="-1" hidden>'
            "</section>")


def _tools_section() -> str:
    return ('<section class="heart-sa-tools" id="sa-tools" aria-labelledby="sa-tools-title" hidden>'
            '<h2 id="sa-tools-title">Your answers</h2>'
            "<p>Your answers are saved in this browser as you go and are never sent anywhere. They stay until you "
            "clear them or clear your browser's data. To keep a copy, share it with colleagues or carry on in "
            "another browser, export your answers to a file and import that file later.</p>"
            '<div class="heart-sa-actions">'
            '<button type="button" class="heart-sa-button" id="sa-export">Export answers</button>'
            '<button type="button" class="heart-sa-button" id="sa-csv">Export CSV</button>'
            '<button type="button" class="heart-sa-button" id="sa-clear">Clear all answers</button></div>'
            '<div class="heart-sa-import"><label for="sa-import">Import answers from a file</label>'
            '<p id="sa-import-hint" class="heart-sa-hint">Choose a JSON file saved with Export answers. It replaces '
            "the answers in this browser. Answers saved against an older version of the criteria are matched to the "
            "current criteria, and you are told which criteria were added, removed or changed.</p>"
            '<input type="file" id="sa-import" accept=".json,application/json" aria-describedby="sa-import-hint">'
            "</div></section>")
