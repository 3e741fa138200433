"""The self-audit page. Without JavaScript it is a printable checklist of every criterion; the script
(docs/assets/self-audit.js) turns it into an interactive audit that stays in the browser.

The script looks for ``div#self-audit-tool`` (not ``#self-audit``: the page's h1 already has that id). When it has
loaded the criteria it hides ``#self-audit-checklist`` and builds the interactive form inside the tool div; if it
cannot load them, the checklist stays."""
from __future__ import annotations

from .. import paths
from ..load import Site
from .common import esc, front_matter, rel

RATINGS = [("not-started", "Not started"), ("developing", "Developing"), ("established", "Established"),
           ("embedded", "Embedded")]
MET = ("established", "embedded")   # any other rating, or none, is a gap and goes into the draft development plan

GAP_RULE = ("A criterion counts as a **gap**, and goes into the draft development plan, unless you rate it "
            "established or embedded: criteria rated not started or developing, and criteria you have not rated "
            "yet, are all gaps.")


def self_audit_page(site: Site) -> str:
    src = paths.SELF_AUDIT
    a = site.scheme.award
    # hide the right-hand table of contents: with JavaScript its entries would point into the hidden checklist
    out = [front_matter(title="Self-audit", description=f"Rate your school against every {a.short_name} criterion.",
                        hide=["toc"], heart_scripts=["assets/self-audit.js"])]
    out.append("# Self-audit\n")
    out.append(f"Rate your school against each criterion of the {esc(a.short_name)} (version "
               f"{esc(a.criteria_version)}): not started, developing, established or embedded. Your answers stay in "
               "this browser only: nothing is sent anywhere. You can save them to a file, load them again, export "
               "a spreadsheet and print a draft school development plan.\n")
    out.append("This is a planning tool for your school. It is separate from the audit you complete with the "
               "Attachment Research Community, and it is not an assessment.\n")
    out.append(GAP_RULE + f" The [criteria changes]({rel(src, paths.CHANGELOG)}) page lists what changed between "
               "versions.\n")
    out.append('<div id="self-audit-tool" class="heart-self-audit" data-criteria-url="../criteria.json" '
               f'data-version="{esc(a.criteria_version)}" data-award="{esc(a.short_name)}"></div>\n')
    out.append('<div id="self-audit-checklist" class="heart-checklist" markdown>\n')
    out.append("## Printable checklist\n")
    out.append("Tick one rating for each criterion. With JavaScript turned on, this page offers an interactive "
               "self-audit instead.\n")
    for lv in site.scheme.levels:
        out.append(f"### {esc(lv.name)}: {esc(lv.focus)}\n")
        out.append('<table class="heart-checklist-table"><thead><tr><th scope="col">Criterion</th>' + "".join(
            f'<th scope="col">{label}</th>' for _, label in RATINGS) + '<th scope="col">Notes</th></tr></thead><tbody>')
        for c in (c for c in site.scheme.criteria if c.level == lv.id):
            out.append(f'<tr><th scope="row"><strong>{esc(c.id)}</strong> {esc(c.title)}</th>' +
                       "".join('<td aria-label="' + label + '">☐</td>' for _, label in RATINGS) + "<td></td></tr>")
        out.append("</tbody></table>\n")
    out.append("</div>\n")
    return "\n".join(out)
