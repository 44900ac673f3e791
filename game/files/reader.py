"""The one defensive reader for every file the game reads (saves, settings, progress, results, levels).

Every file a player hands the game is treated as hostile (ENGINEERING.md, point 13): only regular
files are opened (never a FIFO, a device or a folder, which could block or never end), the size is
capped before anything is parsed, text must be UTF-8, and JSON refuses what Python's ``json`` would
let through or crash on (NaN and Infinity, integers too long to convert, nesting deep enough to
exhaust the stack, the same key twice). Strict pydantic models then check types and ranges.

Every failure is a :class:`FileProblem` whose ``reason`` is a translated sentence for players that
never echoes a value from the file (a forger learns nothing from it). Callers decide what happens
next: use defaults, keep the file aside with :func:`keep_aside`, or offer a previous good copy.
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from game.i18n import N_, _
from game.i18n.oserror import os_reason

__all__ = [
    "FileProblem",
    "read_bytes",
    "read_text",
    "read_json",
    "read_model",
    "keep_aside",
    "problem_from_validation",
    "field_path",
    "DEFAULT_MAX_DEPTH",
    "DAMAGED_SUFFIX",
]

M = TypeVar("M", bound=BaseModel)

#: Nesting deeper than this is not a file of ours (a save is 4 levels deep).
DEFAULT_MAX_DEPTH = 64
#: Digits a whole number in a game file may have; Python refuses to convert past 4,300.
MAX_INT_DIGITS = 30
#: A damaged file is renamed to ``<name>.damaged`` so that it is kept but never read again.
DAMAGED_SUFFIX = ".damaged"


class FileProblem(Exception):
    """A file cannot be used. ``reason`` is a translated sentence for players; ``missing`` is
    True when the file simply does not exist (callers usually use defaults without a word)."""

    def __init__(self, path: str | os.PathLike[str], reason: str, *, missing: bool = False):
        self.path = Path(path)
        self.reason = reason
        self.missing = missing
        super().__init__(str(self))

    def __str__(self) -> str:
        return _("The file {name} cannot be used: {reason}").format(name=self.path.name, reason=self.reason)


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else is a FileProblem."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError as error:
        raise FileProblem(path, _("the file does not exist."), missing=True) from error
    except OSError as error:
        raise FileProblem(path, _os_reason(error)) from error
    _require_regular(path, info)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise FileProblem(path, _os_reason(error)) from error
    try:
        info = os.fstat(fd)  # the file opened may not be the one checked: check again
        _require_regular(path, info)
        if info.st_size > max_bytes:
            raise FileProblem(path, _too_large(max_bytes))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise FileProblem(path, _os_reason(error)) from error
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while we read it
        raise FileProblem(path, _too_large(max_bytes))
    return data


def read_text(path: str | os.PathLike[str], *, max_bytes: int) -> str:
    """The file as strict UTF-8 text (a byte-order mark is allowed and dropped)."""
    data = read_bytes(path, max_bytes=max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileProblem(path, _("it is not UTF-8 text.")) from error


class _Refused(ValueError):
    """Raised inside the JSON parser's hooks; carries an N_() reason."""

    def __init__(self, reason: str, **values: object):
        super().__init__(reason)
        self.reason = reason
        self.values = values


def read_json(path: str | os.PathLike[str], *, max_bytes: int,
              max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """Parse a JSON file, refusing NaN/Infinity, huge numbers, deep nesting and repeated keys."""
    text = read_text(path, max_bytes=max_bytes)
    try:
        doc = json.loads(text, parse_constant=_refuse_constant, parse_int=_parse_int,
                         parse_float=_parse_float, object_pairs_hook=_unique_keys)
    except _Refused as error:
        raise FileProblem(path, _(error.reason).format(**error.values)) from error
    except json.JSONDecodeError as error:
        raise FileProblem(path, _("it is not valid JSON (line {line}).").format(line=error.lineno)) from error
    except RecursionError as error:  # nesting deeper than the parser's stack
        raise FileProblem(path, _nested_too_deeply()) from error
    except ValueError as error:
        raise FileProblem(path, _("it is not valid JSON.")) from error
    if _depth(doc) > max_depth:
        raise FileProblem(path, _nested_too_deeply())
    return doc


def read_model(path: str | os.PathLike[str], model: type[M], *, max_bytes: int,
               max_depth: int = DEFAULT_MAX_DEPTH) -> M:
    """Read a JSON file into a strict pydantic ``model``; the problem names the first bad field."""
    doc = read_json(path, max_bytes=max_bytes, max_depth=max_depth)
    try:
        return model.model_validate(doc, strict=True)
    except ValidationError as error:
        raise problem_from_validation(path, error) from error


def problem_from_validation(path: str | os.PathLike[str], error: ValidationError) -> FileProblem:
    """A FileProblem naming the first field pydantic refused, without echoing its value."""
    first = error.errors(include_url=False, include_input=False)[0]
    if not first["loc"]:
        return FileProblem(path, _("it does not hold what this kind of file holds."))
    field = _shorten(field_path(first["loc"]))
    kind = first["type"]
    if kind == "value_error":  # a validator's own sentence (already translated by the model)
        detail = str((first.get("ctx") or {}).get("error", "")) or _("it is not allowed")
        reason = _("the field '{field}' is not valid: {detail}.").format(field=field, detail=detail)
    elif kind == "missing":
        reason = _("the field '{field}' is missing.").format(field=field)
    elif kind == "extra_forbidden":
        reason = _("the field '{field}' does not belong in this file.").format(field=field)
    elif kind in _RANGE_KINDS:
        reason = _("the field '{field}' is out of range.").format(field=field)
    else:
        reason = _("the field '{field}' has the wrong type or form.").format(field=field)
    return FileProblem(path, reason)


def field_path(loc: tuple) -> str:
    """A pydantic error location as the file's field: ``turns[3].indicators.gdp`` (list
    positions in brackets; pydantic's own markers such as ``function-after[…]`` left out)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("[", "function-")):
            out += ("." if out else "") + str(part)
    return out


_RANGE_KINDS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal", "finite_number",
                "too_short", "too_long", "string_too_long", "string_too_short", "multiple_of"}


def keep_aside(path: str | os.PathLike[str]) -> Path | None:
    """Rename a damaged file to ``<name>.damaged`` (replacing an older one) so that it is kept for
    a look but never read again. Returns the new path, or None if the rename failed."""
    path = Path(path)
    target = path.with_name(path.name + DAMAGED_SUFFIX)
    try:
        if not path.is_file():
            return None
        os.replace(path, target)
    except OSError:
        return None
    return target


# --- helpers -------------------------------------------------------------------------------------


def _require_regular(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(path, _("it is a folder, not a file."))
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(path, _("it is not a regular file (a device, a pipe or a socket)."))


def _os_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return _("the game is not allowed to read it.")
    return _("the system could not read it ({reason}).").format(reason=os_reason(error))


def _too_large(max_bytes: int) -> str:
    return _("it is larger than {size} kB, far too large for this kind of file.").format(
        size=max(1, max_bytes // 1000))


def _nested_too_deeply() -> str:
    return _("it is nested too deeply to be a file of this game.")


def _refuse_constant(name: str) -> float:
    raise _Refused(N_("it holds a number that is not finite (NaN or Infinity)."))


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(N_("it holds a number far too large for this game."))
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > 400:
        raise _Refused(N_("it holds a number far too large for this game."))
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(N_("it holds a number far too large for this game."))
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(N_("the key '{key}' appears twice in one object."), key=_shorten(key))
        out[key] = value
    return out


def _depth(doc: Any) -> int:
    """Nesting depth of parsed JSON, without recursion (a hostile file could be very deep)."""
    deepest, stack = 0, [(doc, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def _shorten(text: str, limit: int = 60) -> str:
    """Field names come from the file: keep them printable and short."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in text)
    return clean if len(clean) <= limit else clean[: limit - 1] + "…"
