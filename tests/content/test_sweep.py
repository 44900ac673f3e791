"""sweep: outcome distribution, best found written as a plan that reloads, sensitivity per lever."""

import numpy as np
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
