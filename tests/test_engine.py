"""The engine boundary: strict at every verbosity on MkDocs and ProperDocs, the atomic swap and its crash recovery,
faults that must give one clear message (disk full or read-only, oversized CSV cells), the importer's safe write."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, assert_built, make_project, run_build
from tests.test_build import digest_tree

ENGINES = ["mkdocs", "properdocs"]


def _mini(tmp_path) -> Path:
    return make_project(tmp_path / "mini", strategies_from=FIXTURES / "mini" / "strategies",
                        modules_from=FIXTURES / "mini" / "training_modules")


def _break_a_link(project: Path) -> None:
    about = project / "docs/about.md"
    about.write_text(about.read_text() + "\n[broken](no-such-page.md)\n")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("verbosity", [[], ["-q"], ["-v"]])
def test_strict_means_strict_at_every_verbosity_on_both_engines(tmp_path, engine, verbosity):
    project = _mini(tmp_path)
    assert_built(run_build(project, engine=engine))
    before = digest_tree(project / "site")
    _break_a_link(project)
    result = run_build(project, *verbosity, engine=engine)
    assert result.returncode != 0, f"{engine} {verbosity}: a broken link was published\n{result.stderr[-1500:]}"
    assert "Traceback" not in result.stderr
    assert digest_tree(project / "site") == before
    assert not (project / "site.building").exists() and not (project / "site.old").exists()


def test_properdocs_builds_the_same_site(tmp_path):
    a, b = make_project(tmp_path / "a", FIXTURES / "mini" / "overlay", strategies_from=FIXTURES / "mini" / "strategies",
                        modules_from=FIXTURES / "mini" / "training_modules"), _mini(tmp_path / "b")
    assert_built(run_build(a, engine="mkdocs"))
    assert_built(run_build(b, engine="properdocs"))
    da, db = digest_tree(a / "site"), digest_tree(b / "site")
    differ = sorted(k for k in da.keys() | db.keys() if da.get(k) != db.get(k))
    # the generator meta tag and the sitemap may name the engine; nothing else may differ
    assert all(k.endswith(".html") or k.startswith("sitemap") for k in differ), differ[:10]
    for k in differ:
        if k.endswith(".html"):
            strip = lambda t: "\n".join(l for l in t.splitlines() if 'name="generator"' not in l)  # noqa: E731
            assert strip((a / "site" / k).read_text()) == strip((b / "site" / k).read_text()), k


def test_a_crash_between_the_two_moves_is_repaired_by_the_next_run(tmp_path):
    project = _mini(tmp_path)
    assert_built(run_build(project))
    before = digest_tree(project / "site")
    # the state a build leaves when it dies after 'site -> site.old' and before 'site.building -> site'
    os.replace(project / "site", project / "site.old")
    (project / "site.building").mkdir()
    (project / "site.building/half.html").write_text("<p>half")
    _break_a_link(project)                       # and the next build fails: the old site must still come back
    result = run_build(project)
    assert result.returncode != 0
    assert digest_tree(project / "site") == before
    assert not (project / "site.old").exists() and not (project / "site.building").exists()


@contextlib.contextmanager
def tiny_disk(where: Path, size: str = "320k", read_only: bool = False):
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.fail("this fault test mounts a small tmpfs and needs root (scripts/test runs as root)")
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}" + (",ro" if read_only else ""), "tmpfs", str(where)],
                   check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.parametrize("read_only", [False, True])
def test_full_or_read_only_output_disk_is_one_clear_message(tmp_path, read_only):
    project = _mini(tmp_path)
    with tiny_disk(tmp_path / "disk", read_only=read_only) as disk:
        cfg = project / "mkdocs.yml"
        cfg.write_text(cfg.read_text().replace("site_dir: site", f"site_dir: {disk}/site"))
        result = run_build(project)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "Cannot write the site to" in result.stderr and \
        ("No space left on device" in result.stderr or "Read-only file system" in result.stderr), result.stderr[-1500:]


# ---------------------------------------------------------------- the importer
IMPORT = [sys.executable, str(ROOT / "scripts" / "import_schools.py")]


def _import_root(tmp_path) -> Path:
    root = tmp_path / "r"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(FIXTURES / "mini" / "strategies", root / "strategies")
    (root / "training_modules").mkdir()
    return root


def test_csv_cell_over_the_csv_module_limit_is_one_clear_message(tmp_path):
    root = _import_root(tmp_path)
    before = (root / "data/schools.yml").read_bytes()
    src = tmp_path / "big.csv"
    src.write_text("URN,Name,Phase,Local authority,Level,Date awarded\n"
                   f'990101,"{"x" * 200_000}",Primary,Ealing,Bronze,05/03/2026\n')
    result = subprocess.run([*IMPORT, str(src), "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "cannot be read as CSV" in result.stderr
    assert len(result.stderr) < 1000
    assert (root / "data/schools.yml").read_bytes() == before


def test_importer_fsyncs_before_rename_and_leaves_no_partial_file(tmp_path, monkeypatch):
    from scripts import import_schools
    target = tmp_path / "schools.yml"
    target.write_text("old\n")
    target.chmod(0o644)
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(os, "replace", lambda a, b: (calls.append("replace"), real_replace(a, b))[1])
    import_schools.write_atomically(target, "new\n")
    assert target.read_text() == "new\n" and calls[:2] == ["fsync", "replace"] and calls[-1] == "fsync"
    assert oct(target.stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schools.yml"]

    def failing_replace(a, b):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        import_schools.write_atomically(target, "newer\n")
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schools.yml"]   # no stray partial file for git


def test_a_docs_page_never_silently_replaces_a_generated_one(tmp_path):
    project = _mini(tmp_path)
    (project / "docs/references.md").write_text("# My own references\n")
    result = run_build(project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/references.md; rename or remove the docs/ file" in result.stderr, result.stderr[-1500:]


def test_site_for_is_an_explicit_cached_load(tmp_path, monkeypatch):
    from macros.heart import runtime
    monkeypatch.setenv("HEART_BUILD_DATE", "2026-11-23")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = _import_root(tmp_path)
    first = runtime.site_for(root)
    assert runtime.site_for(root) is first                     # the glue and the macros module share one load
    f = root / "strategies/fixture-strategy.md"
    f.write_text(f.read_text().replace("A short strategy used by the tests.", "An edited summary."))
    os.utime(f, ns=(f.stat().st_atime_ns, f.stat().st_mtime_ns + 10**9))
    second = runtime.site_for(root)
    assert second is not first and second.strategies["fixture-strategy"].meta.summary == "An edited summary."
    monkeypatch.setenv("HEART_BUILD_DATE", "2026-11-24")
    assert runtime.site_for(root) is not second                # the build date is part of the key
