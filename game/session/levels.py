"""Open a level by id or by path, for playthroughs, saves and the `run` command.

The content layer loads and checks level files; this module only decides
whether a reference is a shipped level's id or a file path, and whether a
level is one of the shipped ones (a save of a shipped level stores just its id).
"""

from __future__ import annotations

from pathlib import Path

from game.content.levels import Level, level_by_id, load_level
from game.paths import levels_dir

__all__ = ["open_level", "is_shipped", "level_reference"]


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


def is_shipped(level: Level) -> bool:
    """Whether the level is the game's own file of that id (not a copy elsewhere)."""
    try:
        return Path(level.path).resolve() == (levels_dir() / f"{level.id}.yaml").resolve()
    except (OSError, FileNotFoundError):
        return False


def level_reference(level: Level) -> tuple[str, str | None]:
    """(id, file) to store in saves and results: the file only for a level not shipped."""
    return level.id, None if is_shipped(level) else str(Path(level.path).resolve())
