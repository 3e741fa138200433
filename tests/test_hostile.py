"""Hostile content stays inert everywhere (issue 14).

Fast tier: the escaping, sanitising and refusing pieces one by one, on small in-memory or copied data.
Build tier (end of file): a hostile payload in every text field of every content type, built once, checked in every
output (HTML, badges, CSV/JSON, PDFs, Office files); and a canary environment variable and file that must never
appear in any output.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from markupsafe import Markup
from pydantic import ValidationError

from macros.heart import csp, yamlio
from macros.heart.errors import ContentError
from macros.heart.load import load_site
from macros.heart.models import Reference, School, StrategyMeta, Term
from macros.heart.render.common import bdi, esc, front_matter
from macros.heart.theme import escape_page, safe_striptags
from tests.conftest import BUILD_DATE_EPOCH, FIXTURES, ROOT, assert_built, make_project, run_build

PAYLOAD = ('</title><script>window.__x=1</script>"><img src=x onerror=window.__x=1>'
           "[j](javascript:window.__x=1){: onclick=window.__x=1 }<svg onload=window.__x=1>")
MD_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "def_list", "tables", "toc"]


# ---------------------------------------------------------------- an HTML scanner that finds anything live
class LiveFinder(HTMLParser):
    """Collects everything in an HTML document that would run the payload: a script whose text mentions it, an
    on*= attribute, an <img src=x>, a javascript: URL."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "__x" in value:
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and \
                    re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if tag == "img" and name == "src" and value == "x":
                self.found.append("<img src=x>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "__x" in data:
            self.found.append(f"<script>{data[:40]}")


def live(html: str) -> list[str]:
    finder = LiveFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def test_live_finder_finds_each_kind_of_live_payload():
    assert live("<p>" + PAYLOAD + "</p>")        # the raw payload is live
    assert live(markdown.markdown("[j](javascript:window.__x=1)"))
    assert live(markdown.markdown("# Title {: onclick=window.__x=1 }", extensions=MD_EXTENSIONS))
    assert not live("<p>" + str(esc(PAYLOAD)) + "</p>")


# ---------------------------------------------------------------- escaping by construction
def test_esc_is_inert_as_html_as_attribute_and_inside_markdown():
    e = esc(PAYLOAD)
    assert isinstance(e, Markup) and "<" not in e and '"' not in e
    for md in (f"# {e}", f"[{e}](page.md)", f"- **{e}**", f"| {e} | x |\n|---|---|\n| a | b |", f"{e}\n{{: .x }}"):
        html = markdown.markdown(md, extensions=MD_EXTENSIONS)
        assert live(html) == [], (md, html)
        assert "javascript:" not in re.sub(r"<[^>]*>", "", html) or "href=\"javascript" not in html
    assert live(f'<a title="{e}" href="x">{e}</a>') == []
    assert esc(esc("a & b")) == esc("a & b") == "a &amp; b"      # escaping twice is harmless


def test_esc_keeps_the_text_readable():
    text = "Geddes (2006) [ARC] {x} | a \\ b ! `c`"
    import html
    rendered = markdown.markdown(str(esc(text)), extensions=MD_EXTENSIONS)
    assert html.unescape(re.sub(r"<[^>]*>", "", rendered)) == text


def test_bdi_isolates_names():
    assert bdi("\u05e9\u05dc\u05d5\u05dd <b>") == "<bdi>\u05e9\u05dc\u05d5\u05dd &lt;b&gt;</bdi>"


@pytest.mark.parametrize("value", ["---", "a: b", "x\n---\ny: z", "&anchor", "*alias", "!!python/object:os.system",
                                   "'\"quotes\"'", "# not a comment", "{{ 7*7 }}", "</title><script>x</script>",
                                   "\u2028line separator", "key: [1, 2]"])
def test_front_matter_round_trips_any_text(value):
    text = front_matter(title=value, description=value, tags=[value]) + "# Body\n"
    fm, body, _ = yamlio.split_front_matter(text)
    assert yaml.safe_load(fm) == {"title": value, "description": value, "tags": [value]}
    assert body == "# Body\n"


class _Page:
    def __init__(self, title, meta):
        self.title, self.meta = title, meta


def test_theme_receives_titles_and_descriptions_escaped():
    page = _Page(PAYLOAD, {"title": PAYLOAD, "description": PAYLOAD, "tags": ["t"]})
    escape_page(page)
    for value in (page.title, page.meta["title"], page.meta["description"]):
        assert isinstance(value, Markup) and "<" not in value and '"' not in value
    escape_page(page)                                   # idempotent: never double-escaped
    assert page.meta["title"].count("&amp;") == PAYLOAD.count("&")
    # Jinja's striptags un-escapes; the replacement keeps the text escaped
    from jinja2 import Environment
    env = Environment()
    assert "<script>" in env.from_string("{{ t | striptags }}").render(t=Markup("&lt;script&gt;"))
    env.filters["striptags"] = safe_striptags
    assert env.from_string("{{ t | striptags }}").render(t=Markup("&lt;script&gt;")) == "&lt;script&gt;"
    assert env.from_string("{{ t | e }}").render(t=page.meta["title"]) == str(page.meta["title"])


# ---------------------------------------------------------------- Content-Security-Policy
def test_csp_hashes_exactly_the_inline_scripts_present():
    page = ('<html><head><meta charset="utf-8"><title>t</title><script>var a=1</script>'
            '<script src="x.js"></script><script id="c" type="application/json">{"a":1}</script></head>'
            '<body><script>var b=2</script></body></html>')
    out, hashes = csp.add_meta(page)
    assert len(hashes) == 2
    import base64, hashlib
    assert f"'sha256-{base64.b64encode(hashlib.sha256(b'var a=1').digest()).decode()}'" in hashes
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', out)
    assert out.index(meta.group(0)) < out.index("<script") and out.index("charset") < out.index(meta.group(0))
    policy = meta.group(1)
    for must in ("default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", *hashes):
        assert must in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "frame-ancestors" not in policy
    assert "frame-ancestors 'none'" in csp.headers_file(set(hashes))


# ---------------------------------------------------------------- YAML that lies
@pytest.mark.parametrize("text, line, words", [
    ("a: 1\nb: 2\na: 3\n", 3, "the key 'a' appears twice in this mapping (first at line 1)"),
    ("base: &b {x: 1}\nother: *b\n", 1, "repeated by an alias"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", 3, "a merge key (<<)"),
    ("d: 2026-02-30\n", 1, "'2026-02-30' is not a real date"),
    ("d: 0000-01-01\n", 1, "'0000-01-01' is not a real date"),
])
def test_yaml_that_lies_is_refused_with_its_line(text, line, words):
    with pytest.raises(yamlio.YamlSyntaxError) as info:
        yamlio.parse(text)
    assert info.value.line == line and words in info.value.message


def test_yaml_strings_are_nfc():
    assert yamlio.parse('la: "Ko\u0308ln"').data["la"] == "K\u00f6ln"


def _school(**kw):
    return dict(dict(urn="990001", name="A School", phase="primary", local_authority="Hillingdon"), **kw)


@pytest.mark.parametrize("field, value, words", [
    ("name", "Evil\u202eloohcS", "U+202E"),
    ("name", "Zero\u200bwidth", "U+200B"),
    ("name", "Line\nbreak", "a line break"),
    ("name", "Bell\x07", "U+0007"),
    ("name", "\u200b\u200d\u2060", "U+200B"),
    ("name", "\u0301\u0301", "no visible characters"),
    ("local_authority", "Soft\u00adhyphen", "U+00AD"),
])
def test_invisible_characters_are_refused_in_names(field, value, words):
    with pytest.raises(ValidationError) as info:
        School.model_validate(_school(**{field: value}))
    assert words in str(info.value)


def test_names_are_nfc_normalised():
    assert School.model_validate(_school(local_authority="Ko\u0308ln")).local_authority == "K\u00f6ln"


def test_a_datetime_is_not_a_date():
    base = yaml.safe_load((FIXTURES / "mini/strategies/fixture-strategy.md").read_text().split("---")[1])
    with pytest.raises(ValidationError) as info:
        StrategyMeta.model_validate({**base, "reviewed": dt.datetime(2026, 1, 1, 0, 0)})
    assert "is a date and time; write just the date" in str(info.value)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://example.org/", "https:///nohost", "//example.org/x",
                                 'https://example.org/"><script>x</script>', "https://example.org/a b",
                                 "https://user:pw@example.org/", "data:text/html,x", " https://example.org/",
                                 "https://example.org:99999/", "HTTPS://example.org/\u202e"])
def test_reference_urls_must_be_parsed_https(url):
    with pytest.raises(ValidationError):
        Reference.model_validate({"authors": "A", "title": "T", "url": url})


def test_good_reference_url_passes():
    assert Reference.model_validate({"authors": "A", "title": "T", "url": "https://www.gov.uk/a?b=c#d"}).url


@pytest.mark.parametrize("tag", ["<b>", "a & b", "x>y"])
def test_tags_hold_no_html_characters(tag):
    base = yaml.safe_load((FIXTURES / "mini/strategies/fixture-strategy.md").read_text().split("---")[1])
    with pytest.raises(ValidationError):
        StrategyMeta.model_validate({**base, "tags": [tag]})


def test_labels_refuse_control_characters():
    with pytest.raises(ValidationError):
        Term.model_validate({"id": "x", "label": "A\u2066B"})


# ---------------------------------------------------------------- loading a copied project
@pytest.fixture
def project(tmp_path) -> Path:
    """The real data files with the two fixture strategies and no modules (load_site only, no build)."""
    dest = tmp_path / "p"
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(FIXTURES / "mini" / "strategies", dest / "strategies")
    (dest / "training_modules").mkdir()
    return dest


def problems(project: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_site(project)
    return [str(p) for p in info.value.problems]


def _edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BODY_ATTACKS = [
    ("<script>window.__x=1</script>", "the HTML element <script> is not allowed"),
    ('<iframe src="https://example.org/"></iframe>', "the HTML element <iframe> is not allowed"),
    ('<span onclick="window.__x=1">x</span>', "the attribute onclick= runs script"),
    ("[click](javascript:window.__x=1)", "links to a javascript: address"),
    ('<a href="JaVaScRiPt:window.__x=1">x</a>', "links to a javascript: address"),
    ("[click](jav&#x61;script:window.__x=1)", "links to a javascript: address"),
    ("![tracker](https://example.org/pixel.png)", "loads a file from another website"),
    ('<img src="//example.org/pixel.png">', "the HTML element <img> is not allowed"),
    ('<div style="background:url(https://example.org/x)">x</div>', "the attribute style= is not allowed"),
    ("[ref]: javascript:window.__x=1", "links to a javascript: address"),
    ("<object data=x.swf></object>", "the HTML element <object> is not allowed"),
    ("![a][ref]\n\n[ref]: https://example.org/pixel.png", "reference-style image"),
]


@pytest.mark.parametrize("attack, words", BODY_ATTACKS)
def test_raw_html_and_links_in_strategy_bodies_are_refused_with_file_and_line(project, attack, words):
    f = project / "strategies/fixture-strategy.md"
    _edit(f, "Because tests need it.", "Because tests need it.\n\n" + attack)
    line = next(i for i, ln in enumerate(f.read_text().splitlines(), 1) if ln.startswith(attack.split("\n")[0]))
    found = problems(project)
    assert any(p.startswith(f"strategies/fixture-strategy.md:{line}: body: ") and words in p for p in found), found


def test_safe_links_in_bodies_still_pass(project):
    f = project / "strategies/fixture-strategy.md"
    _edit(f, "Because tests need it.", "Because [GOV.UK](https://www.gov.uk/) and [home](../index.md) and "
          "<mailto:dsl@example.org>, <details><summary>More</summary>text</details>")
    assert load_site(project)


@pytest.mark.parametrize("name", ["index", "tags", "area-a", "role-teachers", "area-zz"])
def test_reserved_strategy_ids_are_refused(project, name):
    shutil.copy(project / "strategies/second-fixture.md", project / f"strategies/{name}.md")
    found = problems(project)
    assert any(p.startswith(f"strategies/{name}.md: (file name): '{name}' is reserved") for p in found), found


@pytest.mark.parametrize("content", ["", "# only a comment\n", "\n\n"])
@pytest.mark.parametrize("name", ["areas.yml", "vocabulary.yml", "references.yml", "scheme.yml", "schools.yml"])
def test_empty_data_files_are_refused(project, name, content):
    (project / "data" / name).write_text(content)
    found = problems(project)
    assert any(p.startswith(f"data/{name}: (file): ") and "never published as real data" in p for p in found), found


@pytest.mark.parametrize("drop", ["sample_data", "schools"])
def test_schools_file_needs_both_keys(project, drop):
    f = project / "data/schools.yml"
    text = f.read_text()
    if drop == "sample_data":
        f.write_text(re.sub(r"(?m)^sample_data:.*\n", "", text))
    else:
        f.write_text(text[: text.index("\nschools:")] + "\n")
    found = problems(project)
    assert any(f"data/schools.yml:1: {drop}: is required" in p for p in found), found


def test_duplicate_key_in_a_school_names_the_line(project):
    f = project / "data/schools.yml"
    _edit(f, '  - urn: "990001"\n', '  - urn: "990001"\n    urn: "990099"\n')
    line = next(i for i, ln in enumerate(f.read_text().splitlines(), 1) if '"990099"' in ln)
    assert any(p.startswith(f"data/schools.yml:{line}: (syntax): the key 'urn' appears twice") for p in problems(project))


def test_messages_stay_short_whatever_the_input(project):
    f = project / "data/schools.yml"
    _edit(f, "phase: primary", "phase: " + "x" * 100_000)
    found = problems(project)
    assert found and all(len(p) < 400 for p in found), [len(p) for p in found]


def test_one_bad_reference_gives_one_error_not_a_cascade(project):
    f = project / "data/references.yml"
    _edit(f, "arc2022:\n  authors: Attachment", "arc2022:\n  colour: red\n  authors: Attachment")
    found = problems(project)
    assert len(found) == 1 and "data/references.yml:" in found[0] and "arc2022.colour" in found[0], found


def test_one_bad_module_gives_one_error_not_a_cascade(project):
    shutil.copytree(FIXTURES / "documents/training_modules/doc-fixture", project / "training_modules/doc-fixture")
    shutil.copytree(FIXTURES / "documents/training_modules/doc-fixture", project / "training_modules/doc-two")
    _edit(project / "training_modules/doc-two/module.yml", "prerequisites: []", "prerequisites: [doc-fixture]") \
        if "prerequisites: []" in (project / "training_modules/doc-two/module.yml").read_text() else \
        (project / "training_modules/doc-two/module.yml").write_text(
            (project / "training_modules/doc-two/module.yml").read_text() + "prerequisites: [doc-fixture]\n")
    load_site(project)
    m = project / "training_modules/doc-fixture/module.yml"
    m.write_text(m.read_text() + "colour: red\n")
    found = problems(project)
    assert len(found) == 1 and found[0].startswith("training_modules/doc-fixture/module.yml:"), found


@pytest.mark.parametrize("name, value", [("SOURCE_DATE_EPOCH", "yesterday"), ("SOURCE_DATE_EPOCH", "9" * 30),
                                         ("SOURCE_DATE_EPOCH", "-5"), ("HEART_BUILD_DATE", "2026-02-30"),
                                         ("HEART_BUILD_DATE", "23/11/2026")])
def test_bad_build_date_environment_is_one_clear_message(project, monkeypatch, name, value):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv(name, value)
    found = problems(project)
    assert len(found) == 1 and found[0].startswith(f"environment variable {name}: "), found


def test_badges_are_well_formed_xml_whatever_the_name(project):
    from macros.heart.render import badge
    f = project / "data/schools.yml"
    _edit(f, "name: ", "name: \"<&]]>\\\"' \u05e9\u05dc\u05d5\u05dd\" #")
    site = load_site(project)
    for st in site.statuses:
        root = ET.fromstring(badge.badge_svg(site, st))
        assert root.tag.endswith("svg") and root.find("{http://www.w3.org/2000/svg}title").text.startswith(st.school.name)
