"""Slide decks: every real deck built in memory and read back as XML (16:9, master and layouts, sizes, contrast,
language, footers, notes, the generated slides, diagrams, determinism); slides.md checks; LibreOffice renders them."""
from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from macros.heart.documents.deck import SLIDE_DECKS, build_deck
from macros.heart.documents.pack import PackInputs
from macros.heart.documents.pptx_master import LAYOUTS
from macros.heart.documents.slides import DIAGRAMS, parse_all_slides, parse_slides, sessions
from macros.heart.load import load_site
from macros.heart.models import Brand
from tests.conftest import ROOT

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
NS = {"a": A[1:-1], "p": P[1:-1]}
SMALL_OK = {"ftr", "sldNum"}              # footers may be small; so may the sources slide's references


@pytest.fixture(scope="module")
def real_site():
    return load_site(ROOT)


@pytest.fixture(scope="module")
def decks(real_site) -> dict[str, bytes]:
    """Every deck of every real module: {file name: bytes}."""
    slides = parse_all_slides(real_site)
    out = {}
    for mid, m in sorted(real_site.modules.items()):
        for suffix, _, _, build in SLIDE_DECKS.files(m):
            out[f"{mid}-{suffix}"] = build(PackInputs(real_site, m, slides[mid], "test"))
    return out


def prs(data: bytes):
    return Presentation(io.BytesIO(data))


# ---------------------------------------------------------------- resolving inherited text properties from the XML
def _ph(sp):
    ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
    if ph is None:
        return None
    return ph.get("type", "obj"), ph.get("idx", "0")


def _find_ph(tree, kind: str, idx: str, by_type: bool = False):
    for sp in tree.iter(f"{P}sp"):
        ph = _ph(sp)
        if ph and ((ph[0] == kind) if by_type else (ph[1] == idx or (kind == "title" and ph[0] == "title"))):
            return sp
    return None


def _lvl(node, n: int, what: str):
    """The value ``what`` ('sz' or 'colour') of list level ``n`` in the lstStyle/txStyle ``node``, or None."""
    if node is None:
        return None
    el = node.find(f"{A}lvl{n}pPr/{A}defRPr")
    if el is None:
        return None
    if what == "sz":
        return el.get("sz")
    clr = el.find(f"{A}solidFill/{A}srgbClr")
    return clr.get("val") if clr is not None else None


def _fill(sp):
    clr = sp.find(f"{P}spPr/{A}solidFill/{A}srgbClr") if sp is not None else None
    return clr.get("val") if clr is not None else None


def _bg(part):
    clr = part.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill/{A}srgbClr")
    return clr.get("val") if clr is not None else None


def text_runs(slide):
    """(placeholder type or None, run text, size in pt, text colour, background colour) of every run on a slide,
    resolving what the run inherits from its shape, layout placeholder, master placeholder and master styles."""
    layout = slide.slide_layout._element
    master = slide.slide_layout.slide_master._element
    styles = master.find(f"{P}txStyles")
    background = _bg(slide._element) or _bg(layout) or _bg(master)
    for sp in slide._element.iter(f"{P}sp"):
        ph = _ph(sp)
        chain = [sp]
        if ph:
            chain.append(_find_ph(layout, *ph))
            chain.append(_find_ph(master, "body" if ph[0] in ("obj", "subTitle") else ph[0], ph[1], by_type=True))
        style = styles.find(f"{P}{'titleStyle' if ph and ph[0] in ('title', 'ctrTitle') else 'bodyStyle' if ph and ph[0] not in SMALL_OK else 'otherStyle'}")
        lists = [s.find(f"{P}txBody/{A}lstStyle") for s in chain if s is not None] + [style]
        bg = next((f for f in (_fill(s) for s in chain) if f), background)
        for p in sp.iter(f"{A}p"):
            ppr = p.find(f"{A}pPr")
            n = int(ppr.get("lvl", "0")) + 1 if ppr is not None else 1
            for r in p.findall(f"{A}r") + p.findall(f"{A}fld"):
                rpr = r.find(f"{A}rPr")
                size = rpr.get("sz") if rpr is not None and rpr.get("sz") else next(
                    (v for v in (_lvl(x, n, "sz") for x in lists) if v), None)
                own = rpr.find(f"{A}solidFill/{A}srgbClr") if rpr is not None else None
                colour = own.get("val") if own is not None else next(
                    (v for v in (_lvl(x, n, "colour") for x in lists) if v), None)
                yield (ph[0] if ph else None), r.findtext(f"{A}t"), int(size) / 100 if size else None, colour, bg


def contrast(a: str, b: str) -> float:
    def lum(hex_: str) -> float:
        c = [int(hex_[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


# ---------------------------------------------------------------- the master and its layouts
def test_16_9_and_named_layouts(decks):
    for name, data in decks.items():
        p = prs(data)
        assert (p.slide_width, p.slide_height) == (12192000, 6858000), name
        assert p.part._element.find(f"{P}sldSz").get("type") is None, name       # not "screen4x3"
        assert [lay.name for lay in p.slide_layouts] == list(LAYOUTS.values()), name


def test_master_sets_body_28_pt_and_runs_carry_no_sizes(decks):
    for name, data in decks.items():
        p = prs(data)
        styles = p.slide_master._element.find(f"{P}txStyles")
        body = styles.find(f"{P}bodyStyle")
        assert _lvl(body, 1, "sz") == "2800", name
        assert all(int(_lvl(body, n, "sz")) >= 2400 for n in range(1, 10)), name
        for slide in p.slides:
            assert not slide._element.xpath(".//a:rPr[@sz]"), (name, slide.shapes.title.text)


def test_no_text_under_24_pt_outside_footers_and_sources(decks):
    for name, data in decks.items():
        for n, slide in enumerate(prs(data).slides, 1):
            sources = slide.slide_layout.name == LAYOUTS["sources"]
            for kind, text, size, _, _ in text_runs(slide):
                assert size is not None, (name, n, text)
                assert size >= 12, (name, n, text, size)
                if kind not in SMALL_OK and not (sources and kind in ("obj", "body")):
                    assert size >= 24, (name, n, text, size)


def test_contrast_at_least_4_5_everywhere(decks):
    for name, data in decks.items():
        p = prs(data)
        for n, slide in enumerate(p.slides, 1):
            for _, text, _, colour, bg in text_runs(slide):
                assert colour and bg, (name, n, text)
                assert contrast(colour, bg) >= 4.5, (name, n, text, colour, bg, round(contrast(colour, bg), 2))
        for lay in p.slide_layouts:                         # fixed labels drawn on the layouts ("Grouping", ...)
            for sp in lay._element.iter(f"{P}sp"):
                if _ph(sp) is None and sp.findtext(f".//{A}t"):
                    colour = _lvl(sp.find(f"{P}txBody/{A}lstStyle"), 1, "colour")
                    assert contrast(colour, _fill(sp)) >= 4.5, (lay.name, sp.findtext(f".//{A}t"))


def test_rebranded_colours_reach_the_deck(real_site):
    brand = Brand(primary="#003a70", accent="#00594f", muted_background="#eef4f8")
    award = real_site.scheme.award.model_copy(update={"brand": brand})
    other = dataclasses.replace(real_site, scheme=real_site.scheme.model_copy(update={"award": award}))
    m = other.modules["bronze-emotion-coaching"]
    p = prs(build_deck(other, m, parse_all_slides(other)[m.id]))
    theme = p.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob.decode()
    assert 'val="003A70"' in theme and "6A1B4D" not in theme
    backgrounds = {bg for s in p.slides for *_, bg in text_runs(s)}
    assert "003A70" in backgrounds and "6A1B4D" not in backgrounds
    assert all(contrast(c, bg) >= 4.5 for s in p.slides for *_, c, bg in text_runs(s))


def test_logo_or_a_designed_wordmark(real_site, tmp_path):
    from PIL import Image
    logo = tmp_path / "logo.png"
    Image.new("RGB", (400, 200), "#6a1b4d").save(logo)
    m = real_site.modules["bronze-emotion-coaching"]
    slides = parse_all_slides(real_site)[m.id]
    for path, want_logo in ((str(logo), True), (None, False)):
        brand = real_site.scheme.award.brand.model_copy(update={"logo": path})
        award = real_site.scheme.award.model_copy(update={"brand": brand})
        other = dataclasses.replace(real_site, scheme=real_site.scheme.model_copy(update={"award": award}))
        title = prs(build_deck(other, m, slides)).slide_layouts.get_by_name(LAYOUTS["title"])
        pics = title._element.findall(f".//{P}pic")
        names = [s.name for s in title.shapes]
        assert bool(pics) == want_logo and ("Wordmark" in names) != want_logo
        if want_logo:
            assert pics[0].find(f"{P}nvPicPr/{P}cNvPr").get("descr") == "HEART Award logo"


# ---------------------------------------------------------------- every slide
def test_titles_notes_footers_and_slide_numbers(real_site, decks):
    for name, data in decks.items():
        m = real_site.modules[next(mid for mid in real_site.modules if name.startswith(mid + "-slides"))]
        for n, slide in enumerate(prs(data).slides, 1):
            assert slide.shapes.title is not None and slide.shapes.title.text.strip(), (name, n)
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), (name, n)
            footer = next(p for p in slide.placeholders if p.placeholder_format.idx == 11).text
            assert m.title in footer and f"version {m.meta.version}" in footer and m.meta.reviewed.strftime("%B %Y") \
                in footer, (name, n, footer)
            number = slide._element.xpath(".//a:fld[@type='slidenum']")
            assert len(number) == 1 and number[0].findtext(f"{A}t") == str(n), (name, n)
            assert "[@" not in slide.notes_slide.notes_text_frame.text + "".join(
                s.text_frame.text for s in slide.shapes if s.has_text_frame), (name, n)


def test_en_gb_on_every_run_and_in_the_defaults(decks):
    for name, data in decks.items():
        p = prs(data)
        for slide in p.slides:
            for root in (slide._element, slide.notes_slide._element):
                runs = root.xpath(".//a:r | .//a:fld")
                assert runs and all(r.find(f"{A}rPr") is not None and r.find(f"{A}rPr").get("lang") == "en-GB"
                                    for r in runs), name
        defaults = p.part._element.xpath("p:defaultTextStyle//a:defRPr/@lang")
        assert defaults and set(defaults) == {"en-GB"}, name
        assert set(p.slide_master._element.xpath(".//a:defRPr/@lang | .//a:rPr/@lang")) == {"en-GB"}
        assert p.core_properties.language == "en-GB"
        with zipfile.ZipFile(io.BytesIO(data)) as z:                        # nothing anywhere in US English
            xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
        assert 'lang="en-US"' not in xml and "Calibri" not in xml, name


def test_generated_slides_safeguarding_agenda_close_and_sources(real_site, decks):
    for name, data in decks.items():
        mid = next(mid for mid in real_site.modules if name.startswith(mid + "-slides"))
        m, slides = real_site.modules[mid], list(prs(data).slides)
        text = [" ".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in slides]
        assert all(slot in text[1] for slot in ("Our DSL:", "Deputy DSL:", "Where to find them:")), name
        session = next((s for s in sessions(m) if s in text[0]), None)
        plan = [a.title for a in m.meta.session_plan if session is None or a.session == session]
        assert all(t in text[2] for t in plan), name
        layouts = [sl.slide_layout.name for sl in slides]
        assert layouts[:3] == ["Title", "Content", "Agenda"] and layouts[-1] == "Sources", name
        first_source = layouts.index("Sources")
        assert all(x == "Sources" for x in layouts[first_source:]), name
        assert re.search(r"change|commit|evaluation|close|review|next steps", slides[first_source - 1].shapes.title.text, re.I), \
            (name, slides[first_source - 1].shapes.title.text)
        refs = " ".join(text[first_source:])
        cited = set(re.findall(r"@([a-z0-9-]+)", m.parts["slides.md"])) if session is None else set()
        for key in cited | {"dfe2025-kcsie"}:                   # every citation, and the safeguarding slide's
            assert real_site.references[key].title in refs, (name, key)


def test_activity_slides_show_time_grouping_and_materials(decks):
    seen = 0
    for name, data in decks.items():
        for slide in prs(data).slides:
            if slide.slide_layout.name != LAYOUTS["activity"]:
                continue
            seen += 1
            filled = {p.placeholder_format.idx: p.text_frame.text for p in slide.placeholders}
            assert re.fullmatch(r"\d+ min", filled[13]) and filled[14] and filled[15], (name, filled)
            assert any(s.name == "Timer" for s in slide.slide_layout.shapes)
    assert seen >= 12


def test_every_layout_and_diagram_is_used(decks):
    used, diagrams = set(), {}
    for data in decks.values():
        for slide in prs(data).slides:
            used.add(slide.slide_layout.name)
            for g in slide._element.iter(f"{P}grpSp"):
                cnv = g.find(f"{P}nvGrpSpPr/{P}cNvPr")
                diagrams[cnv.get("name")] = (cnv.get("descr"), g)
    assert used == set(LAYOUTS.values())
    assert len(diagrams) >= len(DIAGRAMS)
    for name, (descr, group) in diagrams.items():
        labels = {re.sub(r"^\d+\. ", "", t) for t in group.itertext() if t.strip()}
        assert descr and descr.startswith("Diagram, ") and len(group.findall(f"{P}sp")) >= 3, name
        assert not group.findall(f".//{P}pic"), name                                       # shapes, not pictures
        assert all(label in descr or label.rstrip(".") in descr or label.isdigit() for label in labels), (name, labels)


def test_lead_programme_is_one_deck_per_session(real_site, decks):
    m = real_site.modules["lead-programme"]
    names = sessions(m)
    assert len(names) == 4
    files = [f for f in decks if f.startswith("lead-programme-")]
    assert files == [f"lead-programme-slides-session-{i}.pptx" for i in range(1, 5)]
    for f, session in zip(files, names):
        slides = list(prs(decks[f]).slides)
        titles = [s.shapes.title.text for s in slides]
        assert session in slides[0].placeholders[1].text_frame.text
        assert titles[2].startswith(session)
        assert sum("check-in" in t.lower() for t in titles) == 1, titles
        assert prs(decks[f]).core_properties.title == f"{m.title}: {session}"


def test_core_properties_and_no_template_residue(real_site, decks):
    for name, data in decks.items():
        mid = next(mid for mid in real_site.modules if name.startswith(mid + "-slides"))
        m, p = real_site.modules[mid], prs(data)
        props = p.core_properties
        assert props.author == real_site.scheme.award.owner and real_site.scheme.award.name in props.subject
        assert props.title.startswith(m.title)
        assert props.created == props.modified and props.created.date() == m.meta.reviewed
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            app = z.read("docProps/app.xml").decode()
            rels = z.read("_rels/.rels").decode()
        assert not [n for n in names if "thumbnail" in n or "printerSettings" in n], name
        assert "thumbnail" not in rels
        assert "Microsoft" not in app and "4:3" not in app and f"<Slides>{len(p.slides)}</Slides>" in app


def test_same_sources_same_bytes(real_site, decks):
    m = real_site.modules["bronze-trauma-stress-regulation"]
    again = build_deck(real_site, m, parse_all_slides(real_site)[m.id])
    assert again == decks["bronze-trauma-stress-regulation-slides.pptx"]


# ---------------------------------------------------------------- slides.md checks (in memory)
def test_slides_md_options_and_problems():
    text = "\n".join([
        "# Title", "- One", "Notes:", "n", "---",
        "# Practice", "Layout: activity", "Time: 10 min", "Grouping: Pairs", "- Do it", "Notes:", "n", "---",
        "# Odd", "Layout: sideways", "- x", "Notes:", "n", "---",
        "# Model", "Diagram: four-responses", "- A: a", "- B: b", "Notes:", "n", "---",
        "# Long", *[f"- {'word ' * 14}" for _ in range(4)], "Notes:", "n", "---",
        "# Cols", "Layout: two-column", "## Left", "- a", "## Right", "- b", "Notes:", "n"])
    slides, problems = parse_slides(text, "m/slides.md")
    found = "\n".join(str(p) for p in problems)
    practice = slides[1]
    assert practice.layout == "activity" and practice.options == {"Time": "10 min", "Grouping": "Pairs"}
    assert practice.bullets == [(0, "Do it")]
    assert "m/slides.md:14: slide 3 (Odd): 'Layout: sideways' is not a layout" in found
    assert "m/slides.md:20: slide 4 (Model): the four-responses diagram draws 4 top-level bullets" in found
    assert re.search(r"m/slides.md:27: slide 5 \(Long\): needs about \d+ lines", found)
    assert slides[-1].columns == [("Left", [(0, "a")]), ("Right", [(0, "b")])]
    assert len(problems) == 3


def test_sessions_and_activity_times_are_checked_against_the_module(real_site):
    from macros.heart.documents.slides import _check_module
    lead, bronze = real_site.modules["lead-programme"], real_site.modules["bronze-trauma-stress-regulation"]
    text = "# T\n- a\nNotes:\nn\n---\n# Go\nSession: Session 9\nLayout: activity\n- b\nNotes:\nn"
    slides, _ = parse_slides(text, "f")
    found = "\n".join(str(p) for p in _check_module(lead, slides, "f"))
    assert "f:6: slide (Go): 'Session: Session 9' is not a session in module.yml's session_plan" in found
    assert "f:6: slide (Go): an activity slide needs a 'Time: 10 min' line" in found
    slides, _ = parse_slides("# T\n- a\nNotes:\nn\n---\n# Case examples in small groups\nLayout: activity\n- b\n"
                             "Notes:\nn", "f")
    assert _check_module(bronze, slides, "f") == [] and slides[1].options["Time"] == "15 min"
    assert "start each session's slides with a 'Session: <name from session_plan>' line" in str(
        _check_module(lead, slides, "f")[0])


def test_real_slides_md_are_valid_and_short(real_site):
    parsed = parse_all_slides(real_site)                          # raises ContentError on any problem
    assert all(len(s) >= 10 for s in parsed.values())


# ---------------------------------------------------------------- LibreOffice renders every deck
@pytest.mark.build
def test_every_deck_converts_in_libreoffice(decks, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Impress is missing: apt-get install libreoffice-impress (scripts/test does this)"
    for name, data in decks.items():
        (tmp_path / name).write_bytes(data)
    run = subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                          "pdf", "--outdir", str(tmp_path / "pdf"), *sorted(str(p) for p in tmp_path.glob("*.pptx"))],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    for name, data in decks.items():
        pdf = tmp_path / "pdf" / name.replace(".pptx", ".pdf")
        assert pdf.is_file(), (name, run.stdout, run.stderr)
        assert len(PdfReader(pdf).pages) == len(prs(data).slides), name
