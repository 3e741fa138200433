"""Write generated files into a site folder, reusing an earlier build's copies so unchanged files are never rewritten.

At national scale the register writes 25,000 school folders after every build. Creating 50,000 files and deleting
the previous 50,000 was most of a rebuild's time, so ``write_tree`` takes a *reuse* folder (an earlier build's
output, never the live site): each generated folder found there is moved into the new site with one rename, and then
only the files whose bytes differ are rewritten. Nothing in the reuse folder is trusted: every file is compared byte
for byte with what the build made, anything that is not a plain file or folder (a symbolic link, say) is replaced, and
files the build did not make are removed. What is left in the reuse folder afterwards is stale and can be deleted.
"""
from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass
class TreeReport:
    written: int = 0          # files created or rewritten
    kept: int = 0             # files already right (reused, untouched)
    removed: int = 0          # files in reused folders that the build no longer makes
    reused_folders: int = 0   # folders moved in from the reuse folder
    paths: list[str] | None = None   # every file path written or kept, in order

    def __str__(self) -> str:
        return (f"{self.written:,} written, {self.kept:,} unchanged, {self.removed:,} removed "
                f"({self.reused_folders:,} folders reused)")


def _is_real_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _remove(path: Path) -> None:
    if _is_real_dir(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _same(path: Path, data: bytes) -> bool:
    """True when ``path`` is a plain file (not a link) holding exactly ``data``."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
        return False
    with open(path, "rb") as f:
        return f.read() == data


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` afresh: never follows a link and never writes into an existing file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


class _Folder:
    """The folder being filled: what it held before (when reused), so leftovers can be removed at the end."""

    def __init__(self, target: Path, reused: bool):
        self.target = target
        self.reused = reused
        self.left = set(os.listdir(target)) if reused else set()


def write_tree(site_dir: Path, files: Iterable[tuple[str, bytes]], reuse: Path | None = None,
               keep_paths: bool = True) -> TreeReport:
    """Write ``files`` ((path relative to ``site_dir``, bytes), each folder's files together) into ``site_dir``.
    A folder missing from ``site_dir`` is first looked for in ``reuse`` (same relative path) and moved in."""
    site_dir = Path(site_dir)
    report = TreeReport(paths=[] if keep_paths else None)
    folder: _Folder | None = None
    for rel, data in files:
        parts = rel.split("/")
        if not rel or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
            raise ValueError(f"not a plain relative path: {rel!r}")
        parent = "/".join(parts[:-1])
        target = site_dir / parent if parent else site_dir
        if folder is None or folder.target != target:
            _finish(folder, report)
            folder = _open(target, reuse / parent if reuse is not None and parent else None, report)
        path = target / parts[-1]
        folder.left.discard(parts[-1])
        if folder.reused and _same(path, data):
            report.kept += 1
        else:
            if os.path.lexists(path):
                _remove(path)
            _write_new(path, data)
            report.written += 1
        if report.paths is not None:
            report.paths.append(rel)
    _finish(folder, report)
    return report


def _open(target: Path, candidate: Path | None, report: TreeReport) -> _Folder:
    if os.path.lexists(target):
        if not _is_real_dir(target):
            raise ValueError(f"{target} is in the way of a generated folder and is not a folder")
        return _Folder(target, reused=False)        # made by the build itself (MkDocs): add to it, remove nothing
    target.parent.mkdir(parents=True, exist_ok=True)
    if candidate is not None and _is_real_dir(candidate):
        os.rename(candidate, target)
        report.reused_folders += 1
        return _Folder(target, reused=True)
    target.mkdir()
    return _Folder(target, reused=False)


def _finish(folder: _Folder | None, report: TreeReport) -> None:
    if folder is None or not folder.reused:
        return
    for name in sorted(folder.left):
        _remove(folder.target / name)
        report.removed += 1
