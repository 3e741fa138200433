"""Build or reuse every cache entry: one per module's session pack, one for the award templates.

Each entry is a folder named by a SHA-256 of its inputs (sources, scheme, references, library versions, fonts, and
the generator code itself: every source file of this package and the renderers it draws on, so editing the code that
writes a form rebuilds it), built atomically and reused until an input changes. Each entry stores the SHA-256 of every
file it holds (``manifest.json``); a file that is missing or no longer matches is never shipped: the entry is rebuilt.
``build_all`` is the package's entry point.
"""
from __future__ import annotations

import copy
import hashlib
import json
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from ..load import Site
from ..render.templates import TEMPLATES
from .pack import COUNTS, PACKS, check_documents, detail, file_prefix, pack_file_name, pack_files, write_pack
from .pdf import FONTS
from .slides import Slide
from .templates import TEMPLATE_FILES, TEMPLATES_DIR, write_templates

DOCUMENTS_VERSION = "2"          # bump when the documents' output changes, to invalidate every cache entry
MANIFEST = "manifest.json"
_HERE = Path(__file__).resolve().parent
# the generator code: this package, and the modules outside it whose text ends up in a document
CODE_FILES = sorted(_HERE.glob("*.py")) + [_HERE.parent / f for f in ("render/common.py", "render/training.py",
                                                                       "render/templates.py", "safety.py")]


@dataclass
class Outputs:
    files: dict[str, Path] = field(default_factory=dict)              # site path -> file in the cache
    module_downloads: dict[str, list[dict]] = field(default_factory=dict)
    template_downloads: dict[str, list[dict]] = field(default_factory=dict)
    built: list[str] = field(default_factory=list)                    # module ids (and "templates") built this run
    cached: list[str] = field(default_factory=list)                   # ... and reused from the cache


def build_all(site: Site, cache_dir: Path, log: Callable[[str], None] = print, workers: int = 1) -> Outputs:
    """Build (or reuse from ``cache_dir``) every session pack and the templates. ``workers`` > 1 builds packs in
    that many processes; the files are the same either way."""
    cache_dir = Path(cache_dir)
    slides = check_documents(site)           # raises ContentError before anything is built
    common = _digest(DOCUMENTS_VERSION, _environment(), code_digest(), site.scheme.model_dump_json(),
                     json.dumps({k: r.model_dump(mode="json") for k, r in sorted(site.references.items())}),
                     site.signposting.model_dump_json() if site.signposting else "")
    mods = sorted(site.modules.values(), key=lambda m: m.id)
    # one job per cache entry: (log label, module id or None for the templates, cache folder of that entry)
    jobs = [(f"Session pack {i}/{len(mods)}: {m.id}", m.id,
             cache_dir / "packs" / m.id / _digest(common, m.id, *_folder_contents(m.folder)))
            for i, m in enumerate(mods, 1)]
    jobs.append((f"Award templates: {len(TEMPLATES)} templates", None,
                 cache_dir / "templates" / _digest(common, "templates")))
    todo = [(mid, folder) for _, mid, folder in jobs if not _intact(folder, log)]
    pool = ProcessPoolExecutor(min(workers, len(todo))) if workers > 1 and len(todo) > 1 else None
    lean = _without_schools(site) if pool else site      # packs never use the register: don't ship 25,000 schools
    futures = {folder: pool.submit(_build_entry, lean, mid, slides.get(mid), folder) for mid, folder in todo} \
        if pool else {}
    out = Outputs()
    try:
        for label, mid, folder in jobs:
            built = (mid, folder) in todo
            if built and pool:
                futures[folder].result()
            elif built:
                _build_entry(site, mid, slides.get(mid), folder)
            (out.built if built else out.cached).append(mid or "templates")
            log(f"{label} ({'built' if built else 'cached'})")
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)
    _list_downloads(site, jobs, out)
    return out


def _without_schools(site: Site) -> Site:
    """A shallow copy of ``site`` with an empty register, to send to worker processes."""
    lean = copy.copy(site)
    lean.schools = site.schools.model_copy(update={"schools": []})
    lean.__dict__.pop("statuses", None)
    return lean


def _list_downloads(site: Site, jobs: list[tuple[str, str | None, Path]], out: Outputs) -> None:
    for _, mid, folder in jobs[:-1]:
        m = site.modules[mid]
        counts = json.loads((folder / COUNTS).read_text(encoding="utf-8"))
        out.module_downloads[mid] = [
            _add(out, f"{PACKS}/{mid}/{name}", folder, label, fmt, detail(counts.get(name, {}), fmt))
            for suffix, label, fmt in pack_files(m) for name in [pack_file_name(site, m, suffix)]]
    prefix = file_prefix(site)
    for tid, _title, _desc in TEMPLATES:
        out.template_downloads[tid] = [_add(out, f"{TEMPLATES_DIR}/{prefix}-{tid}.{ext}", jobs[-1][2], label, fmt)
                                       for ext, label, fmt in TEMPLATE_FILES]


def _add(out: Outputs, path: str, folder: Path, label: str, fmt: str, what: str = "") -> dict:
    out.files[path] = folder / path.rsplit("/", 1)[1]
    return {"label": label, "path": path, "format": fmt, "size": human_size(out.files[path].stat().st_size),
            "detail": what}


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        b = p if isinstance(p, bytes) else str(p).encode()
        h.update(len(b).to_bytes(8, "big") + b)
    return h.hexdigest()


def _folder_contents(folder: Path) -> list[str | bytes]:
    out: list[str | bytes] = []
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        out += [f.relative_to(folder).as_posix(), f.read_bytes()]
    return out


def code_digest() -> str:
    """SHA-256 over the generator code (CODE_FILES), so any edit to it invalidates every cache entry."""
    return _digest(*[b for f in CODE_FILES for b in (f.name, f.read_bytes())])


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _intact(folder: Path, log: Callable[[str], None]) -> bool:
    """True when ``folder`` is a complete entry whose every file still has the SHA-256 recorded when it was built."""
    if not (folder / "complete").is_file():
        return False
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        names = sorted(p.name for p in folder.iterdir() if p.name not in ("complete", MANIFEST))
        ok = names == sorted(manifest) and all(_sha256(folder / n) == manifest[n] for n in names)
    except (OSError, ValueError, TypeError):
        ok = False
    if not ok:
        log(f"Cached files in {folder.parent.name}/{folder.name[:12]} are missing or changed; rebuilding")
    return ok


def _environment() -> str:
    """Everything outside the sources that changes the bytes: library versions and the font files."""
    libs = [f"{d}={version(d)}" for d in ("python-pptx", "python-docx", "weasyprint", "pydyf", "fonttools", "Markdown")]
    fonts = [f"{p}:{p.stat().st_size}" for p in FONTS.values()]
    return ";".join(libs + fonts)


def _build_entry(site: Site, mid: str | None, slides: list[Slide] | None, final: Path) -> None:
    """Build one cache entry (a module's pack, or the templates when ``mid`` is None) into ``final``, atomically,
    removing older entries for the same pack."""
    base, digest = final.parent, final.name
    base.mkdir(parents=True, exist_ok=True)
    for old in base.iterdir():
        shutil.rmtree(old, ignore_errors=True)
    tmp = base / f".tmp-{digest}"
    tmp.mkdir()
    if mid is None:
        write_templates(site, tmp, digest)
    else:
        write_pack(site, site.modules[mid], slides, tmp, digest)
    manifest = {p.name: _sha256(p) for p in sorted(tmp.iterdir())}
    (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    (tmp / "complete").write_text(digest)
    tmp.replace(final)
