"""Explanations that add up: parts of actual − no new policy by whole cause (Owen value)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.levels import level_by_id
from game.engine import INDICATOR_INDEX, LEVERS, SECTORS, Plan, TurnDecision, attribute, simulate
from game.engine.attribution import decision_kinds, noise_band

HEADLINE = ("gdp_growth", "rd_intensity", "tech_contract_value", "npl_ratio", "fiscal_balance")


def _scenario(level: str = "sandbox"):
    return level_by_id(level).scenario


def _random_plan(scenario, draw_turn, turns: int) -> Plan:
    decisions = [draw_turn(t) for t in range(turns)]
    return Plan.from_decisions(scenario, decisions)


@st.composite
def plans(draw, turns: int = 6):
    scenario = _scenario()
    base = scenario.baseline
    moved = draw(st.sets(st.sampled_from(LEVERS), min_size=1, max_size=3))
    levels = {lever: draw(st.floats(0.0, 0.2)) for lever in moved}
    credit = draw(st.one_of(st.none(), st.floats(0.0, 1.0)))
    focus = draw(st.one_of(st.none(), st.sampled_from(SECTORS)))
    pilot = draw(st.one_of(st.none(), st.sampled_from(scenario.pilot_ids)))
    start = draw(st.integers(0, turns - 1))

    def turn(t: int) -> TurnDecision:
        if t < start:
            return base
        shares = dict(base.shares) | levels
        return replace(
            base, shares=shares,
            credit_guidance=base.credit_guidance if credit is None else credit,
            focus=base.focus if focus is None else {s: (0.6 if s == focus else 0.2) for s in SECTORS},
            pilots=() if pilot is None else (pilot,))

    return _random_plan(scenario, turn, turns), draw(st.integers(0, 50))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_parts_add_up_to_the_gap_exactly_on_random_plans(plan_seed):
    plan, seed = plan_seed
    scenario = _scenario()
    a = attribute(scenario, plan, seed)
    total = a.parts.sum(axis=0)
    scale = np.maximum(np.abs(a.gap), 1.0)
    assert np.all(np.abs(total - a.gap) <= 1e-9 * scale)
    # the run explained is the plain run, and no new policy is the baseline run, bit for bit
    assert np.array_equal(a.actual.indicators, simulate(scenario, plan, seed).indicators)
    base = simulate(scenario, Plan.repeat(scenario, scenario.baseline, plan.turns), seed)
    assert np.array_equal(a.no_new_policy.indicators, base.indicators)
    _assert_signs_agree_with_whole_reverts(scenario, plan, seed, a)


def _assert_signs_agree_with_whole_reverts(scenario, plan, seed, a):
    reverts = [c for c in a.causes if not c.startswith("event:") and c != "other"]
    if not reverts:
        return
    batch = Plan.stack([_revert_whole(scenario, plan, c) for c in reverts])
    reverted = simulate(scenario, batch, seed).indicators
    for t in range(plan.turns):
        for name in HEADLINE:
            i = INDICATOR_INDEX[name]
            gap = a.gap[t, i]
            for k, cause in enumerate(reverts):
                part = a.parts[a.causes.index(cause), t, i]
                if abs(gap) < 1e-12 or abs(part) < 0.1 * abs(gap):
                    continue
                alone = a.actual.indicators[t, 0, i] - reverted[t, k, i]
                assert np.sign(alone) == np.sign(part), (cause, name, t, part, alone)


def test_a_cause_acts_only_after_its_decisions_and_an_unchanged_kind_is_no_cause():
    scenario = _scenario()
    boosted = replace(scenario.baseline, shares=dict(scenario.baseline.shares) | {"transfer": 0.15})
    plan = Plan.from_decisions(scenario, [scenario.baseline] * 2 + [boosted] * 4)
    a = attribute(scenario, plan, 3)
    assert [c for c in a.causes if not c.startswith("event:")] == ["lever:transfer"]
    assert np.all(a.parts[:, :2] == 0)
    assert a.by_year("lever:transfer", 5, "tech_contract_value")[0][0] == 2
    assert set(decision_kinds(scenario)) >= {f"lever:{lever}" for lever in LEVERS} | {
        "credit_guidance", "focus", "fund_horizon"}


def _revert_whole(scenario, plan: Plan, cause: str) -> Plan:
    """The plan with one whole decision kind (every year) set back to no new policy."""
    baseline = Plan.repeat(scenario, scenario.baseline, plan.turns)
    out = plan.copy()
    if cause.startswith("lever:"):
        j = LEVERS.index(cause.split(":", 1)[1])
        out.shares[..., j] = baseline.shares[..., j]
    elif cause.startswith("pilot:"):
        p = scenario.pilot_ids.index(cause.split(":", 1)[1])
        out.pilots[..., p] = baseline.pilots[..., p]
        out.scale_up[..., p] = baseline.scale_up[..., p]
    else:
        setattr(out, cause, getattr(baseline, cause).copy())
    return out


def _mixed_plans(scenario):
    base = scenario.baseline
    loud = replace(base, shares=dict(base.shares) | {"basic": 0.15, "transfer": 0.12},
                   credit_guidance=min(1.0, base.credit_guidance + 0.5))
    thrifty = replace(base, shares=dict(base.shares) | {"applied": 0.02, "attraction": 0.15},
                      focus={"traditional": 0.1, "emerging": 0.6, "digital": 0.3},
                      pilots=(scenario.pilot_ids[0],))
    yield Plan.from_decisions(scenario, [loud] * 10)
    yield Plan.from_decisions(scenario, [base] * 2 + [thrifty] * 8)
    yield Plan.from_decisions(scenario, [loud] * 4 + [thrifty] * 6)


def test_each_large_part_has_the_sign_of_reverting_that_whole_lever():
    scenario = _scenario()
    for plan in _mixed_plans(scenario):
        _assert_signs_agree_with_whole_reverts(scenario, plan, 11, attribute(scenario, plan, 11))
    easy = _scenario("easy_money")
    push = replace(easy.baseline, credit_guidance=0.98,
                   shares=dict(easy.baseline.shares) | {"risk_sharing": 0.35})
    plan = Plan.from_decisions(easy, [push] * easy.turns)
    _assert_signs_agree_with_whole_reverts(easy, plan, 7, attribute(easy, plan, 7))


def test_an_event_is_a_player_with_a_size_and_the_parts_still_add_up():
    scenario = _scenario("easy_money")
    push = replace(scenario.baseline, credit_guidance=0.98)
    plan = Plan.from_decisions(scenario, [push] * scenario.turns)
    a = attribute(scenario, plan, 7)
    events = [c for c in a.causes if c.startswith("event:")]
    assert "event:monetary_easing" in events
    assert np.allclose(a.parts.sum(axis=0), a.gap, rtol=0, atol=1e-9)
    k = a.causes.index("event:monetary_easing")
    fired = int(np.argmax(a.actual.fired[:, 0, scenario.event_ids.index("monetary_easing")]))
    assert np.all(a.event_size[k, :fired] == 0)
    assert np.any(a.event_size[k, fired:] != 0)   # the easing moved your region
    # the bad-loan gap is the credit push's, first of all
    npl = INDICATOR_INDEX["npl_ratio"]
    assert a.ranked(scenario.turns - 1, "npl_ratio")[0][0] == "credit_guidance"
    assert a.parts[a.causes.index("credit_guidance"), -1, npl] > 0


def test_a_suppressed_event_does_not_fire():
    scenario = _scenario("easy_money")
    plan = Plan.repeat(scenario, scenario.baseline).broadcast(2)
    plan.choices[:, 1, :] = -1
    run = simulate(scenario, plan, 7)
    assert run.fired[:, 0].any() and not run.fired[:, 1].any()


def test_the_noise_band_comes_from_the_model_and_is_cached():
    scenario = _scenario()
    band = noise_band(scenario)
    assert band.shape == (len(INDICATOR_INDEX),)
    assert band[INDICATOR_INDEX["gdp_growth"]] > 0
    assert noise_band(scenario) is band


def test_past_the_coalition_limit_fixed_orders_still_add_up_and_repeat(monkeypatch):
    import game.engine.attribution as attribution

    scenario = _scenario()
    plan = next(iter(_mixed_plans(scenario)))
    exact = attribute(scenario, plan, 2)
    monkeypatch.setattr(attribution, "MAX_COALITIONS", 4)
    attribution._COALITION_CACHE.clear()
    sampled = attribute(scenario, plan, 2)
    again = attribute(scenario, plan, 2)
    attribution._COALITION_CACHE.clear()
    assert (exact.method, sampled.method) == ("owen", "permutations")
    assert np.allclose(sampled.parts.sum(axis=0), sampled.gap, rtol=0, atol=1e-9)
    assert np.array_equal(sampled.parts, again.parts)
