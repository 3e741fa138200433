"""Signposting: the organisations staff can contact, loaded once from data/signposting.yml.

Printed in every facilitator guide, safeguarding note and module page, so a phone number is corrected in one place.
The file is optional (a fixture site may leave it out); when present it is validated like every other data file.
"""
from __future__ import annotations

from pathlib import Path

from .errors import Problems
from .models import SignpostingFile

FILE = "data/signposting.yml"


def load_signposting(root: Path, problems: Problems) -> SignpostingFile | None:
    from .load.files import read_yaml as _read_yaml       # late: the loader imports this module
    from .load.messages import validate_into
    path = Path(root) / FILE
    if not path.is_file():
        return None
    located = _read_yaml(root, path, problems)
    if located is None:
        return None
    result = validate_into(SignpostingFile, located, FILE, problems)
    if result is not None:
        seen: set[str] = set()
        for i, entry in enumerate([*result.organisations, *result.local]):
            if entry.id in seen:
                where = ("organisations", i) if i < len(result.organisations) else \
                    ("local", i - len(result.organisations))
                problems.add(FILE, located.line_of((*where, "id")), f"{where[0]}[{where[1]}].id",
                             f"'{entry.id}' is used twice; give each entry its own id")
            seen.add(entry.id)
        if result.review_due <= result.reviewed:
            problems.add(FILE, located.line_of(("review_due",)), "review_due", "must be after 'reviewed'")
    return result
