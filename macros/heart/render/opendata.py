"""Open data: the register as CSV (opens correctly in Excel) and JSON, keyed by URN, plus the data dictionary page."""
from __future__ import annotations

import csv
import io
import json

from .. import paths
from ..load import Site
from .common import esc, front_matter, long_date, rel

FIELDS = [   # the columns of the CSV and the keys of the JSON, in order: the data dictionary is made from this list
    ("urn", "Department for Education unique reference number: 6 digits, text (keep it as text in Excel)."),
    ("name", "School name, as the Virtual School records it."),
    ("phase", "nursery, primary, secondary, all-through, special, alternative-provision or post-16."),
    ("local_authority", "The local authority the school is in."),
    ("status", "current, renewal-due, lapsed or participating, worked out on the generation date."),
    ("level", "The level held now, by name (e.g. Bronze); empty unless status is current or renewal-due."),
    ("awarded", "Date the level held now was awarded, YYYY-MM-DD."),
    ("valid_until", "Date the level held now ends, YYYY-MM-DD."),
    ("last_level", "For lapsed schools, the last level held, by name (e.g. Silver)."),
    ("arc_registered", "Date the school registered with the Attachment Research Community, YYYY-MM-DD, if recorded."),
    ("cohort", "The cohort the school joined in, in words (e.g. Pilot schools, 2025/26), if recorded."),
    ("network", "The schools network the school belongs to, by name, if any."),
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_NAME = "register/heart-award-register.csv"
JSON_NAME = "register/heart-award-register.json"


def _rows(site: Site) -> list[dict]:
    networks = {n.id: n.name for n in site.schools.networks}
    cohorts = site.schools.cohorts
    out = []
    for st in sorted(site.statuses, key=lambda s: s.school.urn):
        s = st.school
        out.append({
            "urn": s.urn, "name": s.name, "phase": s.phase, "local_authority": s.local_authority,
            "status": st.status, "level": st.level_name if st.holds_award else "",
            "awarded": st.awarded if st.holds_award else None, "valid_until": st.expires if st.holds_award else None,
            "last_level": st.last_level_name if st.status == "lapsed" else "",
            "arc_registered": s.arc_registered, "cohort": cohorts.get(s.cohort, s.cohort) if s.cohort else "",
            "network": networks.get(s.network, "") if s.network else "",
        })
    return out


def register_csv(site: Site) -> bytes:
    """UTF-8 with a byte-order mark and CRLF line ends (what Excel expects), ISO dates (YYYY-MM-DD: every spreadsheet
    reads them as dates whatever its locale). One row per school."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([name for name, _ in FIELDS])
    for r in _rows(site):
        w.writerow([_csv_value(r[name]) for name, _ in FIELDS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv_value(v) -> str:
    if v is None:
        return ""
    if hasattr(v, "isoformat"):
        return v.isoformat()
    text = str(v)
    # a cell starting with = + - @, a tab or a carriage return would run as a formula in a spreadsheet: keep it
    # inert. The same rule as csvGuard in docs/assets/heart-common.js (tests/test_self_audit.py checks they agree).
    return "'" + text if text[:1] in FORMULA_START else text


def register_json(site: Site) -> bytes:
    data = {
        "award": site.scheme.award.short_name,
        "generated": site.build_date.isoformat(),
        "sample_data": site.schools.sample_data,
        "licence": site.scheme.licence.name,
        "licence_url": site.scheme.licence.url,
        "schools": {r["urn"]: {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items() if k != "urn"}
                    for r in _rows(site)},
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _size(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n >= 1024 else f"{n} bytes"


def open_data_page(site: Site, files: dict[str, bytes] | None = None) -> str:
    """The data dictionary page. ``files`` holds the CSV and JSON when the caller has made them already."""
    src = paths.OPEN_DATA
    rows = len(site.statuses)
    files = files if files is not None and CSV_NAME in files and JSON_NAME in files else \
        {CSV_NAME: register_csv(site), JSON_NAME: register_json(site)}
    csv_bytes, json_bytes = len(files[CSV_NAME]), len(files[JSON_NAME])
    out = [front_matter(title="Open data: the register", description="The register as CSV and JSON, with a data dictionary.")]
    out.append("# Open data: the register\n")
    if site.schools.sample_data:
        out.append(f"**Sample data:** {esc(site.schools.sample_note or 'these schools are fictional.')}\n")
    out.append(f"The register of the {esc(site.scheme.award.short_name)}, generated on {long_date(site.build_date)}, "
               f"with one row per school ({rows:,} schools), keyed by URN.\n")
    out.append(f"- [CSV]({rel(src, CSV_NAME)}) ({_size(csv_bytes)}, {rows:,} rows and a header row): UTF-8 with a "
               "byte-order mark, so Excel opens it with the right characters.")
    out.append(f"- [JSON]({rel(src, JSON_NAME)}) ({_size(json_bytes)}): an object keyed by URN.\n")
    out.append("Dates are written YYYY-MM-DD in both files (for example 2026-03-14 is 14 March 2026): every spreadsheet "
               "reads that as a date, whatever its language settings. Excel shows it in your own format, such as "
               "14/03/2026. Keep the URN column as text so a URN never loses a digit.\n")
    out.append("## Data dictionary\n")
    out.append("The columns of the CSV, in order, and the keys of each school in the JSON.\n")
    out.append("| Column | Meaning |\n|---|---|")
    out.extend(f"| `{name}` | {esc(desc)} |" for name, desc in FIELDS)
    out.append("\n## Licence\n")
    lic = site.scheme.licence
    out.append(f"You may use and re-use this data under the [{esc(lic.name)}]({esc(lic.url)}). Please say it comes "
               f"from {esc(site.scheme.award.owner)} and give the generation date.\n")
    out.append(f"[Back to the register]({rel(src, paths.REGISTER)})\n")
    return "\n".join(out)
