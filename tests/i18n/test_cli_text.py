"""The command line in Chinese: argparse's own words, OS errors, level names, aligned tables."""

from __future__ import annotations

import errno
import io

import pytest

from game import cli
from game.content.bots import BOT_TITLES, BotResult
from game.content.levels import level_by_id
from game.content.validation import bot_table
from game.i18n import _, get_language, set_language
from game.i18n.cli_text import display_width, pad
from game.i18n.oserror import os_reason


@pytest.fixture(autouse=True)
def restore_language():
    before = get_language()
    yield
    set_language(before)


def test_help_has_no_english_argparse_words_in_chinese(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "zh_CN", "run", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "选项：" in out and "显示本帮助信息并退出" in out
    for english in ("usage:", "options:", "show this help"):
        assert english not in out


def test_argparse_errors_are_in_chinese(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "zh_CN", "run"])
    err = capsys.readouterr().err
    assert "错误：缺少以下必需参数" in err and "error:" not in err


def test_english_help_is_unchanged(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "run", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage:") and "options:" in out


def test_os_errors_are_sentences_in_the_language():
    set_language("zh_CN")
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "文件或文件夹不存在"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间已满"
    rare = os_reason(OSError(errno.ENOLCK, "No locks available"))
    assert "ENOLCK" in rare and "No locks" not in rare
    set_language("en")
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "permission denied"


def test_display_width_counts_chinese_characters_twice():
    assert display_width("重信贷") == 6 and display_width("abc") == 3
    assert display_width(pad("重信贷", 10)) == 10 and pad("ab", 4, ">") == "  ab"


def test_the_bot_table_lines_up_in_chinese_and_names_the_level():
    set_language("zh_CN")
    level = level_by_id("tutorial")
    results = {bot: [BotResult(bot, s, 50.0, 1) for s in (0, 1)] for bot in BOT_TITLES}
    out = io.StringIO()
    bot_table(level, results, out)
    lines = [line for line in out.getvalue().splitlines() if "★" in line]
    assert len(lines) == len(BOT_TITLES)
    assert len({display_width(line) for line in lines}) == 1
    assert _(level.title) in out.getvalue() and "tutorial" not in out.getvalue()
