"""scripts/certificates.py: a completed register (the pack's own DOCX, or a CSV export) becomes one PDF of named
certificates, one page per attendee; bad input gets one clear message and exit code 2."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from pypdf import PdfReader

from macros.heart.documents.forms import form_docx
from macros.heart.documents.pack_forms import register_form
from macros.heart.load import load_site
from scripts import certificates
from tests.conftest import ROOT

MID = "bronze-emotion-coaching"


@pytest.fixture(scope="module")
def site():
    return load_site(ROOT, dt.date(2026, 11, 23))


def completed_register(site, tmp_path, names, date="14 March 2027", facilitator="A. Trainer"):
    path = tmp_path / "register.docx"
    path.write_bytes(form_docx(site, register_form(site, site.modules[MID]), dt.date(2026, 11, 23)))
    doc = Document(str(path))
    fields, grid = doc.tables[0], doc.tables[-1]
    for row in fields.rows:
        label = row.cells[0].text
        if label == "Date":
            row.cells[1].text = date
        elif label == "Facilitator":
            row.cells[1].text = facilitator
    for i, name in enumerate(names, 1):
        grid.rows[i].cells[1].text = name
    doc.save(str(path))
    return path


def pages(path):
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def run(capsys, *args):
    code = certificates.main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_named_certificates_from_the_packs_own_register(site, tmp_path, capsys):
    register = completed_register(site, tmp_path, ["Amira Khan", "", "Tom O'Neill", "Zoë Brontë"])
    out = tmp_path / "certs.pdf"
    code, said, _ = run(capsys, register, "--module", MID, "--out", out)
    assert code == 0 and "Wrote 3 certificates" in said
    text = pages(out)
    assert len(text) == 3                                  # one page per attendee, blank rows skipped
    for page, name in zip(text, ["Amira Khan", "Tom O'Neill", "Zoë Brontë"]):
        assert name in page and "Certificate of attendance" in page and "Emotion coaching" in page
        assert "14 March 2027" in page and "A. Trainer" in page and "Level: Bronze" in page
        assert "1 hour 30 minutes" in page and site.scheme.award.name.upper()[:20] in page.upper()
    box = PdfReader(out).pages[0].mediabox
    assert float(box.width) > float(box.height)            # A4 landscape
    # the same register gives the same bytes
    again = tmp_path / "again.pdf"
    run(capsys, register, "--module", MID, "--out", again)
    assert again.read_bytes() == out.read_bytes()


def test_named_certificates_from_a_csv_export(tmp_path, capsys):
    csv = tmp_path / "register.csv"
    csv.write_bytes("\ufeffNo.,Name,Role,Date\r\n1,Priya Shah,TA,2 May 2027\r\n2,,,\r\n3,Sam Lee,Teacher,2 May 2027\r\n"
                    .encode("utf-8"))
    code, said, err = run(capsys, csv, "--module", MID, "--facilitator", "B. Lead")
    out = tmp_path / "HEART-Award-bronze-emotion-coaching-certificates.pdf"
    assert code == 0, err
    text = pages(out)
    assert len(text) == 2 and "Priya Shah" in text[0] and "Sam Lee" in text[1]
    assert all("2 May 2027" in t and "B. Lead" in t for t in text)


@pytest.mark.parametrize("name, content, message", [
    ("missing.docx", None, "no such file"),
    ("r.txt", "Name\nA", "give the register as .docx"),
    ("r.docx", "not a zip", "is not a Word document"),
    ("r.csv", "Person,Role\nA,B\n", "has no 'Name' column"),
    ("r.csv", "Name,Role\n,B\n", "has no names in it"),
    ("r.csv", "", "is empty"),
    ("r.csv", "Name\n" + "x" * 200 + "\n", "at most 80"),
])
def test_bad_registers_get_one_clear_message(tmp_path, capsys, name, content, message):
    if content is not None:
        (tmp_path / name).write_text(content)
    code, _, err = run(capsys, tmp_path / name, "--module", MID)
    assert code == 2 and message in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_a_docx_without_the_grid_and_an_unknown_module(site, tmp_path, capsys):
    other = tmp_path / "other.docx"
    Document().save(str(other))
    code, _, err = run(capsys, other, "--module", MID)
    assert code == 2 and "has no attendance grid" in err
    register = completed_register(site, tmp_path, ["Amira Khan"])
    code, _, err = run(capsys, register, "--module", "no-such-module")
    assert code == 2 and "is not a training module" in err and MID in err
