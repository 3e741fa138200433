"""The schools networks page (register/networks.md): each network, its lead school, meeting pattern and members."""
from __future__ import annotations

from .. import paths
from ..load import Site
from ..networks import networks_by_id
from .common import esc, front_matter

TITLE = "Schools networks"


def networks_page(site: Site) -> str:
    statuses = {st.school.urn: st for st in site.statuses}
    award = esc(site.scheme.award.short_name)
    out = [front_matter(title=TITLE, description=f"The networks in which {site.scheme.award.short_name} schools "
                                                 "meet, share practice and support each other."),
           f"# {TITLE}\n"]
    if site.schools.sample_data:
        out.append(f'<div class="admonition warning heart-sample" role="note"><p class="admonition-title">Sample data'
                   f"</p><p>{esc(site.schools.sample_note or 'These networks and schools are fictional.')}</p></div>\n")
    out.append(f"Schools on the {award} belong to local networks: a sustained community of practice in which staff "
               "meet, share what works, visit each other's schools and review their development plans together. The "
               "model follows Derbyshire's Attachment Aware Schools programme, whose schools network kept practice "
               "going after the training ended.\n")
    networks = networks_by_id(site.schools)
    if not networks:
        out.append("<p>No networks yet.</p>\n")
    for n in networks.values():
        members = sorted((st for st in statuses.values() if st.school.network == n.id),
                         key=lambda st: (st.school.name.casefold(), st.school.urn))
        out.append(f'<h2 id="{esc(n.id)}">{esc(n.name)}</h2>\n')
        if n.description:
            out.append(f"<p>{esc(n.description)}</p>\n")
        facts = []
        if n.lead_school and n.lead_school in statuses:
            lead = statuses[n.lead_school].school
            facts.append(("Lead school", f'<a href="../{lead.urn}/"><bdi>{esc(lead.name)}</bdi></a>'))
        if n.meets:
            facts.append(("Meets", esc(n.meets)))
        facts.append(("Member schools", f"{len(members):,}"))
        out.append('<dl class="heart-summary-list">' + "".join(
            f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in facts) + "</dl>\n")
        if members:
            out.append("<ul>" + "".join(
                f'<li><a href="../{st.school.urn}/"><bdi>{esc(st.school.name)}</bdi></a> ({esc(st.status_label)})</li>'
                for st in members) + "</ul>\n")
    out.append("[Back to the register](index.md)\n")
    return "\n".join(out)


def network_link(site: Site, network_id: str | None, up: str = "../") -> str:
    """HTML link from a register page to a network's section of the networks page ('' when no network)."""
    n = networks_by_id(site.schools).get(network_id or "")
    if n is None:
        return ""
    return f'<a href="{up}networks/#{esc(n.id)}">{esc(n.name)}</a>'
