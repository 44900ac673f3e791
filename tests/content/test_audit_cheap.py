"""The audit's red-team families: the cheap family (few levers, dials at extremes, at most one
pilot) and pushes on top of the recommended strategy, and the bars they feed."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from game.content.audit import (
    SEEDS,
    CheapOutcome,
    CheapPlan,
    CheapSummary,
    LevelAudit,
    StrategyOutcome,
    _cheap_audit,
    _failures,
    cheap_decisions,
    cheap_family,
    cheap_gdp_after,
    pushes,
)
from game.content.bots import debrief_strategy
from game.content.levels import level_by_id, load_level
from game.engine import LEVERS, Plan

MINIMAL = Path(__file__).parent / "minimal_level.yaml"  # 5 turns, finance from turn 2, 1 pilot


@pytest.fixture(scope="module")
def minimal():
    return load_level(MINIMAL)


def test_cheap_plan_names_round_trip():
    for plan in (CheapPlan(), CheapPlan(levers=()), CheapPlan(("skills",), "emerging", 1.0),
                 CheapPlan(("basic", "transfer"), None, 0.0, 15.0, "tech_transfer_reform")):
        assert CheapPlan.parse(plan.name) == plan


def test_cheap_family_is_every_distinct_combination_each_built_as_its_own_decisions(minimal):
    plans, batch = cheap_family(minimal)
    levers = [lv for lv in LEVERS if lv in minimal.levers]
    # budgets: status quo, nothing, each lever, each pair; focus: status quo or one sector;
    # credit: status quo, 0, 1; the fund life is not a dial here (one setting); pilot: none or 1
    assert len(plans) == (2 + len(levers) + len(levers) * (len(levers) - 1) // 2) * 4 * 3 * 1 * 2
    assert batch.batch == len(plans) and batch.turns == minimal.turns
    assert len({p.name for p in plans}) == len(plans)
    assert plans[0] == CheapPlan()  # the family's own status quo comes first
    single = Plan.stack([Plan.from_decisions(minimal.scenario, cheap_decisions(minimal, p))
                         for p in plans])
    for name in ("shares", "credit_guidance", "focus", "pilots", "choices", "fund_horizon",
                 "scale_up"):
        assert np.array_equal(getattr(batch, name), getattr(single, name)), name


def test_cheap_plans_obey_the_rules_and_roll_a_pilot_out_only_once_it_works(minimal):
    plan = CheapPlan(("risk_sharing", "skills"), "digital", 1.0, None, "tech_transfer_reform")
    decisions = cheap_decisions(minimal, plan, turns=8)
    first = decisions[0]  # finance is locked in turn 1: risk sharing stays at the status quo
    assert first.shares["risk_sharing"] == minimal.baseline.shares.get("risk_sharing", 0.0)
    assert decisions[1].shares["risk_sharing"] == pytest.approx(0.5)
    assert all(sum(d.shares.values()) <= 1 + 1e-9 for d in decisions)
    rolled = [t for t, d in enumerate(decisions, 1) if d.scale_up]
    delay = next(p.delay for p in minimal.scenario.pilots if p.id == "tech_transfer_reform")
    assert rolled == [delay + 2]  # open from turn 1, works once open longer than its delay
    after = minimal.rules.coerce(minimal.baseline, minimal.turns + 1)
    assert decisions[minimal.turns:] == [after] * 3  # the status quo resumes after the level


def _with_stars(level, stars):
    return replace(level, stars=stars)


def test_cheap_audit_flags_winners_that_shrink_the_economy_and_only_those(minimal):
    horizon = replace(minimal.scenario, turns=20)
    everyone = _cheap_audit(_with_stars(minimal, (0.0, 0.0, 0.0)), horizon, recommended=50.0)
    assert everyone.starred == everyone.plans  # every plan earns a star ...
    assert everyone.shrinking > 0 and everyone.worst is not None  # ... some leave GDP lower
    assert everyone.worst.gdp_after < 0 and everyone.lowest_gdp <= everyone.worst.gdp_after
    assert everyone.best.score > 50.0 and everyone.beating > 0
    nobody = _cheap_audit(_with_stars(minimal, (101.0, 101.0, 101.0)), horizon, recommended=None)
    assert nobody.starred == nobody.shrinking == nobody.beating == 0
    assert nobody.worst is None and nobody.lowest_gdp is None
    assert len(nobody.best.seed_stars) == len(SEEDS)


def test_pushes_change_only_their_turns_of_the_recommended_strategy():
    level = level_by_id("tutorial")
    recommended = debrief_strategy(level, "recommended")
    found = dict(pushes(level))
    assert {"push:credit_guidance=1:last1", "push:credit_guidance=1:last3",
            "push:credit_guidance=1:all", "push:focus=emerging:last3",
            "push:lever=basic:last1"} <= set(found)
    last = found["push:credit_guidance=1:last3"]
    assert last[:-3] == recommended[:-3]
    assert [d.credit_guidance for d in last[-3:]] == [1.0] * 3
    alone = found["push:lever=basic:last1"][-1]
    assert alone.shares["basic"] == pytest.approx(1.0) and alone.pilots == recommended[-1].pilots


def _cheap(name="cheap:skills", stars=(1, 1, 1), score=60.0, gdp=0.01):
    return CheapOutcome(name, stars, score, gdp)


def _audit(pushed=(2, 2, 2), best=None, worst=None):
    outcomes = [StrategyOutcome("do_nothing", "status_quo", 0, 10.0, 0.0, (0, 0, 0), 0.0),
                StrategyOutcome("recommended", "recommended", 2, 80.0, 0.05, (2, 1, 2), 0.04),
                StrategyOutcome("naive", "naive", 0, 30.0, 0.0, (0, 0, 0), 0.0),
                StrategyOutcome("push:credit_guidance=1:last3", "push", max(pushed), 85.0, 0.0,
                                pushed, -0.02)]
    cheap = CheapSummary(100, 5, 0 if worst is None else 1, 0, best or _cheap(), worst,
                         None if worst is None else worst.gdp_after)
    return LevelAudit("x", outcomes, r2_focus=0.0, r2_shares=0.5, samples=10, cheap=cheap)


def test_a_push_that_adds_a_star_on_one_seed_fails_even_if_its_best_seed_ties():
    assert _failures(_audit(pushed=(2, 1, 2))) == []
    assert _failures(_audit(pushed=(2, 2, 2))) == [("push_star", "push:credit_guidance=1:last3")]


def test_a_cheap_winner_that_lowers_gdp_and_a_cheap_plan_above_the_lesson_fail():
    worst = _cheap("cheap:skills;focus=emerging;credit_guidance=1", gdp=-0.08)
    assert _failures(_audit(pushed=(2, 1, 2), worst=worst)) == [("cheap_shrinks", worst.name)]
    best = _cheap("cheap:transfer+guidance_fund", score=80.5)
    assert _failures(_audit(pushed=(2, 1, 2), best=best)) == [("cheap_beats_lesson", best.name)]
    assert _failures(_audit(pushed=(2, 1, 2), best=_cheap(score=80.0))) == []  # a tie is no win


def test_cheap_gdp_after_is_zero_for_the_status_quo_and_follows_the_members(minimal):
    plans, batch = cheap_family(minimal, 20)
    some = np.array([0, 5, len(plans) - 1])
    gdp = cheap_gdp_after(minimal, batch, some)
    assert gdp[0] == 0.0 and gdp.shape == (3,)
    assert gdp[1:] == pytest.approx(cheap_gdp_after(minimal, batch, some[1:]))
