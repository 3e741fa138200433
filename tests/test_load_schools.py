"""The register is remembered while unchanged (serve reloads the site on every edit), and only when it is valid."""
from __future__ import annotations

import datetime as dt

import pytest

from macros.heart.errors import ContentError
from macros.heart.load import load_site
from macros.heart.load import schools as schools_stage
from tests.test_register import TODAY, mini_root

REGISTER = """sample_data: true
schools:
  - urn: "990001"
    name: Memo Primary School
    phase: primary
    local_authority: Hillingdon
    awards:
      - level: bronze
        awarded: 2026-01-10
"""


@pytest.fixture
def root(tmp_path):
    schools_stage.forget()
    yield mini_root(tmp_path / "p", REGISTER)
    schools_stage.forget()


def test_an_unchanged_register_is_not_read_again(root):
    first = load_site(root, TODAY).schools
    assert load_site(root, TODAY).schools is first


def test_an_edited_register_is_read_again(root):
    load_site(root, TODAY)
    path = root / "data/schools.yml"
    path.write_text(REGISTER.replace("Memo Primary", "Edited Primary"), encoding="utf-8")
    assert load_site(root, TODAY).schools.schools[0].name == "Edited Primary School"


def test_another_build_date_checks_the_register_again(root):
    first = load_site(root, TODAY).schools
    with pytest.raises(ContentError) as err:           # an award dated after the build date is refused
        load_site(root, dt.date(2026, 1, 1))
    assert "awarded" in err.value.report()
    assert load_site(root, TODAY).schools is first


def test_a_register_with_problems_is_reported_every_time(root):
    (root / "data/schools.yml").write_text(REGISTER.replace('"990001"', '"99001"'), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError) as err:
            load_site(root, TODAY)
        assert "schools.yml" in err.value.report() and "urn" in err.value.report()
