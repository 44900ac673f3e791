"""The annotated examples in docs/levels.md are valid files (the documentation cannot rot)."""

from __future__ import annotations

import re
from pathlib import Path

from game.content.levels import load_level, load_pilot_catalogue
from game.content.plan import load_plan

DOC = Path(__file__).parent.parent.parent / "docs" / "levels.md"


def _yaml_blocks() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


def test_documented_level_pilots_and_plan_are_valid(tmp_path):
    level_text, pilots_text, plan_text = _yaml_blocks()
    level_file = tmp_path / "river_city.yaml"
    level_file.write_text(level_text, encoding="utf-8")
    level = load_level(level_file)
    assert level.id == "river_city"
    assert level.scenario.turns == 10
    catalogue = tmp_path / "catalogue" / "pilots.yaml"
    catalogue.parent.mkdir()
    catalogue.write_text(pilots_text, encoding="utf-8")
    assert list(load_pilot_catalogue(catalogue)) == ["tech_transfer_reform"]
    plan_file = tmp_path / "plan.yaml"
    # The documented plan uses every lever; River City unlocks some later, which `default` allows.
    plan_file.write_text(plan_text, encoding="utf-8")
    decisions = load_plan(plan_file, level)
    assert len(decisions) == level.turns
    assert decisions[4].shares["basic"] == 0.05
