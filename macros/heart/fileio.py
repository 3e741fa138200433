"""Writing a data file so that a crash, a full disk or a read-only folder never leaves half of it behind."""
from __future__ import annotations

import os
from pathlib import Path


def write_atomically(target: Path, text: str) -> None:
    """Write beside the target, flush to disk (fsync), then rename over it: afterwards the file is either the old one
    or the new one, never a mixture, and the temporary file is gone whatever happened."""
    tmp = target.with_name(f".{target.name}.writing")
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
