"""Shared fixtures: tiny projects built strictly in temporary folders, and the real site built once."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILD_DATE_EPOCH = "1795392000"   # 2026-11-23T00:00:00Z: every test build is 'as of' this date
CACHE = Path(os.environ.get("HEART_TEST_CACHE", "/tmp/heart-test-cache"))   # packs cached by content hash: safe to share
COPY = ["mkdocs.yml", "macros", "docs", "data", "strategies", "training_modules"]


def _ignore(_dir, names):
    return [n for n in names if n in ("__pycache__", ".cache")]


def make_project(dest: Path, overlay: Path | None = None, *, strategies_from: Path | None = None,
                 modules_from: Path | None = None) -> Path:
    """Copy the real project's engine, pages and data into ``dest``; optionally replace strategies/ and
    training_modules/, then lay ``overlay`` on top (files there win)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=_ignore, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / name)
    for folder, repl in (("strategies", strategies_from), ("training_modules", modules_from)):
        if repl is not None:
            shutil.rmtree(dest / folder, ignore_errors=True)
            shutil.copytree(repl, dest / folder)
    if overlay is not None:
        shutil.copytree(overlay, dest, dirs_exist_ok=True)
    return dest


ENGINE = os.environ.get("HEART_ENGINE", "mkdocs")     # HEART_ENGINE=properdocs runs every build test on ProperDocs


def run_build(project: Path, *extra: str, env: dict | None = None, engine: str | None = None
              ) -> subprocess.CompletedProcess:
    engine = engine or ENGINE
    if engine not in ("mkdocs", "properdocs"):
        raise ValueError(f"HEART_ENGINE={engine!r}: use mkdocs or properdocs")
    e = dict(os.environ, SOURCE_DATE_EPOCH=BUILD_DATE_EPOCH, PYTHONDONTWRITEBYTECODE="1")
    for name in ("HEART_BUILD_DATE", "HEART_PRODUCTION", "HEART_SITE_URL"):   # a publishing job's settings
        e.pop(name, None)                                                       # never leak into test builds
    e.setdefault("HEART_CACHE_DIR", str(CACHE))
    if env:
        e.update(env)
    return subprocess.run([sys.executable, "-m", engine, "build", "--strict", *extra], cwd=project,
                          capture_output=True, text=True, env=e, timeout=900)


def free_port() -> int:
    """A TCP port nothing listens on now, for a server started by a test or benchmark."""
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop_server(server: subprocess.Popen, timeout: float = 30) -> None:
    """Stop a `serve` process as Ctrl+C would (so it cleans up after itself), killing it if it hangs."""
    import signal
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def assert_built(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once strictly; returns the site folder."""
    project = make_project(tmp_path_factory.mktemp("real"))
    assert_built(run_build(project))
    return project / "site"


@pytest.fixture
def mini_project(tmp_path) -> Path:
    """A small project: the real data and pages, with one fixture strategy pair and one fixture module."""
    return make_project(tmp_path / "mini", FIXTURES / "mini" / "overlay",
                        strategies_from=FIXTURES / "mini" / "strategies",
                        modules_from=FIXTURES / "mini" / "training_modules")


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium per test module (fails, never skips, when Chromium is missing)."""
    from tests.browser import browser
    with browser() as b:
        yield b


# ---------------------------------------------------------------- test tiers
# `build`: runs a real MkDocs build (or builds session packs); `browser`: drives Chromium. Marked automatically from
# what a test uses, so a new test lands in the right tier without remembering a decorator; the fast tier is
# `./scripts/test -m "not browser and not build"`.
import inspect  # noqa: E402

_BROWSER_FIXTURES = {"chromium", "check", "checker", "base_url"}
_BUILD_FIXTURES = {"built_site", "mini_project", "built", "site", "project"} | _BROWSER_FIXTURES
_BUILD_CALLS = ("run_build(", "build_all(", "browser()", "make_project(")


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        try:
            source = inspect.getsource(item.function)
        except (OSError, TypeError):
            source = ""
        if names & _BROWSER_FIXTURES or "browser()" in source:
            item.add_marker(pytest.mark.browser)
        if names & _BUILD_FIXTURES or any(call in source for call in _BUILD_CALLS):
            item.add_marker(pytest.mark.build)
