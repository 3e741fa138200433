"""mkdocs-macros module: variables and macros for hand-written pages in docs/ (pages opt in with
`render_macros: true`). Macros use the delimiters {{: ... :}} so a literal "{{" in prose is never Jinja.

Everything here delegates to the engine-agnostic core in macros/heart/; the content was loaded once per build by
`runtime.site_for` (macros/hooks.py's on_config asks first; this module gets the same cached load).
"""
from __future__ import annotations

from pathlib import Path


class Escaped:
    """A read-only view of a data object whose text attributes come out escaped (``esc``): a page writing
    ``{{: award.name :}}`` can never print live HTML or Markdown structure from the data files."""

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, name):
        from .heart.render.common import esc
        value = getattr(self._obj, name)
        if isinstance(value, str):
            return esc(value)
        if isinstance(value, (list, tuple)):
            return [esc(v) if isinstance(v, str) else Escaped(v) if hasattr(v, "model_fields") else v for v in value]
        if hasattr(value, "model_fields"):
            return Escaped(value)
        return value

    def __str__(self):
        from .heart.render.common import esc
        return str(esc(str(self._obj)))


def _page_src(env) -> str:
    """The Markdown source of the page being rendered (MkDocs: page.file.src_uri; other engines may not say)."""
    page = getattr(env, "page", None)
    file = getattr(page, "file", None)
    return getattr(file, "src_uri", None) or getattr(page, "src_uri", None) or "index.md"


def define_env(env):
    from .heart import paths, runtime
    from .heart.render import award
    from .heart.render.common import cite_text, esc, long_date

    conf = env.conf
    config_file = conf.get("config_file_path") or "mkdocs.yml"     # engines that do not say: the working folder
    site = runtime.site_for(Path(config_file).resolve().parent,
                            scheme_file=(conf.get("extra") or {}).get("heart_scheme_file", "data/scheme.yml"),
                            schools_file=(conf.get("extra") or {}).get("heart_schools_file", "data/schools.yml"))
    a = site.scheme.award
    # pages print these straight into Markdown: every text value reaches them escaped (see render/common.esc)
    env.variables["award"] = Escaped(a)
    env.variables["levels"] = [Escaped(lv) for lv in site.scheme.levels]
    env.variables["build_date"] = long_date(site.build_date)

    @env.macro
    def level_counts() -> dict:
        """Number of schools holding each level now, by level id."""
        return award.counts(site)

    @env.macro
    def counts_table(page_src: str = "index.md") -> str:
        return award.counts_table(site, page_src)

    @env.macro
    def cite(key: str) -> str:
        """In-text citation linking to the references page, e.g. {{: cite('arc2022') :}}."""
        if key not in site.references:
            raise KeyError(f"cite(): unknown reference key {key!r}; add it to data/references.yml")
        page = _page_src(env)
        from .heart.render.common import rel
        return f"([{esc(cite_text(site, key))}]({rel(page, paths.REFERENCES, 'ref-' + key)}))"

    @env.macro
    def levels_list() -> str:
        return "\n".join(f"- **{esc(lv.name)}: {esc(lv.focus)}.** {esc(lv.summary)}" for lv in site.scheme.levels)

    @env.macro
    def strategy_count() -> int:
        return len(site.strategies)
