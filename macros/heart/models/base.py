"""The field types every model shares (safe text, names, labels, dates, ids) and the strict base model."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StringConstraints

from ..safety import check_label, check_name, check_text, project_path


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
