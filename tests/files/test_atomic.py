"""The atomic write: replaces whole files, leaves no temporary file, writes through links,
refuses devices and folders."""

from __future__ import annotations

import os
import time

import pytest

from game.files import atomic
from game.files.atomic import TEMP_SUFFIX, remove_stale_temporaries, write_atomically
from game.files.reader import FileProblem


def leftovers(folder):
    return [p for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def test_writes_text_and_bytes(tmp_path):
    write_atomically(tmp_path / "a.txt", "中文")
    write_atomically(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "中文"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert not leftovers(tmp_path)


def test_creates_missing_folders(tmp_path):
    write_atomically(tmp_path / "x" / "y" / "z.json", "{}")
    assert (tmp_path / "x" / "y" / "z.json").read_text() == "{}"


def test_replaces_and_keeps_permissions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old")
    path.chmod(0o640)
    write_atomically(path, "new")
    assert path.read_text() == "new"
    assert (path.stat().st_mode & 0o777) == 0o640


def test_fsyncs_the_data(tmp_path, monkeypatch):
    synced = []
    real = os.fsync
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    write_atomically(tmp_path / "a.txt", "x")
    assert synced  # the file (and on POSIX the folder)


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text("old")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(FileProblem, match="a.txt"):
        write_atomically(path, "new")
    assert path.read_text() == "old"
    assert not leftovers(tmp_path)


def test_interrupt_leaves_no_temporary(tmp_path, monkeypatch):
    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "a.txt", "x")
    assert not leftovers(tmp_path)


def test_symlink_is_written_through(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    write_atomically(link, "new")
    assert link.is_symlink()
    assert target.read_text() == "new"


def test_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "later.json")
    write_atomically(link, "x")
    assert link.is_symlink() and (tmp_path / "later.json").read_text() == "x"


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_device_refused():
    with pytest.raises(FileProblem, match="device"):
        write_atomically("/dev/null", "x")
    assert not os.path.isfile("/dev/null")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_fifo_and_link_to_device_refused(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="pipe"):
        write_atomically(fifo, "x")
    link = tmp_path / "to-pipe"
    link.symlink_to(fifo)
    with pytest.raises(FileProblem):
        write_atomically(link, "x")
    assert link.is_symlink()


def test_folder_refused(tmp_path):
    with pytest.raises(FileProblem, match="folder"):
        write_atomically(tmp_path, "x")


def test_stale_temporaries_removed_fresh_ones_kept(tmp_path):
    stale = tmp_path / f".autosave.json.abc{TEMP_SUFFIX}"
    fresh = tmp_path / f".autosave.json.def{TEMP_SUFFIX}"
    other = tmp_path / "notes.tmp"
    for path in (stale, fresh, other):
        path.write_text("x")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    assert remove_stale_temporaries(tmp_path) == [stale]
    assert fresh.exists() and other.exists()


def test_stale_cleanup_of_a_missing_folder_is_quiet(tmp_path):
    assert remove_stale_temporaries(tmp_path / "nope") == []
