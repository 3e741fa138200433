"""filetree.write_tree: generated folders are reused from an earlier build, and only changed files are rewritten;
nothing in the reuse folder is trusted (links are replaced, leftovers removed)."""
from __future__ import annotations

import os

import pytest

from macros.heart.filetree import write_tree

FILES = [("register/100001/index.html", b"<p>one</p>"), ("register/100001/badge.svg", b"<svg>1</svg>"),
         ("register/100002/index.html", b"<p>two</p>"), ("register/100002/badge.svg", b"<svg>2</svg>"),
         ("register/holders.json", b"{}")]


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _site(tmp_path, name="site"):
    site = tmp_path / name
    (site / "register").mkdir(parents=True)       # the build's own register folder (MkDocs writes index.html)
    (site / "register/index.html").write_bytes(b"register page")
    return site


def test_first_write_makes_every_file(tmp_path):
    site = _site(tmp_path)
    report = write_tree(site, FILES)
    assert (report.written, report.kept, report.reused_folders) == (5, 0, 0)
    assert _tree(site) == {**dict(FILES), "register/index.html": b"register page"}
    assert report.paths == [p for p, _ in FILES]


def test_unchanged_folders_are_moved_in_and_their_files_left_alone(tmp_path):
    old = _site(tmp_path, "old")
    write_tree(old, FILES)
    inode = os.stat(old / "register/100001/index.html").st_ino
    site = _site(tmp_path)
    report = write_tree(site, FILES, reuse=old)
    assert (report.written, report.kept, report.removed, report.reused_folders) == (1, 4, 0, 2)
    assert os.stat(site / "register/100001/index.html").st_ino == inode      # the same file, not a copy
    assert _tree(site) == {**dict(FILES), "register/index.html": b"register page"}
    assert not (old / "register/100001").exists()      # moved, not copied
    assert (old / "register/index.html").exists()      # the build's own files are never taken from the reuse folder


def test_changed_files_are_rewritten_and_leftovers_removed(tmp_path):
    old = _site(tmp_path, "old")
    write_tree(old, FILES + [("register/100003/index.html", b"gone school")])
    (old / "register/100001/stray.html").write_bytes(b"not made by the build")
    (old / "register/100001/sub").mkdir()
    changed = [(p, b"<p>ONE</p>" if p == "register/100001/index.html" else d) for p, d in FILES]
    site = _site(tmp_path)
    report = write_tree(site, changed, reuse=old)
    assert report.removed == 2 and report.written == 2          # the changed entry and holders.json
    assert _tree(site) == {**dict(changed), "register/index.html": b"register page"}
    assert (old / "register/100003/index.html").exists()        # a school no longer on the register stays behind
    assert not (site / "register/100003").exists()


def test_a_link_in_the_reuse_folder_is_replaced_never_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"<p>one</p>")                # even with the very bytes the build makes
    old = _site(tmp_path, "old")
    write_tree(old, FILES)
    (old / "register/100001/index.html").unlink()
    (old / "register/100001/index.html").symlink_to(outside)
    (old / "register/100002/badge.svg").unlink()
    (old / "register/100002/badge.svg").symlink_to(tmp_path / "nowhere.svg")
    site = _site(tmp_path)
    write_tree(site, [(p, b"changed" if p.endswith("badge.svg") else d) for p, d in FILES], reuse=old)
    for p in ("register/100001/index.html", "register/100002/badge.svg"):
        assert not (site / p).is_symlink()
    assert outside.read_bytes() == b"<p>one</p>" and not (tmp_path / "nowhere.svg").exists()


def test_a_linked_folder_in_the_reuse_folder_is_not_used(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "index.html").write_bytes(b"<p>one</p>")
    old = _site(tmp_path, "old")
    (old / "register/100001").symlink_to(elsewhere, target_is_directory=True)
    site = _site(tmp_path)
    report = write_tree(site, FILES, reuse=old)
    assert report.reused_folders == 0
    assert not (site / "register/100001").is_symlink()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["index.html"]     # untouched


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "register//x.html", "register/./x", ""])
def test_only_plain_relative_paths_are_written(tmp_path, bad):
    with pytest.raises(ValueError):
        write_tree(_site(tmp_path), [(bad, b"x")])


ENTRIES = [p for p in FILES if p[0] != "register/holders.json"]     # only folders write_tree makes itself


def _never():
    raise AssertionError("the files were made although nothing they come from changed")
    yield  # pragma: no cover


def _stamped(tmp_path):
    old = _site(tmp_path, "old")
    write_tree(old, ENTRIES, digest="d1", stamp_out=tmp_path / "old.stamp")
    return old, tmp_path / "old.stamp"


def test_an_unchanged_stamp_moves_the_folders_in_without_making_a_file(tmp_path):
    old, stamp = _stamped(tmp_path)
    recorded = stamp.read_text()
    site = _site(tmp_path)
    report = write_tree(site, _never(), old, digest="d1", stamp_in=stamp, stamp_out=tmp_path / "new.stamp")
    assert (report.written, report.kept, report.reused_folders) == (0, 4, 2)
    assert _tree(site) == {**dict(ENTRIES), "register/index.html": b"register page"}
    assert report.paths == [p for p, _ in ENTRIES]
    assert (tmp_path / "new.stamp").read_text() == recorded and not stamp.exists()   # the stamp moved with them


def test_another_digest_makes_and_compares_the_files(tmp_path):
    old, stamp = _stamped(tmp_path)
    changed = [(p, b"new" if p.endswith("100002/index.html") else d) for p, d in ENTRIES]
    report = write_tree(_site(tmp_path), changed, old, digest="d2", stamp_in=stamp)
    assert (report.written, report.kept) == (1, 3)


def test_a_touched_file_is_noticed_and_the_files_made_again(tmp_path):
    old, stamp = _stamped(tmp_path)
    (old / "register/100001/index.html").write_bytes(b"<p>edited by hand</p>")
    site = _site(tmp_path)
    report = write_tree(site, ENTRIES, old, digest="d1", stamp_in=stamp)
    assert report.written == 1 and (site / "register/100001/index.html").read_bytes() == b"<p>one</p>"
    old2, stamp2 = _stamped(tmp_path / "again")
    (old2 / "register/100002/extra.html").write_bytes(b"")          # an extra file: not as stamped either
    site2 = _site(tmp_path / "again", "site2")
    report = write_tree(site2, ENTRIES, old2, digest="d1", stamp_in=stamp2)
    assert report.removed == 1 and not (site2 / "register/100002/extra.html").exists()


def test_no_stamp_is_left_for_files_written_into_the_builds_own_folders(tmp_path):
    stamp = tmp_path / "s.stamp"
    stamp.write_text("{}")
    write_tree(_site(tmp_path), FILES, digest="d1", stamp_out=stamp)      # holders.json is in MkDocs' register/
    assert not stamp.exists()
