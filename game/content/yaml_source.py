"""Safe, bounded YAML loading that remembers where every value came from.

PyYAML has no limit on alias expansion, nesting depth or size, so a hostile
file (a "billion laughs") could eat memory or the stack. This loader refuses
large files, caps aliases, depth and the number of values, and returns plain
Python data together with a map from each field path to its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.content.errors import ContentError, FieldPath, Problem, format_path
from game.files.reader import FileProblem, read_bytes
from game.i18n import _

MAX_FILE_BYTES = 512 * 1024
MAX_ALIASES = 64
MAX_DEPTH = 40
MAX_VALUES = 100_000

_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Refused(Exception):
    """A bound was crossed; carries a translated message and the node's mark."""

    def __init__(self, message: str, mark: yaml.Mark | None, field: str = ""):
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.field = field


class BoundedSafeLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases and nesting depth while composing nodes."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._aliases = 0
        self._depth = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Refused(
                    _("too many aliases (more than {limit}); the file is refused").format(
                        limit=MAX_ALIASES
                    ),
                    self.peek_event().start_mark,
                )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    _("nesting is deeper than {limit} levels").format(limit=MAX_DEPTH),
                    self.peek_event().start_mark,
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass
class Source:
    """Loaded data plus where each field path sits in the file."""

    file: str
    data: object
    value_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: FieldPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """Line and column (1-based) of a field, or of its nearest enclosing field."""
        path = tuple(path)
        if key and path in self.key_marks:
            return self.key_marks[path]
        while True:
            if path in self.value_marks:
                return self.value_marks[path]
            if not path:
                return None, None
            path = path[:-1]

    def problem(self, path: FieldPath, message: str, hint: str = "", *, key: bool = False) -> Problem:
        line, column = self.locate(path, key=key)
        return Problem(self.file, line, column, format_path(path, self.data), message, hint)


def _position(mark: yaml.Mark | None) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


class _Builder:
    """Turns composed nodes into plain data, recording marks and counting values."""

    def __init__(self, loader: BoundedSafeLoader, source: Source):
        self.loader = loader
        self.source = source
        self.values = 0

    def build(self, node: Node, path: FieldPath) -> object:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Refused(
                _("the file holds more than {limit} values").format(limit=MAX_VALUES),
                node.start_mark,
            )
        self.source.value_marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return self.loader.construct_object(node, deep=True)
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._build_mapping(node, path)
        raise _Refused(_("unsupported YAML node"), node.start_mark)

    def _build_mapping(self, node: MappingNode, path: FieldPath) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                raise _Refused(_("merge keys ('<<') are not supported"), key_node.start_mark)
            if not isinstance(key_node, ScalarNode):
                raise _Refused(_("a key must be a plain name or number"), key_node.start_mark)
            key = self.loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int) or isinstance(key, bool):
                key = str(key_node.value)
            if key in result:
                raise _Refused(
                    _("the key '{key}' appears twice").format(key=key), key_node.start_mark,
                    format_path((*path, key)),
                )
            self.source.key_marks[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, (*path, key))
        return result


def load_yaml_text(text: str, file: str) -> Source:
    """Parse YAML text; raises ContentError (never anything else) on any problem."""
    source = Source(file=file, data=None)
    loader: BoundedSafeLoader | None = None
    try:
        loader = BoundedSafeLoader(text)  # the reader already rejects unprintable characters
        node = loader.get_single_node()
        if node is None:
            raise ContentError([Problem(file, None, None, "", _("the file is empty"))])
        source.data = _Builder(loader, source).build(node, ())
    except _Refused as refused:
        line, column = _position(refused.mark)
        raise ContentError([Problem(file, line, column, refused.field, refused.message)]) from None
    except yaml.MarkedYAMLError as err:
        line, column = _position(err.problem_mark or err.context_mark)
        detail = err.problem or err.context or ""
        raise ContentError(
            [Problem(file, line, column, "", _("not valid YAML: {detail}").format(detail=detail))]
        ) from None
    except yaml.YAMLError as err:
        raise ContentError(
            [Problem(file, None, None, "", _("not valid YAML: {detail}").format(detail=err))]
        ) from None
    except RecursionError:
        raise ContentError(
            [Problem(file, None, None, "", _("nesting is too deep to read"))]
        ) from None
    except (ValueError, OverflowError, TypeError) as err:
        # A scalar PyYAML could tokenise but not construct (e.g. a bad timestamp).
        raise ContentError(
            [Problem(file, None, None, "", _("a value cannot be read: {detail}").format(detail=err))]
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return source


def read_text(path: Path, file: str | None = None) -> str:
    """Read a bounded UTF-8 file; raises ContentError on size, encoding or I/O problems."""
    name = file or str(path)
    try:  # the one defensive reader: regular files only (a FIFO or device never blocks), size cap
        raw = read_bytes(path, max_bytes=MAX_FILE_BYTES)
    except FileProblem as err:
        raise ContentError([Problem(name, None, None, "", err.reason)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ContentError(
            [Problem(name, None, None, "", _("the file is not UTF-8 text (byte {offset})").format(
                offset=err.start))]
        ) from None
    if "\x00" in text:
        raise ContentError([Problem(name, None, None, "", _("the file is not text"))])
    return text


def load_yaml_file(path: Path | str) -> Source:
    path = Path(path)
    text = read_text(path)
    return load_yaml_text(text, str(path))
