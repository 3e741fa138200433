"""Reproducible zips: the pack zip, and DOCX/PPTX rewritten with fixed entry dates and fixed core properties."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from ..load import Site
from .text import midnight


def make_zip(entries: list[tuple[str, bytes]], when: dt.date) -> bytes:
    """A zip whose bytes depend only on ``entries`` and ``when``: fixed dates, modes, host system and compression."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(when.year, when.month, when.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def normalise_zip(data: bytes, when: dt.date) -> bytes:
    """Rewrite an Office file (a zip stamped with the current time) with fixed entry dates, keeping entry order."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return make_zip([(i.filename, z.read(i)) for i in z.infolist()], when)


PROPERTY_LIMIT = 255     # characters: Office core properties hold no more (python-pptx/docx raise beyond it)


def prop(text: str) -> str:
    """A core-property value cut to the Office limit, so a long title can never stop a build."""
    return text if len(text) <= PROPERTY_LIMIT else text[:PROPERTY_LIMIT - 1] + "…"


def core_properties(props, title: str, site: Site, when: dt.date) -> None:
    """Title, author and subject from the scheme; every date fixed to ``when`` so the bytes are reproducible."""
    props.title = prop(title)
    props.author = props.last_modified_by = prop(site.scheme.award.owner)
    props.subject = prop(site.scheme.award.name)
    props.created = props.modified = props.last_printed = midnight(when)
    props.revision = 1
    props.comments = props.keywords = props.category = ""
