"""Models of the content files: vocabulary, areas, references, strategy front matter, training module metadata."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, Strict, StringConstraints

from ..safety import check_text, https_url
from .base import Date, Id, Label, Model, Name, PositiveInt, Str


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
    framework: Name                 # what the areas belong to, e.g. 'Call to Action' (pages say 'Call to Action area')
    source: Id                      # the reference key (data/references.yml) of the document that sets out the areas
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
