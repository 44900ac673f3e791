"""MODEL.md's five lessons, the credit cycle and the growth path, each with its magnitude.

Every test runs the headless engine on the `sandbox` level (no events, seed 7 unless
said). The magnitudes in the docstrings are the model's, measured when the test was
written; the bounds around them are wide enough for honest retuning and narrow enough
that the lesson could not hold by accident. docs/model.md quotes the same figures.
"""

from dataclasses import replace

import numpy as np

from game.content.levels import level_by_id
from game.engine import (
    INDICATOR_INDEX,
    LEVER_GROUPS,
    SECTORS,
    EventSpec,
    Plan,
    TurnDecision,
    simulate,
)

from .builders import decision, run, sandbox


def _gap(result, reference) -> np.ndarray:
    """GDP of `result` relative to `reference`, every turn."""
    return result.series("gdp") / reference.series("gdp") - 1.0


def test_cutting_basic_research_pays_first_and_costs_later():
    """Moving all basic-research money into applied work raises GDP for a decade
    (≈ +0.3% at its peak around year 12) and lowers it after (≈ −0.6% at year 20),
    with a widening gap: the basic stock feeds applied work through a 12-year delay."""
    scenario = sandbox()
    base = scenario.baseline.shares
    short_term = run(scenario, decision(scenario, basic=0.0, applied=base["applied"] + base["basic"]))
    gap = _gap(short_term, run(scenario, scenario.baseline))
    assert gap[2:10].min() > 0, "output is higher in the first years"
    assert 0.001 < gap[:14].max() < 0.01, f"the early gain is a few tenths of a per cent: {gap[:14].max():.4f}"
    assert gap[-1] < -0.003, f"output is clearly lower at year 20: {gap[-1]:.4f}"
    assert np.all(np.diff(gap[-6:]) < 0), "the gap widens"


def test_ideas_get_harder_to_find():
    """Research productivity — growth of applied achievements per unit of research effort
    (R&D intensity and researchers, weighted as in the engine) — falls decade after decade
    in the status quo, by a fifth or more in 30 years (≈ −30%): only φ < 1 on the knowledge
    already found makes it so, no clock (Bloom, Jones, Van Reenen & Webb 2020)."""
    scenario = replace(sandbox(), turns=40)
    result = run(scenario, scenario.baseline)
    applied = result.stock("applied_achievements")
    growth = np.diff(applied) / applied[:-1]
    w = scenario.params.researcher_weight
    effort = result.series("rd_intensity") ** (1 - w) * result.series("talent") ** w
    productivity = growth / effort[1:]
    decades = [productivity[i : i + 10].mean() for i in range(0, 39, 10)]
    assert all(later < earlier for earlier, later in zip(decades, decades[1:], strict=False)), decades
    assert decades[-1] < 0.8 * decades[0], decades


def test_the_status_quo_is_on_a_balanced_growth_path():
    """No acceleration over 40 turns (growth in the last ten turns ≤ growth in turns 6–15),
    and a China-like region of 2025 grows 4–5.5% a year without new policy (≈ 4.9%), on
    three seeds (the productivity noise is a persistent AR(1) of small innovations)."""
    scenario = replace(sandbox(), turns=40)
    for seed in (0, 7, 11):
        growth = run(scenario, scenario.baseline, seed=seed).series("gdp_growth")
        assert growth[30:].mean() <= growth[5:15].mean(), (seed, growth[30:].mean(), growth[5:15].mean())
        assert 0.04 <= growth[:20].mean() <= 0.055, (seed, growth[:20].mean())


def test_credit_booms_end_badly_with_a_lag():
    """Six years of full credit guidance with heavy risk sharing lend ≈ 1.5× more; the NPL
    ratio is held down at first (the denominator grows) and peaks ≥ 3 years in, ≈ 1.3 pp
    above the calm path."""
    scenario = sandbox()
    boom = decision(scenario, credit_guidance=1.0, risk_sharing=0.15)
    booming = run(scenario, [boom] * 6 + [scenario.baseline] * (scenario.turns - 6))
    calm = run(scenario, scenario.baseline)
    npl, calm_npl = booming.series("npl_ratio"), calm.series("npl_ratio")
    credit = booming.series("tech_credit") / calm.series("tech_credit")
    assert credit[:6].min() > 1.2, "the boom lends far more"
    assert npl[0] - calm_npl[0] < 0.002
    peak = int(np.argmax(npl - calm_npl))
    assert peak >= 3
    assert npl[peak] - calm_npl[peak] > 0.008


def test_loans_at_risk_show_a_credit_boom_the_year_it_is_made():
    """The same boom, seen as a regulator sees it: loans at risk (bad loans plus the losses the
    performing book is expected to make) rise ≈ 0.7 pp in the boom's first year and ≈ 2.3 pp by
    its third, while the NPL ratio has moved ≈ 0.1 and ≈ 0.6 pp; the NPL ratio catches up only
    years later (special-mention loans; IFRS 9's expected credit loss)."""
    scenario = sandbox()
    boom = decision(scenario, credit_guidance=1.0, risk_sharing=0.15)
    booming = run(scenario, [boom] * 6 + [scenario.baseline] * (scenario.turns - 6))
    calm = run(scenario, scenario.baseline)
    at_risk = booming.series("loans_at_risk") - calm.series("loans_at_risk")
    npl = booming.series("npl_ratio") - calm.series("npl_ratio")
    assert at_risk[0] > 0.005 and at_risk[0] > 4 * npl[0]
    assert at_risk[2] > 0.015 and at_risk[2] > 2 * npl[2]
    assert int(np.argmax(at_risk)) < int(np.argmax(npl)), "the early warning peaks first"
    assert np.all(booming.series("loans_at_risk") >= booming.series("npl_ratio"))


def test_a_credit_boom_loses_more_than_it_gained_over_the_cycle():
    """The same boom lifts GDP for several years (≈ +1.2% in year 2, still ≈ +0.6% in year 5:
    the credit impulse), then the bust takes it back and more (≈ −3% in years 8–9: spreads,
    crunch, capital lost with the bad loans). Over the 20-turn cycle the losses exceed the
    gains (≈ 1,800 against 200 bn yuan; Jordà, Schularick & Taylor 2013: credit-intensive
    expansions are followed by deeper recessions)."""
    scenario = sandbox()
    boom = decision(scenario, credit_guidance=1.0, risk_sharing=0.15)
    booming = run(scenario, [boom] * 6 + [scenario.baseline] * (scenario.turns - 6))
    calm = run(scenario, scenario.baseline)
    gap = _gap(booming, calm)
    assert gap[1:5].min() > 0.003, "the boom gains output for a few years"
    assert gap[6:12].min() < -0.01, "the bust costs more than a per cent of GDP"
    difference = booming.series("gdp") - calm.series("gdp")
    gains, losses = difference.clip(min=0).sum(), -difference.clip(max=0).sum()
    assert losses > 1.3 * gains, (gains, losses)


def test_a_long_boom_can_end_in_a_credit_crunch():
    """Ten years of full guidance pass the crunch threshold; lending then falls below the calm path."""
    scenario = sandbox()
    boom = decision(scenario, credit_guidance=1.0, risk_sharing=0.0, guidance_fund=0.0)
    booming = run(scenario, [boom] * 10 + [scenario.baseline] * (scenario.turns - 10))
    assert booming.series("npl_ratio").max() > scenario.params.crunch_threshold
    calm = run(scenario, scenario.baseline)
    after = booming.series("tech_credit")[10:] / calm.series("tech_credit")[10:]
    assert after.min() < 1.0


def test_a_near_full_crunch_costs_what_the_literature_reports():
    """A wave of bad loans (3% of all credit) pushes the NPL ratio to ≈ 4%, a near-full
    crunch. Against the same run with the crunch switched off, output falls ≈ 3% and ≈ 5% in
    its first two years and ≈ 14% of a year's GDP over four: about half of Laeven & Valencia's
    (2018) median 23% for national banking crises, as a regional crunch with national banks
    behind it should be."""
    scenario = sandbox()
    wave = EventSpec(id="wave", turn=5, probability=0.0, condition=None, choices=({"credit_losses": 0.03},))
    crisis = replace(scenario, events=(wave,), pilots=())
    no_crunch = replace(crisis, params=crisis.params.with_overrides(
        {"crunch_output": 0.0, "crunch_investment": 0.0, "crunch_depth": 0.0}))
    hit, cushioned = run(crisis, crisis.baseline), run(no_crunch, no_crunch.baseline)
    assert hit.series("npl_ratio")[5] > crisis.params.crunch_threshold + 0.5 * crisis.params.crunch_width
    loss = 1.0 - hit.series("gdp") / cushioned.series("gdp")
    assert loss[6:8].max() > 0.02, "a near-full crunch costs clearly more than 1% of GDP"
    four_years = (cushioned.series("gdp") - hit.series("gdp"))[6:10].sum() / cushioned.series("gdp")[5]
    assert 0.06 < four_years < 0.23, four_years


def test_an_inherited_credit_boom_goes_bad_whatever_the_dial():
    """Monetary easing (a credit-supply shock: lending swollen by 5% a year for three years)
    holds the bad-loan ratio down at first (new loans, a bigger denominator), then raises it by
    ≈ 0.35 pp four to six years on; with credit guidance at 0 the rise is still ≈ 0.3 pp: a
    boom that starts outside the region is not undone by the region's dial."""
    scenario = sandbox()
    easing = EventSpec(id="easing", turn=2, probability=0.0, condition=None,
                       choices=({"credit_supply": 0.05},), duration=3)
    eased, calm = replace(scenario, events=(easing,), pilots=()), replace(scenario, events=(), pilots=())
    rises = []
    for guidance in (scenario.baseline.credit_guidance, 0.0):
        plan = replace(scenario.baseline, credit_guidance=guidance)
        rise = run(eased, plan).series("npl_ratio") - run(calm, plan).series("npl_ratio")
        assert rise[2] < 0, "fast credit growth holds the ratio down at first"
        assert int(np.argmax(rise)) >= 5, "the bad loans come years later"
        rises.append(rise.max())
    assert rises[0] > 0.002, rises
    assert rises[1] > 0.7 * rises[0], rises


def test_fund_leverage_is_earned():
    """Heavy local-reinvestment rules or losses leave far less private capital."""
    normal = sandbox()
    heavy_rules = sandbox(fund_reinvest_rule=0.6)
    losses = sandbox(fund_base_return=-0.04)
    private = {
        name: run(s, s.baseline).final("private_capital")[0]
        for name, s in {"normal": normal, "rules": heavy_rules, "losses": losses}.items()
    }
    assert private["rules"] < 0.5 * private["normal"]
    assert private["losses"] < 0.7 * private["normal"]


def test_funds_earn_where_research_reaches_the_market():
    """Guidance funds hold technology firms: in a region that stops funding research (basic,
    applied and transfer at zero) commercialised technology grows more slowly, funds earn less
    and private investors put in less — ≈ 74% of the status quo's private capital at year 20."""
    scenario = sandbox()
    calm = run(scenario, scenario.baseline)
    starved = run(scenario, decision(scenario, basic=0.0, applied=0.0, transfer=0.0))
    assert starved.final("private_capital")[0] < 0.85 * calm.final("private_capital")[0]


def test_funds_never_pay_back_more_than_they_received_plus_realistic_returns():
    """All the budget in guidance funds for 20 years: what the funds pay the budget never
    exceeds what they received grown at the most a fund can earn (base + knowledge premium)."""
    scenario = sandbox()
    everything = TurnDecision({"guidance_fund": 1.0}, scenario.baseline.credit_guidance, scenario.baseline.focus)
    result = run(scenario, everything)
    exits = result.budget[:, 0] - result.series("gdp", with_initial=True)[:-1] * scenario.params.budget_gdp_share
    paid_in = result.spending[:, 0, :].sum(axis=1)
    best = 1.0 + scenario.params.fund_base_return + scenario.params.fund_knowledge_return
    start = scenario.initial_value("fund_capital")
    ceiling = start * best ** np.arange(1, 21) + np.array(
        [sum(paid_in[k] * best ** (t - k) for k in range(t)) for t in range(1, 21)]
    )
    assert np.all(np.cumsum(exits) <= ceiling + 1e-6)
    assert result.series("fiscal_balance")[-1] < 0.7 * result.budget[-1, 0]


def test_feeding_the_whole_loop_beats_any_single_part():
    """A balanced budget beats the same money poured into any one group (by ≥ 1.5%) or any
    one lever (by ≥ 1.5%) at year 20."""
    scenario = sandbox()
    total = sum(scenario.baseline.shares.values())
    base = scenario.baseline
    shares = {"basic": 0.13, "applied": 0.17, "transfer": 0.12, "joint_programmes": 0.05, "education": 0.1,
              "attraction": 0.1, "skills": 0.1, "risk_sharing": 0.07, "guidance_fund": 0.1, "rd_tax_credit": 0.06}
    scale = total / sum(shares.values())
    balanced = TurnDecision({k: v * scale for k, v in shares.items()}, base.credit_guidance, base.focus)
    whole = run(scenario, balanced).final("gdp")[0]
    for group, levers in LEVER_GROUPS.items():
        single = TurnDecision({lever: total / len(levers) for lever in levers}, base.credit_guidance, base.focus)
        assert run(scenario, single).final("gdp")[0] < 0.985 * whole, group
        for lever in levers:
            only = TurnDecision({lever: total}, base.credit_guidance, base.focus)
            assert run(scenario, only).final("gdp")[0] < 0.985 * whole, lever


LEVELS = ("tutorial", "sandbox", "easy_money", "government_as_vc", "chain_break", "digital_leap",
          "old_industrial_base", "university_town")


def test_no_costless_setting_is_a_free_lunch():
    """The focus, the credit dial and the fund horizon cost no budget. None of them, pushed to an
    extreme and held for the whole level, raises final GDP by more than 3% against the level's
    status quo (the sector mix has a price; credit allocates saving, it does not add to it), and
    the focus and the horizon do not lower it by more than 3% either. A credit boom held for the
    whole level may cost more (up to ≈ 4.5% where it ends in crunches): that is lesson 3."""
    for level_id in LEVELS:
        scenario = level_by_id(level_id).scenario_for(False)
        base = scenario.baseline
        variants = [replace(base, focus={s: float(s == only) for s in SECTORS}) for only in SECTORS]
        variants += [replace(base, fund_horizon=h) for h in (5.0, 15.0)]
        variants += [replace(base, credit_guidance=c) for c in (0.0, 1.0)]
        plan = Plan.stack([Plan.repeat(scenario, d) for d in [base, *variants]])
        final = simulate(scenario, plan, 0).final("gdp")
        moves = final[1:] / final[0] - 1.0
        assert moves.max() <= 0.03, (level_id, moves.round(4))
        assert np.abs(moves[:5]).max() <= 0.03, (level_id, moves.round(4))
        assert moves[5:].min() > -0.08, (level_id, moves.round(4))


def test_basic_research_and_credit_booms_teach_the_same_on_every_levels_region():
    """Lessons 1 and 3 on each level's own region (its starting state and status quo, events off,
    40 years), not only on the sandbox. Moving all basic-research money into applied work gains
    at first (≈ +0.1–0.35% of GDP; +2.6% in university_town, whose status quo puts 35% of the
    budget in basic research) and costs later: output falls below the status quo after 13–17
    years (23 in university_town) and is 10–24% lower at year 40. Six years of full credit
    guidance with heavy risk sharing lose 4–40× what they gained over 20 years."""
    for level_id in LEVELS:
        scenario = replace(level_by_id(level_id).scenario_for(False), turns=40)
        base = scenario.baseline
        cut = replace(base, shares={**base.shares, "basic": 0.0,
                                    "applied": base.shares.get("applied", 0.0) + base.shares.get("basic", 0.0)})
        boom = replace(base, credit_guidance=1.0, shares={**base.shares, "risk_sharing": 0.15})
        plans = Plan.stack([Plan.repeat(scenario, base), Plan.repeat(scenario, cut),
                            Plan.from_decisions(scenario, [boom] * 6 + [base] * 34)])
        gdp = simulate(scenario, plans, 7).indicators[:, :, INDICATOR_INDEX["gdp"]]
        gap = gdp[:, 1] / gdp[:, 0] - 1.0
        assert gap[:12].max() > 0.0005, (level_id, "the cut gains at first")
        below = np.flatnonzero(gap[3:] < 0)
        assert below.size and below[0] + 4 <= 25, (level_id, "the cut costs within 25 years")
        assert gap[-1] < -0.05, (level_id, gap[-1])
        difference = gdp[:20, 2] - gdp[:20, 0]
        gains, losses = difference.clip(min=0).sum(), -difference.clip(max=0).sum()
        assert losses > 2 * gains, (level_id, gains, losses)
