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
    site = load_site(make_project.__globals__["ROOT"])
    for mid, m in site.modules.items():
        z = built_site / f"training/packs/{mid}/{mid}-session-pack.zip"
        assert z.is_file(), f"no pack for {mid}"
        with zipfile.ZipFile(io.BytesIO(z.read_bytes())) as zf:
            names = zf.namelist()
            assert any(n.endswith(".pptx") for n in names) and any(n.endswith(".pdf") for n in names)
            assert sum(n.endswith(".docx") for n in names) == 4 and "README.txt" in [n.rsplit("/", 1)[-1] for n in names]
        page = (built_site / f"training/{mid}/index.html").read_text()
        assert f"{mid}-session-pack.zip" in page and "KB" in page
