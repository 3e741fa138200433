"""Cross-checks on the award scheme that one field's type cannot express: time at each level, and that the criteria
version shown everywhere is the newest entry in the criteria changelog (so every change goes through the changelog).

Called once from ``load._check_scheme``; every problem names the file, line and field, and says what to do.
"""
from __future__ import annotations

from .errors import Problems, repeats
from .models import Scheme


def version_key(version: str) -> tuple[int, ...] | None:
    """'1.10' -> (1, 10); None when the version is not dotted whole numbers (then it is not ordered)."""
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def check_scheme_rules(scheme: Scheme, loc, file: str, problems: Problems) -> None:
    a = scheme.award
    levels = scheme.levels
    # ---- time at each level
    for i, lv in enumerate(levels):
        months = lv.min_months_before_next
        if months is None:
            continue
        field = f"levels[{i}].min_months_before_next"
        line = loc.line_of(("levels", i, "min_months_before_next"))
        if i == len(levels) - 1:
            problems.add(file, line, field,
                         f"{lv.id!r} is the last level, so there is no next level to wait for; remove this field "
                         "(the annual review and renewal cover the time after the last level)")
        elif months >= a.validity_years * 12:
            problems.add(file, line, field,
                         f"{months} months is not less than the award's validity ({a.validity_years} years = "
                         f"{a.validity_years * 12} months), so a school's {lv.name} award would run out before it "
                         "could be assessed for the next level; make it shorter or lengthen award.validity_years")
    # ---- criteria version and changelog
    seen, again = repeats(entry.version for entry in scheme.changelog)
    for j, first in again:
        problems.add(file, loc.line_of(("changelog", j, "version")), f"changelog[{j}].version",
                     f"version {scheme.changelog[j].version!r} appears twice (also changelog[{first}]); "
                     "give each release of the criteria one entry")
    line = loc.line_of(("award", "criteria_version"))
    if a.criteria_version not in seen:
        problems.add(file, line, "award.criteria_version",
                     f"version {a.criteria_version!r} has no entry in the changelog; add a changelog entry for it "
                     "(date, summary, changes and transition for schools already on the pathway)")
        return
    current = version_key(a.criteria_version)
    newer = [e.version for e in scheme.changelog
             if current is not None and (k := version_key(e.version)) is not None and k > current]
    if newer:
        problems.add(file, line, "award.criteria_version",
                     f"{a.criteria_version!r} is older than changelog version {newer[0]!r}; set criteria_version to "
                     "the newest version in the changelog")
    entry = scheme.changelog[seen[a.criteria_version]]
    if entry.date != a.criteria_published:
        problems.add(file, loc.line_of(("award", "criteria_published")), "award.criteria_published",
                     f"{a.criteria_published} differs from the date of changelog version {entry.version!r} "
                     f"({entry.date}); make them the same")
