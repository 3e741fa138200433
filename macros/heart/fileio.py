"""Writing a data file so that a crash, a full disk or a read-only folder never leaves half of it behind."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, text: str) -> None:
    """Write to a hidden temporary file beside ``target``, fsync it, rename it over ``target`` and fsync the folder:
    a crash leaves either the old file or the new one, and never a partial file behind (it is removed on error)."""
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".writing", dir=target.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        raise
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def save(target: Path, text: str, program: str, shown_as: str) -> bool:
    """write_atomically, or one line on stderr naming the file and the reason (disk full, read-only...)."""
    import sys
    try:
        write_atomically(target, text)
    except OSError as exc:
        print(f"{program}: cannot write {shown_as}: {exc.strerror or exc}; nothing was changed", file=sys.stderr)
        return False
    return True
