"""Models of data/scheme.yml: the award, its levels, criteria, ratings, changelog and pathway."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, Strict, StringConstraints, field_validator

from ..safety import https_url

from .base import CriterionId, Date, Id, Model, Name, PositiveInt, ProjectPath, Str


HexColour = Annotated[str, Strict(), StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class Brand(Model):
    """The look of everything the award publishes (site, slides, forms, certificates): another Virtual School
    rebrands by editing data/scheme.yml. Colours are #rrggbb; text colours must reach 4.5:1 on their backgrounds."""
    primary: HexColour = "#6a1b4d"          # headings, title bars, header background
    on_primary: HexColour = "#ffffff"       # text on the primary colour
    accent: HexColour = "#b3245b"           # rules, highlights (never body text on white unless it reaches 4.5:1)
    text: HexColour = "#1b1b1b"             # body text
    background: HexColour = "#ffffff"
    muted_background: HexColour = "#f6eef2" # panels, table headers
    logo: ProjectPath | None = None         # optional path (relative to the project root) to a PNG or SVG logo


class AwardInfo(Model):
    name: Name
    short_name: Name
    owner: Str
    local_authority: Str
    summary: Str
    ambassador: Str = "Ambassador"     # the title of the named person who supports each school
    validity_years: PositiveInt
    renewal_due_months: PositiveInt = 3
    criteria_version: Str
    criteria_published: Date
    pages_reviewed: Date          # review date shown on pages generated from this data
    pages_review_due: Date
    brand: Brand = Brand()
    # between the award and its renewal: what the school does each year (light touch, not a reassessment)
    annual_review: Str | None = None
    # who assesses a school and who moderates: never the same person who supports the school
    assessment: Str | None = None
    moderation: Str | None = None


class Level(Model):
    id: Id
    name: Name
    focus: Str
    summary: Str
    training: Str
    # the least time a school holds this level before it can be assessed for the next (absent on the last level)
    min_months_before_next: PositiveInt | None = None


class Criterion(Model):
    id: CriterionId
    level: Id
    title: Str
    statement: Str
    evidence: list[Str] = Field(min_length=1)
    areas: list[Annotated[str, Strict()]] = Field(min_length=1)


class Rating(Model):
    """One point of the self-audit's rating scale. ``met``: a criterion rated this is not a gap in the plan."""
    id: Id
    label: Str
    definition: Str
    met: Annotated[bool, Strict()] = False


class ChangelogEntry(Model):
    version: Str
    date: Date
    summary: Str
    changes: list[Str] = []
    transition: Str


class PathwayRole(Model):
    role: Str
    does: Str


class PathwayStep(Model):
    id: Id
    title: Str
    summary: Str
    who: list[PathwayRole] = Field(min_length=1)


class ModuleKind(Model):
    """A kind of training module beyond the award's levels (e.g. induction for new staff): its id is what a module's
    ``level:`` says, its name heads the module's group on the training page."""
    id: Id
    name: Name
    summary: Str | None = None     # one line under the group's heading on the training page: who these modules are for


class AuditPartner(Model):
    """The organisation whose audit tool schools complete as their baseline (the pathway's audit step)."""
    name: Name
    short_name: Name


class Licence(Model):
    """The licence the site's own content is published under (the open data, pages and packs unless stated)."""
    name: Name
    url: Annotated[str, Strict(), AfterValidator(https_url)]


class Scheme(Model):
    award: AwardInfo
    audit_partner: AuditPartner
    licence: Licence
    levels: list[Level] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    ratings: list[Rating] = Field(min_length=2)      # the self-audit scale, lowest first
    changelog: list[ChangelogEntry] = Field(min_length=1)
    pathway: list[PathwayStep] = Field(min_length=1)
    module_kinds: list[ModuleKind]     # may be empty: then every module belongs to one of the levels

    @field_validator("ratings")
    @classmethod
    def _scale(cls, ratings: list[Rating]) -> list[Rating]:
        ids = [r.id for r in ratings]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"duplicate rating id {', '.join(dup)}; give each rating its own id")
        if "none" in ids:
            raise ValueError("'none' is reserved for 'no rating yet'; give that rating another id")
        if all(r.met for r in ratings) or not any(r.met for r in ratings):
            raise ValueError("mark at least one rating `met: true` (not a gap) and leave at least one without it")
        return ratings
