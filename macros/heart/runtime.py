"""An explicit, cached load of the site's content, shared by the engine glue (hooks) and the macros module.

``site_for(root, ...)`` loads and validates the content once per content state: the key is the project folder,
the scheme and schools files, the build date and a fingerprint (path, size, mtime) of every content file, so a
second caller in the same build gets the same ``Site`` and an edit during ``serve`` gets a fresh one. No hidden
module-level "current site": callers say which project they mean.
"""
from __future__ import annotations

import os
from pathlib import Path

from .load import Site, build_date_from_env, load_site

CONTENT = ("data", "strategies", "training_modules", "docs")
_CACHE: dict[tuple, tuple[tuple, Site]] = {}


def _fingerprint(root: Path, extra: tuple[str, ...]) -> tuple:
    out = []
    for name in (*CONTENT, *extra):
        top = root / name
        if top.is_file():
            st = top.stat()
            out.append((name, st.st_size, st.st_mtime_ns))
            continue
        for folder, dirs, files in os.walk(top):
            dirs.sort()
            for f in sorted(files):
                st = os.stat(os.path.join(folder, f))
                out.append((os.path.join(folder, f), st.st_size, st.st_mtime_ns))
    return tuple(out)


def site_for(root: Path | str, *, scheme_file: str = "data/scheme.yml",
             schools_file: str = "data/schools.yml") -> Site:
    """The validated content of the project at ``root`` (raises ContentError listing every problem)."""
    root = Path(root).resolve()
    where = (str(root), scheme_file, schools_file)
    key = (*where, build_date_from_env(), _fingerprint(root, (scheme_file, schools_file)))
    cached = _CACHE.get(where)
    if cached is not None and cached[0] == key:
        return cached[1]
    site = load_site(root, scheme_file=scheme_file, schools_file=schools_file)
    _CACHE[where] = (key, site)
    return site


def forget() -> None:
    """Drop every cached load (tests)."""
    from .load import schools
    _CACHE.clear()
    schools.forget()
