"""One platformdirs convention for every folder, each movable by an environment variable."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from game.files import folders


def test_overrides(monkeypatch, tmp_path):
    for kind in ("DATA", "CONFIG", "STATE", "CACHE", "LOG"):
        monkeypatch.setenv(f"VIRTUOUS_CIRCLE_{kind}_DIR", str(tmp_path / kind))
    assert folders.data_dir() == tmp_path / "DATA"
    assert folders.config_dir() == tmp_path / "CONFIG"
    assert folders.state_dir() == tmp_path / "STATE"
    assert folders.cache_dir() == tmp_path / "CACHE"
    assert folders.log_dir() == tmp_path / "LOG"
    assert folders.saves_dir() == tmp_path / "DATA" / "saves"
    assert not (tmp_path / "DATA").exists()  # nothing is created until asked
    assert folders.ensure(folders.saves_dir()).is_dir()


def test_one_convention_on_every_os(monkeypatch):
    """Saves and progress share one data folder: appauthor=False, one app name (on Windows the
    old code put saves in ...\\virtuous-circle and progress in ...\\virtuous-circle\\virtuous-circle)."""
    monkeypatch.delenv("VIRTUOUS_CIRCLE_DATA_DIR", raising=False)
    monkeypatch.delenv("VIRTUOUS_CIRCLE_CONFIG_DIR", raising=False)
    calls = []

    def fake(kind):
        def dirs(appname=None, appauthor=None, *args, **kwargs):
            calls.append((kind, appname, appauthor))
            return f"/{kind}/{appname}"
        return dirs

    monkeypatch.setattr(platformdirs, "user_data_dir", fake("data"))
    monkeypatch.setattr(platformdirs, "user_config_dir", fake("config"))
    assert folders.data_dir() == Path("/data/virtuous-circle")
    assert folders.config_dir() == Path("/config/virtuous-circle")
    assert calls == [("data", "virtuous-circle", False), ("config", "virtuous-circle", False)]


def test_settings_of_the_old_windows_folder_are_read_once(monkeypatch, tmp_path):
    monkeypatch.delenv("VIRTUOUS_CIRCLE_CONFIG_DIR", raising=False)
    new, old = tmp_path / "new", tmp_path / "old"
    monkeypatch.setattr(platformdirs, "user_config_dir",
                        lambda appname=None, appauthor=None, *a, **k: str(new if appauthor is False else old))
    old.mkdir()
    (old / "settings.json").write_text("{}")
    assert folders.legacy_file(folders.config_dir() / "settings.json", "config") == old / "settings.json"
    new.mkdir()
    (new / "settings.json").write_text("{}")
    assert folders.legacy_file(folders.config_dir() / "settings.json", "config") == new / "settings.json"
