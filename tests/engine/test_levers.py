"""The levers the essay asks for: R&D tax credit, joint programmes, patient capital, scaling up a pilot;
and the talent ceiling and the spending record that go with them."""

from dataclasses import replace

import numpy as np

from game.engine import FUND_HORIZON_DEFAULT, LEVERS, Plan, TurnDecision, simulate
from game.engine.schema import LEVER_INDEX

from .builders import decision, run, sandbox


def test_old_plans_mean_what_they_meant():
    """A plan that says nothing of the new decisions runs exactly as one with their defaults."""
    scenario = sandbox()
    assert TurnDecision().fund_horizon == FUND_HORIZON_DEFAULT and TurnDecision().scale_up == ()
    explicit = Plan.repeat(scenario, scenario.baseline)
    implicit = Plan(explicit.shares, explicit.credit_guidance, explicit.focus, explicit.pilots, explicit.choices)
    a, b = simulate(scenario, explicit, 3), simulate(scenario, implicit, 3)
    assert np.array_equal(a.indicators, b.indicators)


def test_rd_tax_credit_draws_firms_into_research_including_basic():
    """Five points of the budget moved from applied grants to the super-deduction: firms fund a
    larger share of R&D and more basic research; in the long run each yuan of credit adds about a
    yuan of enterprise R&D (user-cost elasticity ≈ 1; Bloom, Griffith & Van Reenen 2002)."""
    scenario = sandbox()
    base = scenario.baseline.shares
    calm = run(scenario, scenario.baseline)
    credit = run(scenario, decision(scenario, rd_tax_credit=0.05, applied=base["applied"] - 0.05))
    assert credit.series("enterprise_rd_share")[-1] > calm.series("enterprise_rd_share")[-1] + 0.01
    assert credit.series("basic_share")[-1] > calm.series("basic_share")[-1]

    def enterprise_rd(result) -> np.ndarray:
        return result.series("rd_intensity") * result.series("gdp") * result.series("enterprise_rd_share")

    extra = (enterprise_rd(credit) - enterprise_rd(calm))[-5:].sum()
    cost = credit.spending[-5:, 0, LEVER_INDEX["rd_tax_credit"]].sum()
    cofunding = scenario.params.enterprise_cofunding * 0.05 * credit.budget[-5:, 0].sum()
    assert 0.5 < (extra + cofunding) / cost < 2.0


def test_joint_programmes_raise_transfer():
    """The same money in joint programmes instead of applied grants carries more research into
    firms (contract turnover higher every year) and leaves GDP higher at year 20, although half
    of it is not research."""
    scenario = sandbox()
    base = scenario.baseline.shares
    grants = run(scenario, scenario.baseline)
    joint = run(scenario, decision(scenario, joint_programmes=0.08, applied=base["applied"] - 0.08))
    ratio = joint.series("tech_contract_value") / grants.series("tech_contract_value")
    assert ratio[1:].min() > 1.0
    assert joint.final("gdp")[0] > grants.final("gdp")[0]


def test_patient_funds_return_later_and_commercialise_more():
    """Fifteen-year funds pay less back to the budget in their first years than five-year
    funds, and carry more technology to the market."""
    scenario = sandbox()
    short = run(scenario, replace(scenario.baseline, fund_horizon=5.0))
    patient = run(scenario, replace(scenario.baseline, fund_horizon=15.0))
    assert patient.budget[1:8, 0].sum() < short.budget[1:8, 0].sum()
    assert patient.series("tech_contract_value")[-1] > short.series("tech_contract_value")[-1]


def _with_pilot(scenario, pilot: str, scale_from: int | None):
    turns = scenario.turns
    decisions = []
    for t in range(turns):
        d = replace(scenario.baseline, pilots=(pilot,))
        if scale_from is not None and t >= scale_from:
            d = replace(d, scale_up=(pilot,))
        decisions.append(d)
    return decisions


def test_scaling_up_a_working_pilot_multiplies_it_at_a_cost():
    scenario = sandbox()
    spec = next(p for p in scenario.pilots if p.id == "tech_transfer_reform")
    pilot_only = run(scenario, _with_pilot(scenario, spec.id, None))
    too_early = run(scenario, _with_pilot(scenario, spec.id, 0))
    turn = spec.delay + 2
    scaled = run(scenario, _with_pilot(scenario, spec.id, turn))
    # A pilot that does not work yet cannot be scaled: the first turns are the same as the pilot alone.
    assert np.array_equal(too_early.indicators[: spec.delay], pilot_only.indicators[: spec.delay])
    # Scaling costs once (scale_up_cost × the opening cost) and its upkeep is higher after.
    one_time = scenario.params.scale_up_cost * spec.cost * scaled.budget[turn, 0]
    balance, before = scaled.series("fiscal_balance"), pilot_only.series("fiscal_balance")
    assert balance[turn] < before[turn] - 0.9 * one_time
    assert np.all(balance[turn + 1 :] < before[turn + 1 :])
    # And it carries more technology to firms than the pilot alone.
    gain = scaled.series("tech_contract_value")[-1] / pilot_only.series("tech_contract_value")[-1]
    assert gain > 1.0


def test_researchers_stay_below_what_a_workforce_can_supply():
    """All the budget on attracting researchers: density stays below the ceiling
    (≈ 11 per thousand workers after 20 years; the most any economy has is ≈ 17–19)."""
    scenario = sandbox()
    everything = TurnDecision({"attraction": 1.0}, scenario.baseline.credit_guidance, scenario.baseline.focus)
    result = run(scenario, everything)
    workers = scenario.initial_value("labour") * (1 + scenario.params.labour_growth) ** scenario.turns
    assert result.series("talent")[-1] / workers < scenario.params.researcher_density_max


def test_spending_by_lever_is_recorded_in_yuan():
    """Each turn's spending per lever is its resolved share of that turn's S&T budget."""
    scenario = sandbox()
    result = run(scenario, scenario.baseline)
    assert result.spending.shape == (scenario.turns, 1, len(LEVERS))
    gdp_before = result.series("gdp", with_initial=True)[:-1]
    budget = scenario.params.budget_base + scenario.params.budget_gdp_share * gdp_before
    np.testing.assert_allclose(result.st_budget[:, 0], budget, rtol=1e-12)
    np.testing.assert_allclose(result.spending[:, 0, :], result.shares[:, 0, :] * budget[:, None], rtol=1e-12)
