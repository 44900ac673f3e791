"""sweep: outcome distribution, best found written as a plan that reloads, sensitivity per lever."""

import numpy as np
import pytest
import yaml

from game.cli import main
from game.content.bots import balanced
from game.content.levels import level_by_id
from game.content.plan import load_plan, load_plan_text
from game.content.plan_writer import plan_yaml
from game.content.sweep import run_sweep
from game.engine import Plan, simulate


def test_plan_writer_round_trips_through_the_plan_loader():
    level = level_by_id("tutorial")
    decisions = balanced(level)
    text = plan_yaml(level.id, decisions)
    again = load_plan_text(text, level)
    for mine, theirs in zip(decisions, again, strict=True):
        assert mine.shares == {k: round(v, 4) for k, v in theirs.shares.items()} or np.allclose(
            [mine.shares.get(k, 0) for k in theirs.shares], list(theirs.shares.values()), atol=1e-4)
        assert set(mine.pilots) == set(theirs.pilots)
    doc = yaml.safe_load(text)
    assert set(doc) >= {"format_version", "level", "default"}


def test_plan_writer_keeps_the_fund_life_and_each_roll_out_in_its_turn():
    from game.content.bots import roll_out_when_working
    from game.content.decisions import replace

    level = level_by_id("sandbox")
    decisions = [replace(d, fund_horizon=12.0 if turn > 5 else 6.0)
                 for turn, d in enumerate(balanced(level), start=1)]
    decisions = roll_out_when_working(level, decisions, decisions[0].pilots[:2])
    assert sum(bool(d.scale_up) for d in decisions) >= 1
    again = load_plan_text(plan_yaml(level.id, decisions), level)
    assert [d.scale_up for d in again] == [d.scale_up for d in decisions]
    assert [d.fund_horizon for d in again] == [d.fund_horizon for d in decisions]


def test_sweep_finds_a_strategy_at_least_as_good_as_the_status_quo():
    level = level_by_id("university_town")
    result = run_sweep(level, [level.baseline] * level.turns, samples=300, seed=1)
    assert result.score.shape == (300,)
    assert result.score[result.best] >= result.reference_score
    knobs = [row[0] for row in result.sensitivity]
    assert "transfer" in knobs
    assert any(abs(row[1]) + abs(row[2]) > 0 for row in result.sensitivity)


def test_sweep_command_writes_a_best_plan_that_replays_to_its_score(tmp_path, capsys):
    best = tmp_path / "best.yaml"
    table = tmp_path / "all.csv"
    code = main(["sweep", "--level", "sandbox", "--samples", "200", "--seed", "3",
                 "--best", str(best), "--csv", str(table)])
    printed = capsys.readouterr().out
    assert code == 0
    assert "best found: score" in printed and "Sensitivity around" in printed
    assert len(table.read_text(encoding="utf-8").splitlines()) == 201
    level = level_by_id("sandbox")
    decisions = load_plan(best, level)
    run = simulate(level.scenario, Plan.from_decisions(level.scenario, decisions), 3)
    from game.content.objectives import evaluate_batch

    score = evaluate_batch(level, run.indicators).score[0]
    claimed = float(printed.split("best found: score ")[1].split(",")[0])
    assert abs(score - claimed) < 1.0  # the plan file rounds shares to 4 decimals


def test_sweep_with_a_bad_plan_names_the_file(tmp_path, capsys):
    plan = tmp_path / "bad.yaml"
    plan.write_text("default:\n  research: {basci: 0.1}\n", encoding="utf-8")
    assert main(["sweep", "--level", "sandbox", "--plan", str(plan), "--samples", "20"]) == 2
    assert "bad.yaml:2" in capsys.readouterr().out


def _running(level, pilot: str) -> list:
    """The status quo with one pilot zone running from the first turn the level allows."""
    from game.content.decisions import replace

    return [level.rules.coerce(replace(level.baseline, pilots=(pilot,)), turn)
            for turn in range(1, level.turns + 1)]


def test_sweep_varies_the_fund_life_and_rolls_out_the_reference_pilots():
    level = level_by_id("sandbox")  # its status quo keeps money in guidance funds
    result = run_sweep(level, _running(level, "tech_transfer_reform"), samples=200, seed=1)
    rows = {row.knob: row for row in result.sensitivity}
    assert rows["fund_horizon"].gdp_lo != 0 and rows["fund_horizon"].gdp_hi != 0
    roll = rows["pilot:tech_transfer_reform"]
    assert np.isnan(roll.score_lo) and np.isnan(roll.gdp_lo) and roll.gdp_hi != 0
    assert not any(k.startswith("pilot:") and k != "pilot:tech_transfer_reform" for k in rows)
    horizon = result.plan.fund_horizon
    assert horizon.min() < 6 and horizon.max() > 14  # the random strategies draw the fund life
    assert result.plan.scale_up.any(axis=(0, 2)).mean() > 0.1  # … and roll-outs


def test_every_sweep_variant_obeys_the_level_rules():
    from game.content.sweep import sweep_variables

    level = level_by_id("tutorial")  # dials and pilot zones unlock turn by turn
    variables = sweep_variables(level, _running(level, "tech_transfer_reform"))
    assert {"fund_horizon", "credit_guidance", "pilot:tech_transfer_reform"} <= {k for k, _v in variables}
    for knob, variants in variables:
        for variant in variants:
            for turn, decision in enumerate(variant, start=1):
                assert level.rules.violations(decision, turn) == [], (knob, turn)
    horizon = dict(variables)["fund_horizon"]
    assert [d.fund_horizon for d in horizon[1][:4]] == [level.baseline.fund_horizon] * 4  # locked
    assert {d.fund_horizon for d in horizon[1][4:]} == {level.baseline.fund_horizon + 2}


def test_a_level_without_the_dial_has_no_fund_life_to_sweep():
    import dataclasses

    from game.content.sweep import sweep_variables

    level = dataclasses.replace(level_by_id("sandbox"), dials=("credit_guidance", "focus"))
    knobs = [knob for knob, _v in sweep_variables(level, [level.baseline] * level.turns)]
    assert "fund_horizon" not in knobs and "credit_guidance" in knobs


def test_the_sweep_in_chunks_gives_the_numbers_of_one_batch(monkeypatch):
    import game.content.sweep as sweep

    level = level_by_id("tutorial")
    reference = _running(level, "tech_transfer_reform")
    whole = run_sweep(level, reference, samples=40, seed=2)
    calls = []
    monkeypatch.setattr(sweep, "CHUNK", 7)
    chunked = run_sweep(level, reference, samples=40, seed=2,
                        progress=lambda done, total: calls.append((done, total)))
    assert np.array_equal(whole.score, chunked.score) and np.array_equal(whole.final, chunked.final)
    assert np.array_equal(np.array([row[1:] for row in whole.sensitivity]),
                          np.array([row[1:] for row in chunked.sensitivity]), equal_nan=True)
    total = calls[-1][1]
    assert total == 40 + 1 + sum(len(v) for _k, v in sweep.sweep_variables(level, reference))
    assert [done for done, _t in calls] == [*range(7, total, 7), total]


def test_sweep_command_shows_progress_the_fund_life_and_roll_outs(tmp_path, capsys, monkeypatch):
    import io

    import game.commands.progress as progress

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(progress.sys, "stderr", terminal)
    plan = tmp_path / "plan.yaml"
    plan.write_text("default:\n  research: {basic: 0.15, applied: 0.2, transfer: 0.1}\n"
                    "  pilots: [tech_transfer_reform]\n", encoding="utf-8")
    best = tmp_path / "best.yaml"
    assert main(["sweep", "--level", "university_town", "--plan", str(plan), "--samples", "60",
                 "--seed", "4", "--best", str(best)]) == 0
    printed = capsys.readouterr().out
    assert "strategies played" in terminal.getvalue()
    assert "fund horizon" in printed and "+2 years: score" in printed
    assert "rolled out region-wide once it works: score" in printed
    assert "rolled out region-wide: " in printed
    level = level_by_id("university_town")
    written = load_plan(best, level)
    from game.content.sweep import decisions_of

    result = run_sweep(level, load_plan(plan, level), samples=60, seed=4)
    found = decisions_of(level, result.plan, result.best)
    assert [d.scale_up for d in written] == [d.scale_up for d in found]
    assert np.allclose([d.fund_horizon for d in written], [d.fund_horizon for d in found], atol=1e-4)


@pytest.mark.parametrize("level_id", ["easy_money", "chain_break", "tutorial"])
def test_a_strategy_as_decisions_is_the_same_plan_answers_to_events_included(level_id):
    from dataclasses import fields

    from game.content.bots import plan_member, random_plans
    from game.content.sweep import decisions_of

    level = level_by_id(level_id)
    plan = random_plans(level, np.random.default_rng(3), 8)
    for b in range(plan.batch):
        again = Plan.from_decisions(level.scenario, decisions_of(level, plan, b))
        member = plan_member(plan, b)
        for f in fields(Plan):
            assert np.array_equal(getattr(again, f.name), getattr(member, f.name)), (b, f.name)


def test_the_best_plan_file_replays_to_its_score_on_a_level_with_choices(tmp_path):
    from game.content.objectives import evaluate_batch
    from game.content.sweep import decisions_of

    level = level_by_id("easy_money")
    result = run_sweep(level, [level.baseline] * level.turns, samples=150, seed=2)
    path = tmp_path / "best.yaml"
    path.write_text(plan_yaml(level.id, decisions_of(level, result.plan, result.best)), encoding="utf-8")
    run = simulate(level.scenario, Plan.from_decisions(level.scenario, load_plan(path, level)), 2)
    assert abs(evaluate_batch(level, run.indicators).score[0] - result.score[result.best]) < 1.0


def test_sweep_moves_the_focus_toward_and_away_from_each_sector():
    from game.content.sweep import FOCUS_ON, FOCUS_STEP, sweep_variables
    from game.engine.schema import SECTORS

    level = level_by_id("sandbox")
    reference = [level.baseline] * level.turns
    variables = dict(sweep_variables(level, reference))
    for sector in SECTORS:
        down, up = variables[FOCUS_ON + sector]
        base = reference[0].focus
        for variant, sign in ((down, -1), (up, 1)):
            focus = variant[0].focus
            assert abs(sum(focus.values()) - 1.0) < 1e-12 and min(focus.values()) >= 0.0
            assert abs(focus[sector] - (base[sector] + sign * FOCUS_STEP)) < 1e-12
    tutorial = level_by_id("tutorial")  # the focus unlocks in turn 7: earlier turns keep it
    down, up = dict(sweep_variables(tutorial, [tutorial.baseline] * tutorial.turns))[
        FOCUS_ON + "emerging"]
    assert up[0].focus == tutorial.baseline.focus and up[6].focus != tutorial.baseline.focus
