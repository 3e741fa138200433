"""Models of data/signposting.yml: organisations staff can contact, and fill-in local contacts."""
from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import AfterValidator, Field, Strict, StringConstraints

from .base import Id, Model, Str


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
