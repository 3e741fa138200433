"""The data layer: every problem is reported at once, with file, line, field and the fix."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from macros.heart.errors import ContentError
from macros.heart.load import load_site
from tests.conftest import FIXTURES, ROOT, make_project


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path / "p", strategies_from=FIXTURES / "mini" / "strategies",
                        modules_from=FIXTURES / "mini" / "training_modules")


def problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_site(project)
    return [str(p) for p in info.value.problems]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_clean_project_loads(project):
    site = load_site(project)
    assert set(site.strategies) == {"fixture-strategy", "second-fixture"}


def test_unknown_level_names_file_line_field_and_allowed_values(project):
    schools = project / "data/schools.yml"
    edit(schools, "level: silver", "level: platnum")
    line = line_of(schools, "level: platnum")
    text = schools.read_text().splitlines()
    index = max(i for i, ln in enumerate(text[:line]) if "awards:" in ln)           # awards[k] of that school
    k = sum(1 for ln in text[index:line] if ln.strip().startswith("- level:")) - 1
    assert f"data/schools.yml:{line}: awards[{k}].level: 'platnum' is not one of bronze, silver, gold" in problems(project)


def test_all_problems_reported_in_one_run(project):
    edit(project / "data/schools.yml", 'urn: "990001"', "urn: 012345")
    edit(project / "strategies/fixture-strategy.md", "areas: [a, f]", "areas: [a, z]")
    edit(project / "data/scheme.yml", "  - id: B2\n", "  - id: B1\n")
    found = "\n".join(problems(project))
    assert "urn: URN must be a quoted string" in found
    assert "strategies/fixture-strategy.md:" in found and "areas[1]: 'z' is not a known Call to Action area" in found
    assert "duplicate criterion id 'B1'" in found


def test_yaml_11_traps_are_caught(project):
    schools = project / "data/schools.yml"
    edit(schools, "local_authority: Hillingdon", "local_authority: NO")
    found = "\n".join(problems(project))
    assert "local_authority: YAML read this as False" in found and "put the text in quotes" in found


def test_strategy_unknown_reference_role_criterion_and_missing_review_date(project):
    f = project / "strategies/fixture-strategy.md"
    edit(f, "references: [arc2022]", "references: [arc2022, nosuch2020]")
    edit(f, "roles: [all-staff, teachers]", "roles: [all-staff, wizards]")
    edit(f, "criteria: [B1]", "criteria: [B99]")
    edit(f, "reviewed: 2026-11-23\n", "")
    found = "\n".join(problems(project))
    assert f"strategies/fixture-strategy.md:{line_of(f, 'references:')}: references[1]: 'nosuch2020' is not a known reference key" in found
    assert "roles[1]: 'wizards' is not a known role" in found
    assert "criteria[0]: 'B99' is not a known award criterion" in found
    assert "reviewed: is required but missing" in found


def test_unknown_citation_in_body_names_its_line(project):
    f = project / "strategies/fixture-strategy.md"
    edit(f, "Because tests need it.", "Because tests need it [@ghost2001].")
    line = line_of(f, "[@ghost2001]")
    assert f"strategies/fixture-strategy.md:{line}: body: cites unknown reference 'ghost2001'" in "\n".join(problems(project))


def test_missing_heading_is_reported(project):
    edit(project / "strategies/fixture-strategy.md", "## What to avoid", "## Things to avoid")
    assert any("missing the heading '## What to avoid'" in p for p in problems(project))


def test_syntax_error_names_line(project):
    f = project / "data/areas.yml"
    lines = f.read_text().split("\n")
    f.write_text("\n".join([*lines[:5], "  - id: k", '    title: "quoted" then more', *lines[5:]]))
    found = problems(project)
    assert any(p.startswith("data/areas.yml:7: (syntax): this is not valid YAML") for p in found), found


def test_validate_command_exit_codes(project):
    ok = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(project)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "All content is valid" in ok.stdout
    edit(project / "data/schools.yml", "phase: primary", "phase: primery")
    bad = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(project)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "phase: 'primery' is not one of nursery, primary, secondary" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_one_bad_school_does_not_hide_duplicates_elsewhere(project):
    schools = project / "data/schools.yml"
    edit(schools, "phase: primary", "phase: primery")
    edit(schools, 'urn: "990003"', 'urn: "990002"')
    found = "\n".join(problems(project))
    assert "phase: 'primery' is not one of" in found
    assert "duplicate URN 990002" in found
