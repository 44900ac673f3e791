"""A Babel extractor for level files: the text players read goes into the same catalog as the code.

pyproject.toml maps ``levels/*.yaml`` to ``game.i18n.extract:extract_level``. Every
string under a translatable key (a title, a story, an advisor's line, a list of
discussion questions …) becomes a message, stripped of surrounding whitespace the
way the level loader strips it, so that ``_(text)`` at display time finds it.
Each message carries a translator comment naming the level and the field.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = ["TRANSLATABLE_KEYS", "LevelTextError", "extract_level", "level_messages"]

#: Keys whose string values, or lists of strings, are shown to players. A superset of the
#: level format's own list (a test keeps the two in step).
TRANSLATABLE_KEYS: frozenset[str] = frozenset(
    {
        "title", "theme", "name", "role", "story", "briefing", "debrief", "text", "label",
        "question", "questions", "line", "learning_objectives", "discussion_questions",
        "risk_text", "description", "summary", "hint", "headline", "prompt", "caption",
        "tooltip", "reveal", "explanation", "lesson", "goal",
    }
)  # fmt: skip

#: Larger files are refused rather than parsed (a level is a few tens of kilobytes).
MAX_BYTES = 1024 * 1024

_STR_TAG = "tag:yaml.org,2002:str"


class LevelTextError(ValueError):
    """A level file could not be read for its text; the message names the file and line."""


def _key(node: Node) -> str | None:
    return node.value if isinstance(node, ScalarNode) and isinstance(node.value, str) else None


def _walk(node: Node, path: str, translatable: bool, seen: set[int]) -> Iterator[tuple[int, str, str]]:
    """Yield (line, field path, text) for every translatable string under ``node``."""
    # Aliases share nodes; visiting each once keeps a "billion laughs" file cheap.
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        if translatable and node.tag == _STR_TAG and node.value.strip():
            yield node.start_mark.line + 1, path, node.value.strip()
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, f"{path}[{index}]", translatable, seen)
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = _key(key_node)
            if key is None:
                continue
            child = f"{path}.{key}" if path else key
            yield from _walk(value_node, child, key in TRANSLATABLE_KEYS, seen)


def level_messages(source: str | bytes, filename: str = "<level>") -> list[tuple[int, str, str]]:
    """Every translatable string of a level file as (line, field path, text), in file order."""
    if len(source) > MAX_BYTES:
        raise LevelTextError(f"{filename}: larger than {MAX_BYTES} bytes; not a level file")
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise LevelTextError(f"{filename}{where}: not valid YAML ({problem})") from error
    if root is None:
        return []
    return list(_walk(root, "", False, set()))


def extract_level(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel's extractor interface: yields (line, function, message, comments)."""
    filename = getattr(fileobj, "name", "<level>")
    level = Path(filename).stem
    for line, path, text in level_messages(fileobj.read(), filename):
        yield line, None, text, [f"{level}: {path}"]
