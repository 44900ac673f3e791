"""The model's default parameters, read from params.yaml beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from game.engine.params import Params

__all__ = ["default_params", "PARAMS_FILE"]

PARAMS_FILE = "params.yaml"


@cache
def default_params() -> Params:
    text = resources.files("game.content").joinpath(PARAMS_FILE).read_text(encoding="utf-8")
    return Params.from_mapping(yaml.safe_load(text))
