"""Write generated files into a site folder, reusing an earlier build's copies so unchanged files are never rewritten.

At national scale the register writes 25,000 school folders after every build. Creating 50,000 files and deleting
the previous 50,000 was most of a rebuild's time, so ``write_tree`` takes a *reuse* folder (an earlier build's
output, never the live site): each generated folder found there is moved into the new site with one rename, and then
only the files whose bytes differ are rewritten. Nothing in the reuse folder is trusted: every file is compared byte
for byte with what the build made, anything that is not a plain file or folder (a symbolic link, say) is replaced, and
files the build did not make are removed. What is left in the reuse folder afterwards is stale and can be deleted.

A *stamp* makes an unchanged rebuild cheaper still: ``write_tree`` can record, beside the tree it wrote, a digest of
everything the files were made from (the caller's) and each file's size and modification time. When the next call
brings the same digest and every file in the reuse folder still has the recorded size and time (nobody touched it),
the folders are moved in without making or reading a single file; otherwise it falls back to comparing bytes.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

STAMP_VERSION = 2


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


def _plain(rel: str) -> bool:
    """A relative path with no empty, '.' or '..' part: it can only name something inside the folder."""
    return bool(rel) and not rel.startswith("/") and all(p not in ("", ".", "..") for p in rel.split("/"))


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
    """The folder being filled: what it held before (when reused), so leftovers can be removed at the end; ``own``
    when this call made it or moved it in (not a folder the build had already made)."""

    def __init__(self, target: Path, reused: bool, own: bool = True):
        self.target = target
        self.reused = reused
        self.own = own
        self.left = set(os.listdir(target)) if reused else set()


def write_tree(site_dir: Path, files: Iterable[tuple[str, bytes]], reuse: Path | None = None, *,
               digest: str | None = None, stamp_in: Path | None = None, stamp_out: Path | None = None) -> TreeReport:
    """Write ``files`` ((path relative to ``site_dir``, bytes), each folder's files together) into ``site_dir``.
    A folder missing from ``site_dir`` is first looked for in ``reuse`` (same relative path) and moved in.
    With ``digest``: when ``stamp_in`` (written by an earlier call, describing ``reuse``) has the same digest and
    still matches the files, ``files`` is never iterated; ``stamp_out`` records what this call left in ``site_dir``."""
    site_dir = Path(site_dir)
    if digest is not None and reuse is not None and stamp_in is not None:
        report = _move_stamped(site_dir, reuse, digest, stamp_in, stamp_out)
        if report is not None:
            return report
    report = TreeReport(paths=[])
    with _Writer() as writer:
        own = _write_all(site_dir, files, reuse, report, writer)
    if stamp_out is not None:
        if digest is not None and own:
            _write_stamp(stamp_out, digest, site_dir, report.paths)
        elif os.path.lexists(stamp_out):
            os.unlink(stamp_out)
    return report


class _Writer:
    """Creates files on worker threads while the caller makes the next ones: file creation is system time (the
    interpreter lock is released), so on two cores it overlaps with rendering. At most ``LIMIT`` files wait."""
    LIMIT = 256

    def __init__(self):
        self.pool = ThreadPoolExecutor(max(1, min(4, os.cpu_count() or 1)))
        self.pending: deque = deque()

    def write(self, path: Path, data: bytes) -> None:
        self.pending.append(self.pool.submit(_write_new, path, data))
        while len(self.pending) > self.LIMIT:
            self.pending.popleft().result()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            while self.pending:
                self.pending.popleft().result()       # the first failure (a full disk, say) is raised here
        finally:
            self.pool.shutdown(cancel_futures=True)
        return False


def _write_all(site_dir: Path, files, reuse: Path | None, report: TreeReport, writer: _Writer) -> bool:
    """The slow path: make, compare and write every file; True when every folder was this call's own."""
    folder: _Folder | None = None
    own = True                       # every file went into a folder this call made or moved in
    for rel, data in files:
        if not _plain(rel):
            raise ValueError(f"not a plain relative path: {rel!r}")
        parts = rel.split("/")
        parent = "/".join(parts[:-1])
        target = site_dir / parent if parent else site_dir
        if folder is None or folder.target != target:
            _finish(folder, report)
            folder = _open(target, reuse / parent if reuse is not None and parent else None, report)
            own = own and folder.own
        path = target / parts[-1]
        folder.left.discard(parts[-1])
        if folder.reused and _same(path, data):
            report.kept += 1
        else:
            if os.path.lexists(path):
                _remove(path)
            writer.write(path, data)
            report.written += 1
        report.paths.append(rel)
    _finish(folder, report)
    return own


def _write_stamp(stamp: Path, digest: str, site_dir: Path, paths: list[str]) -> None:
    """Record ``digest`` and the size and modification time of every file written, and of every folder holding them
    (a folder's time changes when a file is added to it or taken away)."""
    base = os.fspath(site_dir)
    files, folders = {}, {}
    for rel in paths:
        st = os.lstat(os.path.join(base, rel))
        files[rel] = [st.st_size, st.st_mtime_ns]
        folder = rel.rsplit("/", 1)[0]
        if folder not in folders:
            folders[folder] = os.lstat(os.path.join(base, folder)).st_mtime_ns
    data = {"version": STAMP_VERSION, "digest": digest, "files": files, "folders": folders}
    part = stamp.with_name(stamp.name + ".writing")
    part.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(part, stamp)


def _move_stamped(site_dir: Path, reuse: Path, digest: str, stamp: Path, stamp_out: Path | None) -> TreeReport | None:
    """Move every stamped folder in from ``reuse`` when the stamp holds ``digest`` and every file and folder is as
    recorded (so nothing was added, removed or changed since); None, with nothing moved, when anything differs.
    The stamp then describes the moved folders, so it moves to ``stamp_out``."""
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
        if data.get("version") != STAMP_VERSION or data.get("digest") != digest:
            return None
        files: dict = data["files"]
        folders: dict = data["folders"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    src, dst = os.fspath(reuse), os.fspath(site_dir)
    try:
        for rel, recorded in files.items():
            if not _plain(rel) or rel.rsplit("/", 1)[0] not in folders:
                return None
            st = os.lstat(os.path.join(src, rel))
            if not stat.S_ISREG(st.st_mode) or [st.st_size, st.st_mtime_ns] != recorded:
                return None
        for folder, mtime in folders.items():
            if not _plain(folder):
                return None
            st = os.lstat(os.path.join(src, folder))
            if not stat.S_ISDIR(st.st_mode) or st.st_mtime_ns != mtime:
                return None
        present = {}
        for folder in folders:
            parent, name = folder.rsplit("/", 1) if "/" in folder else ("", folder)
            if parent not in present:
                os.makedirs(os.path.join(dst, parent), exist_ok=True)
                present[parent] = set(os.listdir(os.path.join(dst, parent)))
            if name in present[parent]:
                return None
    except OSError:
        return None
    for folder in folders:
        os.rename(os.path.join(src, folder), os.path.join(dst, folder))
    if stamp_out is not None:
        os.replace(stamp, stamp_out)
    return TreeReport(kept=len(files), reused_folders=len(folders), paths=list(files))


def _open(target: Path, candidate: Path | None, report: TreeReport) -> _Folder:
    if os.path.lexists(target):
        if not _is_real_dir(target):
            raise ValueError(f"{target} is in the way of a generated folder and is not a folder")
        return _Folder(target, reused=False, own=False)   # made by the build itself (MkDocs): add, remove nothing
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
