"""Save files: the level, the seed and the decision log, as versioned JSON.

A save holds no economic state: loading replays the decisions through the
engine, so a loaded game gives exactly the numbers the saved one had.

Files live in the user's data folder (``platformdirs``), or in
``$VIRTUOUS_CIRCLE_DATA_DIR`` when set (tests use this). Every write goes to a
temporary file first and is moved into place with ``os.replace``, so a crash
mid-write never leaves a half-written save. The autosave keeps its previous
version as ``autosave.prev.json``; a damaged autosave is never rotated over a
good previous one.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from game.engine import TurnDecision
from game.i18n import N_, _
from game.session.decisions import DecisionFormatError, decision_from_dict, decision_to_dict

if TYPE_CHECKING:
    from game.session.playthrough import Playthrough

__all__ = [
    "FORMAT_VERSION",
    "SaveError",
    "SaveData",
    "SaveInfo",
    "saves_dir",
    "write_save",
    "read_save",
    "save",
    "load",
    "autosave",
    "autosave_path",
    "previous_autosave_path",
    "load_autosave",
    "save_slot",
    "slot_path",
    "list_saves",
]

FORMAT_VERSION = 1
DATA_DIR_ENV = "VIRTUOUS_CIRCLE_DATA_DIR"
AUTOSAVE = "autosave.json"
AUTOSAVE_PREV = "autosave.prev.json"
SLOT_PREFIX = "slot-"
#: A save of a 20-turn level is a few kilobytes; anything far larger is not ours.
MAX_SAVE_BYTES = 2_000_000
_SLOT_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


class SaveError(Exception):
    """A save could not be written or read. ``str(error)`` is a message for players."""

    def __init__(self, message: str, path: Path | None = None, detail: str = ""):
        super().__init__(message)
        self.path = path
        self.detail = detail


@dataclass
class SaveData:
    """Everything a save holds. ``level`` is a level id; ``level_file`` is set for levels
    loaded from a path outside the shipped ones."""

    level: str
    seed: int
    decisions: list[TurnDecision]
    draft: TurnDecision
    level_file: str | None = None
    events_on: bool | None = None  # None: as the level says (saves from before the switch)
    saved_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    format_version: int = FORMAT_VERSION

    @property
    def turn(self) -> int:
        """The 1-based turn the player was deciding when this was saved."""
        return len(self.decisions) + 1


@dataclass(frozen=True)
class SaveInfo:
    """One entry of the load menu. ``error`` is set (and the rest may be empty) for a
    damaged file, so that the menu can show it as damaged instead of hiding it."""

    name: str
    path: Path
    level: str = ""
    turn: int = 0
    saved_at: datetime | None = None
    error: str = ""


def saves_dir() -> Path:
    """The folder for saves, created if needed."""
    root = os.environ.get(DATA_DIR_ENV)
    base = Path(root) if root else Path(platformdirs.user_data_dir("virtuous-circle", False))
    folder = base / "saves"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def autosave_path() -> Path:
    return saves_dir() / AUTOSAVE


def previous_autosave_path() -> Path:
    return saves_dir() / AUTOSAVE_PREV


def slot_path(slot: str) -> Path:
    """The file of a manual save slot; slot names are letters, digits, '-' and '_'."""
    if not _SLOT_NAME.match(slot):
        raise SaveError(
            _("A save name may use only letters, digits, '-' and '_' (at most 40): {name}").format(
                name=slot
            )
        )
    return saves_dir() / f"{SLOT_PREFIX}{slot}.json"


# --- writing -------------------------------------------------------------------------------


def to_json(data: SaveData) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format_version": data.format_version,
        "level": data.level,
        "seed": data.seed,
        "saved_at": data.saved_at,
        "decisions": [decision_to_dict(d) for d in data.decisions],
        "draft": decision_to_dict(data.draft),
    }
    if data.level_file:
        out["level_file"] = data.level_file
    if data.events_on is not None:
        out["events_on"] = data.events_on
    return out


def write_save(path: Path, data: SaveData) -> None:
    """Write atomically: a temporary file in the same folder, then ``os.replace``."""
    path = Path(path)
    text = json.dumps(to_json(data), indent=1, ensure_ascii=False, allow_nan=False)
    _atomic_write(path, text)


def _atomic_write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise SaveError(
            _("The game could not be saved to {path}: {reason}").format(
                path=path, reason=error.strerror or error
            ),
            path,
        ) from error


# --- reading -------------------------------------------------------------------------------


def read_save(path: Path) -> SaveData:
    """Read and check a save; a damaged, truncated or foreign file raises SaveError."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise _damaged(path, f"{size} bytes is too large for a save")
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise SaveError(_("There is no save at {path}.").format(path=path), path) from error
    except UnicodeDecodeError as error:
        raise _damaged(path, N_("not UTF-8 text")) from error
    except OSError as error:
        raise SaveError(
            _("The save {path} could not be read: {reason}").format(
                path=path, reason=error.strerror or error
            ),
            path,
        ) from error
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as error:
        raise _damaged(path, f"line {error.lineno}: {error.msg}") from error
    except RecursionError as error:  # absurdly deep nesting: not a save of ours
        raise _damaged(path, N_("nested too deeply")) from error
    return from_json(doc, path)


def from_json(doc: Any, path: Path) -> SaveData:
    if not isinstance(doc, dict):
        raise _damaged(path, N_("the file does not hold a save"))
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _damaged(path, N_("format_version is missing"))
    if version > FORMAT_VERSION:
        raise SaveError(
            _(
                "The save {path} was made by a newer version of the game (format {version}); "
                "update the game to load it."
            ).format(path=path, version=version),
            path,
        )
    doc = _migrate(doc, version)
    level = doc.get("level")
    if not isinstance(level, str) or not level:
        raise _damaged(path, N_("level is missing"))
    seed = doc.get("seed")
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise _damaged(path, N_("seed is missing or not a whole number"))
    decisions = doc.get("decisions")
    if not isinstance(decisions, list):
        raise _damaged(path, N_("decisions is missing"))
    level_file = doc.get("level_file")
    if level_file is not None and not isinstance(level_file, str):
        raise _damaged(path, N_("level_file is not a path"))
    events_on = doc.get("events_on")
    if events_on is not None and not isinstance(events_on, bool):
        raise _damaged(path, N_("events_on is not true or false"))
    saved_at = doc.get("saved_at", "")
    try:
        log = [decision_from_dict(d, f"decisions[{i}]") for i, d in enumerate(decisions)]
        draft = decision_from_dict(doc.get("draft"), "draft")
    except DecisionFormatError as error:
        raise _damaged(path, str(error)) from error
    return SaveData(
        level=level,
        seed=seed,
        decisions=log,
        draft=draft,
        level_file=level_file,
        events_on=events_on,
        saved_at=saved_at if isinstance(saved_at, str) else "",
        format_version=FORMAT_VERSION,
    )


def _migrate(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring an older save up to FORMAT_VERSION (there are none older than 1 yet)."""
    return doc


def _damaged(path: Path, detail: str) -> SaveError:
    return SaveError(
        _("The save {name} is damaged or incomplete and cannot be loaded ({detail}).").format(
            name=path.name, detail=_(detail)
        ),
        path,
        detail,
    )


# --- playthroughs --------------------------------------------------------------------------


def save(playthrough: Playthrough, path: Path) -> None:
    write_save(Path(path), playthrough.save_data())


def load(path: Path) -> Playthrough:
    """Load a save and replay it. Raises SaveError (with a message for players)."""
    from game.session.playthrough import Playthrough

    return Playthrough.from_save_data(read_save(Path(path)), source=Path(path))


def autosave(playthrough: Playthrough) -> Path:
    """Write the autosave, keeping the last good one as ``autosave.prev.json``."""
    current, previous = autosave_path(), previous_autosave_path()
    if current.exists():
        try:
            read_save(current)
        except SaveError:
            pass  # a damaged autosave must not replace a good previous one
        else:
            try:
                os.replace(current, previous)
            except OSError as error:
                raise SaveError(
                    _("The game could not be saved to {path}: {reason}").format(
                        path=previous, reason=error.strerror or error
                    ),
                    previous,
                ) from error
    save(playthrough, current)
    return current


def load_autosave(previous: bool = False) -> Playthrough:
    return load(previous_autosave_path() if previous else autosave_path())


def save_slot(playthrough: Playthrough, slot: str) -> Path:
    path = slot_path(slot)
    save(playthrough, path)
    return path


def list_saves() -> list[SaveInfo]:
    """The autosaves and manual slots, newest first; damaged files are listed with an error."""
    folder = saves_dir()
    paths = [folder / AUTOSAVE, folder / AUTOSAVE_PREV]
    paths += sorted(folder.glob(f"{SLOT_PREFIX}*.json"))
    infos = []
    for path in paths:
        if not path.is_file():
            continue
        name = _slot_name(path)
        try:
            data = read_save(path)
        except SaveError as error:
            infos.append(SaveInfo(name=name, path=path, error=str(error)))
            continue
        infos.append(
            SaveInfo(
                name=name,
                path=path,
                level=data.level,
                turn=data.turn,
                saved_at=_parse_time(data.saved_at) or _mtime(path),
            )
        )
    oldest = datetime.min.replace(tzinfo=UTC)
    infos.sort(key=lambda info: (info.saved_at or oldest, info.name), reverse=True)
    return infos


def _slot_name(path: Path) -> str:
    if path.name == AUTOSAVE:
        return "autosave"
    if path.name == AUTOSAVE_PREV:
        return "autosave.prev"
    return path.stem.removeprefix(SLOT_PREFIX)


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _mtime(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)
