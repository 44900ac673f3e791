"""Bounds on the model parameters a level may override (param_bounds.yaml), beyond the engine's
PARAM_RANGES: per-parameter ranges and parameters that must rise in a given order."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

__all__ = ["parameter_bounds", "parameter_order"]

_FILE = Path(__file__).with_name("param_bounds.yaml")


@cache
def _table() -> dict:
    return yaml.safe_load(_FILE.read_text(encoding="utf-8")) or {}


def parameter_bounds() -> dict[str, tuple[float, float]]:
    return {name: (float(low), float(high)) for name, (low, high) in _table().get("bounds", {}).items()}


def parameter_order() -> list[tuple[str, ...]]:
    return [tuple(names) for names in _table().get("order", [])]
