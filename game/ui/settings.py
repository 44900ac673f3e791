"""The player's settings and progress, persisted as JSON in the platform's user folders.

Settings live in the user config dir (``VIRTUOUS_CIRCLE_CONFIG_DIR`` overrides it); progress
(best stars per level), saves and the error log live in the user data dir
(``VIRTUOUS_CIRCLE_DATA_DIR`` overrides it, as it does for ``game.session.saves``). A missing or damaged file never stops the game:
the defaults are used and the problem is logged.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

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

APP_NAME = "virtuous-circle"
SETTINGS_FILE = "settings.json"
PROGRESS_FILE = "progress.json"
MIN_SCALE, MAX_SCALE = 1.0, 2.0
#: The steps the settings screen offers.
UI_SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)


def config_dir() -> Path:
    override = os.environ.get("VIRTUOUS_CIRCLE_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def data_dir() -> Path:
    override = os.environ.get("VIRTUOUS_CIRCLE_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME))


def write_json_atomically(path: Path, payload: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(payload, handle, ensure_ascii=False, indent=2)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_json(path: Path) -> dict | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("cannot read %s: %s", path, error)
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        log.warning("%s line %d: not valid JSON (%s); using defaults", path, error.lineno, error.msg)
        return None
    if not isinstance(data, dict):
        log.warning("%s: expected a JSON object; using defaults", path)
        return None
    return data


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
        path = path or config_dir() / SETTINGS_FILE
        data = _read_json(path)
        if data is None:
            return cls(language=system_language())
        settings = cls(saved_before=True)
        for item in fields(cls):
            if item.name == "saved_before" or item.name not in data:
                continue
            settings._set_checked(item.name, data[item.name], path)
        return settings

    def _set_checked(self, name: str, value: object, path: Path) -> None:
        """Accept a value only if it has the right type and range; log and keep the default otherwise."""
        if name == "language":
            if isinstance(value, str) and normalise(value) in LANGUAGES:
                self.language = normalise(value)
                return
        elif name == "ui_scale":
            if isinstance(value, int | float) and not isinstance(value, bool):
                self.ui_scale = min(MAX_SCALE, max(MIN_SCALE, float(value)))
                return
        elif isinstance(value, bool):
            setattr(self, name, value)
            return
        log.warning("%s: field %r has an unusable value %r; using the default", path, name, value)

    def save(self, path: Path | None = None) -> None:
        path = path or config_dir() / SETTINGS_FILE
        payload = {k: v for k, v in asdict(self).items() if k != "saved_before"}
        try:
            write_json_atomically(path, payload)
            self.saved_before = True
        except OSError as error:
            log.warning("cannot write settings to %s: %s", path, error)


class BestStars:
    """The best star rating reached on each level, kept across sessions."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / PROGRESS_FILE
        data = _read_json(self.path) or {}
        raw = data.get("best_stars", {})
        self._stars: dict[str, int] = {}
        if isinstance(raw, dict):
            for level_id, stars in raw.items():
                if isinstance(stars, int) and not isinstance(stars, bool) and 0 <= stars <= 3:
                    self._stars[str(level_id)] = stars

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
        except OSError as error:
            log.warning("cannot write progress to %s: %s", self.path, error)
        return True
