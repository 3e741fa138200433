"""The site folder's life cycle, engine-agnostic: build beside it, swap the finished site in, keep the previous one
for reuse, and repair what an interrupted build left.

    site.building   the build in progress (the engine writes here)
    site            the live site: replaced by one rename, only when a build succeeds
    site.old        the live site during the swap (a crash between the two renames leaves it: ``recover``)
    site.reuse      the site before the live one: its unchanged school entries are moved into the next build
                    (``filetree.write_tree``) instead of being written again; safe to delete at any time
    <folder>.entries.json   the stamp of the entries in <folder> (what they were made from), moved with it

Under ``serve`` the engine builds into one temporary folder and cleans it (sparing dot-folders) before every
rebuild: ``keep_for_serve`` moves the last rebuild's register (and its stamp, ``.heart-entries.json``) into
``.heart-reuse`` inside it first.
"""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

SERVE_REUSE = ".heart-reuse"
SERVE_STAMP = ".heart-entries.json"
log = logging.getLogger("mkdocs.heart")


def building(real: Path) -> Path:
    return real.with_name(real.name + ".building")


def old(real: Path) -> Path:
    return real.with_name(real.name + ".old")


def reuse(real: Path) -> Path:
    return real.with_name(real.name + ".reuse")


def stamp(folder: Path) -> Path:
    """The stamp file describing the generated entries in ``folder`` (beside it, never published)."""
    return folder.with_name(folder.name + ".entries.json")


def _move(src: Path, dst: Path) -> None:
    """Move a folder and its stamp (a missing stamp removes the destination's)."""
    os.replace(src, dst)
    if stamp(src).exists():
        os.replace(stamp(src), stamp(dst))
    elif os.path.lexists(stamp(dst)):
        os.unlink(stamp(dst))


def disk_message(exc: OSError, where: Path) -> str:
    return (f"Cannot write the site to {where}: {exc.strerror or exc}. Free some disk space or make the folder "
            "writable, then build again; the previous site was left as it was.")


def prepare(real: Path) -> Path:
    """An empty, writable ``site.building`` (raises OSError, e.g. on a full or read-only disk)."""
    tmp = building(real)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    probe = tmp / ".heart-write-test"
    probe.write_bytes(b"x" * 65536)
    probe.unlink()
    return tmp


def recover(real: Path) -> None:
    """A build that died between moving the old site aside and moving the new one in left ``site.old`` and no
    ``site``: put the old site back. One that died after the swap left both: the old copy is stale, remove it.
    A ``site.reuse`` that is not a real folder is removed (only this module makes it)."""
    previous = old(real)
    if previous.is_dir() and not real.exists():
        _move(previous, real)
        log.info("Restored %s from %s, left by a build that was interrupted.", real.name, previous.name)
    elif previous.exists():
        shutil.rmtree(previous, ignore_errors=True)
    spare = reuse(real)
    if spare.is_symlink() or (os.path.lexists(spare) and not spare.is_dir()):
        os.unlink(spare)


def swap(tmp: Path, real: Path) -> None:
    """Put the finished site in place: site -> site.old, site.building -> site, then site.old -> site.reuse (what
    the last build left in site.reuse is stale and removed). Each step is one rename (stamps follow their folder);
    a crash between the two renames is repaired by the next build (``recover``)."""
    previous = old(real)
    shutil.rmtree(previous, ignore_errors=True)
    if real.exists():
        _move(real, previous)
    _move(tmp, real)
    spare = reuse(real)
    shutil.rmtree(spare, ignore_errors=True)
    if os.path.lexists(stamp(spare)):
        os.unlink(stamp(spare))
    if previous.exists():
        _move(previous, spare)


def keep_for_serve(site_dir: Path, folder: str = "register") -> Path | None:
    """Move ``site_dir/folder`` (and the entries' stamp) into ``site_dir/.heart-reuse`` before the engine cleans
    ``site_dir``; returns the reuse folder, or None when there was nothing to keep."""
    keep = site_dir / SERVE_REUSE
    shutil.rmtree(keep, ignore_errors=True)
    if not (site_dir / folder).is_dir():
        return None
    keep.mkdir()
    os.rename(site_dir / folder, keep / folder)
    if (site_dir / SERVE_STAMP).is_file():
        os.rename(site_dir / SERVE_STAMP, keep / SERVE_STAMP)
    return keep
