"""Session packs: one small file that puts a whole class on the same level, seed and events.

    virtuous-circle session new --level easy_money --seed 1127 --out class.vcs
    virtuous-circle --session class.vcs          # each student
    virtuous-circle class-report --session class.vcs handed-in/

A pack names the level by id and fingerprint (``game.session.fingerprint``), so a
pack made for one version of a level refuses to start another. Result files
record the pack (``{"id", "hash"}``) and the class report checks every file
against it. The file is JSON, checked by a strict pydantic model on reading.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from game.i18n import _
from game.session.fingerprint import level_fingerprint

__all__ = ["SessionPack", "PackError", "new_pack", "read_pack", "write_pack", "start", "PACK_SUFFIX"]

PACK_SUFFIX = ".vcs"
MAX_PACK_BYTES = 4096
#: Nine digits, as the seed box of the briefing screen takes.
MAX_PACK_SEED = 999_999_999


class PackError(Exception):
    """A pack cannot be made, read or used; ``str(error)`` is a message for players."""


class SessionPack(BaseModel):
    """What every student of a session shares."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    format: Literal["virtuous-circle-session"] = "virtuous-circle-session"
    format_version: Literal[1] = 1
    level: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")
    level_hash: str = Field(pattern=r"^sha256:[0-9a-f]{64}$")
    seed: int = Field(ge=0, le=MAX_PACK_SEED)
    events_on: bool
    forecast: bool = True
    lang: Literal["en", "zh_CN"] | None = None

    @property
    def id(self) -> str:
        """A short name for the pack, the same for everyone who has the same file."""
        return self.fingerprint().split(":", 1)[1][:12]

    def fingerprint(self) -> str:
        text = json.dumps(self.model_dump(), sort_keys=True, separators=(",", ":"))
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_pack(level, seed: int, events_on: bool | None = None, forecast: bool = True,
             lang: str | None = None) -> SessionPack:
    """A pack for a loaded level; events default to the level's own rule."""
    if events_on and not level.events:
        raise PackError(_("The level '{level}' has no events to switch on.").format(level=level.id))
    if events_on is False and level.events and not level.optional_events:
        raise PackError(_("The level '{level}' is played with its events; they cannot be switched "
                          "off for a class.").format(level=level.id))
    events = level.events_on if events_on is None else events_on
    return SessionPack(level=level.id, level_hash=level_fingerprint(level), seed=seed,
                       events_on=events, forecast=forecast, lang=lang)


def write_pack(pack: SessionPack, path: Path) -> None:
    from game.files.atomic import write_atomically
    from game.files.reader import FileProblem

    text = json.dumps(pack.model_dump(), indent=1, ensure_ascii=False) + "\n"
    try:
        write_atomically(path, text)
    except FileProblem as problem:
        raise PackError(str(problem)) from problem


def read_pack(path: Path) -> SessionPack:
    from game.files.reader import FileProblem, read_model

    try:
        return read_model(path, SessionPack, max_bytes=MAX_PACK_BYTES, max_depth=3)
    except FileProblem as problem:
        raise PackError(_("{file} is not a session pack: {reason}").format(
            file=Path(path).name, reason=problem.reason)) from problem


def pack_level(pack: SessionPack, level_files: tuple[str | Path, ...] = ()):
    """The level a pack names: shipped (or a file the teacher names), with the same fingerprint."""
    from game.session.verify import LevelTable

    level = LevelTable(level_files).get(pack.level)
    if level is None:
        raise PackError(_("The session pack is for the level '{level}', which this copy of the "
                          "game does not have.").format(level=pack.level))
    if level_fingerprint(level) != pack.level_hash:
        raise PackError(_("The session pack was made for another version of the level '{level}' "
                          "(its numbers or objectives differ); ask for a new pack.").format(
            level=pack.level))
    return level


def start(pack: SessionPack, level_files: tuple[str | Path, ...] = ()):
    """A new Playthrough on the pack's level, seed and events, recording the pack."""
    from game.session.playthrough import Playthrough

    play = Playthrough.new(pack_level(pack, level_files), pack.seed, pack.events_on)
    play.pack = pack
    return play
