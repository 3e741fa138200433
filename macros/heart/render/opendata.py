"""Open data: the register as CSV (opens correctly in Excel) and JSON, keyed by URN, plus the data dictionary page."""
from __future__ import annotations

import csv
import io
import json

from .. import paths
from ..load import Site
from .common import esc, front_matter, long_date, rel

FIELDS = [
    ("urn", "Department for Education unique reference number: 6 digits, text."),
    ("name", "School name, as the Virtual School records it."),
    ("phase", "nursery, primary, secondary, all-through, special, alternative-provision or post-16."),
    ("local_authority", "The local authority the school is in."),
    ("status", "current, renewal-due, lapsed or participating, worked out on the generation date."),
    ("level", "The level held now (empty unless status is current or renewal-due)."),
    ("awarded", "Date the level held now was awarded (DD/MM/YYYY in CSV, YYYY-MM-DD in JSON)."),
    ("valid_until", "Date the level held now ends (same formats)."),
    ("last_level", "For lapsed schools, the last level held."),
    ("arc_registered", "Date the school registered with the Attachment Research Community, if recorded."),
    ("cohort", "The cohort the school joined in, if recorded."),
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_NAME = "register/heart-award-register.csv"
JSON_NAME = "register/heart-award-register.json"


def _rows(site: Site) -> list[dict]:
    out = []
    for st in sorted(site.statuses, key=lambda s: s.school.urn):
        s = st.school
        out.append({
            "urn": s.urn, "name": s.name, "phase": s.phase, "local_authority": s.local_authority,
            "status": st.status, "level": st.level or "",
            "awarded": st.awarded if st.holds_award else None, "valid_until": st.expires if st.holds_award else None,
            "last_level": st.last_level_name if st.status == "lapsed" else "",
            "arc_registered": s.arc_registered, "cohort": s.cohort or "",
        })
    return out


def register_csv(site: Site) -> bytes:
    """UTF-8 with a byte-order mark and CRLF line ends, UK dates: what Excel expects. One row per school."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([name for name, _ in FIELDS])
    for r in _rows(site):
        w.writerow([_csv_value(r[name]) for name, _ in FIELDS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_value(v) -> str:
    if v is None:
        return ""
    if hasattr(v, "strftime"):
        return v.strftime("%d/%m/%Y")
    text = str(v)
    # a cell starting with = + - @, a tab or a carriage return would run as a formula in a spreadsheet: keep it
    # inert. The same rule as csvGuard in docs/assets/heart-common.js (tests/test_self_audit.py checks they agree).
    return "'" + text if text[:1] in FORMULA_START else text


def register_json(site: Site) -> bytes:
    data = {
        "award": site.scheme.award.short_name,
        "generated": site.build_date.isoformat(),
        "sample_data": site.schools.sample_data,
        "licence": "Open Government Licence v3.0",
        "schools": {r["urn"]: {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items() if k != "urn"}
                    for r in _rows(site)},
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def open_data_page(site: Site, sizes: dict[str, int] | None = None) -> str:
    src = paths.OPEN_DATA
    out = [front_matter(title="Open data: the register", description="The register as CSV and JSON, with a data dictionary.")]
    out.append("# Open data: the register\n")
    if site.schools.sample_data:
        out.append(f"**Sample data:** {esc(site.schools.sample_note or 'these schools are fictional.')}\n")
    out.append(f"The register of the {esc(site.scheme.award.short_name)}, generated on {long_date(site.build_date)}, "
               "with one row per school, keyed by URN.\n")
    out.append(f"- [CSV]({rel(src, CSV_NAME)}): UTF-8 with byte-order mark, dates as DD/MM/YYYY; opens directly in Excel.")
    out.append(f"- [JSON]({rel(src, JSON_NAME)}): an object keyed by URN, dates as YYYY-MM-DD.\n")
    out.append("## Data dictionary\n")
    out.append("| Field | Meaning |\n|---|---|")
    out.extend(f"| `{name}` | {esc(desc)} |" for name, desc in FIELDS)
    out.append("\n## Licence\n")
    out.append("You may use and re-use this data under the Open Government Licence v3.0. Please say it comes from "
               f"{esc(site.scheme.award.owner)} and give the generation date.\n")
    out.append(f"[Back to the register]({rel(src, paths.REGISTER)})\n")
    return "\n".join(out)
