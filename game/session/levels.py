"""Open a level by id or by path, for playthroughs and the `run` command; and find the level a
file names by id and fingerprint (``LevelTable``), for saves, result files and session packs.

The content layer loads and checks level files; this module only decides whether a reference
is a shipped level's id or a file path. A file a player hands the game (a save, a result file)
names its level by id and fingerprint (``game.session.fingerprint``), never by a path: the
level comes from the game's shipped levels or from level files the player or teacher names.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from game.content.levels import Level, level_by_id, load_level

__all__ = ["open_level", "LevelTable"]


def open_level(reference: str | Path | Level) -> Level:
    """A level from its id ("sandbox") or a path ("my_levels/x.yaml").

    Raises ``game.content.errors.ContentError`` (every problem, with file and line)
    when the file is broken or the id is unknown.
    """
    if isinstance(reference, Level):
        return reference
    text = str(reference)
    looks_like_path = isinstance(reference, Path) or text.endswith((".yaml", ".yml")) or (
        "/" in text or "\\" in text)
    if looks_like_path:
        return load_level(Path(text))
    return level_by_id(text)


class LevelTable:
    """The levels a file may name: the shipped ones and those in the level files given (a
    teacher's ``--level``, a scenario author's own file) or already loaded (``levels``).
    Named ones come first."""

    def __init__(self, level_files: Sequence[str | Path] = (), levels: Sequence[Level] = ()):
        self._named: dict[str, Level] = {level.id: level for level in levels}
        for path in level_files:
            level = load_level(Path(path))  # ContentError: the caller's own file, shown as is
            self._named[level.id] = level
        self._shipped: dict[str, Level | None] = {}

    def get(self, level_id: str) -> Level | None:
        """The named level with this id, else the shipped one, else None."""
        return self.named(level_id) or self.shipped(level_id)

    def named(self, level_id: str) -> Level | None:
        return self._named.get(level_id)

    def shipped(self, level_id: str) -> Level | None:
        if level_id not in self._shipped:
            self._shipped[level_id] = _load_shipped(level_id)
        return self._shipped[level_id]

    def find(self, level_id: str, fingerprint: str) -> Level | None:
        """The named or shipped level with this id *and* fingerprint (the same rules and
        numbers the file was made with), else None."""
        from game.session.fingerprint import level_fingerprint

        for level in (self.named(level_id), self.shipped(level_id)):
            if level is not None and level_fingerprint(level) == fingerprint:
                return level
        return None


def _load_shipped(level_id: str) -> Level | None:
    from game.content.errors import ContentError
    from game.content.levels import level_paths

    for path in level_paths():  # by file name only: an id never becomes a path
        if path.stem == level_id:
            try:
                level = load_level(path)
            except ContentError:
                return None
            return level if level.id == level_id else None
    return None
