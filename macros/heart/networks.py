"""The school fields that point at other parts of the register's file: networks and cohorts.

A network is a sustained community of practice (Derbyshire's Attachment Aware Schools model), listed under
``networks:`` in data/schools.yml; schools join with ``network: <id>``. Cohorts are labelled under ``cohorts:``.
Checked here: network ids are unique, every network and cohort a school names exists, and a network's lead school is
one of its members. Problems are added with file, line and field.
"""
from __future__ import annotations

from . import yamlio
from .errors import Problems, repeats
from .models import Network, SchoolsFile


def networks_by_id(schools: SchoolsFile) -> dict[str, Network]:
    return {n.id: n for n in schools.networks}


def check_school_links(schools: SchoolsFile, loc: yamlio.Located, file: str, problems: Problems) -> None:
    first, again = repeats(n.id for n in schools.networks)
    for i, _ in again:
        problems.add(file, loc.line_of(("networks", i, "id")), f"networks[{i}].id",
                     f"duplicate network id {schools.networks[i].id!r}; give each network its own id")
    networks: dict[str, Network] = {nid: schools.networks[i] for nid, i in first.items()}
    members: dict[str, set[str]] = {nid: set() for nid in networks}
    known = ", ".join(sorted(networks)) or "none yet"
    for i, s in enumerate(schools.schools):
        if s.network is not None:
            if s.network in networks:
                members[s.network].add(s.urn)
            else:
                problems.add(file, loc.line_of(("schools", i, "network")), f"schools[{i}].network",
                             f"{s.network!r} is not a network listed under 'networks:' (known: {known}); fix the id "
                             "or add the network there")
        if s.cohort is not None and s.cohort not in schools.cohorts:
            problems.add(file, loc.line_of(("schools", i, "cohort")), f"schools[{i}].cohort",
                         f"{s.cohort!r} has no label under 'cohorts:' at the top of the file; add a line "
                         f"'  {s.cohort}: <the words people read, e.g. Pilot schools, 2025/26>' there")
    for i, n in enumerate(schools.networks):
        if n.lead_school is not None and n.lead_school not in members.get(n.id, set()):
            problems.add(file, loc.line_of(("networks", i, "lead_school")), f"networks[{i}].lead_school",
                         f"URN {n.lead_school} is not a member of {n.id!r}; give that school 'network: {n.id}', "
                         "or choose a member school")
