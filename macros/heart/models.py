"""Typed models for every data file and front matter. Validation is pydantic's; messages are made readable in load.py."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints, field_validator

from .safety import check_label, check_name, check_text, https_url, project_path


def _not_datetime(value):
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value.isoformat(sep=' ')} is a date and time; write just the date, YYYY-MM-DD")
    return value


# Text is NFC-normalised and free of control, bidi and zero-width characters (safety.py); names and labels are one
# visible line; tags also carry no HTML-significant characters.
Str = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_text)]
Name = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_name)]
Label = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_label)]
Date = Annotated[dt.date, BeforeValidator(_not_datetime)]
ProjectPath = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(project_path)]
Id = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
CriterionId = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z][0-9]+(\.[0-9]+)?$")]
Urn = Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9]{6}$")]
PositiveInt = Annotated[int, Strict(), Field(gt=0)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- vocabularies and areas
class Term(Model):
    id: Id
    label: Name


class Vocabulary(Model):
    phases: list[Term]
    roles: list[Term]
    evidence_types: list[Term]
    costs: list[Term]
    times: list[Term] = []          # how soon a strategy can start (StrategyMeta.time_band)


class Area(Model):
    id: Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z]$")]
    title: Name
    description: Str


class AreasFile(Model):
    areas: list[Area]


# ---------------------------------------------------------------- references
class Reference(Model):
    authors: Str
    short: Str | None = None      # how in-text citations name the authors, e.g. 'DfE'; derived when absent
    year: Annotated[int, Strict(), Field(ge=1900, le=2100)] | None = None   # None: undated, shown as "n.d."
    title: Str
    publisher: Str | None = None
    journal: Str | None = None
    url: Annotated[str, Strict(), AfterValidator(https_url)] | None = None
    checked: Str | None = None    # how and when the entry was checked against its source


# ---------------------------------------------------------------- the award scheme
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


class Scheme(Model):
    award: AwardInfo
    levels: list[Level] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    ratings: list[Rating] = Field(min_length=2)      # the self-audit scale, lowest first
    changelog: list[ChangelogEntry] = Field(min_length=1)
    pathway: list[PathwayStep] = Field(min_length=1)

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


# ---------------------------------------------------------------- strategies
class Printable(Model):
    """A printable resource for a strategy: a handout in a training module's handouts PDF."""
    title: Str
    module: Id
    handout: PositiveInt          # the number of the '## Handout N:' section in the module's handouts.md


class StrategyMeta(Model):
    title: Name
    summary: Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=400),
                       AfterValidator(check_text)]
    areas: list[Annotated[str, Strict()]] = Field(min_length=1)
    phases: list[Id] = Field(min_length=1)
    roles: list[Id] = Field(min_length=1)
    time_to_implement: Str
    time_band: Id | None = None     # a vocabulary 'times' id, for the library's time filter
    cost: Id
    evidence: list[Id] = Field(min_length=1)
    references: list[Annotated[str, Strict()]] = Field(min_length=1)
    criteria: list[Annotated[str, Strict()]] = []
    related: list[Id] = []
    tags: list[Label] = []
    keywords: list[Str] = []        # words staff might search with (weighted highly by the site search)
    noticed: list[Str] = []         # "what you might notice": situations in staff's own words, never diagnoses
    printables: list[Printable] = []   # related printable resources, linked from the strategy page
    phases_note: Str | None = None  # why a strategy tagged for every phase really is for every phase (required then)
    reviewed: Date
    review_due: Date


# ---------------------------------------------------------------- training modules
class Activity(Model):
    title: Str
    minutes: PositiveInt
    purpose: Str
    materials: list[Str] = []
    session: Str | None = None


class ModuleMeta(Model):
    title: Name
    level: Id
    audience: Str
    duration_minutes: PositiveInt
    summary: Str
    outcomes: list[Str] = Field(min_length=1)
    prerequisites: list[Id] = []
    version: Str
    reviewed: Date
    review_due: Date
    licence: Str
    criteria: list[Annotated[str, Strict()]] = []
    strategies: list[Id] = []
    references: list[Annotated[str, Strict()]] = []
    session_plan: list[Activity] = Field(min_length=1)
    questionnaire: list[Str] = Field(min_length=3)
    follow_up_weeks: Annotated[int, Strict(), Field(ge=6, le=12)] = 8


# ---------------------------------------------------------------- schools (public data contract)
Phase = Literal["nursery", "primary", "secondary", "all-through", "special", "alternative-provision", "post-16"]


class Network(Model):
    """A schools network or cluster: a sustained community of practice (Derbyshire's model)."""
    id: Id
    name: Str
    description: Str | None = None
    lead_school: Urn | None = None     # the URN of a member school that leads the network
    meets: Str | None = None           # the meeting pattern, e.g. "Termly, rotating between member schools"


class AwardRecord(Model):
    level: Annotated[str, Strict()]
    awarded: Date
    expires: Date | None = None


class School(Model):
    urn: Urn
    name: Name
    phase: Phase
    local_authority: Name
    arc_registered: Date | None = None
    cohort: Id | None = None
    network: Id | None = None        # a schools network or cluster from data/networks.yml
    awards: list[AwardRecord] = []


class SchoolsFile(Model):
    sample_data: Annotated[bool, Strict()] = False
    sample_note: Str | None = None
    cohorts: dict[Id, Str] = {}       # cohort id -> the words people read, e.g. pilot-2025-26: Pilot, 2025/26
    networks: list[Network] = []
    schools: list[School] = []


# ---------------------------------------------------------------- signposting (data/signposting.yml)
def _https_url(value: str) -> str:
    from urllib.parse import urlsplit
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in value):
        raise ValueError("must be a full https:// web address")
    return value


HttpsUrl = Annotated[str, Strict(), AfterValidator(_https_url)]
UkPhone = Annotated[str, Strict(), StringConstraints(pattern=r"^(0[0-9]{3,4}( ?[0-9]{3,4}){1,2}|116 ?[0-9]{3})$")]


class Organisation(Model):
    """A national or local organisation staff can contact; phone only where the organisation publishes one."""
    id: Id
    name: Str
    helps_with: Str
    web: HttpsUrl
    phone: UkPhone | None = None
    checked: dt.date                 # when the web address and phone number were last checked


class LocalContact(Model):
    """A fill-in line: each school writes in its own local contact (they differ between local authorities)."""
    id: Id
    name: Str
    helps_with: Str


class SignpostingFile(Model):
    reviewed: dt.date
    review_due: dt.date
    organisations: list[Organisation] = Field(min_length=1)
    local: list[LocalContact] = []
