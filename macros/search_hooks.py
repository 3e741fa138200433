"""MkDocs hook (glue only): after the build, write the site search index with Pagefind.

What is indexed and how strongly is decided in macros/heart/search_index.py; this file only hands those records to
Pagefind (its binary ships in the `pagefind[extended]` Python package, so nothing is fetched from the network) and
writes the index into site/pagefind/. The search box and its script are macros/theme/partials/search.html and
docs/assets/search.js.
"""
from __future__ import annotations

import logging
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from macros.heart import runtime, search_index  # noqa: E402

UNUSED = ["pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js"]
log = logging.getLogger("mkdocs.heart.search")


def _write(site_dir: Path, records) -> int:
    """Index the records with the Pagefind binary in one run: each becomes ``<url>index.html`` in a scratch folder
    that Pagefind reads as a site. (`python -m pagefind` runs the binary the package ships. Its Python API answers one
    request per 0.1 s poll; the binary takes a few hundredths of a second for the whole site.)"""
    with tempfile.TemporaryDirectory(prefix="heart-search-") as scratch:
        for r in records:
            target = Path(scratch, *r.url.split("/"), "index.html") if not r.url.endswith(".html") \
                else Path(scratch, *r.url.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(r.html, encoding="utf-8")
        out = site_dir / "pagefind"
        run = subprocess.run([sys.executable, "-m", "pagefind", "--site", scratch, "--output-path", str(out),
                              "--force-language", "en"], capture_output=True, text=True, timeout=300)
    found = re.search(r"Indexed (\d+) pages?", run.stdout)
    if run.returncode or not found:
        raise RuntimeError((run.stderr or run.stdout).strip()[-500:] or f"exit status {run.returncode}")
    if int(found.group(1)) != len(records):
        raise RuntimeError(f"Pagefind indexed {found.group(1)} of {len(records)} pages")
    return len(records)


def on_post_build(config):
    site = runtime.site_for(Path(config.config_file_path).resolve().parent,
                            scheme_file=config.extra.get("heart_scheme_file", "data/scheme.yml"),
                            schools_file=config.extra.get("heart_schools_file", "data/schools.yml"))
    site_dir = Path(config.site_dir)
    own = search_index.strategy_records(site) + search_index.situation_records(site)
    records = own + search_index.page_records(site_dir, {r.url for r in own})
    try:
        n = _write(site_dir, records)
    except Exception as exc:  # the binary is missing or failed: say so plainly
        raise PluginError(f"site search index (Pagefind) failed: {exc}; run "
                          "`.venv/bin/pip install -r requirements.txt`") from None
    for name in UNUSED:     # Pagefind's ready-made UIs: the site has its own (docs/assets/search.js)
        (site_dir / "pagefind" / name).unlink(missing_ok=True)
    (site_dir / "pagefind" / "heart-words.json").write_bytes(search_index.vocabulary_json(site))
    log.info("Search index: %d pages", n)
