"""The five lessons of MODEL.md, each on the sandbox level."""

from dataclasses import replace

import numpy as np

from game.engine import LEVER_GROUPS, TurnDecision

from .builders import decision, run, sandbox


def test_cutting_basic_research_pays_first_and_costs_later():
    scenario = sandbox()
    base = scenario.baseline.shares
    status_quo = run(scenario, scenario.baseline)
    # Move the basic-research money into short-term applied work.
    short_term = run(
        scenario, decision(scenario, basic=0.0, applied=base["applied"] + base["basic"])
    )
    gap = short_term.series("gdp") / status_quo.series("gdp") - 1.0
    assert gap[2:6].min() > 0, "output should be higher in the first years"
    assert gap[-1] < 0, "output should be lower at the end"
    late = gap[-6:]
    assert np.all(np.diff(late) < 0), "the gap should widen"


def test_ideas_get_harder_to_find():
    """Research productivity — growth of applied achievements per unit of research effort
    (R&D intensity and researcher density, weighted as in the engine) — falls decade after
    decade in the status quo: only φ < 1 on the knowledge already found makes it so (no
    clock), as Bloom, Jones, Van Reenen & Webb (2020) measure."""
    scenario = replace(sandbox(), turns=40)
    result = run(scenario, scenario.baseline)
    applied = result.stock("applied_achievements")
    growth = np.diff(applied) / applied[:-1]
    w = scenario.params.researcher_weight
    effort = result.series("rd_intensity") ** (1 - w) * result.series("talent") ** w
    productivity = growth / effort[1:]
    decades = [productivity[i : i + 10].mean() for i in range(0, 39, 10)]
    assert all(later < earlier for earlier, later in zip(decades, decades[1:], strict=False)), decades
    assert decades[-1] < 0.8 * decades[0], "a fifth or more of research productivity is lost in 30 years"


def test_credit_booms_end_badly_with_a_lag():
    scenario = sandbox()
    boom = decision(scenario, credit_guidance=1.0, risk_sharing=0.15)
    decisions = [boom] * 6 + [scenario.baseline] * (scenario.turns - 6)
    booming = run(scenario, decisions)
    calm = run(scenario, scenario.baseline)
    npl, calm_npl = booming.series("npl_ratio"), calm.series("npl_ratio")
    credit = booming.series("tech_credit") / calm.series("tech_credit")
    assert credit[:6].min() > 1.2, "the boom lends far more"
    # Fast credit growth holds the ratio down at first; the bad loans come years later.
    assert npl[0] - calm_npl[0] < 0.002
    peak = int(np.argmax(npl - calm_npl))
    assert peak >= 3
    assert npl[peak] - calm_npl[peak] > 0.005


def test_a_long_boom_can_end_in_a_credit_crunch():
    scenario = sandbox()
    boom = decision(scenario, credit_guidance=1.0, risk_sharing=0.0, guidance_fund=0.0)
    decisions = [boom] * 10 + [scenario.baseline] * (scenario.turns - 10)
    booming = run(scenario, decisions)
    assert booming.series("npl_ratio").max() > scenario.params.crunch_threshold
    calm = run(scenario, scenario.baseline)
    # In the crunch, lending falls below the calm path even though the boom lent more.
    after = booming.series("tech_credit")[10:] / calm.series("tech_credit")[10:]
    assert after.min() < 1.0


def test_fund_leverage_is_earned():
    normal = sandbox()
    heavy_rules = sandbox(fund_reinvest_rule=0.6)
    losses = sandbox(fund_base_return=-0.04)
    private = {
        name: run(s, s.baseline).final("private_capital")[0]
        for name, s in {"normal": normal, "rules": heavy_rules, "losses": losses}.items()
    }
    assert private["rules"] < 0.7 * private["normal"]
    assert private["losses"] < 0.7 * private["normal"]


def test_feeding_the_whole_loop_beats_any_single_part():
    scenario = sandbox()
    total = sum(scenario.baseline.shares.values())
    base = scenario.baseline
    balanced = TurnDecision(
        shares={"basic": 0.13, "applied": 0.17, "transfer": 0.12, "joint_programmes": 0.05, "education": 0.1,
                "attraction": 0.1, "skills": 0.1, "risk_sharing": 0.07, "guidance_fund": 0.1, "rd_tax_credit": 0.06},
        credit_guidance=base.credit_guidance,
        focus=base.focus,
    )
    scale = total / sum(balanced.shares.values())
    balanced = TurnDecision({k: v * scale for k, v in balanced.shares.items()}, base.credit_guidance, base.focus)
    whole = run(scenario, balanced).final("gdp")[0]
    for group, levers in LEVER_GROUPS.items():
        single = TurnDecision({lever: total / len(levers) for lever in levers}, base.credit_guidance, base.focus)
        assert run(scenario, single).final("gdp")[0] < whole, group
        for lever in levers:
            only = TurnDecision({lever: total}, base.credit_guidance, base.focus)
            assert run(scenario, only).final("gdp")[0] < whole, lever
