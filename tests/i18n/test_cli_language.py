"""`--lang` decides the language of the command line's own help and messages."""

from __future__ import annotations

import pytest

from game import cli
from game.i18n import get_language, set_language


@pytest.fixture(autouse=True)
def restore_language():
    before = get_language()
    yield
    set_language(before)


def test_help_is_in_the_language_asked_for(capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with pytest.raises(SystemExit):
        cli.main(["--lang", "zh_CN", "--help"])
    assert "开始游戏（默认）" in capsys.readouterr().out


def test_help_follows_the_system_language_without_lang(capsys, monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "开始游戏（默认）" in capsys.readouterr().out
