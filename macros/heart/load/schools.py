"""The register (data/schools.yml): read, validated school by school and cross-checked, remembered by content.

At national scale this file is most of the loading time (25,000 schools). Under ``serve`` every edit reloads the
site, so a register that has not changed is not parsed again: the validated result is kept in memory, keyed on the
file's SHA-256, the scheme it was checked against and the build date (everything the checks read). Only a result
with no problems is kept; a file with problems is read and reported every time.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from ..errors import Problems
from ..models import Scheme, SchoolsFile
from ..networks import check_school_links
from .checks import validate_schools
from .files import read_text, read_yaml

_MEMO: dict[str, tuple[tuple, SchoolsFile]] = {}     # file path -> (key, validated register)


def load_schools(root: Path, schools_file: str, scheme: Scheme | None, build_date: dt.date,
                 problems: Problems) -> SchoolsFile | None:
    path = root / schools_file
    text = read_text(root, path, problems)
    if text is None:
        return None
    key = (hashlib.sha256(text.encode("utf-8")).hexdigest(), scheme.model_dump_json() if scheme else None,
           build_date.isoformat())
    memo = _MEMO.get(str(path))
    if memo is not None and memo[0] == key:
        return memo[1]
    before = len(problems.items)
    loc = read_yaml(root, path, problems, text=text)
    schools = validate_schools(loc, schools_file, scheme, build_date, problems) if loc else None
    if schools is not None:
        check_school_links(schools, loc, schools_file, problems)
    if schools is not None and scheme is not None and len(problems.items) == before:
        _MEMO[str(path)] = (key, schools)
    return schools


def forget() -> None:
    _MEMO.clear()
