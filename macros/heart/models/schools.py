"""Models of data/schools.yml: the register's public data contract."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict

from .base import Date, Id, Model, Name, Str, Urn


Phase = Literal["nursery", "primary", "secondary", "all-through", "special", "alternative-provision", "post-16"]


class Network(Model):
    """A schools network or cluster: a sustained community of practice (Derbyshire's model)."""
    id: Id
    name: Str
    description: Str | None = None
    lead_school: Urn | None = None     # the URN of a member school that leads the network
    meets: Str | None = None           # the meeting pattern, e.g. "Termly, rotating between member schools"


def about(label: str, meaning: str, *, columns: tuple[str, ...] = (), part: str = "record"):
    """A school field's metadata, the one place a field is described: ``label`` is what people read (entry pages,
    error messages), ``meaning`` its line in the open data dictionary, ``columns`` the spreadsheet headers the
    importer accepts for it (lower case; the first is the one messages name; none: not imported), ``part`` where it
    goes in the open data ("identity": before the award status columns, "record": after them, "none": not
    published). "{audit partner}" in a label or meaning becomes the scheme's audit partner's name.
    ``macros/heart/school_fields.py`` reads it."""
    return Field(json_schema_extra={"label": label, "meaning": meaning, "columns": list(columns), "part": part})


class AwardRecord(Model):
    level: Annotated[str, Strict(), about("Level", "", columns=("level", "award level", "award"), part="none")]
    awarded: Annotated[Date, about("Date awarded", "", columns=("date awarded", "awarded", "award date",
                                                                 "date of award"), part="none")]
    expires: Date | None = None


class School(Model):
    # A new school field is one line here (with its `about`); the open data, the data dictionary, the importer and
    # the entry page follow. An entry page shows it as text unless render/entries.py has a way to show it.
    urn: Annotated[Urn, about(
        "URN", "Department for Education unique reference number: 6 digits, text (keep it as text in Excel).",
        columns=("urn", "urn number", "school urn", "unique reference number"), part="identity")]
    name: Annotated[Name, about("Name", "School name, as the register records it.", columns=(
        "name", "school", "school name", "establishment name", "establishmentname"), part="identity")]
    phase: Annotated[Phase, about(
        "Phase", "nursery, primary, secondary, all-through, special, alternative-provision or post-16.",
        columns=("phase", "phase of education", "school phase"), part="identity")]
    local_authority: Annotated[Name, about("Local authority", "The local authority the school is in.", columns=(
        "local authority", "la", "la name", "la (name)", "authority"), part="identity")]
    arc_registered: Annotated[Date | None, about(
        "Registered with the {audit partner}", "Date the school registered with the {audit partner}, YYYY-MM-DD, if "
        "recorded.",
        columns=("arc registered", "registered with arc", "arc registration date", "date registered with arc"))] = None
    cohort: Annotated[Id | None, about(
        "Cohort", "The cohort the school joined in, in words (e.g. Pilot schools, 2025/26), if recorded.",
        columns=("cohort",))] = None
    network: Annotated[Id | None, about(     # a schools network or cluster from the networks list of this file
        "Network", "The schools network the school belongs to, by name, if any.", columns=("network",))] = None
    awards: list[AwardRecord] = []


class SchoolsFile(Model):
    sample_data: Annotated[bool, Strict()] = False
    sample_note: Str | None = None
    cohorts: dict[Id, Str] = {}       # cohort id -> the words people read, e.g. pilot-2025-26: Pilot, 2025/26
    networks: list[Network] = []
    schools: list[School] = []
