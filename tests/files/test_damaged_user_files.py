"""Issue 11, point 2: a settings.json or progress.json that is not UTF-8, deeply nested or holds a
huge number never stops the game: it starts with the defaults and keeps the file aside."""

from __future__ import annotations

import pytest

DAMAGE = {
    "not UTF-8": b'{"language": "\xff\xfe"}',
    "deeply nested": b'{"best_stars": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "huge number": b'{"ui_scale": ' + b"9" * 5000 + b', "best_stars": {"tutorial": ' + b"9" * 5000 + b"}}",
    "NaN": b'{"ui_scale": NaN, "best_stars": {"tutorial": Infinity}}',
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_the_game_starts_with_damaged_settings_and_progress(user_dirs, damage):
    from game.ui.app import App
    from game.ui.scenes.level_select import LevelSelectScene
    from game.ui.scenes.title import TitleScene

    config, data = user_dirs
    config.mkdir()
    data.mkdir()
    (config / "settings.json").write_bytes(DAMAGE[damage])
    (data / "progress.json").write_bytes(DAMAGE[damage])
    app = App(windowed=True, lang="en")
    app.push(TitleScene(app))
    app.push(LevelSelectScene(app))
    app.step(1 / 60)
    assert app.settings.ui_scale == 1.0
    assert app.top.best.get("tutorial") == 0
    assert (config / "settings.json.damaged").read_bytes() == DAMAGE[damage]  # kept, not lost
    assert (data / "progress.json.damaged").read_bytes() == DAMAGE[damage]
    app.settings.save()  # and the game writes a good one again
    assert (config / "settings.json").read_text(encoding="utf-8").startswith("{")


def test_settings_that_are_a_folder_or_a_pipe_do_not_block(user_dirs):
    import os

    from game.ui.settings import Settings

    config, _data = user_dirs
    (config / "settings.json").mkdir(parents=True)
    assert Settings.load().ui_scale == 1.0
    if hasattr(os, "mkfifo"):
        fifo = config / "other.json"
        os.mkfifo(fifo)
        assert Settings.load(fifo).ui_scale == 1.0  # returns at once, never waits on the pipe


def test_temporaries_a_kill_left_beside_settings_are_removed(user_dirs):
    import os
    import time

    from game.files.atomic import TEMP_SUFFIX
    from game.ui.settings import Settings

    config, _data = user_dirs
    config.mkdir()
    stale = config / f".settings.json.k1ll{TEMP_SUFFIX}"
    stale.write_text('{"langu')
    old = time.time() - 3600
    os.utime(stale, (old, old))
    Settings.load()
    assert not stale.exists()


def test_a_long_error_log_is_trimmed_to_its_newer_half(user_dirs, monkeypatch):
    from game.ui import app as app_module

    _config, data = user_dirs
    data.mkdir()
    log = data / app_module.ERROR_LOG
    monkeypatch.setattr(app_module, "MAX_ERROR_LOG_BYTES", 1000)
    log.write_bytes(b"old\n" * 400 + b"new\n" * 200)
    assert app_module.log_error(ValueError("boom")) == log
    text = log.read_text(encoding="utf-8")
    assert text.startswith("new") and "ValueError: boom" in text and len(text) < 1200
