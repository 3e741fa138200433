"""The self-audit page. Without JavaScript it is a printable checklist of every criterion; the script
(docs/assets/self-audit.js) turns it into an interactive audit that stays in the browser."""
from __future__ import annotations

from .. import paths
from ..load import Site
from .common import esc, front_matter, rel

RATINGS = [("not-started", "Not started"), ("developing", "Developing"), ("established", "Established"),
           ("embedded", "Embedded")]


def self_audit_page(site: Site) -> str:
    src = paths.SELF_AUDIT
    a = site.scheme.award
    out = [front_matter(title="Self-audit", description=f"Rate your school against every {a.short_name} criterion.")]
    out.append("# Self-audit\n")
    out.append(f"Rate your school against each criterion of the {esc(a.short_name)} (version "
               f"{esc(a.criteria_version)}): not started, developing, established or embedded. Your answers stay in "
               "this browser only: nothing is sent anywhere. You can save them to a file, load them again, export "
               "a spreadsheet and print a draft school development plan.\n")
    out.append("This is a planning tool for your school. It is separate from the audit you complete with the "
               "Attachment Research Community, and it is not an assessment.\n")
    out.append('<div id="self-audit" data-criteria-url="../criteria.json" data-version="'
               f'{esc(a.criteria_version)}" data-award="{esc(a.short_name)}"></div>\n')
    out.append('<div id="self-audit-checklist" class="heart-checklist" markdown>\n')
    out.append("## Printable checklist\n")
    out.append("Tick one rating for each criterion.\n")
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
