"""School award status, derived from the award history and the build date (never typed by hand)."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from .models import School, Scheme

CURRENT, RENEWAL_DUE, LAPSED, PARTICIPATING = "current", "renewal-due", "lapsed", "participating"
STATUS_LABELS = {CURRENT: "Current", RENEWAL_DUE: "Renewal due", LAPSED: "Lapsed", PARTICIPATING: "Participating"}


def add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_years(d: dt.date, years: int) -> dt.date:
    return add_months(d, 12 * years)


@dataclass(frozen=True)
class AwardView:
    level: str
    level_name: str
    awarded: dt.date
    expires: dt.date
    expired: bool


@dataclass(frozen=True)
class SchoolStatus:
    school: School
    status: str                      # current | renewal-due | lapsed | participating
    level: str | None                # the level held now (None when lapsed or participating)
    level_name: str | None
    awarded: dt.date | None          # of the level held now, or of the last award when lapsed
    expires: dt.date | None
    history: tuple[AwardView, ...]
    last_level_name: str | None      # the last level held, for lapsed schools

    @property
    def holds_award(self) -> bool:
        return self.status in (CURRENT, RENEWAL_DUE)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def school_status(school: School, scheme: Scheme, today: dt.date) -> SchoolStatus:
    names = {lv.id: lv.name for lv in scheme.levels}
    rank = {lv.id: i for i, lv in enumerate(scheme.levels)}
    return _status(school, scheme, today, names, rank)


def _status(school: School, scheme: Scheme, today: dt.date, names: dict, rank: dict) -> SchoolStatus:
    history = []
    for a in school.awards:
        expires = a.expires or add_years(a.awarded, scheme.award.validity_years)
        history.append(AwardView(a.level, names.get(a.level, a.level), a.awarded, expires, expires <= today))
    history = tuple(history)
    live = [h for h in history if not h.expired]
    if live:
        best = max(live, key=lambda h: (rank.get(h.level, -1), h.awarded))
        due = add_months(today, scheme.award.renewal_due_months) >= best.expires
        return SchoolStatus(school, RENEWAL_DUE if due else CURRENT, best.level, best.level_name, best.awarded,
                            best.expires, history, best.level_name)
    if history:
        last = max(history, key=lambda h: (h.expires, rank.get(h.level, -1)))
        return SchoolStatus(school, LAPSED, None, None, last.awarded, last.expires, history, last.level_name)
    return SchoolStatus(school, PARTICIPATING, None, None, None, None, history, None)


def all_statuses(schools, scheme: Scheme, today: dt.date) -> list[SchoolStatus]:
    """Every school's status as of ``today``. Renderers use ``Site.statuses``, which calls this once per build."""
    names = {lv.id: lv.name for lv in scheme.levels}
    rank = {lv.id: i for i, lv in enumerate(scheme.levels)}
    return [_status(s, scheme, today, names, rank) for s in schools]


def level_counts(statuses: list[SchoolStatus], scheme: Scheme) -> dict[str, int]:
    counts = {lv.id: 0 for lv in scheme.levels}
    for st in statuses:
        if st.holds_award and st.level in counts:
            counts[st.level] += 1
    return counts
