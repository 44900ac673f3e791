"""The Chinese README gives the same commands as the English one."""

from __future__ import annotations

import re

from game.paths import locales_dir

ROOT = locales_dir().parent
_BLOCK = re.compile(r"```sh\n(.*?)```", re.S)


def test_chinese_readme_has_the_same_commands_as_the_english_one():
    english = _BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    chinese = _BLOCK.findall((ROOT / "README.zh-CN.md").read_text(encoding="utf-8"))
    assert english and chinese == english
