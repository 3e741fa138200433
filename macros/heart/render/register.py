"""The public register: current holders, participating schools and past holders."""
from __future__ import annotations

from .. import paths
from ..load import Site
from ..register import all_statuses
from .common import esc, front_matter, long_date, rel, rel_url, uk_date


def sample_banner(site: Site) -> str:
    if not site.schools.sample_data:
        return ""
    note = site.schools.sample_note or "These schools are fictional sample entries."
    return (f'<div class="admonition warning heart-sample" role="note"><p class="admonition-title">Sample data</p>'
            f"<p>{esc(note)}</p></div>\n")


def register_page(site: Site) -> str:
    src = paths.REGISTER
    statuses = sorted(all_statuses(site.schools.schools, site.scheme, site.build_date), key=lambda s: s.school.name.lower())
    holders = [s for s in statuses if s.holds_award]
    participating = [s for s in statuses if s.status == "participating"]
    lapsed = [s for s in statuses if s.status == "lapsed"]
    out = [front_matter(title="Register of award holders",
                        description=f"Which schools hold the {site.scheme.award.short_name}, at which level, and until when.")]
    out.append("# Register of award holders\n")
    out.append(sample_banner(site))
    out.append(f"Schools that hold the {esc(site.scheme.award.short_name)} now, as of {long_date(site.build_date)}. "
               "An award is shown only while it is valid; a school within three months of its valid-until date shows "
               f"\"renewal due\". Download the register as [open data]({rel(src, paths.OPEN_DATA)}).\n")
    out.append(f"## Current award holders ({len(holders)})\n")
    out.append(_table(site, src, holders, current=True))
    out.append(f"## Participating schools ({len(participating)})\n")
    out.append("Schools on the pathway that do not yet hold a level.\n")
    out.append(_table(site, src, participating, current=False))
    out.append(f"## Past holders ({len(lapsed)})\n")
    out.append("Schools whose award has lapsed. They do not hold the award now.\n")
    out.append(_table(site, src, lapsed, current=False))
    return "\n".join(out)


def _table(site: Site, src: str, rows, current: bool) -> str:
    if not rows:
        return "<p>None.</p>\n"
    head = ("<tr><th scope=\"col\">School</th><th scope=\"col\">URN</th><th scope=\"col\">Phase</th>"
            "<th scope=\"col\">Local authority</th>")
    head += ("<th scope=\"col\">Level</th><th scope=\"col\">Awarded</th><th scope=\"col\">Valid until</th>"
             "<th scope=\"col\">Status</th></tr>") if current else "<th scope=\"col\">Status</th></tr>"
    body = []
    for st in rows:
        s = st.school
        link = rel_url(src, paths.school_dir(s.urn))
        cells = [f'<th scope="row"><a href="{esc(link)}">{esc(s.name)}</a></th>', f"<td>{esc(s.urn)}</td>",
                 f"<td>{esc(s.phase.replace('-', ' ').capitalize())}</td>", f"<td>{esc(s.local_authority)}</td>"]
        if current:
            cells += [f"<td>{esc(st.level_name)}</td>", f'<td><time datetime="{st.awarded}">{uk_date(st.awarded)}</time></td>',
                      f'<td><time datetime="{st.expires}">{uk_date(st.expires)}</time></td>',
                      f"<td>{esc(st.status_label)}</td>"]
        else:
            label = st.status_label if st.status != "lapsed" else f"Lapsed ({esc(st.last_level_name)}, ended {uk_date(st.expires)})"
            cells.append(f"<td>{label}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return ('<div class="heart-table-wrap"><table class="heart-register">\n<thead>' + head + "</thead>\n<tbody>\n"
            + "\n".join(body) + "\n</tbody></table></div>\n")


def school_page(site: Site, st) -> str:
    """A school's verifiable entry (register/<urn>/). All school data is escaped HTML: never Markdown or Jinja."""
    s = st.school
    src = f"register/{s.urn}.md"
    out = [front_matter(title=f"{s.name} ({s.urn})")]
    out.append(f'<h1>{esc(s.name)}</h1>\n')
    out.append(sample_banner(site))
    if st.holds_award:
        headline = (f"holds the {esc(site.scheme.award.short_name)} at <strong>{esc(st.level_name)}</strong>, "
                    f"valid until {long_date(st.expires)}")
        if st.status == "renewal-due":
            headline += " (renewal due)"
    elif st.status == "lapsed":
        headline = (f"does <strong>not</strong> hold the {esc(site.scheme.award.short_name)} now: its "
                    f"{esc(st.last_level_name)} award lapsed on {long_date(st.expires)}")
    else:
        headline = f"is taking part in the {esc(site.scheme.award.short_name)} and does not hold a level yet"
    out.append(f'<p class="heart-lede">{esc(s.name)} {headline}. Checked against the register as of '
               f"{long_date(site.build_date)}.</p>\n")
    rows = [("URN", esc(s.urn)), ("Phase", esc(s.phase.replace('-', ' ').capitalize())),
            ("Local authority", esc(s.local_authority)), ("Status", esc(st.status_label))]
    if s.cohort:
        rows.append(("Cohort", esc(s.cohort)))
    rows.append(("Registered with the Attachment Research Community",
                 long_date(s.arc_registered) if s.arc_registered else "Not recorded"))
    gias = f"https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/{esc(s.urn)}"
    rows.append(("Get Information about Schools",
                 f'<a href="{gias}">This school\'s record on the DfE service</a>' if not site.schools.sample_data
                 else "Not linked: this is a fictional sample school"))
    out.append('<table class="heart-entry"><tbody>' + "".join(
        f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows) + "</tbody></table>\n")
    out.append("<h2>Award history</h2>\n")
    if st.history:
        out.append('<table><thead><tr><th scope="col">Level</th><th scope="col">Awarded</th>'
                   '<th scope="col">Valid until</th><th scope="col">Now</th></tr></thead><tbody>' + "".join(
                       f"<tr><td>{esc(h.level_name)}</td><td>{long_date(h.awarded)}</td><td>{long_date(h.expires)}</td>"
                       f"<td>{'Ended' if h.expired else 'Valid'}</td></tr>" for h in st.history) + "</tbody></table>\n")
    else:
        out.append("<p>No award yet.</p>\n")
    out.append(f'<p><a href="{esc(rel_url(src, paths.REGISTER))}">Back to the register</a></p>\n')
    return "\n".join(out)
