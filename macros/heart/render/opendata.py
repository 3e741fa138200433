"""Open data: the register as CSV (opens correctly in Excel) and JSON, keyed by URN, plus the data dictionary page."""
from __future__ import annotations

import csv
import io
import json

from .. import paths, school_fields
from ..load import Site
from ..load.site import remembered
from .common import esc, front_matter, long_date, rel

STATUS_FIELDS = [   # worked out from the award history, between the school's identity and its other fields
    ("status", "current, renewal-due, lapsed or participating, worked out on the generation date."),
    ("level", "The level held now, by name (e.g. {first level}); empty unless status is current or renewal-due."),
    ("awarded", "Date the level held now was awarded, YYYY-MM-DD."),
    ("valid_until", "Date the level held now ends, YYYY-MM-DD."),
    ("last_level", "For lapsed schools, the last level held, by name (e.g. {second level})."),
]


def fields(site: Site) -> list[tuple[str, str]]:
    """The columns of the CSV and the keys of the JSON, in order, with their meaning: the data dictionary. The
    school's own fields and their meanings come from the model (``school_fields``)."""
    partner = site.scheme.audit_partner.name
    names = [lv.name for lv in site.scheme.levels]
    words = {"{first level}": names[0], "{second level}": names[min(1, len(names) - 1)]}

    def status(text: str) -> str:
        for k, v in words.items():
            text = text.replace(k, v)
        return text
    return ([(f.name, f.meaning_for(partner)) for f in school_fields.published("identity")]
            + [(name, status(text)) for name, text in STATUS_FIELDS]
            + [(f.name, f.meaning_for(partner)) for f in school_fields.published("record")])


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_NAME = "register/heart-award-register.csv"
JSON_NAME = "register/heart-award-register.json"


def _rows(site: Site) -> list[dict]:
    stored = [f for f in school_fields.fields() if f.part in ("identity", "record")]
    out = []
    for st in sorted(site.statuses, key=lambda s: s.school.urn):
        s = st.school
        row = {f.name: school_fields.words(site, f, getattr(s, f.name)) for f in stored}
        row.update({
            "status": st.status, "level": st.level_name if st.holds_award else "",
            "awarded": st.awarded if st.holds_award else None, "valid_until": st.expires if st.holds_award else None,
            "last_level": st.last_level_name if st.status == "lapsed" else ""})
        out.append(row)
    return out


def register_csv(site: Site) -> bytes:
    return remembered(site, "csv", _make_csv)    # made again only when the register changes


def register_json(site: Site) -> bytes:
    return remembered(site, "json", _make_json)


def _make_csv(site: Site) -> bytes:
    """UTF-8 with a byte-order mark and CRLF line ends (what Excel expects), ISO dates (YYYY-MM-DD: every spreadsheet
    reads them as dates whatever its locale). One row per school."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    names = [name for name, _ in fields(site)]
    w.writerow(names)
    for r in _rows(site):
        w.writerow([_csv_value(r[name]) for name in names])
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


def _make_json(site: Site) -> bytes:
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
    out.extend(f"| `{name}` | {esc(desc)} |" for name, desc in fields(site))
    out.append("\n## Licence\n")
    lic = site.scheme.licence
    out.append(f"You may use and re-use this data under the [{esc(lic.name)}]({esc(lic.url)}). Please say it comes "
               f"from {esc(site.scheme.award.owner)} and give the generation date.\n")
    out.append(f"[Back to the register]({rel(src, paths.REGISTER)})\n")
    return "\n".join(out)
