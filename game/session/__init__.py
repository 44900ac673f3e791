"""One playthrough: decision log, undo, save/load, replay, scoring, result files.

The common names are exported lazily so that importing a light module such as
``game.session.names`` does not load the engine and the level loader.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Playthrough", "DecisionError", "Score", "TurnReport", "SaveError"]

_HOMES = {
    "Playthrough": "game.session.playthrough",
    "DecisionError": "game.session.playthrough",
    "Score": "game.session.playthrough",
    "TurnReport": "game.session.report",
    "SaveError": "game.session.saves",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'game.session' has no attribute '{name}'")
    return getattr(import_module(home), name)
