"""The school fields, described once (in ``models/schools.py``, each field's ``about``) and read from here by the
open data and its dictionary, the spreadsheet importer and the entry pages, so a new field is one change.

``fields()`` lists the School model's fields with their metadata; ``columns()`` what the importer reads (school
fields, then the award columns); ``words(site, field, value)`` a stored value as the open data gives it (a cohort or
network by its name).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from .models import AwardRecord, School
from .networks import networks_by_id


@dataclass(frozen=True)
class SchoolField:
    name: str
    label: str
    meaning: str
    columns: tuple[str, ...]      # spreadsheet headers the importer accepts (lower case); empty: not imported
    part: str                     # identity | record | none (see models/schools.py `about`)
    required: bool
    is_date: bool                 # a date (empty is null in the JSON), else text (empty is "")

    def label_for(self, partner: str) -> str:
        return self.label.replace("{audit partner}", partner)

    def meaning_for(self, partner: str) -> str:
        return self.meaning.replace("{audit partner}", partner)


def _read(model) -> tuple[SchoolField, ...]:
    out = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra
        if not isinstance(extra, dict):
            continue
        out.append(SchoolField(name, extra["label"], extra["meaning"], tuple(extra["columns"]), extra["part"],
                               info.is_required(), "datetime.date" in str(info.annotation)
                               or info.annotation is dt.date))
    return tuple(out)


@lru_cache(maxsize=None)
def fields() -> tuple[SchoolField, ...]:
    """The school's own fields, in the model's order (not its awards)."""
    return _read(School)


@lru_cache(maxsize=None)
def award_fields() -> tuple[SchoolField, ...]:
    return _read(AwardRecord)


def published(part: str) -> list[SchoolField]:
    return [f for f in fields() if f.part == part]


def columns() -> dict[str, tuple[str, ...]]:
    """Importer columns: field name -> accepted headers, school fields first, then the award's."""
    return {f.name: f.columns for f in (*fields(), *award_fields()) if f.columns}


def required_columns() -> list[str]:
    """The columns a spreadsheet must have: the school's required fields and the award's."""
    return [f.name for f in (*fields(), *award_fields()) if f.columns and f.required]


def words(site, f: SchoolField, value):
    """A stored value as the open data gives it: a cohort or network by its name, a date as a date (None when
    empty), other text as it is ("" when empty)."""
    if value is None or value == "":
        return None if f.is_date else ""
    if f.name == "cohort":
        return site.schools.cohorts.get(value, value)
    if f.name == "network":
        network = networks_by_id(site.schools).get(value)
        return network.name if network else ""
    return value
