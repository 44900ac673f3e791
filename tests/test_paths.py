"""Data folders are found from a clone and from an installed wheel, from any directory."""

import os
import subprocess
import sys

import game.paths as paths


def test_clone_layout_is_found(tmp_path):
    paths.data_dir.cache_clear()
    for name in ("levels", "locales", "assets"):
        assert (paths.data_dir(name) / ".").is_dir()
    assert any(paths.levels_dir().glob("*.yaml"))


def test_wheel_layout_wins_over_the_clone(tmp_path, monkeypatch):
    package = tmp_path / "site" / "game"
    (package / "_data" / "levels").mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE", package)
    paths.data_dir.cache_clear()
    try:
        assert paths.data_dir("levels") == package / "_data" / "levels"
    finally:
        paths.data_dir.cache_clear()


def test_commands_work_from_another_directory(tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run([sys.executable, "-m", "game", "validate", "--no-bots"],
                          cwd=tmp_path, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sandbox.yaml" in done.stdout
