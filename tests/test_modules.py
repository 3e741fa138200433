"""Training modules: validation of the module contract, and packs produced by `mkdocs build`."""
from __future__ import annotations

import io
import zipfile

import pytest

from macros.heart.errors import ContentError
from macros.heart.load import load_site
from tests.conftest import FIXTURES, make_project

MOD = "training_modules/doc-fixture"


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "p", strategies_from=FIXTURES / "mini" / "strategies",
                        modules_from=FIXTURES / "documents" / "training_modules")


def problems(project) -> str:
    with pytest.raises(ContentError) as info:
        load_site(project)
    return "\n".join(str(p) for p in info.value.problems)


def test_fixture_module_is_valid(project):
    assert "doc-fixture" in load_site(project).modules


def test_minutes_that_do_not_add_up(project):
    f = project / MOD / "module.yml"
    f.write_text(f.read_text().replace("duration_minutes: 30", "duration_minutes: 45"))
    line = next(i for i, l in enumerate(f.read_text().splitlines(), 1) if l.startswith("session_plan"))
    assert f"{MOD}/module.yml:{line}: session_plan: activity minutes add up to 30 but duration_minutes is 45" in problems(project)


def test_unknown_criterion_and_strategy(project):
    f = project / MOD / "module.yml"
    f.write_text(f.read_text().replace("criteria: [B6]", "criteria: [B6, Q9]").replace("strategies: []", "strategies: [nope]"))
    found = problems(project)
    assert f"{MOD}/module.yml:15: criteria[1]: 'Q9' is not a known award criterion" in found
    assert f"{MOD}/module.yml:16: strategies[0]: 'nope' is not a known strategy" in found


def test_missing_part(project):
    (project / MOD / "handouts.md").unlink()
    assert f"{MOD}/handouts.md: (file): is a required part of every module and is missing" in problems(project)


def test_every_real_module_has_a_pack_from_mkdocs_build(built_site):
    from macros.heart.documents import PACK_FILES
    site = load_site(make_project.__globals__["ROOT"])
    for mid, m in site.modules.items():
        z = built_site / f"training/packs/{mid}/HEART-Award-{mid}-session-pack.zip"
        assert z.is_file(), f"no pack for {mid}"
        with zipfile.ZipFile(io.BytesIO(z.read_bytes())) as zf:
            names = zf.namelist()
            assert any(n.endswith(".pptx") for n in names) and any(n.endswith(".pdf") for n in names)
            assert sum(n.endswith(".docx") for n in names) == sum(s.endswith(".docx") for s, _, _ in PACK_FILES)
            assert "README.txt" in [n.rsplit("/", 1)[-1] for n in names]
            assert all(n.split("/", 1)[1].startswith("HEART-Award-") for n in names if not n.endswith("README.txt"))
        page = (built_site / f"training/{mid}/index.html").read_text()
        assert f"HEART-Award-{mid}-session-pack.zip" in page and "KB" in page
        assert " slides" in page and " pages" in page and "Word documents" in page     # what is in it, before download


def test_every_bronze_and_silver_module_collects_the_before_and_follow_up_measures():
    from tests.conftest import ROOT
    site = load_site(ROOT)
    for mid, m in site.modules.items():
        if m.meta.level not in ("bronze", "silver"):
            continue
        materials = [x for a in m.meta.session_plan for x in a.materials]
        assert "Before-session questionnaire" in m.meta.session_plan[0].materials, mid
        assert any(x.startswith("Follow-up questionnaire") for x in materials), mid
        assert not any("After-session questionnaire" in x for x in materials), mid
        assert "before-session questionnaire" in m.parts["facilitator-notes.md"].lower(), mid


def test_module_page_lists_what_is_in_the_pack_with_counts_and_sizes():
    from macros.heart.render.training import module_page
    from tests.conftest import ROOT
    site = load_site(ROOT)
    m = site.modules["bronze-emotion-coaching"]
    downloads = [{"label": "Complete session pack", "path": "training/packs/x/HEART-Award-x-session-pack.zip",
                  "format": "ZIP", "size": "380 KB", "detail": "18 slides, 20 printed pages, 7 Word documents"},
                 {"label": "Slides", "path": "training/packs/x/HEART-Award-x-slides.pptx", "format": "PPTX",
                  "size": "75 KB", "detail": "18 slides"}]
    page = module_page(site, m, downloads)
    assert "(ZIP, 380 KB): 18 slides, 20 printed pages, 7 Word documents" in page
    assert "(PPTX, 75 KB): 18 slides" in page


# ---------------------------------------------------------------- signposting (data/signposting.yml)
def _signposting(tmp_path, text: str):
    from macros.heart.errors import Problems
    from macros.heart.signposting import load_signposting
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data/signposting.yml").write_text(text, encoding="utf-8")
    problems = Problems()
    result = load_signposting(tmp_path, problems)
    return result, [str(p) for p in problems.items]


GOOD_SIGNPOSTING = """reviewed: 2026-12-01
review_due: 2027-06-01
organisations:
  - id: nspcc
    name: NSPCC Helpline
    helps_with: Advice for any adult worried about a child.
    web: https://www.nspcc.org.uk/
    phone: 0808 800 5000
    checked: 2026-12-01
local:
  - id: lado
    name: LADO
    helps_with: Allegations about adults.
"""


def test_real_signposting_file_has_every_required_route():
    from macros.heart.errors import Problems
    from macros.heart.signposting import load_signposting
    from tests.conftest import ROOT
    problems = Problems()
    sp = load_signposting(ROOT, problems)
    assert not problems.items, problems.items
    orgs = {o.id: o for o in sp.organisations}
    for oid in ("virtual-school", "arc", "uk-trauma-council", "nspcc", "education-support", "adoption-uk", "kinship"):
        assert orgs[oid].web.startswith("https://"), oid
    assert orgs["nspcc"].phone == "0808 800 5000" and orgs["education-support"].phone == "08000 562 561"
    assert {c.id for c in sp.local} >= {"lado", "front-door"}


def test_signposting_bad_url_phone_and_duplicate_are_refused(tmp_path):
    ok, found = _signposting(tmp_path, GOOD_SIGNPOSTING)
    assert ok is not None and found == []
    bad = GOOD_SIGNPOSTING.replace("https://www.nspcc.org.uk/", "javascript:alert(1)//https://x") \
        .replace("0808 800 5000", "call us")
    _, found = _signposting(tmp_path, bad)
    assert any("signposting.yml:7: organisations[0].web" in f and "https://" in f for f in found), found
    assert any("signposting.yml:8: organisations[0].phone" in f for f in found), found
    _, found = _signposting(tmp_path, GOOD_SIGNPOSTING.replace("id: lado", "id: nspcc"))
    assert any("'nspcc' is used twice" in f for f in found), found


def test_module_page_signposting_comes_from_data_and_module_html_is_sanitised():
    from macros.heart.load import load_site
    from macros.heart.render.training import module_page
    from tests.conftest import ROOT
    site = load_site(ROOT)
    m = site.modules["bronze-emotion-coaching"]
    m.parts["safeguarding.md"] += ('\n<script>alert(1)</script><iframe src="file:///etc/passwd"></iframe>'
                                   '<a rel="attachment" href="file:///proc/self/environ">x</a>'
                                   '<img src="x" onerror="alert(2)"><p onclick="alert(3)">Hi</p>\n')
    page = module_page(site, m)
    assert "Where to get help" in page and "[0808 800 5000](tel:08088005000)" in page
    from macros.heart.render.common import esc
    assert "<https://uktraumacouncil.org/>" in page
    assert esc("Local authority designated officer (LADO)") in page      # data text is escaped, Markdown too
    for bad in ("<script", "<iframe", "file:", "onerror", "onclick", "<img"):
        assert bad not in page, bad
    assert "<p>Hi</p>" in page
