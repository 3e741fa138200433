"""Editing is fast: a rebuild rewrites only the school entries that changed (and still swaps the whole site in
atomically), and `serve` shows an edit without leaving anything behind. Timings are in scripts/bench_register.py and
scripts/bench_serve.py; these tests check what a person would see."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request

import yaml

from tests.conftest import BUILD_DATE_EPOCH, CACHE, ENGINE, assert_built, free_port, run_build, stop_server


def _edit_register(project, rename: str, new_name: str, drop: str) -> None:
    path = project / "data/schools.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["schools"] = [s for s in data["schools"] if s["urn"] != drop]
    for s in data["schools"]:
        if s["urn"] == rename:
            s["name"] = new_name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _three_schools(project) -> tuple[str, str, str]:
    urns = [s["urn"] for s in yaml.safe_load((project / "data/schools.yml").read_text(encoding="utf-8"))["schools"]]
    return urns[0], urns[1], urns[2]


def test_a_rebuild_rewrites_only_the_entries_that_changed(mini_project):
    site = mini_project / "site"
    keep, rename, drop = _three_schools(mini_project)
    assert_built(run_build(mini_project))
    first = os.stat(site / "register" / keep / "index.html").st_ino
    assert_built(run_build(mini_project))                 # the first rebuild: the first site becomes site.reuse
    assert (mini_project / "site.reuse/register" / keep / "index.html").exists()
    _edit_register(mini_project, rename, "Renamed Incremental School", drop)
    result = run_build(mini_project)
    assert_built(result)
    assert os.stat(site / "register" / keep / "index.html").st_ino == first      # reused, never rewritten
    assert "Renamed Incremental School" in (site / "register" / rename / "index.html").read_text(encoding="utf-8")
    assert not (site / "register" / drop).exists()                                # a school taken off is gone
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"register/{keep}/" in sitemap and f"register/{drop}/" not in sitemap
    assert "unchanged" in result.stdout + result.stderr                            # the log says what it did
    # and the reused site is the same, byte for byte, as a build from nothing
    fresh = mini_project.parent / "fresh"
    subprocess.run(["cp", "-a", str(mini_project), str(fresh)], check=True)
    for leftover in ("site", "site.reuse"):
        subprocess.run(["rm", "-rf", str(fresh / leftover)], check=True)
    assert_built(run_build(fresh))
    assert _files(site) == _files(fresh / "site")
    # nothing changed for two builds (site.reuse is the site before the live one): the entries are moved in without
    # making one (the stamp still matches)
    assert_built(run_build(mini_project))
    result = run_build(mini_project)
    assert_built(result)
    assert re.search(r"School entries and local authority pages: 0 written, [\d,]+ unchanged", result.stdout +
                     result.stderr), result.stderr[-2000:]
    assert _files(site) == _files(fresh / "site")


def _files(site) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _wait_for(url: str, text: str, timeout: float = 120) -> str:
    end = time.monotonic() + timeout
    last = ""
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                last = r.read().decode("utf-8", "replace")
            if text in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


def test_serve_shows_edits_and_leaves_nothing_behind(mini_project, tmp_path):
    keep, rename, drop = _three_schools(mini_project)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port = free_port()
    env = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH, TMPDIR=str(scratch), PYTHONDONTWRITEBYTECODE="1")
    env.setdefault("HEART_CACHE_DIR", str(CACHE))
    for name in ("HEART_BUILD_DATE", "HEART_PRODUCTION", "HEART_SITE_URL"):
        env.pop(name, None)
    log = open(tmp_path / "serve.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", ENGINE, "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                              cwd=mini_project, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        strategy = sorted((mini_project / "strategies").glob("*.md"))[0]
        _wait_for(base + f"strategies/{strategy.stem}/", "</html>")
        _wait_for(base + f"register/{drop}/", "</html>")
        strategy.write_text(strategy.read_text(encoding="utf-8") + "\nServewatchword appears here.\n",
                            encoding="utf-8")
        _wait_for(base + f"strategies/{strategy.stem}/", "Servewatchword")
        _edit_register(mini_project, rename, "Served Rename School", drop)
        _wait_for(base + f"register/{rename}/", "Served Rename School")
        page = _wait_for(base + f"register/{keep}/", "</html>")
        assert "Served Rename School" not in page
        with urllib.request.urlopen(base + "register/holders.json", timeout=5) as r:
            assert drop not in r.read().decode("utf-8")
    finally:
        stop_server(server)
        log.close()
    text = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text, text[-3000:]
    # after the edits, the rebuilds rewrote only what changed: the entries of the unchanged schools were kept
    reports = re.findall(r"School entries and local authority pages: ([\d,]+) written, ([\d,]+) unchanged", text)
    assert len(reports) >= 3, text[-3000:]
    written, unchanged = (int(n.replace(",", "")) for n in reports[-1])
    assert unchanged > 2 * written, reports
    assert sorted(p.name for p in scratch.iterdir()) == [], "serve left files behind"
    assert not any(p.name.startswith("site") for p in mini_project.iterdir() if p.name != "site.reuse" and
                   p.name.startswith("site.")), "serve touched the build's site folders"
