"""Messages: turn pydantic's validation errors into "file:line: field: problem and fix" for a content editor."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import yamlio
from ..errors import Problems
from ..yamlio import shorten


def field_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _allowed(ctx: dict | None) -> str:
    expected = (ctx or {}).get("expected", "")
    return expected.replace("'", "")


def describe(err: dict) -> str:
    """Turn one pydantic error into a sentence a content editor can act on."""
    kind, value, loc = err["type"], err.get("input"), err["loc"]
    name = str(loc[-1]) if loc else ""
    if kind == "missing" and tuple(loc) in _MISSING:
        return f"is required but missing; {_MISSING[tuple(loc)]}"
    if kind == "value_error":
        return str((err.get("ctx") or {}).get("error") or err["msg"])
    if kind == "string_type":
        return _not_text(value, name)
    if kind == "string_pattern_mismatch":
        return _wrong_form(value, name, loc)
    return _SIMPLE.get(kind) or _other(kind, value, err)


def _not_text(value, name: str) -> str:
    if value is None:
        return "is empty; write a value after the colon (or delete the line if the field is optional)"
    if isinstance(value, bool):
        return (f"YAML read this as {value} (words like no, yes, on, off are booleans in YAML 1.1); "
                "put the text in quotes")
    if isinstance(value, int) and name == "urn":
        return (f"URN must be a quoted string: YAML read it as the number {value} (and drops leading zeros or "
                "reads 0-prefixed numbers as octal); write it in quotes, e.g. urn: \"012345\"")
    if isinstance(value, (int, float)):
        return f"YAML read {shorten(value)} as a number; put it in quotes to make it text"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"YAML read {shorten(value)} as a date; put it in quotes to make it text"
    return f"must be text, not {type(value).__name__}"


def _wrong_form(value, name: str, loc) -> str:
    if name == "urn":
        return f"{shorten(value)} is not a URN: a URN is exactly 6 digits, in quotes, e.g. \"100001\""
    if name in ("cohort",) or "id" in name or isinstance(loc[-1], int):
        return (f"{shorten(value)} is not a valid id: use lowercase letters, digits and hyphens, "
                "starting with a letter or digit")
    if name == "url":
        return f"{shorten(value)} must be a full https:// address"
    if name == "source":
        return (f"{shorten(value)} is not a reference key: use a key from data/references.yml (lowercase letters, "
                "digits and hyphens)")
    return f"{shorten(value)} has the wrong form"


# what to write for a missing top-level field that another Virtual School is likely to leave out (see the comments in
# data/scheme.yml and data/areas.yml)
_MISSING = {
    ("module_kinds",): "add 'module_kinds:' listing the kinds of training module beyond the levels (each '- id:' and "
                       "'name:', e.g. induction), or 'module_kinds: []' when every module belongs to a level",
    ("audit_partner",): "add 'audit_partner:' with the 'name' and 'short_name' of the organisation whose audit "
                        "schools complete as their baseline",
    ("licence",): "add 'licence:' with the 'name' and https 'url' of the licence the site's content is published under",
    ("framework",): "add 'framework:' with the name of the document or framework the areas come from, e.g. "
                    "Call to Action",
    ("source",): "add 'source:' with the data/references.yml key of the document that sets out the areas",
}

_SIMPLE = {
    "missing": "is required but missing; add it",
    "extra_forbidden": "is not a field this file allows; check the spelling or remove it",
    "string_too_short": "must not be empty",
    "list_type": "must be a list (one item per line starting with '- ', or [a, b])",
    "model_type": "must be a mapping of fields (key: value lines)",
    "dict_type": "must be a mapping of fields (key: value lines)",
    "model_attributes_type": "must be a mapping of fields (key: value lines)",
    "too_short": "must not be empty; add at least one item",
}


def _other(kind: str, value, err: dict) -> str:
    if kind == "string_too_long":
        return f"is too long (at most {err.get('ctx', {}).get('max_length')} characters); shorten it"
    if kind == "literal_error":
        return f"{shorten(value)} is not one of {_allowed(err.get('ctx'))}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"{shorten(value)} is not a valid date; write it as YYYY-MM-DD, e.g. 2026-03-14"
    if kind in ("int_type", "int_parsing"):
        return f"{shorten(value)} must be a whole number"
    if kind == "bool_type":
        return f"{shorten(value)} must be true or false"
    if kind in ("greater_than", "greater_than_equal", "less_than_equal", "less_than"):
        return f"{shorten(value)} is out of range ({err['msg'].lower()})"
    return err["msg"]


def validate_into(model: type[BaseModel], located: yamlio.Located, file: str, problems: Problems,
                  strip_prefix: int = 0) -> Any:
    data = located.data if located.data is not None else {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            problems.add(file, located.line_of(loc), field_path(loc[strip_prefix:]) or "(file)", describe(err))
        return None
