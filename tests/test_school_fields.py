"""School fields are described once, in the model (models/schools.py `about`): the open data and its dictionary, the
importer's columns and the entry page's rows all follow that description."""
from __future__ import annotations

import dataclasses
import datetime as dt

import yaml

from macros.heart import importer, school_fields
from macros.heart.load import load_site
from macros.heart.models import School
from macros.heart.render import entries, opendata
from tests.test_register import GOOD, TODAY, mini_root

REGISTER = ("sample_data: false\ncohorts:\n  pilot-2025-26: Pilot schools, 2025/26\n  wave-2: Second wave\n"
            "schools:\n" + GOOD)


def _site(tmp_path, register=REGISTER):
    return load_site(mini_root(tmp_path / "p", register), TODAY)


def test_every_school_field_is_described_once_in_the_model():
    described = {f.name for f in school_fields.fields()}
    assert described == set(School.model_fields) - {"awards"}
    for f in school_fields.fields():
        assert f.label and f.part in ("identity", "record", "none")
        assert f.meaning or f.part == "none"


def test_open_data_columns_and_dictionary_follow_the_model(tmp_path, monkeypatch):
    site = _site(tmp_path)
    names = [n for n, _ in opendata.fields(site)]
    identity = [f.name for f in school_fields.published("identity")]
    record = [f.name for f in school_fields.published("record")]
    assert names == identity + [n for n, _ in opendata.STATUS_FIELDS] + record
    header = opendata.register_csv(site).decode("utf-8-sig").splitlines()[0]
    assert header.split(",") == names
    # the scheme's audit partner is named in the dictionary, from data
    meaning = dict(opendata.fields(site))["arc_registered"]
    assert site.scheme.audit_partner.name in meaning and "{" not in meaning
    # change a field's description in the model and the dictionary changes with it
    changed = tuple(dataclasses.replace(f, meaning="Which wave the school joined.") if f.name == "cohort" else f
                    for f in school_fields.fields())
    monkeypatch.setattr(school_fields, "fields", lambda: changed)
    assert "| `cohort` | Which wave the school joined. |" in opendata.open_data_page(site)


def test_entry_rows_take_their_labels_from_the_model(tmp_path, monkeypatch):
    site = _site(tmp_path, REGISTER.replace("local_authority: Hillingdon\n",
                                            "local_authority: Hillingdon\n    cohort: wave-2\n"))
    st = site.statuses[0]
    html = entries.entry_body(site, st, None, "la-hillingdon")
    assert ">Cohort</dt>" in html and "Second wave" in html
    assert f"Registered with the {site.scheme.audit_partner.name}" in html
    changed = tuple(dataclasses.replace(f, label="Joined in") if f.name == "cohort" else f
                    for f in school_fields.fields())
    monkeypatch.setattr(school_fields, "fields", lambda: changed)
    html = entries.entry_body(site, st, None, "la-hillingdon")
    assert ">Joined in</dt>" in html and ">Cohort</dt>" not in html


def _csv(*rows: str) -> bytes:
    return ("\r\n".join(rows) + "\r\n").encode("utf-8")


def test_the_importer_reads_the_columns_the_model_names(tmp_path):
    root = mini_root(tmp_path / "p", REGISTER)
    result = importer.import_csv(root, _csv(
        "URN,School name,Phase,LA,Award,Date awarded,Cohort,ARC registered",
        "990201,Wave School,Primary,Ealing,Bronze,05/03/2026,Wave 2,01/10/2025",
        "990001,Good School,primary,Hillingdon,,,Pilot 2025 26,"), build_date=TODAY)
    assert result.problems == []
    schools = {s["urn"]: s for s in yaml.safe_load(result.text)["schools"]}
    assert schools["990201"]["cohort"] == "wave-2"
    assert schools["990201"]["arc_registered"] == dt.date(2025, 10, 1)
    assert schools["990001"]["cohort"] == "pilot-2025-26"              # filled in for a school already there
    assert any("cohort" in c and "990001" in c for c in result.changes)


def test_the_importer_refuses_a_bad_optional_value_by_row_and_column(tmp_path):
    root = mini_root(tmp_path / "p", REGISTER.replace("local_authority: Hillingdon\n",
                                                      "local_authority: Hillingdon\n    cohort: wave-2\n"))
    result = importer.import_csv(root, _csv(
        "URN,Name,Phase,Local authority,Level,Date awarded,Cohort,ARC registered",
        "990202,Late School,primary,Ealing,,,,31/02/2025",
        "990001,Good School,primary,Hillingdon,,,pilot-2025-26,"), build_date=TODAY)
    assert result.text == ""
    assert any(p.startswith("row 2, ARC registered") and "not a date" in p for p in result.problems), result.problems
    assert any(p.startswith("row 3, Cohort") and "differs" in p for p in result.problems), result.problems


def test_the_importer_names_every_required_column_from_the_model(tmp_path):
    root = mini_root(tmp_path / "p", REGISTER)
    result = importer.import_csv(root, _csv("URN,Name", "990203,Only Two,"), build_date=TODAY)
    [problem] = result.problems
    for f in school_fields.required_columns():
        assert importer.LABELS[f] in problem
