"""Content errors: every problem names the file, the line where known, the field and what to do."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found in one run, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the site's content and data:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class Problems:
    """Collects problems while loading; ``raise_if_any`` at the end."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, file: str, line: int | None, field: str, message: str) -> None:
        field = str(field)
        if len(field) > 80:      # a field path built from a pasted key: keep every message short
            field = field[:79] + "…"
        self.items.append(Problem(str(file), line, field, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(self.items)


def repeats(keys) -> tuple[dict, list[tuple[int, int]]]:
    """The first position of each key, and (position, first position) for every later repeat: the one rule behind
    every "duplicate id" message (levels, criteria, changelog versions, networks)."""
    first: dict = {}
    again: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if key in first:
            again.append((i, first[key]))
        else:
            first[key] = i
    return first, again
