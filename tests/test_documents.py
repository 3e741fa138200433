"""Session packs and award templates: content read back with the same libraries, determinism, caching, errors."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation
from pypdf import PdfReader

from macros.heart.documents import (PACK_FILES, TEMPLATES_DIR, _refuse_network, build_all, form_docx, form_html,
                                    make_pdf, template_form)
from macros.heart.errors import ContentError
from macros.heart.load import load_site
from macros.heart.render.templates import TEMPLATES
from tests.conftest import FIXTURES, make_project

MODULES = FIXTURES / "documents" / "training_modules"
MID = "doc-fixture"
BUILD_DATE = dt.date(2026, 11, 23)


def project(dest: Path) -> Path:
    return make_project(dest, strategies_from=FIXTURES / "mini" / "strategies", modules_from=MODULES)


def build(root: Path, cache: Path):
    logs: list[str] = []
    out = build_all(load_site(root, BUILD_DATE), cache, log=logs.append)
    return out, logs


def hashes(out) -> dict[str, str]:
    return {k: hashlib.sha256(v.read_bytes()).hexdigest() for k, v in out.files.items()}


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return project(tmp_path_factory.mktemp("documents") / "p")


@pytest.fixture(scope="module")
def built(root, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    out, logs = build(root, cache)
    return out, logs, load_site(root, BUILD_DATE), cache


def pack_file(out, suffix: str) -> Path:
    return out.files[f"training/packs/{MID}/{MID}-{suffix}"]


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def docx_text(path: Path) -> str:
    doc = Document(path)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


# ---------------------------------------------------------------- what is built
def test_outputs_and_download_lists(built):
    out, logs, site, _ = built
    assert logs == [f"Session pack 1/1: {MID} (built)", "Award templates: 6 templates (built)"]
    downloads = out.module_downloads[MID]
    assert [d["path"] for d in downloads] == [f"training/packs/{MID}/{MID}-{s}" for s, _, _ in PACK_FILES]
    assert {d["format"] for d in downloads} == {"ZIP", "PPTX", "PDF", "DOCX"}
    assert set(out.template_downloads) == {t[0] for t in TEMPLATES}
    for d in downloads + [d for ds in out.template_downloads.values() for d in ds]:
        assert out.files[d["path"]].is_file()
        assert d["size"].endswith((" KB", " bytes", " MB")) and d["label"]
    assert len(out.files) == len(PACK_FILES) + 2 * len(TEMPLATES)
    assert out.template_downloads["evidence-checklist"][1]["path"] == f"{TEMPLATES_DIR}/evidence-checklist.pdf"


def test_slides_have_titles_bullets_notes_and_citations(built):
    out, _, _, _ = built
    prs = Presentation(pack_file(out, "slides.pptx"))
    assert [s.shapes.title.text for s in prs.slides] == ["Fixture module for documents", "Safeguarding: who to tell",
                                                          "Today's session", "Safeguarding first", "The secure base",
                                                          "Sources"]      # slides 2, 3 and 6 are generated
    notes = [s.notes_slide.notes_text_frame.text for s in prs.slides]
    assert all(n.strip() for n in notes)
    assert "(Department for Education, 2025)" in notes[3] and "Name the DSL" in notes[3]
    body = prs.slides[4].placeholders[1].text_frame
    assert "A secure base lets a child explore (Bowlby, 1969)" in body.text
    assert "(Attachment Research Community, 2022; Bowlby, 1969)" in body.text
    assert [p.level for p in body.paragraphs] == [0, 1, 0]
    assert any(r.font.bold for r in body.paragraphs[0].runs)
    assert "[@" not in body.text + "".join(notes)
    assert prs.core_properties.created == dt.datetime(2026, 11, 23)


def test_facilitator_guide_pdf(built):
    out, _, site, _ = built
    path = pack_file(out, "facilitator-guide.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 6        # overview and plan, notes, cases, activities, safeguarding, sources
    text = pdf_text(path)
    for needle in ["Session plan (30 minutes)", "Welcome and safeguarding", "The secure base", "Key messages",
                   "Case example: Sam", "An adult who made a difference", "If someone discloses",
                   "(Department for Education, 2025)", "Sources", "Keeping children safe in education 2025"]:
        assert needle in text, needle
    assert "[@" not in text
    assert reader.metadata["/CreationDate"] == "D:20261123"
    assert "/StructTreeRoot" in reader.trailer["/Root"]      # tagged PDF
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and all("+DocSans" in f for f in fonts), fonts     # only the @font-face files, no system fonts


def test_handouts_pdf_one_page_per_handout(built):
    out, _, _, _ = built
    path = pack_file(out, "handouts.pdf")
    assert len(PdfReader(path).pages) == 3   # handout 1, handout 2, sources
    text = pdf_text(path)
    assert "Handout 1: The secure base" in text and "Handout 2: Everyday moves" in text and "(Bowlby, 1969)" in text


def test_forms(built):
    out, _, site, _ = built
    meta = site.modules[MID].meta
    q = Document(pack_file(out, "questionnaire.docx"))
    table = next(t for t in q.tables if t.rows[0].cells[0].text == "Statement")
    assert [c.text for c in table.rows[0].cells] == ["Statement", "Before", "After", "Follow-up at 6 weeks"]
    assert [r.cells[0].text for r in table.rows[1:]] == list(meta.questionnaire)

    evaluation = docx_text(pack_file(out, "evaluation.docx"))
    assert "I can now explain what a secure base is." in evaluation

    register = Document(pack_file(out, "register.docx"))
    grid = register.tables[-1]
    assert [c.text for c in grid.rows[0].cells][:4] == ["No.", "Name", "Role", "Signature"] and len(grid.rows) == 31
    assert "Fixture module for documents" in docx_text(pack_file(out, "register.docx"))

    cert = docx_text(pack_file(out, "certificate.docx"))
    assert "Certificate of attendance" in cert and "Fixture module for documents" in cert and "30 minutes" in cert
    assert site.scheme.award.name in cert and "Name: ____" in cert


def test_session_pack_zip(built):
    out, _, _, _ = built
    with zipfile.ZipFile(pack_file(out, "session-pack.zip")) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert {n.split("/", 1)[1] for n in names} == {f"{MID}-{s}" for s, _, _ in PACK_FILES[1:]} | {"README.txt"}
        for info in z.infolist():
            assert info.date_time == (2026, 11, 23, 0, 0, 0) and info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr == 0o644 << 16
        for s, _, _ in PACK_FILES[1:]:
            assert z.read(f"{MID}/{MID}-{s}") == pack_file(out, s).read_bytes()
        readme = z.read(f"{MID}/README.txt").decode()
    for needle in ["0:00–0:10", "0:10–0:30", "The secure base (20 min)", "Version 1.2", "Open Government Licence v3.0",
                   f"{MID}-slides.pptx"]:
        assert needle in readme, needle


def test_templates_come_from_the_scheme(built):
    out, _, site, _ = built
    folder = out.files[f"{TEMPLATES_DIR}/evidence-checklist.docx"]
    checklist = docx_text(folder)
    checklist_pdf = pdf_text(out.files[f"{TEMPLATES_DIR}/evidence-checklist.pdf"])
    for c in site.scheme.criteria:
        assert f"{c.id} {c.title}" in checklist
        assert all(e in checklist for e in c.evidence)
        assert c.id in checklist_pdf
    for lv in site.scheme.levels:
        assert f"{lv.name}: {lv.focus}" in checklist
    plan = Document(out.files[f"{TEMPLATES_DIR}/school-development-plan.docx"])
    assert any([c.text for c in t.rows[0].cells] == ["Priority", "Criterion", "Actions", "Owner", "Date",
                                                     "Success measure"] for t in plan.tables)
    assert site.scheme.award.name in docx_text(out.files[f"{TEMPLATES_DIR}/commitment-statement.docx"])
    for tid, title, _ in TEMPLATES:
        assert title in pdf_text(out.files[f"{TEMPLATES_DIR}/{tid}.pdf"])
        assert Document(out.files[f"{TEMPLATES_DIR}/{tid}.docx"]).core_properties.title == title


def test_renamed_award_and_levels_appear_in_templates(tmp_path):
    root = project(tmp_path / "p")
    scheme = root / "data/scheme.yml"
    award = load_site(root, BUILD_DATE).scheme.award
    text = scheme.read_text(encoding="utf-8").replace(award.short_name, "KITE Award")
    scheme.write_text(text.replace(award.name, "Kindness In Teaching Everywhere").replace("name: Bronze", "name: Copper"),
                      encoding="utf-8")
    site = load_site(root, BUILD_DATE)
    form = template_form(site, "commitment-statement", "Commitment statement")
    docx = tmp_path / "c.docx"
    docx.write_bytes(form_docx(site, form, BUILD_DATE))
    commitment = docx_text(docx)
    assert "Kindness In Teaching Everywhere (KITE Award)" in commitment and "Copper" in commitment
    assert "HEART Award" not in commitment and "KITE Award" in form.footer
    renewal = form_html(template_form(site, "renewal-review", "Renewal review"))
    assert "KITE Award" in renewal and "HEART Award" not in renewal and "Copper: " in renewal


# ---------------------------------------------------------------- determinism and caching
def test_identical_bytes_across_caches_processes_and_cache_reuse(built, root, tmp_path):
    first = built[0]
    second = build_all(load_site(root, BUILD_DATE), tmp_path / "other-cache", log=lambda _: None, workers=2)
    assert second.built == [MID, "templates"]
    assert hashes(first) == hashes(second)
    again, logs = build(root, tmp_path / "other-cache")
    assert again.built == [] and again.cached == [MID, "templates"]
    assert logs == [f"Session pack 1/1: {MID} (cached)", "Award templates: 6 templates (cached)"]
    assert hashes(again) == hashes(first)


def test_changed_module_rebuilds_only_that_pack(built, tmp_path):
    modules = tmp_path / "modules"
    shutil.copytree(MODULES / MID, modules / MID)
    shutil.copytree(MODULES / MID, modules / "doc-fixture-two")
    root = make_project(tmp_path / "p", strategies_from=FIXTURES / "mini" / "strategies", modules_from=modules)
    cache = tmp_path / "cache"
    shutil.copytree(built[3], cache)          # the cache key does not depend on where the project is
    first, logs = build(root, cache)
    assert first.built == ["doc-fixture-two"] and first.cached == [MID, "templates"]
    assert logs[:2] == ["Session pack 1/2: doc-fixture (cached)", "Session pack 2/2: doc-fixture-two (built)"]
    handouts = root / "training_modules/doc-fixture-two/handouts.md"
    handouts.write_text(handouts.read_text() + "\n- Say goodbye by name.\n")
    second, logs = build(root, cache)
    assert second.built == ["doc-fixture-two"] and second.cached == [MID, "templates"]
    assert "Session pack 2/2: doc-fixture-two (built)" in logs
    assert "Say goodbye by name." in pdf_text(second.files["training/packs/doc-fixture-two/doc-fixture-two-handouts.pdf"])
    assert len(list((cache / "packs" / "doc-fixture-two").iterdir())) == 1      # the stale entry was removed


# ---------------------------------------------------------------- errors and safety
def test_slide_without_title_is_a_content_error(tmp_path):
    root = project(tmp_path / "p")
    slides = root / f"training_modules/{MID}/slides.md"
    text = slides.read_text().replace("# Safeguarding first\n", "Safeguarding first\n")
    slides.write_text(text.replace("Notes:\nExplain the secure base", "Explain the secure base"))
    bad_line = text.splitlines().index("Safeguarding first") + 1
    cache = tmp_path / "cache"
    with pytest.raises(ContentError) as info:
        build(root, cache)
    problems = info.value.problems
    assert [(p.file, p.line, p.field) for p in problems] == [
        (f"training_modules/{MID}/slides.md", bad_line, "slide 2"),
        (f"training_modules/{MID}/slides.md", text.splitlines().index("# The secure base") + 1, "slide 3")]
    assert "'# Title'" in problems[0].message and "'Notes:'" in problems[1].message
    assert not cache.exists()          # nothing was built


def test_pdfs_never_fetch_from_the_network(built):
    _, _, site, _ = built
    with pytest.raises(ValueError):
        _refuse_network()("https://example.com/style.css")
    pdf = make_pdf(site, '<p>Hello</p><img src="https://example.com/x.png">', "T", "F", BUILD_DATE, "x")
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().startswith("Hello")
