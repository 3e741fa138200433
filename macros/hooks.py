"""MkDocs hooks: the thin glue between MkDocs and the engine-agnostic core in macros/heart/.

- on_config: load and validate all content once (errors stop the build with every problem listed);
  `mkdocs build` writes into a temporary folder, swapped into place only when the build succeeds.
- on_files: build (or reuse from the cache) session packs and templates; add the generated pages and data files.
- on_post_build: write the school entries from their rendered shell page; swap the finished site into place.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from macros.heart import paths, runtime  # noqa: E402
from macros.heart.documents import build_all  # noqa: E402
from macros.heart.errors import ContentError  # noqa: E402
from macros.heart.load import load_site  # noqa: E402
from macros.heart.pages import generated_files, generated_pages  # noqa: E402
from macros.heart.render.common import url_of  # noqa: E402
from macros.heart.render.register import write_school_entries  # noqa: E402

log = logging.getLogger("mkdocs.heart")
_state: dict = {"command": "build"}


def on_startup(command, dirty):
    _state["command"] = command


@event_priority(100)
def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    scheme = config.extra.get("heart_scheme_file", "data/scheme.yml")
    schools = config.extra.get("heart_schools_file", "data/schools.yml")
    try:
        runtime.SITE = load_site(root, scheme_file=scheme, schools_file=schools)
    except ContentError as exc:
        raise PluginError(exc.report()) from None
    site = runtime.SITE
    config.site_name = site.scheme.award.short_name
    _insert_level_pages(config.nav or [], [paths.level(lv.id) for lv in site.scheme.levels])
    if _state["command"] == "build":
        real = Path(config.site_dir)
        tmp = real.with_name(real.name + ".building")
        shutil.rmtree(tmp, ignore_errors=True)
        _state["real_site_dir"], _state["tmp_site_dir"] = real, tmp
        config.site_dir = str(tmp)
    return config


def _insert_level_pages(nav: list, level_pages: list[str]) -> bool:
    """Put the scheme's level pages into the nav right after the award overview, wherever that sits."""
    for i, item in enumerate(nav):
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if value == paths.AWARD:
            nav[i + 1:i + 1] = [p for p in level_pages if p not in nav]
            return True
        if isinstance(value, list) and _insert_level_pages(value, level_pages):
            return True
    return False


def _cache_dir(config) -> Path:
    """Session packs and templates are cached by content hash here (HEART_CACHE_DIR overrides)."""
    env = os.environ.get("HEART_CACHE_DIR")
    return Path(env) if env else Path(config.config_file_path).resolve().parent / ".cache" / "heart"


def on_files(files, config):
    site = runtime.SITE
    try:
        docs = build_all(site, _cache_dir(config), log=log.info)
    except ContentError as exc:
        raise PluginError(exc.report()) from None
    for path, cached in sorted(docs.files.items()):
        files.append(File.generated(config, path, abs_src_path=str(cached)))
    for src, markdown in generated_pages(site, docs).items():
        existing = files.get_file_from_path(src)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src, content=markdown))
    for path, data in generated_files(site, lambda src: "/" + url_of(src)).items():
        files.append(File.generated(config, path, content=data))
    return files


@event_priority(-100)
def on_env(env, config, files):
    """Escape by construction in the theme: Material prints page titles and meta descriptions without escaping
    (``<title>{{ page.meta.title }}``, ``{{ nav_item.title }}``, ``content="{{ page.meta.description }}"``).
    Runs after every page is read and before any template renders: each title and description becomes escaped
    ``Markup`` (so Material's own ``| e`` leaves it alone), and ``striptags``, which un-escapes, re-escapes its result."""
    from macros.heart.theme import escape_page, safe_striptags
    env.filters["striptags"] = safe_striptags
    for file in files.documentation_pages():
        if file.page is not None:
            escape_page(file.page)
    return env


def _warnings_counted() -> bool:
    for handler in logging.getLogger("mkdocs").handlers:
        counts = getattr(handler, "get_counts", None)
        if counts and counts():
            return True
    return False


@event_priority(-100)
def on_post_build(config):
    tmp, real = _state.get("tmp_site_dir"), _state.get("real_site_dir")
    failed = tmp is not None and config.strict and _warnings_counted()
    if not failed:
        # school entries are written from one rendered shell page: fast at national scale (see render/register.py)
        write_school_entries(runtime.SITE, Path(config.site_dir), config.site_url or "")
    if tmp is None:
        return
    if failed:
        shutil.rmtree(tmp, ignore_errors=True)
        log.error("Strict build failed: the previous site in %s was left untouched.", real)
        return
    old = real.with_name(real.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if real.exists():
        os.replace(real, old)
    os.replace(tmp, real)
    shutil.rmtree(old, ignore_errors=True)
    config.site_dir = str(real)


def on_build_error(error):
    tmp = _state.get("tmp_site_dir")
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
