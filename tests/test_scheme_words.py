"""Scheme-specific words come from data, so another Virtual School reuses the generator by editing data/ only:
module kinds beyond the levels, the audit partner, the site's licence (data/scheme.yml), and the areas' framework and
source reference (data/areas.yml). Each missing or wrong value is one error naming file, line, field and fix.

Fast tier: small in-memory YAML validated and checked directly, and the real site rendered with one value changed.
"""
from __future__ import annotations

import dataclasses
import re

import pytest
import yaml

from macros.heart import yamlio
from macros.heart.errors import Problems
from macros.heart.load import load_site
from macros.heart.load.checks import check_areas_source, check_scheme
from macros.heart.load.messages import validate_into
from macros.heart.models import AreasFile, AuditPartner, ModuleKind, Scheme
from macros.heart.render import library, self_audit, strategies, training
from tests.conftest import ROOT

SCHEME = (ROOT / "data/scheme.yml").read_text(encoding="utf-8")
AREAS = (ROOT / "data/areas.yml").read_text(encoding="utf-8")
KINDS = ("module_kinds:\n  - id: induction\n    name: Induction\n"
         "    summary: Staff who join after the whole-staff training, or who missed a session, can start here.\n"
         "  - id: lead\n    name: Lead programme\n")


@pytest.fixture(scope="module")
def heart_site():
    return load_site(ROOT)


def edited(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} not found once"
    return text.replace(old, new)


def line_with(text: str, needle: str, after: int = 0) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line and i > after)


def scheme_problems(text: str) -> list[str]:
    """Every problem validation and the scheme's cross-checks find in one scheme.yml text."""
    problems = Problems()
    loc = yamlio.parse(text)
    scheme = validate_into(Scheme, loc, "data/scheme.yml", problems)
    if scheme is not None:
        areas = {a["id"]: a for a in yaml.safe_load(AREAS)["areas"]}
        check_scheme(scheme, loc, "data/scheme.yml", areas, problems, "Call to Action area")
    return [str(p) for p in problems.items]


# ---------------------------------------------------------------- module kinds
def test_real_scheme_has_no_problems_and_module_levels_come_from_module_kinds(heart_site):
    assert scheme_problems(SCHEME) == []
    assert list(heart_site.module_levels.items())[-2:] == [("induction", "Induction"), ("lead", "Lead programme")]
    assert "## Induction\n\nStaff who join after the whole-staff training" in training.training_index(heart_site)
    kind = ModuleKind(id="induction", name="New staff", summary="For <new> staff.")
    other = dataclasses.replace(heart_site, scheme=heart_site.scheme.model_copy(update={"module_kinds": [kind]}))
    assert other.module_levels["induction"] == "New staff" and "lead" not in other.module_levels
    page = training.training_index(other)
    assert "## New staff\n\nFor &lt;new&gt; staff.\n" in page and "## Induction\n" not in page
    assert "Staff who join after" not in page


def test_missing_module_kinds_is_one_error_with_the_fix():
    found = scheme_problems(edited(SCHEME, KINDS, ""))
    assert len(found) == 1 and found[0].startswith("data/scheme.yml:"), found
    assert ": module_kinds: is required but missing; add 'module_kinds:'" in found[0]
    assert "'module_kinds: []'" in found[0]


def test_duplicate_module_kind_is_refused_at_its_line():
    text = edited(SCHEME, "  - id: lead\n", "  - id: induction\n")
    line = line_with(text, "  - id: induction", after=line_with(text, "  - id: induction"))
    assert scheme_problems(text) == [
        f"data/scheme.yml:{line}: module_kinds[1].id: duplicate module kind id 'induction' (first at module_kinds[0]); "
        "ids must be unique"]


def test_module_kind_with_a_level_id_is_refused():
    text = edited(SCHEME, "  - id: lead\n    name: Lead programme\n", "  - id: gold\n    name: Gold extra\n")
    line = line_with(text, "name: Gold extra") - 1
    found = scheme_problems(text)
    assert found == [f"data/scheme.yml:{line}: module_kinds[1].id: 'gold' is already a level id; modules for that "
                     "level use the level, so remove this kind or give it another id"], found


def test_module_level_must_be_a_level_or_a_module_kind(tmp_path):
    from tests.conftest import make_project
    from tests.test_scheme import problems
    project = make_project(tmp_path / "p", modules_from=ROOT / "training_modules")
    path = project / "data/scheme.yml"
    path.write_text(edited(SCHEME, "  - id: lead\n    name: Lead programme\n", ""), encoding="utf-8")
    found = [p for p in problems(project) if "lead-programme/module.yml" in p]
    assert len(found) == 1 and ": level: 'lead' is not one of bronze, gold, induction, silver; use a level id or a " \
        "module_kinds id from data/scheme.yml" in found[0], found


# ---------------------------------------------------------------- audit partner and licence
def test_self_audit_names_the_audit_partner_from_data_escaped(heart_site):
    partner = AuditPartner(name="Northshire <b>Audit</b> Trust", short_name="NAT")
    other = dataclasses.replace(heart_site, scheme=heart_site.scheme.model_copy(update={"audit_partner": partner}))
    page = self_audit.self_audit_page(other)
    assert "audit you complete with the Northshire &lt;b&gt;Audit&lt;/b&gt; Trust (NAT), and it is" in page
    assert "complete with the Attachment Research Community" not in page and "<b>Audit" not in page


@pytest.mark.parametrize("field, old, new, message", [
    ("audit_partner", "audit_partner:\n  name: Attachment Research Community\n  short_name: ARC\n", "",
     "is required but missing; add 'audit_partner:' with the 'name' and 'short_name'"),
    ("licence", "licence:\n  name: Open Government Licence v3.0\n"
     "  url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n", "",
     "is required but missing; add 'licence:' with the 'name' and https 'url'"),
    ("licence.url", "  url: https://www.nationalarchives", "  url: http://www.nationalarchives",
     "must be a full https:// address"),
    ("audit_partner.short_name", "  short_name: ARC\n", "", "is required but missing; add it"),
])
def test_missing_or_wrong_audit_partner_or_licence_is_one_error(field, old, new, message):
    text = edited(SCHEME, old, new)
    found = scheme_problems(text)
    assert len(found) == 1, found
    assert re.match(rf"data/scheme\.yml:\d+: {re.escape(field)}: {re.escape(message)}", found[0]), found


def test_mkdocs_copyright_names_the_scheme_licence_and_owner(heart_site):
    """mkdocs.yml's footer line cannot read data/; this keeps the two from drifting apart."""
    copyright = re.search(r"^copyright: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    assert heart_site.scheme.licence.name in copyright and heart_site.scheme.award.owner in copyright


# ---------------------------------------------------------------- areas: framework and source
def areas_problems(text: str, references: set[str]) -> list[str]:
    problems = Problems()
    loc = yamlio.parse(text)
    areas_file = validate_into(AreasFile, loc, "data/areas.yml", problems)
    if areas_file is not None:
        check_areas_source(areas_file, loc, "data/areas.yml", references, problems)
    return [str(p) for p in problems.items]


def test_areas_source_must_be_a_reference_key():
    assert areas_problems(AREAS, {"arc2022"}) == []
    text = edited(AREAS, "source: arc2022 ", "source: arc2020 ")
    assert areas_problems(text, {"arc2022"}) == [
        f"data/areas.yml:{line_with(text, 'source: arc2020')}: source: 'arc2020' is not a reference key; add it to "
        "data/references.yml or use the key of the document that sets out the areas"]


@pytest.mark.parametrize("field", ["framework", "source"])
def test_missing_areas_framework_or_source_is_one_error_with_the_fix(field):
    text = re.sub(rf"^{field}:.*\n", "", AREAS, flags=re.M)
    found = areas_problems(text, {"arc2022"})
    assert len(found) == 1 and re.match(rf"data/areas\.yml:\d+: {field}: is required but missing; add '{field}:'",
                                        found[0]), found


def test_area_page_cites_the_areas_source_like_any_citation(heart_site):
    page = library.area_page(heart_site, "a")
    assert "in the Call to Action ([ARC and NAVSH, 2022](../references.md#ref-arc2022)); the " \
        "summary is ours." in page
    moved = heart_site.areas_file.model_copy(update={"source": "bowlby1969", "framework": "Northshire <i>Plan</i>"})
    other = dataclasses.replace(heart_site, areas_file=moved)
    page = library.area_page(other, "a")
    assert "in the Northshire &lt;i&gt;Plan&lt;/i&gt; ([Bowlby, 1969](../references.md#ref-bowlby1969));" in page
    assert "arc2022" not in page and "Call to Action" not in page and "<i>Plan" not in page


def test_area_word_on_library_strategy_and_award_pages_comes_from_the_framework(heart_site):
    framework = heart_site.areas_file.model_copy(update={"framework": "Kind <Plan>"})
    other = dataclasses.replace(heart_site, areas_file=framework)
    lib = library.library_index(other)
    assert "<legend>Kind &lt;Plan&gt; area</legend>" in lib and "Browse by [Kind &lt;Plan&gt; area](#by-area)" in lib
    sid = next(iter(heart_site.strategies))
    page = strategies.strategy_page(other, heart_site.strategies[sid])
    assert '<dt class="heart-summary-list__key">Kind &lt;Plan&gt; areas</dt>' in page
    from macros.heart.render import award
    level = award.level_page(other, heart_site.scheme.levels[0].id)
    assert "**Kind &lt;Plan&gt; areas:**" in level       # (bodies and summaries may still name the Call to Action)
    assert "Call to Action area" not in lib + page + level


def test_a_bad_areas_header_is_one_error_not_a_cascade(tmp_path):
    """A wrong framework or source must not lose the areas: every criterion and strategy still finds its areas."""
    from tests.conftest import FIXTURES, make_project
    from tests.test_scheme import problems
    project = make_project(tmp_path / "p", strategies_from=FIXTURES / "mini" / "strategies",
                           modules_from=FIXTURES / "mini" / "training_modules")
    path = project / "data/areas.yml"
    path.write_text(edited(AREAS, "source: arc2022 ", "source: Not An Id "), encoding="utf-8")
    found = problems(project)
    line = line_with(AREAS, "source: arc2022")
    assert len(found) == 1 and found[0].startswith(f"data/areas.yml:{line}: source: 'Not An Id' is not a reference "
                                                   "key: use a key from data/references.yml"), found
