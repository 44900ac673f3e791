"""Plan files: merging, the budget rule, lever availability, locks, and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.levels import load_level
from game.content.plan import PlanError, load_plan, load_plan_text

MINIMAL = Path(__file__).parent / "minimal_level.yaml"


@pytest.fixture(scope="module")
def level():
    return load_level(MINIMAL)  # 5 turns; finance unlocks at turn 2


def _problems(text, level, tmp_path, name="plan.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        load_plan(path, level)
    return path, caught.value.problems


def test_default_and_turn_overrides_merge_onto_the_turn_before(level):
    text = (
        "default:\n"
        "  research: {basic: 0.2, applied: 0.1}\n"
        "  credit_guidance: 0.5\n"
        "turns:\n"
        "  3: {research: {basic: 0.05}, finance: {risk_sharing: 0.1}}\n"
        "  4: {credit_guidance: 0.9}\n"
    )
    plan = load_plan_text(text, level)
    assert len(plan) == level.turns
    assert plan[0].shares["basic"] == 0.2 and plan[1].shares["basic"] == 0.2
    assert plan[2].shares["basic"] == 0.05 and plan[2].shares["applied"] == 0.1  # merged
    assert plan[4].shares["basic"] == 0.05 and plan[4].shares["risk_sharing"] == 0.1  # carried on
    assert [d.credit_guidance for d in plan] == [0.5, 0.5, 0.5, 0.9, 0.9]
    # A dial the plan leaves out keeps the level's status quo.
    assert plan[0].focus == pytest.approx(level.baseline.focus)


def test_locked_levers_keep_the_status_quo_until_they_unlock(level):
    plan = load_plan_text("default:\n  finance: {guidance_fund: 0.2}\n", level)
    assert plan[0].shares["guidance_fund"] == level.baseline.shares["guidance_fund"]
    assert plan[1].shares["guidance_fund"] == 0.2


def test_event_choices_are_numbered_from_one(level):
    plan = load_plan_text("default:\n  choices: {offer: 2}\n", level)
    assert plan[0].choices == {"offer": 1}


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("default:\n  research: {basic: [0.2\n", 3, "", "not valid YAML"),
        ("default:\n  research: {basic: 0.6, applied: 0.6}\n", 2, "default",
         "add up to 1.200, more than 1"),
        ("turns:\n  2:\n    research: {basic: 0.6}\n    talent: {skills: 0.5}\n", 3, "turns.2",
         "more than 1"),
        ("default:\n  research: {basci: 0.1}\n", 2, "default.research.basci",
         "did you mean 'basic'?"),
        ("default:\n  credit_guidance: high\n", 2, "default.credit_guidance", "expected number"),
        ("default:\n  research: {basic: '0.2'}\n", 2, "default.research.basic", "expected number"),
        ("turns:\n  1: {finance: {risk_sharing: 0.1}}\n", 2, "turns.1.finance.risk_sharing",
         "locked until turn 2"),
        ("turns:\n  9: {research: {basic: 0.1}}\n", 2, "turns.9", "after the last turn (5)"),
        ("default:\n  pilots: [tech_transfer_reformm]\n", 2, "default.pilots[0]",
         "did you mean 'tech_transfer_reform'?"),
        ("default:\n  focus: {traditional: 0.9, emerging: 0.9}\n", 2, "default.focus",
         "add up to 1"),
        ("default:\n  choices: {offer: 3}\n", 2, "default.choices.offer", "has 2 choices"),
        ("default:\n  choices: {ofer: 1}\n", 2, "default.choices.ofer", "did you mean 'offer'?"),
        ("defualt:\n  research: {basic: 0.1}\n", 1, "defualt", "did you mean 'default'?"),
        ("- 1\n- 2\n", 1, "", "must be a mapping"),
    ],
)
def test_plan_errors_name_file_line_and_field(level, tmp_path, text, line, field, fragment):
    path, problems = _problems(text, level, tmp_path)
    matching = [p for p in problems if fragment in str(p)]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.file == str(path)
    assert problem.line == line
    assert problem.field == field


def test_a_lever_the_level_does_not_offer_is_an_error(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace("levers: all", "levers: [basic, applied, transfer]")
    text = text.replace("  2: [finance]\n", "  2: [credit_guidance]\n")
    level_file = tmp_path / "restricted.yaml"
    level_file.write_text(text, encoding="utf-8")
    restricted = load_level(level_file)
    assert restricted.levers == ("basic", "applied", "transfer")
    _, problems = _problems("default:\n  talent: {skills: 0.1}\n", restricted, tmp_path)
    assert any("not available in this level" in str(p) and p.field == "default.talent.skills"
               for p in problems)


def test_every_problem_of_a_plan_is_reported(level, tmp_path):
    text = "default:\n  research: {basci: 0.1}\n  credit_guidance: high\n"
    _, problems = _problems(text, level, tmp_path)
    assert {p.field for p in problems} == {"default.research.basci", "default.credit_guidance"}


def test_a_missing_plan_file_is_a_plan_error(level, tmp_path):
    with pytest.raises(PlanError, match="does not exist"):
        load_plan(tmp_path / "absent.yaml", level)


@pytest.mark.parametrize("level_id", ["tutorial", "easy_money"])
@pytest.mark.parametrize("bot", ["do_nothing", "balanced", "research_only", "credit_heavy"])
def test_written_plans_load_back_to_the_same_decisions(level_id, bot):
    from game.content.bots import FIXED_BOTS
    from game.content.levels import level_by_id
    from game.content.plan_writer import plan_yaml

    level = level_by_id(level_id)
    decisions = FIXED_BOTS[bot](level)
    loaded = load_plan_text(plan_yaml(level.id, decisions), level)
    assert len(loaded) == len(decisions)
    for wrote, read in zip(decisions, loaded, strict=True):
        assert read.shares == pytest.approx(dict(wrote.shares), abs=1e-4)
        assert read.credit_guidance == pytest.approx(wrote.credit_guidance, abs=1e-4)
        assert read.focus == pytest.approx(dict(wrote.focus), abs=1e-4)
        assert set(read.pilots) == set(wrote.pilots)


def test_restating_the_status_quo_of_a_lever_the_player_cannot_use_is_allowed(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace("levers: all", "levers: [basic, applied]")
    text = text.replace("  2: [finance]\n", "  2: [credit_guidance]\n")
    level_file = tmp_path / "restricted.yaml"
    level_file.write_text(text, encoding="utf-8")
    restricted = load_level(level_file)
    plan = load_plan_text("default:\n  research: {basic: 0.3, transfer: 0.05}\n"
                          "  talent: {education: 0.1}\n", restricted)
    assert plan[0].shares["transfer"] == 0.05 and plan[0].shares["education"] == 0.1
    with pytest.raises(PlanError, match="not available"):
        load_plan_text("default:\n  research: {transfer: 0.2}\n", restricted)


def test_a_total_a_rounding_error_above_one_is_scaled_to_one(level):
    plan = load_plan_text("default:\n  research: {basic: 0.5, applied: 0.5004}\n", level)
    assert sum(plan[0].shares.values()) == pytest.approx(1.0)
