"""The player's folders: one platformdirs convention on every OS, each with an override.

``platformdirs.user_data_dir("virtuous-circle", appauthor=False)`` and friends: on Windows
``%LOCALAPPDATA%\\virtuous-circle``, on macOS ``~/Library/Application Support/virtuous-circle``,
on Linux the XDG folders. Each folder can be moved with an environment variable (the tests and
the bench use them): ``VIRTUOUS_CIRCLE_DATA_DIR``, ``..._CONFIG_DIR``, ``..._STATE_DIR``,
``..._CACHE_DIR``, ``..._LOG_DIR``. Nothing is created until :func:`ensure` is called.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["APP_NAME", "data_dir", "config_dir", "state_dir", "cache_dir", "log_dir", "saves_dir",
           "ensure", "legacy_file"]

APP_NAME = "virtuous-circle"


def _folder(kind: str, default: str) -> Path:
    override = os.environ.get(f"VIRTUOUS_CIRCLE_{kind}_DIR")
    return Path(override) if override else Path(default)


def data_dir() -> Path:
    """Saves and progress."""
    return _folder("DATA", platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """settings.json."""
    return _folder("CONFIG", platformdirs.user_config_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    return _folder("STATE", platformdirs.user_state_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return _folder("CACHE", platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """crash.log of the command line."""
    return _folder("LOG", platformdirs.user_log_dir(APP_NAME, appauthor=False))


def saves_dir() -> Path:
    return data_dir() / "saves"


def ensure(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if needed; returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def legacy_file(new: Path, kind: str) -> Path:
    """Where an older version kept ``new`` if it is not there yet, else ``new`` itself.

    Settings and progress used ``user_*_dir(APP_NAME)``, whose author folder makes a second
    ``virtuous-circle`` level on Windows; read them from there once, write them here.
    """
    if new.exists() or os.environ.get(f"VIRTUOUS_CIRCLE_{kind.upper()}_DIR"):
        return new
    finder = {"data": platformdirs.user_data_dir, "config": platformdirs.user_config_dir}[kind]
    old = Path(finder(APP_NAME)) / new.name
    return old if old.is_file() else new
