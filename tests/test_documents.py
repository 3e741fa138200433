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
from docx.shared import RGBColor
from pptx import Presentation
from pypdf import PdfReader

from macros.heart.documents import (PACK_FILES, TEMPLATES_DIR, _refuse_network, build_all, form_docx, form_html,
                                    make_pdf, template_form)
from macros.heart.documents.pack import file_prefix
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


def build_poisoned(root: Path, cache: Path, extra: dict[str, str]):
    """Load the (valid) fixture site, then append raw text to module parts, bypassing the loader's refusals: the
    documents' own defences (sanitiser, URL fetcher) must hold even if hostile HTML ever got past validation."""
    site = load_site(root, BUILD_DATE)
    parts = site.modules[MID].parts
    for name, text in extra.items():
        parts[name] = parts[name] + "\n" + text
    return build_all(site, cache, log=lambda *_: None), parts


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


PREFIX = "HEART-Award"


def pack_file(out, suffix: str, mid: str = MID) -> Path:
    return out.files[f"training/packs/{mid}/{PREFIX}-{mid}-{suffix}"]


def template_file(out, name: str) -> Path:
    return out.files[f"{TEMPLATES_DIR}/{PREFIX}-{name}"]


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
    assert [d["path"] for d in downloads] == [f"training/packs/{MID}/{PREFIX}-{MID}-{s}" for s, _, _ in PACK_FILES]
    assert file_prefix(site) == PREFIX
    assert {d["format"] for d in downloads} == {"ZIP", "PPTX", "PDF", "DOCX"}
    assert set(out.template_downloads) == {t[0] for t in TEMPLATES}
    for d in downloads + [d for ds in out.template_downloads.values() for d in ds]:
        assert out.files[d["path"]].is_file()
        assert d["size"].endswith((" KB", " bytes", " MB")) and d["label"]
    assert len(out.files) == len(PACK_FILES) + 2 * len(TEMPLATES)
    assert out.template_downloads["evidence-checklist"][1]["path"] == f"{TEMPLATES_DIR}/{PREFIX}-evidence-checklist.pdf"
    details = {d["path"].split(f"{MID}-", 1)[1]: d["detail"] for d in downloads}
    n_slides = len(Presentation(pack_file(out, "slides.pptx")).slides)
    assert details["slides.pptx"] == f"{n_slides} slides" and details["case-cards.pdf"] == "2 pages"
    assert details["session-pack.zip"].startswith(f"{n_slides} slides, ") and "printed pages" in details["session-pack.zip"] \
        and details["session-pack.zip"].endswith(f"{sum(s.endswith('.docx') for s, _, _ in PACK_FILES)} Word documents")


def test_pack_deck_carries_the_authored_slides_notes_and_citations(built):
    """The deck's design is tested in tests/test_slides.py; here: the pack's deck holds the module's own slides."""
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
    assert "(ARC and NAVSH, 2022; Bowlby, 1969)" in body.text
    assert [p.level for p in body.paragraphs] == [0, 1, 0]
    assert any(r.font.bold for r in body.paragraphs[0].runs)
    assert "[@" not in body.text + "".join(notes)
    assert prs.core_properties.created == dt.datetime(2026, 11, 23)


def test_facilitator_guide_pdf(built):
    out, _, site, _ = built
    path = pack_file(out, "facilitator-guide.pdf")
    reader = PdfReader(path)
    assert 6 <= len(reader.pages) <= 7   # overview and plan, notes, cases, activities, safeguarding + help, references
    text = pdf_text(path)
    for needle in ["Session plan (30 minutes)", "Welcome and safeguarding", "The secure base", "Key messages",
                   "Case example: Sam", "An adult who made a difference", "If someone discloses",
                   "(Department for Education, 2025)", "References", "Keeping children safe in education 2025",
                   "Where to get help", "0808 800 5000", "08000 562 561", "uktraumacouncil.org", "kinship.org.uk",
                   "Local authority designated officer (LADO)", "Children's social care front door"]:
        assert needle in text, needle
    last = reader.pages[-1].extract_text()
    # every source cited in the slides, notes, guide parts and handouts, once each
    for ref in ("Bowlby", "Attachment Research Community", "Keeping children safe"):
        assert ref in last, ref
    assert "[@" not in text
    assert reader.metadata["/CreationDate"] == "D:20261123"
    assert "/StructTreeRoot" in reader.trailer["/Root"]      # tagged PDF
    fonts = {str(f["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert fonts and all("+DocSans" in f for f in fonts), fonts     # only the @font-face files, no system fonts


def test_handouts_print_well(built):
    out, _, _, _ = built
    path = pack_file(out, "handouts.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 1            # short handouts share a page; no references page (it is in the guide)
    text = pdf_text(path)
    assert "Handout 1: The secure base" in text and "Handout 2: Everyday moves" in text and "(Bowlby, 1969)" in text
    assert text.count("Fixture module for documents · version 1.2 · 23 November 2026") == 2   # every handout
    assert "[ ]" not in text and "[x]" not in text and "References" not in text and "Sources" not in text
    assert "....." not in text and "I greeted every pupil by name today." in text


def test_case_cards_one_per_page(built):
    out, _, _, _ = built
    reader = PdfReader(pack_file(out, "case-cards.pdf"))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert len(pages) == 2
    assert "Sam, Year 3 (fictional)" in pages[0] and "Case card 1 of 2" in pages[0] and "Ada" not in pages[0]
    assert "Ada, Year 8 (fictional)" in pages[1] and "This example is fictional" in pages[1]


def test_forms(built):
    out, _, site, _ = built
    meta = site.modules[MID].meta
    before, follow = Document(pack_file(out, "before-questionnaire.docx")), Document(pack_file(out, "follow-up-questionnaire.docx"))
    rows = []
    for doc in (before, follow):
        table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Statement")
        rows.append([r.cells[0].text for r in table.rows[1:]])
    assert rows[0] == rows[1] == list(meta.questionnaire)           # the same items, two separate forms
    assert before.paragraphs[0].text == "Before-session questionnaire"
    assert "About 6 weeks after the session" in docx_text(pack_file(out, "follow-up-questionnaire.docx"))

    evaluation = docx_text(pack_file(out, "evaluation.docx"))
    assert "I can now explain what a secure base is." in evaluation

    register = Document(pack_file(out, "register.docx"))
    grid = register.tables[-1]
    assert [c.text for c in grid.rows[0].cells][:4] == ["No.", "Name", "Role", "Signature"] and len(grid.rows) == 25
    assert {c.text for c in grid.rows[1].cells[4:]} == {"\u2610"}       # tick boxes, never "[ ]"
    assert "Fixture module for documents" in docx_text(pack_file(out, "register.docx"))

    cert = docx_text(pack_file(out, "certificate.docx"))
    assert "Certificate of attendance" in cert and "Fixture module for documents" in cert and "30 minutes" in cert
    assert site.scheme.award.name in cert and "Level: Bronze" in cert
    cert_pdf = PdfReader(pack_file(out, "certificate.pdf"))
    box = cert_pdf.pages[0].mediabox
    assert len(cert_pdf.pages) == 1 and float(box.width) > float(box.height)      # A4 landscape
    assert "Facilitator" in cert_pdf.pages[0].extract_text()

    note = docx_text(pack_file(out, "safeguarding-note.docx"))
    for needle in ("Our designated safeguarding lead (DSL)", "Deputy DSL", "If someone discloses", "0808 800 5000",
                   "Local authority designated officer (LADO)", "(Department for Education, 2025)"):
        assert needle in note, needle


def test_word_documents_share_one_branded_en_gb_template(built):
    out, _, site, _ = built
    brand = site.scheme.award.brand
    docs = [p for p in out.files.values() if p.suffix == ".docx"]
    assert len(docs) == sum(s.endswith(".docx") for s, _, _ in PACK_FILES) + len(TEMPLATES)
    for path in docs:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            styles, app = z.read("word/styles.xml").decode(), z.read("docProps/app.xml").decode()
            assert "docProps/thumbnail.jpeg" not in names and "thumbnail" not in z.read("_rels/.rels").decode()
            assert "Microsoft" not in app and "HEART Award" in app
            assert 'w:lang w:val="en-GB"' in styles and "en-US" not in styles
        doc = Document(path)
        assert doc.styles["Heading 1"].font.color.rgb == RGBColor.from_string(brand.primary[1:].upper()), path.name
        if "certificate" not in path.name:                             # the certificate is framed instead
            assert site.scheme.award.short_name.upper() in doc.sections[0].header.paragraphs[0].text, path.name
        levels = [int(p.style.name[-1]) for p in doc.paragraphs if p.style.name.startswith("Heading")]
        assert levels and levels[0] == 1, path.name
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (path.name, levels)     # no jumps
        assert not any("[ ]" in p.text for p in doc.paragraphs), path.name


def test_session_pack_zip(built):
    out, _, _, _ = built
    with zipfile.ZipFile(pack_file(out, "session-pack.zip")) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert {n.split("/", 1)[1] for n in names} == {f"{PREFIX}-{MID}-{s}" for s, _, _ in PACK_FILES[1:]} | {"README.txt"}
        for info in z.infolist():
            assert info.date_time == (2026, 11, 23, 0, 0, 0) and info.compress_type == zipfile.ZIP_DEFLATED
            assert info.external_attr == 0o644 << 16
        for s, _, _ in PACK_FILES[1:]:
            assert z.read(f"{MID}/{PREFIX}-{MID}-{s}") == pack_file(out, s).read_bytes()
        readme = z.read(f"{MID}/README.txt").decode()
    for needle in ["0:00–0:10", "0:10–0:30", "The secure base (20 min)", "Version 1.2", "Open Government Licence v3.0",
                   f"{PREFIX}-{MID}-slides.pptx"]:
        assert needle in readme, needle


def test_templates_come_from_the_scheme(built):
    out, _, site, _ = built
    checklist = docx_text(template_file(out, "evidence-checklist.docx"))
    checklist_pdf = pdf_text(template_file(out, "evidence-checklist.pdf"))
    for c in site.scheme.criteria:
        assert f"{c.id} {c.title}" in checklist
        assert all(e in checklist for e in c.evidence)
        assert c.id in checklist_pdf
    for lv in site.scheme.levels:
        assert f"{lv.name}: {lv.focus}" in checklist
    assert "\u2610" in checklist and "[ ]" not in checklist           # the Ready column is tick boxes
    plan = Document(template_file(out, "school-development-plan.docx"))
    assert any([c.text for c in t.rows[0].cells] == ["Priority", "Criterion", "Actions", "Owner", "Date",
                                                     "Success measure"] for t in plan.tables)
    assert site.scheme.award.name in docx_text(template_file(out, "commitment-statement.docx"))
    for tid, title, _ in TEMPLATES:
        assert title in pdf_text(template_file(out, f"{tid}.pdf"))
        assert Document(template_file(out, f"{tid}.docx")).core_properties.title == title


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
    assert "Say goodbye by name." in pdf_text(pack_file(second, "handouts.pdf", "doc-fixture-two"))
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


def test_pdf_fetcher_reads_only_the_module_folder_and_fonts(tmp_path):
    from macros.heart.documents.pdf import FONTS, make_fetcher
    from tests.conftest import ROOT
    site = load_site(ROOT, BUILD_DATE)
    module = tmp_path / "module"
    module.mkdir()
    (module / "ok.txt").write_text("inside")
    (tmp_path / "secret.txt").write_text("outside")
    (module / "link.txt").symlink_to(tmp_path / "secret.txt")
    fetch = make_fetcher([module])
    assert fetch((module / "ok.txt").as_uri())
    for url in [(tmp_path / "secret.txt").as_uri(), (module / "link.txt").as_uri(), f"{module.as_uri()}/../secret.txt",
                "file:///proc/self/environ", "file:///etc/passwd", "https://example.com/x.css", "http://x/",
                "ftp://x/y", "data:text/html,<b>x</b>", "data:image/svg+xml,<svg/>", "file://host/etc/passwd"]:
        with pytest.raises(BaseException, match="refused URL"):
            fetch(url)
    assert fetch("data:image/png;base64,iVBORw0KGgo=")
    assert _refuse_network()(next(iter(FONTS.values())).as_uri())          # the bundled fonts are always readable
    with pytest.raises(BaseException, match="refused URL"):
        _refuse_network()("https://example.com/style.css")
    for body in ['<a rel="attachment" href="file:///proc/self/environ">x</a>', '<img src="../secret.txt">',
                 '<img src="https://example.com/x.png">', '<p style="background: url(file:///etc/passwd)">x</p>',
                 '<link rel="attachment" href="data:text/plain,hello">']:
        with pytest.raises(ContentError) as info:
            make_pdf(site, "<p>Hello</p>" + body, "T", "F", BUILD_DATE, "x", base=module, source="m/handouts.md")
        problem = info.value.problems[0]
        assert problem.file == "m/handouts.md" and "may not read" in problem.message and "://" in problem.message \
            or "data:" in problem.message
    pdf = make_pdf(site, '<p>Hello</p><a rel="attachment" href="ok.txt">ok</a>', "T", "F", BUILD_DATE, "x", base=module)
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().startswith("Hello")


HOSTILE = """
<a rel="attachment" href="file://{canary}">file attachment</a>
<a rel="attachment" href="file:///proc/self/environ">environ attachment</a>
<a rel="attachment" href="../../../../../../../..{canary}">relative attachment</a>
<link rel="attachment" href="file://{canary}">
<link rel="stylesheet" href="file://{canary}">
<img src="file:///proc/self/environ" alt="x"><img src="file://{canary}" alt="y">
<style>@import url("file://{canary}"); body {{ background: url(file:///proc/self/environ); }}</style>
<div style="background-image: url('file://{canary}')">styled</div>
<iframe src="file://{canary}"></iframe><object data="file://{canary}"></object><embed src="file:///proc/self/environ">
<svg><image href="file://{canary}"/></svg>
[markdown link](file:///proc/self/environ) and ![markdown image](file://{canary})
"""


def test_canary_file_and_environment_never_reach_any_output(tmp_path, monkeypatch):
    """A module links to a canary file and /proc/self/environ (holding a canary variable) in every way; the pack
    builds and no output, unzipped, as raw bytes, as PDF text or as a PDF attachment, contains either canary."""
    env_canary, file_canary = "HEARTCANARYENV7c1d", "HEARTCANARYFILE93ab"
    monkeypatch.setenv("HEART_CANARY", env_canary)
    canary = tmp_path / "canary.txt"
    canary.write_text(file_canary)
    root = project(tmp_path / "p")
    hostile = HOSTILE.format(canary=canary)
    parts = ("handouts.md", "facilitator-notes.md", "case-examples.md", "safeguarding.md", "reflective-activities.md")
    with pytest.raises(ContentError):                  # the loader refuses every one of these links outright
        for part in parts:
            f = root / f"training_modules/{MID}/{part}"
            f.write_text(f.read_text() + "\n" + hostile)
        load_site(root, BUILD_DATE)
    clean = project(tmp_path / "clean")
    out, _ = build_poisoned(clean, tmp_path / "cache", {part: hostile for part in parts})
    blobs: list[tuple[str, bytes]] = []
    for site_path, path in out.files.items():
        data = path.read_bytes()
        blobs.append((site_path, data))
        if path.suffix in (".zip", ".docx", ".pptx"):
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    inner = z.read(name)
                    blobs.append((f"{site_path}!{name}", inner))
                    if name.endswith((".docx", ".pptx", ".zip")):
                        with zipfile.ZipFile(io.BytesIO(inner)) as z2:
                            blobs += [(f"{site_path}!{name}!{n}", z2.read(n)) for n in z2.namelist()]
    pdfs = [(n, b) for n, b in blobs if n.endswith(".pdf")]
    assert len(pdfs) >= 5
    for name, data in pdfs:
        reader = PdfReader(io.BytesIO(data))
        text = " ".join(p.extract_text() for p in reader.pages)
        attachments = b"".join(b for files in reader.attachments.values() for b in files)
        blobs.append((f"{name} (text)", text.encode()))
        blobs.append((f"{name} (attachments)", attachments))
        for page in reader.pages:                      # file-attachment annotations (rel=attachment links)
            for annot in page.get("/Annots") or []:
                obj = annot.get_object()
                if obj.get("/Subtype") == "/FileAttachment":
                    blobs.append((f"{name} (annotation)", obj["/FS"]["/EF"]["/F"].get_object().get_data()))
    assert any("handouts.pdf (text)" in n for n, _ in blobs)
    for name, data in blobs:
        for needle in (env_canary, file_canary, str(canary)):
            assert needle.encode() not in data, f"{needle} found in {name}"
        assert b"HEART_CANARY" not in data and b"/proc/self/environ" not in data, name


def test_a_link_the_sanitiser_keeps_but_the_fetcher_refuses_fails_the_build(tmp_path, monkeypatch):
    """Belt and braces: if raw HTML ever reached WeasyPrint, the fetcher stops the build naming file and URL."""
    import macros.heart.documents.text as text
    monkeypatch.setattr(text, "clean_html", lambda html: html)       # pretend the sanitiser let it through
    root = project(tmp_path / "p")
    with pytest.raises(ContentError) as info:
        _, parts = build_poisoned(root, tmp_path / "cache",
                                  {"facilitator-notes.md": '<a rel="attachment" href="file:///proc/self/environ">x</a>'})
    problem = info.value.problems[0]
    notes = load_site(root, BUILD_DATE).modules[MID].parts["facilitator-notes.md"]
    assert (problem.file, problem.line) == (f"training_modules/{MID}/facilitator-notes.md",
                                            len((notes + "\n<a>").splitlines()))
    assert "file:///proc/self/environ" in problem.message


# ---------------------------------------------------------------- the cache never ships stale or corrupt files
def test_editing_the_generator_code_rebuilds(built, tmp_path, monkeypatch):
    from macros.heart.documents import cache as cache_mod
    cache = tmp_path / "cache"
    shutil.copytree(built[3], cache)
    root = built[2].root
    again, _ = build(root, cache)
    assert again.built == []
    code = tmp_path / "code"
    code.mkdir()
    copies = []
    for f in cache_mod.CODE_FILES:                        # the same code, one form's text edited
        dest = code / f"{len(copies)}-{f.name}"
        text = f.read_text()
        if f.name == "pack_forms.py":
            text = text.replace("There are no right or wrong answers.", "There are no wrong answers.")
        dest.write_text(text)
        copies.append(dest)
    monkeypatch.setattr(cache_mod, "CODE_FILES", copies)
    changed, _ = build(root, cache)
    assert changed.built == [MID, "templates"]


def test_a_corrupt_or_missing_cached_file_is_rebuilt_not_shipped(built, tmp_path):
    cache = tmp_path / "cache"
    shutil.copytree(built[3], cache)
    root = built[2].root
    good = pack_file(built[0], "handouts.pdf").read_bytes()
    entry = next((cache / "packs" / MID).iterdir())
    target = entry / pack_file(built[0], "handouts.pdf").name
    target.write_bytes(good[:-10] + b"corrupted!")            # same size, different bytes
    logs: list[str] = []
    out = build_all(load_site(root, BUILD_DATE), cache, log=logs.append)
    assert out.built == [MID] and any("missing or changed" in line for line in logs)
    assert pack_file(out, "handouts.pdf").read_bytes() == good
    (entry / pack_file(built[0], "register.docx").name).unlink()
    out = build_all(load_site(root, BUILD_DATE), cache, log=logs.append)
    assert out.built == [MID] and pack_file(out, "register.docx").is_file()
    again = build_all(load_site(root, BUILD_DATE), cache, log=logs.append)
    assert again.built == []


def test_validate_fails_on_everything_the_pack_build_checks(tmp_path):
    import subprocess
    import sys
    from tests.conftest import ROOT
    root = project(tmp_path / "p")
    ok = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(root)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    slides = root / f"training_modules/{MID}/slides.md"
    slides.write_text(slides.read_text().replace("# Safeguarding first\n", "Safeguarding first\n"))
    bad = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(root)], capture_output=True, text=True)
    assert bad.returncode == 1 and f"training_modules/{MID}/slides.md:" in bad.stderr and "'# Title'" in bad.stderr


# ---------------------------------------------------------------- fast unit tests on the real data, no build
@pytest.fixture(scope="module")
def real():
    from tests.conftest import ROOT
    return load_site(ROOT, BUILD_DATE)


def test_lead_programme_register_has_a_column_per_session(real):
    from macros.heart.documents.pack_forms import register_form, sessions
    lead = real.modules["lead-programme"]
    names = sessions(lead)
    assert len(names) == 4
    form = register_form(real, lead)
    grid = [b for b in form.blocks if b[0] == "table"][-1]
    head, rows = grid[1], grid[2]
    assert head[3:7] == names and head[:3] == ["No.", "Name", "Role"]
    from macros.heart.documents.forms import TICK
    assert all(cell is TICK for cell in rows[0][3:])                  # a tick box per session, per person
    single = [b for b in register_form(real, real.modules["bronze-emotion-coaching"]).blocks if b[0] == "table"][-1]
    assert single[1][3] == "Signature" and len(single[1]) == 6


def test_a_citation_missing_from_the_guide_reference_list_fails_the_build(real, monkeypatch):
    import macros.heart.documents.pack as pack
    from macros.heart.documents import check_documents
    check_documents(real)                                              # the real modules are complete
    original = pack.reference_keys
    monkeypatch.setattr(pack, "reference_keys", lambda m: [k for k in original(m) if k != "dfe2025-kcsie"])
    with pytest.raises(ContentError) as info:
        check_documents(real)
    p = info.value.problems[0]
    assert p.file.startswith("training_modules/") and p.line and "missing from the facilitator guide's reference list" in p.message


def test_form_headings_never_jump_a_level():
    from macros.heart.documents.forms import Form, form_html
    f = Form("Title", "footer")
    f.box("A box straight after the title")            # level 3 asked for, right after the h1
    f.heading("Section", 2)
    f.heading("Deep", 4)
    assert [lvl for lvl, _ in f.outline()] == [1, 2, 2, 3]
    html = form_html(f)
    assert "<h2>A box straight after the title</h2>" in html and "<h3>Deep</h3>" in html and "<h4>" not in html


def test_word_forms_carry_the_logo_with_alt_text(real, tmp_path):
    from PIL import Image
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 20), "#6a1b4d").save(logo)
    brand = real.scheme.award.brand.model_copy(update={"logo": str(logo)})
    award = real.scheme.award.model_copy(update={"brand": brand})
    import dataclasses
    site = dataclasses.replace(real, scheme=real.scheme.model_copy(update={"award": award}))
    from macros.heart.documents.pack_forms import evaluation_form
    path = tmp_path / "e.docx"
    path.write_bytes(form_docx(site, evaluation_form(site, site.modules["bronze-emotion-coaching"]), BUILD_DATE))
    with zipfile.ZipFile(path) as z:
        header = z.read("word/header1.xml").decode()
        assert "<pic:pic" in header and 'descr="Hillingdon Virtual School logo"' in header
    no_logo = tmp_path / "n.docx"
    no_logo.write_bytes(form_docx(real, evaluation_form(real, real.modules["bronze-emotion-coaching"]), BUILD_DATE))
    with zipfile.ZipFile(no_logo) as z:
        assert "<pic:pic" not in z.read("word/header1.xml").decode()


def test_printed_documents_of_every_real_module_have_no_heading_jumps_or_literal_boxes(real):
    import re
    from macros.heart.documents.guide import case_cards_html, guide_html, handouts_html
    for mid, m in real.modules.items():
        for what, html in (("guide", guide_html(real, m)), ("handouts", handouts_html(real, m)),
                           ("case cards", case_cards_html(real, m))):
            levels = [int(x) for x in re.findall(r"<h([1-6])[ >]", html)]
            assert levels and levels[0] == 1, (mid, what)
            assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (mid, what, levels)
            assert "[ ]" not in html and "[x]" not in html, (mid, what)
        assert "<h1>References</h1>" not in handouts_html(real, m) and "References" not in handouts_html(real, m)


def test_table_headers_fit_their_columns_without_breaking_a_word(real):
    """Every header word of every form and template table, measured with the PDF's own bold font at 10 pt plus the
    cell padding, fits its column (so no header is ever broken mid-word or overlaps its neighbour)."""
    from fontTools.ttLib import TTFont
    from macros.heart.documents.pack_forms import (before_questionnaire, evaluation_form, follow_up_questionnaire,
                                                   register_form)
    from macros.heart.documents.pdf import FONTS
    from macros.heart.render.templates import TEMPLATES as ALL
    font = TTFont(str(FONTS[("bold", "normal")]))
    cmap, hmtx, upm = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm

    def width_pt(word: str, size: float = 10) -> float:
        return sum(hmtx[cmap.get(ord(c), cmap[ord("M")])][0] for c in word) * size / upm

    forms = [template_form(real, tid, title) for tid, title, _ in ALL]
    for m in real.modules.values():
        forms += [f(real, m) for f in (before_questionnaire, follow_up_questionnaire, evaluation_form, register_form)]
    checked = 0
    for form in forms:
        usable_pt = ((29.7 if form.landscape else 21) - 3.8) / 2.54 * 72
        for block in form.blocks:
            if block[0] != "table" or not block[1]:
                continue
            head, widths = block[1], block[3]
            for text, w in zip(head, widths):
                col = usable_pt * w / sum(widths)
                for word in str(text).split():
                    checked += 1
                    assert width_pt(word) + 12 <= col, (form.title, text, word, round(width_pt(word) + 12), round(col))
    assert checked > 100


def test_columns_left_empty_for_writing_keep_a_usable_width():
    from macros.heart.documents.guide import print_html
    one = print_html("<table>\n<thead>\n<tr>\n<th>Item</th>\n<th>Our plan</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
                     "<td>The change we will make</td>\n<td></td>\n</tr>\n</tbody>\n</table>")
    assert '<colgroup><col><col style="width:50%"></colgroup>' in one
    grid = print_html("<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody><tr><td>1</td><td></td>"
                      "<td></td></tr></tbody></table>")
    assert '<table class="grid">' in grid
    text = print_html("<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>x</td><td>y</td></tr>"
                      "</tbody></table>")
    assert "<colgroup>" not in text and "grid" not in text
