"""Models of data/schools.yml: the register's public data contract."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Strict

from .base import Date, Id, Model, Name, Str, Urn


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
