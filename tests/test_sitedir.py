"""The site folder's life cycle (macros/heart/sitedir.py): swap keeps the previous site for reuse, recover repairs
an interrupted swap, and nothing but a real folder is ever used as site.reuse."""
from __future__ import annotations

from macros.heart import sitedir


def _folder(path, text):
    path.mkdir(parents=True)
    (path / "index.html").write_text(text)
    return path


def test_swap_puts_the_new_site_in_place_and_keeps_the_previous_one_for_reuse(tmp_path):
    real = _folder(tmp_path / "site", "first")
    _folder(sitedir.reuse(real), "older, stale")
    sitedir.swap(_folder(sitedir.building(real), "second"), real)
    assert (real / "index.html").read_text() == "second"
    assert (sitedir.reuse(real) / "index.html").read_text() == "first"
    assert not sitedir.building(real).exists() and not sitedir.old(real).exists()


def test_the_first_swap_has_nothing_to_keep(tmp_path):
    real = tmp_path / "site"
    sitedir.swap(_folder(sitedir.building(real), "first"), real)
    assert (real / "index.html").read_text() == "first" and not sitedir.reuse(real).exists()


def test_recover_puts_back_a_site_moved_aside_by_an_interrupted_swap(tmp_path):
    real = tmp_path / "site"
    _folder(sitedir.old(real), "live")
    sitedir.recover(real)
    assert (real / "index.html").read_text() == "live" and not sitedir.old(real).exists()


def test_recover_never_keeps_a_linked_reuse_folder(tmp_path):
    real = _folder(tmp_path / "site", "live")
    elsewhere = _folder(tmp_path / "elsewhere", "not ours")
    sitedir.reuse(real).symlink_to(elsewhere, target_is_directory=True)
    sitedir.recover(real)
    assert not sitedir.reuse(real).exists() and (elsewhere / "index.html").read_text() == "not ours"


def test_serve_keeps_the_register_out_of_the_clean_up(tmp_path):
    served = _folder(tmp_path / "served", "home")
    _folder(served / "register" / "100001", "entry")
    keep = sitedir.keep_for_serve(served)
    assert keep == served / sitedir.SERVE_REUSE and keep.name.startswith(".")    # the engine spares dot-folders
    assert (keep / "register/100001/index.html").read_text() == "entry" and not (served / "register").exists()
    assert sitedir.keep_for_serve(served) is None and not keep.exists()           # nothing left to keep: no folder
