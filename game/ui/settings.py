"""The player's settings and progress, persisted as JSON in the player's folders.

Settings live in ``game.files.folders.config_dir()``, progress (best stars per level) in
``data_dir()`` (each with its ``VIRTUOUS_CIRCLE_*_DIR`` override). Both are read through the one
defensive reader and checked by strict pydantic models. A missing or damaged file never stops the
game: a file that cannot be read at all (not UTF-8, not JSON, nested too deeply, a huge number,
not a regular file) is kept aside as ``<name>.damaged`` and the defaults are used; a single bad
value falls back to its default and the rest is kept. Both are written by the one atomic write.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.files import folders
from game.files.atomic import remove_stale_temporaries, write_atomically
from game.files.reader import FileProblem, keep_aside, read_json
from game.i18n import LANGUAGES, normalise, system_language

__all__ = [
    "Settings",
    "BestStars",
    "config_dir",
    "data_dir",
    "UI_SCALES",
    "MIN_SCALE",
    "MAX_SCALE",
]

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
PROGRESS_FILE = "progress.json"
MAX_SETTINGS_BYTES = 64_000
MAX_PROGRESS_BYTES = 256_000
MAX_LEVELS_IN_PROGRESS = 1000
MIN_SCALE, MAX_SCALE = 1.0, 2.0
#: The steps the settings screen offers.
UI_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)


def config_dir() -> Path:
    return folders.config_dir()


def data_dir() -> Path:
    return folders.data_dir()


def write_json_atomically(path: Path, payload: object) -> None:
    """Raises FileProblem (never a bare OSError) when the file cannot be written."""
    write_atomically(path, json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False))


def _read_json(path: Path, max_bytes: int) -> dict | None:
    """The file's top-level object, or None (defaults) when it is missing or unusable; an
    unusable file is kept aside so that it is neither lost nor read again at every start."""
    remove_stale_temporaries(path.parent)  # left by a write a kill interrupted
    try:
        data = read_json(path, max_bytes=max_bytes)
    except FileProblem as problem:
        if not problem.missing:
            aside = keep_aside(path)
            log.warning("%s; using defaults (the file was kept as %s)", problem, aside)
        return None
    if not isinstance(data, dict):
        aside = keep_aside(path)
        log.warning("%s: expected a JSON object; using defaults (kept as %s)", path, aside)
        return None
    return data


class _SettingsFile(BaseModel):
    """settings.json; unknown keys are ignored (a newer version may have added some)."""

    model_config = ConfigDict(extra="ignore", strict=True)

    language: Annotated[str, Field(max_length=32)] | None = None
    ui_scale: float | None = None
    fullscreen: bool | None = None
    colour_blind: bool | None = None
    forecast: bool | None = None


def _valid_fields(model: type[BaseModel], data: dict[str, Any], path: Path) -> BaseModel:
    """Validate strictly; a field with a bad value is dropped (it keeps its default), the rest kept."""
    data = dict(data)
    for _attempt in range(len(model.model_fields) + 1):
        try:
            return model.model_validate(data, strict=True)
        except ValidationError as error:
            bad = {str(e["loc"][0]) for e in error.errors(include_input=False) if e["loc"]}
            log.warning("%s: unusable value for %s; using the default", path, ", ".join(sorted(bad)))
            for key in bad:
                data.pop(key, None)
    return model()


@dataclass
class Settings:
    language: str = "en"
    ui_scale: float = 1.0
    fullscreen: bool = False
    colour_blind: bool = False
    forecast: bool = True
    #: True once the file exists: a first run follows the system locale instead.
    saved_before: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or folders.legacy_file(config_dir() / SETTINGS_FILE, "config")
        data = _read_json(path, MAX_SETTINGS_BYTES)
        if data is None:
            return cls(language=system_language())
        stored = _valid_fields(_SettingsFile, data, path)
        settings = cls(saved_before=True)
        for item in fields(cls):
            value = getattr(stored, item.name, None)
            if value is not None and item.name != "language":
                setattr(settings, item.name, value)
        if stored.language is not None and normalise(stored.language) in LANGUAGES:
            settings.language = normalise(stored.language)
        settings.ui_scale = min(MAX_SCALE, max(MIN_SCALE, float(settings.ui_scale)))
        return settings

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / SETTINGS_FILE
        payload = {k: v for k, v in asdict(self).items() if k != "saved_before"}
        try:
            write_json_atomically(path, payload)
            self.saved_before = True
        except FileProblem as problem:
            log.warning("cannot write settings: %s", problem)


_LEVEL_ID = TypeAdapter(Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,47}$")], config=ConfigDict(strict=True))
_STARS = TypeAdapter(Annotated[int, Field(ge=0, le=3)], config=ConfigDict(strict=True))


class BestStars:
    """The best star rating reached on each level, kept across sessions."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / PROGRESS_FILE
        source = self.path if path else folders.legacy_file(self.path, "data")
        data = _read_json(source, MAX_PROGRESS_BYTES) or {}
        raw = data.get("best_stars", {})
        self._stars: dict[str, int] = {}
        if not isinstance(raw, dict):
            log.warning("%s: best_stars is not a mapping; starting afresh", self.path)
            return
        for level_id, stars in list(raw.items())[:MAX_LEVELS_IN_PROGRESS]:
            try:
                self._stars[_LEVEL_ID.validate_python(level_id)] = _STARS.validate_python(stars)
            except ValidationError:
                log.warning("%s: unusable best stars for one level; left out", self.path)

    def get(self, level_id: str) -> int:
        return self._stars.get(level_id, 0)

    def record(self, level_id: str, stars: int) -> bool:
        """Remember ``stars`` if it beats the best so far; returns True if it did."""
        stars = max(0, min(3, int(stars)))
        if stars <= self.get(level_id):
            return False
        self._stars[level_id] = stars
        try:
            write_json_atomically(self.path, {"best_stars": self._stars})
        except FileProblem as problem:
            log.warning("cannot write progress: %s", problem)
        return True
