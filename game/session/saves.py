"""Save files: the level, the seed and the decision log, as versioned JSON.

A save holds no economic state: loading replays the decisions through the engine, so a loaded
game gives exactly the numbers the saved one had, and a save that does not replay is refused.
A save names its level by id and fingerprint (``game.session.fingerprint``), never by a path:
the level comes from the game's own levels or from level files the caller names
(``game.session.levels.LevelTable``). Saves written before held a ``level_file`` path; it is
read, never opened: such a save loads when its level file is named, and otherwise says so.

Every game keeps its own autosave, ``autosave-<game id>.json``, with the one before it as
``autosave-<game id>.prev.json``: starting another level never touches another game's progress.
Rotation writes the new autosave first and only then keeps the old one as the previous one, so a
kill at any moment leaves a current autosave; an old autosave that does not read or replay is kept
aside as ``.damaged`` and never becomes the previous one. Files are read through the one defensive
reader (``game.files``) and checked by a strict pydantic model, written by the one atomic write.
Files live in ``game.files.folders.saves_dir()``.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.content.decisions import DecisionFormatError, DecisionRecord, record_of
from game.engine import TurnDecision
from game.files import folders
from game.files.atomic import remove_stale_temporaries, write_atomically
from game.files.reader import (
    FileProblem,
    keep_aside,
    problem_from_validation,
    read_bytes,
    read_json,
)
from game.i18n import _
from game.session.slot_names import clean_slot_name, slot_name_problem

if TYPE_CHECKING:
    from game.content.levels import Level
    from game.session.levels import LevelTable
    from game.session.playthrough import Playthrough

__all__ = [
    "FORMAT_VERSION",
    "SaveError",
    "SaveData",
    "SaveInfo",
    "saves_dir",
    "new_game_id",
    "write_save",
    "read_save",
    "save",
    "load",
    "autosave",
    "autosave_path",
    "previous_autosave_path",
    "previous_of",
    "load_autosave",
    "latest_autosave",
    "save_slot",
    "save_level",
    "slot_path",
    "list_saves",
    "delete_save",
]

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
DATA_DIR_ENV = "VIRTUOUS_CIRCLE_DATA_DIR"
AUTOSAVE_PREFIX = "autosave-"
PREVIOUS = ".prev"
SLOT_PREFIX = "slot-"
#: Autosaves of the game before every game kept its own; adopted as one game at the first start.
LEGACY_AUTOSAVES = ("autosave.json", "autosave.prev.json")
LEGACY_GAME_ID = "legacy"
#: A save of a 20-turn level is a few kilobytes; anything far larger is not ours.
MAX_SAVE_BYTES = 2_000_000
MAX_SEED = 2**63 - 1
MAX_TURNS = 200
_GAME_ID = re.compile(r"^[a-z0-9]{1,32}$")

#: The bytes this process last wrote to each autosave: those need no replay to be trusted.
_written: dict[Path, bytes] = {}
_prepared: set[Path] = set()


class SaveError(Exception):
    """A save could not be written or read. ``str(error)`` is a message for players."""

    def __init__(self, message: str, path: Path | None = None, detail: str = ""):
        super().__init__(message)
        self.path = path
        self.detail = detail


@dataclass
class SaveData:
    """Everything a save holds. ``level`` is a level id and ``level_hash`` its fingerprint
    (None in saves written before it); ``level_file`` is only read, from saves that named a
    level outside the shipped ones by its path (never written, never opened);
    ``game_id`` names the game's autosave."""

    level: str
    seed: int
    decisions: list[TurnDecision]
    draft: TurnDecision
    level_hash: str | None = None
    level_file: str | None = None
    events_on: bool | None = None  # None: as the level says (saves from before the switch)
    saved_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    format_version: int = FORMAT_VERSION
    game_id: str = ""
    #: Whether each "predict, then reveal" guess was right, in order (optional in files).
    predictions: list[bool] = field(default_factory=list)
    #: The session pack the game was started from (game.session.packs), as plain data.
    session_pack: dict[str, Any] | None = None

    @property
    def turn(self) -> int:
        """The 1-based turn the player was deciding when this was saved."""
        return len(self.decisions) + 1


@dataclass(frozen=True)
class SaveInfo:
    """One entry of the load menu. ``error`` is set (and the rest may be empty) for a damaged
    file, so that the menu can show it as damaged instead of hiding it. ``kind`` is
    "autosave", "previous" (a game whose autosave is gone) or "slot"; ``turns`` is the level's
    length (0 when the level cannot be opened)."""

    name: str
    path: Path
    level: str = ""
    turn: int = 0
    saved_at: datetime | None = None
    error: str = ""
    kind: str = "slot"
    game_id: str = ""
    turns: int = 0

    @property
    def finished(self) -> bool:
        return self.turns > 0 and self.turn > self.turns


class _SaveFile(BaseModel):
    """The file format, checked strictly; decisions are checked by the stored-decision model."""

    model_config = ConfigDict(extra="forbid", strict=True)

    format_version: int
    level: str = Field(pattern=r"^[a-z][a-z0-9_]{0,47}$")
    seed: int = Field(ge=0, le=MAX_SEED)
    saved_at: str = Field(default="", max_length=64)
    decisions: list[dict[str, Any]] = Field(max_length=MAX_TURNS)
    draft: dict[str, Any]
    level_hash: str | None = Field(default=None, pattern=r"^sha256:[0-9a-f]{64}$")
    #: older saves only: the path of a level outside the game's own (read, never opened)
    level_file: str | None = Field(default=None, max_length=4096, pattern=r"(?i)\.ya?ml$")
    events_on: bool | None = None
    game_id: str | None = Field(default=None, pattern=_GAME_ID.pattern)
    predictions: list[bool] = Field(default_factory=list, max_length=MAX_TURNS)
    session_pack: dict[str, Any] | None = None  # checked by game.session.packs when loaded


# --- folders and names -------------------------------------------------------------------------


def saves_dir() -> Path:
    """The folder for saves, created if needed; at the first use in a process, temporary files
    a killed write left behind are removed and old-style autosaves adopted."""
    folder = folders.ensure(folders.saves_dir())
    if folder not in _prepared:
        _prepared.add(folder)
        remove_stale_temporaries(folder)
        _adopt_legacy_autosaves(folder)
    return folder


def _adopt_legacy_autosaves(folder: Path) -> None:
    for old, new in zip(LEGACY_AUTOSAVES, (autosave_path(LEGACY_GAME_ID, folder),
                                           previous_autosave_path(LEGACY_GAME_ID, folder)), strict=True):
        try:
            if (folder / old).is_file() and not new.exists():
                os.replace(folder / old, new)
        except OSError:
            log.warning("could not adopt the old autosave %s", folder / old)


def new_game_id() -> str:
    return secrets.token_hex(6)


def autosave_path(game_id: str, folder: Path | None = None) -> Path:
    return (folder or saves_dir()) / f"{AUTOSAVE_PREFIX}{_checked_id(game_id)}.json"


def previous_autosave_path(game_id: str, folder: Path | None = None) -> Path:
    return (folder or saves_dir()) / f"{AUTOSAVE_PREFIX}{_checked_id(game_id)}{PREVIOUS}.json"


def _checked_id(game_id: str) -> str:
    if not _GAME_ID.match(game_id):
        raise ValueError(f"not a game id: {game_id!r}")
    return game_id


def _autosave_id(path: Path) -> tuple[str, bool] | None:
    """(game id, is the previous one) for an autosave file name, else None."""
    name = Path(path).name
    if not name.startswith(AUTOSAVE_PREFIX) or not name.endswith(".json"):
        return None
    stem = name[len(AUTOSAVE_PREFIX):-len(".json")]
    previous = stem.endswith(PREVIOUS)
    game_id = stem.removesuffix(PREVIOUS)
    return (game_id, previous) if _GAME_ID.match(game_id) else None


def previous_of(path: Path) -> Path | None:
    """The previous autosave of the game whose current autosave is ``path`` (None for others)."""
    found = _autosave_id(path)
    if found is None or found[1]:
        return None
    return previous_autosave_path(found[0], Path(path).parent)


def slot_path(slot: str) -> Path:
    """The file of a manual save slot; any letters, no control characters or reserved names."""
    name = clean_slot_name(slot)
    problem = slot_name_problem(name)
    if problem:
        raise SaveError(problem)
    return saves_dir() / f"{SLOT_PREFIX}{name}.json"


# --- writing -------------------------------------------------------------------------------------


def to_json(data: SaveData) -> dict[str, Any]:
    out: dict[str, Any] = {
        "format_version": data.format_version,
        "level": data.level,
        "seed": data.seed,
        "saved_at": data.saved_at,
        "decisions": [record_of(d) for d in data.decisions],
        "draft": record_of(data.draft),
    }
    if data.level_hash:
        out["level_hash"] = data.level_hash
    if data.events_on is not None:
        out["events_on"] = data.events_on
    if data.game_id:
        out["game_id"] = data.game_id
    if data.predictions:
        out["predictions"] = list(data.predictions)
    if data.session_pack:
        out["session_pack"] = dict(data.session_pack)
    return out


def _encode(data: SaveData) -> bytes:
    import json

    return json.dumps(to_json(data), indent=1, ensure_ascii=False, allow_nan=False).encode("utf-8")


def write_save(path: Path, data: SaveData) -> None:
    """Write atomically (temporary file, fsync, rename); SaveError with the reason on failure."""
    _write_bytes(Path(path), _encode(data))


def _write_bytes(path: Path, payload: bytes) -> None:
    try:
        write_atomically(path, payload)
    except FileProblem as problem:
        raise SaveError(_("The game could not be saved to {path}: {reason}").format(
            path=path, reason=problem.reason), path) from problem


# --- reading -------------------------------------------------------------------------------------


def read_save(path: Path) -> SaveData:
    """Read and check a save; a damaged, truncated or foreign file raises SaveError."""
    path = Path(path)
    try:
        doc = read_json(path, max_bytes=MAX_SAVE_BYTES)
    except FileProblem as problem:
        if problem.missing:
            raise SaveError(_("There is no save at {path}.").format(path=path), path) from problem
        raise _damaged(path, problem.reason) from problem
    return from_json(doc, path)


def from_json(doc: Any, path: Path) -> SaveData:
    version = doc.get("format_version") if isinstance(doc, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise SaveError(
            _("{save} was made by a newer version of the game (format {version}); "
              "update the game to load it.").format(save=save_name(path), version=version),
            path,
        )
    try:
        model = _SaveFile.model_validate(_migrate(doc), strict=True)
    except ValidationError as error:
        raise _damaged(path, problem_from_validation(path, error).reason) from error
    if model.format_version < 1:
        raise _damaged(path, _("the field '{field}' is out of range.").format(field="format_version"))
    try:
        log_ = [DecisionRecord.parse(d, f"decisions[{i}]") for i, d in enumerate(model.decisions)]
        draft = DecisionRecord.parse(model.draft, "draft")
    except DecisionFormatError as error:
        raise _damaged(path, f"{error}.") from error
    return SaveData(level=model.level, seed=model.seed, decisions=log_, draft=draft,
                    level_hash=model.level_hash, level_file=model.level_file,
                    events_on=model.events_on, saved_at=model.saved_at,
                    format_version=FORMAT_VERSION, game_id=model.game_id or "",
                    predictions=list(model.predictions), session_pack=model.session_pack)


def _migrate(doc: Any) -> Any:
    """Bring an older save up to FORMAT_VERSION (there are none older than 1 yet)."""
    return doc


def _damaged(path: Path, reason: str) -> SaveError:
    return SaveError(
        _("{save} is damaged or incomplete and cannot be loaded: {reason}").format(
            save=save_name(path), reason=reason),
        path,
        reason,
    )


def save_name(path: Path) -> str:
    """How messages name a save file: players never see autosave file names or game ids."""
    found = _autosave_id(path)
    if found is not None:
        return _("The previous autosave of this game") if found[1] else _("The autosave of this game")
    name = Path(path).name
    if name.startswith(SLOT_PREFIX) and name.endswith(".json"):
        return _("The save “{name}”").format(name=name[len(SLOT_PREFIX):-len(".json")])
    return _("The save {name}").format(name=name)


# --- the level of a save ------------------------------------------------------------------------


def save_level(data: SaveData, levels: LevelTable | None = None,
               source: Path | None = None) -> tuple[Level, bool]:
    """(level, changed): the level a save was played on, found by id and fingerprint among the
    game's levels and ``levels``; ``changed`` when only the id matches (the level has been
    changed since, by an update of the game: the decisions are replayed on it as it is now).

    A path stored in an older save is never opened: such a save needs its level file named.
    Raises SaveError, for players, when no level fits; the save itself is left as it is.
    """
    from game.session.levels import LevelTable

    levels = levels or LevelTable()
    where = save_name(source) if source else _("The save")
    if data.level_file and not data.level_hash:  # an older save of a level from a file
        level = levels.named(data.level)
        if level is None:
            raise SaveError(_(
                "{save} is for the level '{level}' from the level file {file}, which is not one "
                "of the game's levels, and the game never opens a level from a path written in a "
                "save. The save is kept as it is; it loads where that level file is named "
                "(compare --level {file}).").format(
                save=where, level=data.level, file=Path(data.level_file).name), source)
        return level, False
    if data.level_hash:
        level = levels.find(data.level, data.level_hash)
        if level is not None:
            return level, False
    level = levels.get(data.level)
    if level is None:
        raise SaveError(_(
            "{save} is for the level '{level}', which is not one of the game's levels. The save "
            "is kept as it is; if it is your own level, it loads where its level file is named "
            "(compare --level).").format(save=where, level=data.level), source)
    return level, bool(data.level_hash)


# --- playthroughs --------------------------------------------------------------------------------


def save(playthrough: Playthrough, path: Path) -> None:
    write_save(Path(path), playthrough.save_data())


def load(path: Path, levels: LevelTable | None = None) -> Playthrough:
    """Load a save and replay it; SaveError (a message for players) when it cannot be used.

    The level is the one of the save's id and fingerprint among the game's levels and those
    of ``levels`` (level files the caller names). An autosave continues its game; a named save
    starts a game of its own, so playing on from it never overwrites the autosave of the game
    it was saved from.
    """
    from game.session.playthrough import Playthrough

    path = Path(path)
    data = read_save(path)
    if _autosave_id(path) is None:
        data.game_id = ""
    try:
        return Playthrough.from_save_data(data, source=path, levels=levels)
    except SaveError:
        raise
    except (ValueError, KeyError, IndexError, ArithmeticError) as error:
        # the engine refuses the replay (an unknown pilot, say): the file is at fault. Other
        # errors are the game's own bugs and propagate, so a good file is never set aside for them.
        log.info("save %s does not replay", path, exc_info=True)
        broken = _first_broken_rule(data, levels)
        if broken is not None:
            turn, field, problem = broken
            raise SaveError(
                _("{save} cannot be replayed: turn {turn} breaks the level's rules ({field}: "
                  "{problem}).").format(save=save_name(path), turn=turn, field=field,
                                        problem=problem), path) from error
        raise SaveError(
            _("{save} cannot be replayed: its decisions do not fit the level.").format(
                save=save_name(path)), path) from error


def _first_broken_rule(data: SaveData, levels: LevelTable | None) -> tuple[int, str, str] | None:
    """(turn, field, what) of the first decision the level's rules refuse, to say why a save
    does not replay (an unknown pilot zone, a locked lever); None if none is found."""
    try:
        rules = save_level(data, levels)[0].rules
        for turn, decision in enumerate(data.decisions, start=1):
            problems = rules.violations(decision, turn)
            if problems:
                first = problems[0]
                return turn, ".".join(str(part) for part in first.path), first.message
    except Exception:  # only an explanation: the load has failed already
        log.info("no rule found to explain the failed replay", exc_info=True)
    return None


def autosave(playthrough: Playthrough) -> Path:
    """Write this game's autosave, keeping the last good one as its previous autosave."""
    data = playthrough.save_data()
    if not data.game_id:
        raise ValueError("a playthrough to autosave needs a game id")
    current, previous = autosave_path(data.game_id), previous_autosave_path(data.game_id)
    old = _good_autosave_bytes(current, playthrough.level)
    payload = _encode(data)
    _write_bytes(current, payload)  # the new autosave first ...
    _written[current] = payload
    if old is not None and old != payload:
        try:  # ... and only then the old one becomes the previous one
            write_atomically(previous, old)
        except FileProblem as problem:
            log.warning("could not keep the previous autosave: %s", problem)
    return current


def _good_autosave_bytes(path: Path, level: Level) -> bytes | None:
    """The bytes of the autosave at ``path`` if it reads and replays (on ``level``, the game's
    own, which may come from a level file); a bad one is kept aside."""
    from game.session.levels import LevelTable

    try:
        raw = read_bytes(path, max_bytes=MAX_SAVE_BYTES)
    except FileProblem as problem:
        if not problem.missing:
            keep_aside(path)
        return None
    if _written.get(path) == raw:
        return raw
    try:
        load(path, LevelTable(levels=[level]))
    except SaveError as error:
        log.warning("autosave %s is not usable, kept aside: %s", path, error)
        keep_aside(path)
        return None
    return raw


def load_autosave(game_id: str, previous: bool = False,
                  levels: LevelTable | None = None) -> Playthrough:
    return load(previous_autosave_path(game_id) if previous else autosave_path(game_id), levels)


def save_slot(playthrough: Playthrough, slot: str) -> Path:
    path = slot_path(slot)
    save(playthrough, path)
    return path


# --- the load menu -------------------------------------------------------------------------------


def list_saves() -> list[SaveInfo]:
    """Each game's autosave (or its previous one when the autosave is gone) and every named
    save, newest first; damaged files are listed with an error."""
    folder = saves_dir()
    entries: list[tuple[Path, str, str]] = []
    for path in sorted(folder.glob(f"{AUTOSAVE_PREFIX}*.json")):
        found = _autosave_id(path)
        if found is None:
            continue
        game_id, is_previous = found
        if not is_previous:
            entries.append((path, "autosave", game_id))
        elif not autosave_path(game_id, folder).exists():
            entries.append((path, "previous", game_id))
    entries += [(path, "slot", "") for path in sorted(folder.glob(f"{SLOT_PREFIX}*.json"))]
    infos = [_info(path, kind, game_id) for path, kind, game_id in entries if path.is_file()]
    oldest = datetime.min.replace(tzinfo=UTC)
    # saved_at has whole seconds: within one second, the file written last comes first
    infos.sort(key=lambda info: (info.saved_at or oldest, _mtime_ns(info.path), info.name), reverse=True)
    return infos


def _info(path: Path, kind: str, game_id: str) -> SaveInfo:
    name = {"autosave": "autosave", "previous": "autosave.prev"}.get(
        kind, path.stem.removeprefix(SLOT_PREFIX))
    try:
        data = read_save(path)
    except SaveError as error:
        return SaveInfo(name=name, path=path, error=str(error), kind=kind, game_id=game_id,
                        saved_at=_mtime(path))
    return SaveInfo(name=name, path=path, level=data.level, turn=data.turn,
                    saved_at=_parse_time(data.saved_at) or _mtime(path), kind=kind, game_id=game_id,
                    turns=_level_turns(data))


def latest_autosave() -> SaveInfo | None:
    """What the title's Continue opens: the newest game still in progress (a damaged autosave
    counts, so that its previous one can be offered), else the newest game."""
    games = [info for info in list_saves() if info.kind != "slot"]
    for info in games:
        if info.error or not info.finished:
            return info
    return games[0] if games else None


def delete_save(info: SaveInfo) -> None:
    """Delete a named save, or a game's autosave together with its previous one."""
    info.path.unlink(missing_ok=True)
    if info.kind == "autosave":
        previous = previous_of(info.path)
        if previous is not None:
            previous.unlink(missing_ok=True)


_turns_cache: dict[tuple[str, str | None, str | None], int] = {}


def _level_turns(data: SaveData) -> int:
    key = (data.level, data.level_hash, data.level_file)
    if key not in _turns_cache:
        try:
            _turns_cache[key] = save_level(data)[0].scenario.turns
        except Exception:  # the level is gone or broken: the menu shows the save without its length
            _turns_cache[key] = 0
    return _turns_cache[key]


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _mtime_ns(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return None
