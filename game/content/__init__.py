"""Level files, plan files and model parameters → typed, validated objects; the validator; bots.

Every loader raises `ContentError` carrying every problem found, each with
file, line, column, field path and a hint; no traceback reaches a user.
"""

from game.content.errors import ContentError, Problem
from game.content.levels import Level, level_by_id, load_level, shipped_levels
from game.content.objectives import Evaluation, evaluate
from game.content.plan import PlanError, load_plan

__all__ = [
    "ContentError", "Problem", "Level", "load_level", "level_by_id", "shipped_levels",
    "Evaluation", "evaluate", "PlanError", "load_plan",
]
