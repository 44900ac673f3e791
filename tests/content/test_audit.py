"""The gaming audit: its experiments follow the level's rules and its bars flag what they should."""

import json

import numpy as np
import pytest

from game.cli import main
from game.content.audit import (
    GDP_BAR,
    LevelAudit,
    StrategyOutcome,
    _failures,
    audit_level,
    r_squared,
    strategies,
)
from game.content.bots import DEBRIEF_STRATEGIES, debrief_strategy
from game.content.levels import level_by_id, shipped_levels
from game.engine import LEVERS


def test_r_squared_is_one_for_a_linear_relation_and_near_zero_for_noise():
    rng = np.random.Generator(np.random.PCG64(0))
    x = rng.random((500, 3))
    assert r_squared(x, x @ np.array([1.0, -2.0, 0.5]) + 3.0) == pytest.approx(1.0)
    assert r_squared(x, rng.random(500)) < 0.05


def test_every_strategy_obeys_the_level_rules():
    level = level_by_id("tutorial")  # levers unlock group by group
    for name, _kind, decide in strategies(level):
        for turn in range(1, level.turns + 1):
            decision = decide(turn)
            assert sum(decision.shares.values()) <= 1.0 + 1e-9, name
            for lever in LEVERS:
                if not level.rules.open_at(lever, turn):
                    assert decision.shares.get(lever, 0.0) == pytest.approx(
                        level.baseline.shares.get(lever, 0.0)), (name, lever, turn)


def test_every_shipped_level_has_a_recommended_and_a_naive_strategy():
    for level in shipped_levels():
        assert level.id in DEBRIEF_STRATEGIES
        assert len(debrief_strategy(level, "recommended")) == level.turns
        assert len(debrief_strategy(level, "naive")) == level.turns


def test_audit_of_a_level_on_a_small_sample():
    level = level_by_id("tutorial")
    audit = audit_level(level, samples=40, with_search=False)
    by_name = {o.name: o for o in audit.outcomes}
    assert by_name["do_nothing"].gdp_change == 0.0
    assert {"focus:traditional", "focus:emerging", "focus:digital", "credit_guidance:0",
            "credit_guidance:1", "recommended", "naive"} <= set(by_name)
    assert all(f"lever:{lv}" in by_name for lv in level.levers)
    assert all(f"pilot:{p}" in by_name and f"pilot:{p}+scale" in by_name for p in level.pilot_ids)
    asking = [e for e in level.events if e.choices]
    assert asking and all(f"answer:{e.id}:{c}" in by_name for e in asking
                          for c in range(1, len(e.choices)))
    assert 0.0 <= audit.r2_focus <= 1.0 and 0.0 <= audit.r2_shares <= 1.0
    assert audit.failures == _failures(audit)


def _outcome(name, kind, stars=0, score=10.0, gdp=0.0):
    return StrategyOutcome(name, kind, stars, score, gdp)


def test_each_bar_flags_the_strategy_that_breaks_it():
    outcomes = [
        _outcome("do_nothing", "status_quo", stars=1),
        _outcome("focus:emerging", "dial", gdp=GDP_BAR + 0.01),
        _outcome("credit_guidance:0", "dial", stars=2),
        _outcome("lever:transfer", "lever", stars=1),
        _outcome("answer:easing:1", "answer", stars=1),
        _outcome("pilot:zone+scale", "pilot", stars=1),
        _outcome("recommended", "recommended", stars=1, score=60),
        _outcome("naive", "naive", stars=1, score=61),
        _outcome("search", "search", stars=2, score=80),
    ]
    failures = _failures(LevelAudit("x", outcomes, r2_focus=0.6, r2_shares=0.2, samples=10))
    assert set(failures) == {
        ("nothing_star", "do_nothing"), ("costless_gdp", "focus:emerging"),
        ("dial_star", "credit_guidance:0"), ("lever_star", "lever:transfer"),
        ("answer_star", "answer:easing:1"), ("pilot_star", "pilot:zone+scale"),
        ("lesson_lost", "recommended"), ("search_short", "search"), ("focus_dominates", "random"),
    }


def test_a_level_that_teaches_its_lesson_passes_every_bar():
    outcomes = [
        _outcome("do_nothing", "status_quo"), _outcome("focus:emerging", "dial", gdp=0.02),
        _outcome("lever:transfer", "lever", score=40), _outcome("recommended", "recommended", 2, 80),
        _outcome("naive", "naive", 0, 30), _outcome("search", "search", 3, 100),
    ]
    assert _failures(LevelAudit("x", outcomes, r2_focus=0.1, r2_shares=0.5, samples=10)) == []


def test_audit_command_prints_tables_and_json_and_saves_plans_that_replay(capsys, tmp_path):
    from game.content.audit import CheapPlan, cheap_decisions
    from game.content.plan import load_plan

    code = main(["audit", "--level", "tutorial", "--samples", "20"])
    out = capsys.readouterr().out
    assert code in (0, 1) and "tutorial" in out and ("★" in out or "☆" in out)
    assert main(["audit", "--level", "tutorial", "--samples", "20", "--json",
                 "--plans", str(tmp_path / "plans")]) in (0, 1)
    data = json.loads(capsys.readouterr().out)  # the saved-plans line goes to stderr
    assert data[0]["level"] == "tutorial" and data[0]["strategies"]
    cheap = data[0]["cheap"]
    assert cheap["plans"] > 1000 and cheap["best"]["strategy"].startswith("cheap:")
    assert len(cheap["best"]["stars_by_seed"]) == 3
    assert any(s["kind"] == "push" for s in data[0]["strategies"])
    level = level_by_id("tutorial")
    replayed = [load_plan(path, level) for path in (tmp_path / "plans").glob("tutorial--*.yaml")]
    assert cheap_decisions(level, CheapPlan.parse(cheap["best"]["strategy"])) in replayed


def _exit_code(argv):
    try:
        return main(argv)
    except SystemExit as stop:  # argparse refuses a bad number itself
        return stop.code


def test_audit_command_refuses_a_bad_sample_count_and_an_unknown_level(capsys):
    assert _exit_code(["audit", "--samples", "3"]) == 2
    assert main(["audit", "--level", "no_such_level", "--samples", "20"]) == 2
    assert "no_such_level" in capsys.readouterr().out


def test_audit_writes_its_summary_between_its_own_markers(tmp_path, monkeypatch):
    from game.commands import responses as responses_command

    doc = tmp_path / "model.md"
    doc.write_text("x\n<!-- audit:begin -->\nold\n<!-- audit:end -->\ny\n", encoding="utf-8")
    monkeypatch.setattr(responses_command, "DOCS", doc)
    assert main(["audit", "--level", "tutorial", "--samples", "20", "--write-docs"]) in (0, 1)
    text = doc.read_text(encoding="utf-8")
    assert "old" not in text and "| tutorial |" in text and text.endswith("<!-- audit:end -->\ny\n")
    assert "best cheap plan" in text and "GDP" in text.split("| tutorial |")[1]


def test_credit_boom_losses_are_a_lesson_not_a_trap_but_its_gains_are_a_free_lunch():
    outcomes = [_outcome("do_nothing", "status_quo"),
                _outcome("credit_guidance:1", "dial", gdp=-0.08),
                _outcome("credit_guidance:0", "dial", gdp=0.05),
                _outcome("focus:digital", "dial", gdp=-0.04)]
    failures = _failures(LevelAudit("x", outcomes, r2_focus=0.0, r2_shares=0.5, samples=10))
    assert failures == [("costless_gdp", "credit_guidance:0"), ("costless_gdp", "focus:digital")]

