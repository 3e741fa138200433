"""MkDocs hooks: the thin glue between MkDocs and the engine-agnostic core in macros/heart/.

- on_config: load and validate all content once (errors stop the build with every problem listed);
  `mkdocs build` writes into site.building, swapped into place only when the build succeeds (macros/heart/sitedir.py).
- on_pre_build: under `serve`, keep the last rebuild's entries from the engine's clean-up.
- on_files: build (or reuse from the cache) session packs and templates, on every core; add the generated pages and
  data files.
- on_env: titles and descriptions escaped before the theme prints them.
- on_post_page: a Content-Security-Policy meta tag in every page.
- on_post_build: write the school entries from their rendered shell page, rewriting only the files that changed
  (``filetree``: the previous build's entries are reused from ``site.reuse``, or, under ``serve``, from the folder
  being served); swap the finished site into place.

Strict means strict at every verbosity and on either engine (MkDocs or ProperDocs): the glue counts every warning
itself (``WarningCounter``), and ``-q`` only hides warnings from the terminal, never from the count.
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

from macros.heart import csp, filetree, paths, runtime, sitedir  # noqa: E402
from macros.heart.documents import build_all  # noqa: E402
from macros.heart.errors import ContentError  # noqa: E402
from macros.heart.pages import generated_files, generated_pages  # noqa: E402
from macros.heart.publish import FLAG, is_production, site_url_problem  # noqa: E402
from macros.heart.render.common import url_of  # noqa: E402
from macros.heart.render import entries  # noqa: E402
from macros.heart.render.register import SHELL_DIR  # noqa: E402
from macros.heart.theme import escaped  # noqa: E402

log = logging.getLogger("mkdocs.heart")
_state: dict = {"command": "build"}
ENGINE_LOGGERS = ("mkdocs", "properdocs")


class WarningCounter(logging.Handler):
    """Counts each WARNING-or-worse record once, wherever it is logged (engine loggers and the root logger)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.seen: set[int] = set()
        self.records: list[logging.LogRecord] = []
        self.messages: list[str] = []

    def emit(self, record):
        if id(record) not in self.seen:         # records are kept (below), so an id is never reused
            self.seen.add(id(record))
            self.records.append(record)
            self.messages.append(record.getMessage()[:300])

    @property
    def count(self) -> int:
        return len(self.messages)


_counter = WarningCounter()


def _count_warnings_at_every_verbosity() -> None:
    """Attach the counter to the root logger and the engine loggers (every mkdocs.*/properdocs.* logger propagates
    to one of them). Where ``-q`` raised a logger's level above WARNING (so warnings would never even be created, and
    the engine's own strict count would miss them), move that level onto the logger's terminal handlers instead:
    the terminal stays quiet and the count stays true."""
    _counter.seen.clear()
    _counter.records.clear()
    _counter.messages.clear()
    family = [n for n in logging.root.manager.loggerDict if n.split(".")[0] in ENGINE_LOGGERS]
    for logger in [logging.getLogger(), *(logging.getLogger(n) for n in (*ENGINE_LOGGERS, *family))]:
        if logger.level > logging.WARNING:
            for handler in logger.handlers:
                if handler is not _counter:
                    handler.setLevel(max(handler.level, logger.level))
            logger.setLevel(logging.WARNING)
    for logger in (logging.getLogger(), *(logging.getLogger(n) for n in ENGINE_LOGGERS)):
        if _counter not in logger.handlers:
            logger.addHandler(_counter)


def on_startup(command, dirty):
    _state["command"] = command


def on_pre_build(config):
    """Under `serve`, keep the last rebuild's register out of the engine's clean-up (see macros/heart/sitedir.py)."""
    if _state["command"] == "serve":
        _state["reuse"] = sitedir.keep_for_serve(Path(config.site_dir))
    elif _state["command"] != "build":
        _state["reuse"] = None          # gh-deploy and the like: write every entry, keep nothing


@event_priority(100)
def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    scheme = config.extra.get("heart_scheme_file", "data/scheme.yml")
    schools = config.extra.get("heart_schools_file", "data/schools.yml")
    _count_warnings_at_every_verbosity()
    _state["script_hashes"] = set()
    if _state["command"] == "build":
        sitedir.recover(Path(config.site_dir))     # first, so even a build that fails puts an interrupted swap right
    try:
        site = _state["site"] = runtime.site_for(root, scheme_file=scheme, schools_file=schools)
    except ContentError as exc:
        raise PluginError(exc.report()) from None
    if is_production(os.environ) and (problem := site_url_problem(config.site_url)):
        raise PluginError(f"Production build ({FLAG}=1) refused: {problem}.")
    config.site_name = escaped(site.scheme.award.short_name)     # Material prints it unescaped
    _insert_level_pages(config.nav or [], [paths.level(lv.id) for lv in site.scheme.levels])
    if _state["command"] == "build":
        real = Path(config.site_dir)
        try:
            tmp = sitedir.prepare(real)
        except OSError as exc:
            raise PluginError(sitedir.disk_message(exc, sitedir.building(real))) from None
        _state["real_site_dir"], _state["tmp_site_dir"] = real, tmp
        _state["reuse"] = sitedir.reuse(real)
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
    site = _state["site"]
    try:
        docs = build_all(site, _cache_dir(config), log=log.info, workers=os.cpu_count() or 1)
    except ContentError as exc:
        raise PluginError(exc.report()) from None
    for path, cached in sorted(docs.files.items()):
        files.append(File.generated(config, path, abs_src_path=str(cached)))
    data_files = generated_files(site, lambda src: "/" + url_of(src))
    pages = generated_pages(site, docs, data_files)
    clash = sorted(src for src in pages if files.get_file_from_path(src) is not None)
    if clash:       # no content file ever silently replaces a generated page, or the other way round
        raise PluginError("These pages are generated from the data, and a file in docs/ has the same address: "
                          + ", ".join(f"docs/{c}" for c in clash) + "; rename or remove the docs/ file.")
    for src, markdown in pages.items():
        files.append(File.generated(config, src, content=markdown))
    for path, data in data_files.items():
        files.append(File.generated(config, path, content=data))
    return files


@event_priority(200)       # before Material's tags plugin (100) renders its listings from the page titles
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


@event_priority(-100)
def on_post_page(output, page, config):
    """Every page carries its Content-Security-Policy (hashes of the inline scripts it actually holds)."""
    html, hashes = csp.add_meta(output)
    _state.setdefault("script_hashes", set()).update(hashes)
    return html


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    """Static templates (the 404 page) carry the same policy."""
    if not template_name.endswith(".html"):
        return output_content
    html, hashes = csp.add_meta(output_content)
    _state.setdefault("script_hashes", set()).update(hashes)
    return html


@event_priority(-100)
def on_post_build(config):
    tmp, real = _state.get("tmp_site_dir"), _state.get("real_site_dir")
    if config.strict and _counter.count:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        first = _counter.messages[0].splitlines()[0][:200]
        raise PluginError(f"Strict build failed with {_counter.count} warning(s) (first: {first}); the previous "
                          f"site{' in ' + str(real) if real else ''} was left untouched.")
    try:
        _write_entries(config)
        (Path(config.site_dir) / "_headers").write_text(csp.headers_file(_state.get("script_hashes", set())),
                                                        encoding="utf-8")
    except OSError as exc:
        raise PluginError(sitedir.disk_message(exc, Path(config.site_dir))) from None
    if tmp is None:
        return
    sitedir.swap(tmp, real)
    config.site_dir = str(real)


def _write_entries(config) -> None:
    """School entries, badges and local authority pages, filled from the one shell page MkDocs rendered; only the
    files that differ from the reused copies are written, and none at all when nothing they are made from changed
    (see macros/heart/filetree.py and sitedir.py)."""
    site_dir, site = Path(config.site_dir), _state["site"]
    shell = site_dir / SHELL_DIR / "index.html"
    reuse = _state.get("reuse")
    reuse = reuse if reuse is not None and reuse.is_dir() else None
    stamp_in = stamp_out = None
    if _state["command"] == "build":
        stamp_in, stamp_out = sitedir.stamp(reuse) if reuse else None, sitedir.stamp(site_dir)
    elif _state["command"] == "serve":
        stamp_in, stamp_out = (reuse / sitedir.SERVE_STAMP if reuse else None), site_dir / sitedir.SERVE_STAMP
    try:
        html = shell.read_text(encoding="utf-8")
        made = entries.entry_files(site, html, config.site_url or "")
        report = filetree.write_tree(site_dir, made, reuse, digest=entries.entries_digest(site, html, config.site_url or ""),
                                     stamp_in=stamp_in, stamp_out=stamp_out)
    except ValueError as exc:
        raise PluginError(f"School entries could not be written: {exc}") from None
    path, data = entries.holders_file(site)
    (site_dir / path).write_bytes(data)
    shutil.rmtree(site_dir / SHELL_DIR)
    if _state["command"] == "serve" and reuse is not None:
        shutil.rmtree(reuse, ignore_errors=True)        # what is left there is stale
    entries.update_sitemap(site_dir, entries.pages_of(report.paths))
    log.info("School entries and local authority pages: %s", report)


def on_build_error(error):
    tmp = _state.get("tmp_site_dir")
    if tmp is not None:
        shutil.rmtree(tmp, ignore_errors=True)
    if isinstance(error, OSError):
        # a full or read-only disk mid-build: one clear message, not a traceback
        log.error(sitedir.disk_message(error, Path(getattr(error, "filename", None) or tmp or "site")))
        raise SystemExit(1)
