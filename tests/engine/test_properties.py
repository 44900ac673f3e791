"""Properties over random plans: finite, non-negative, budget identity, determinism, batch = single."""

from dataclasses import fields

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import INDICATOR_INDEX, LEVERS, SECTORS, Plan, simulate
from game.engine.simulate import _Columns, _inputs, draw_randomness, narrow, start_state
from game.engine.step import step

from .builders import sandbox

SCENARIO = sandbox()
TURNS = SCENARIO.turns
NON_NEGATIVE = [name for name in INDICATOR_INDEX if name not in ("gdp_growth", "fiscal_balance", "tech_contribution")]


@st.composite
def plans(draw, batch: int = 1) -> Plan:
    """Random plans: shares may sum above 1 (the engine must cope), any dial, any pilots, any
    fund horizon, pilots scaled up at random (only working ones take)."""
    shares = draw(st.lists(st.floats(0.0, 0.4), min_size=len(LEVERS), max_size=len(LEVERS)))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    p = len(SCENARIO.pilots)
    shape = (TURNS, batch)
    plan = Plan(
        shares=np.clip(np.array(shares) + rng.normal(0, 0.05, shape + (len(LEVERS),)), 0, 1),
        credit_guidance=rng.random(shape),
        focus=rng.random(shape + (len(SECTORS),)),
        pilots=rng.random(shape + (p,)) < draw(st.floats(0, 0.6)),
        choices=np.zeros(shape + (len(SCENARIO.events),), dtype=np.int64),
        fund_horizon=rng.uniform(0.0, 20.0, shape),  # outside 5–15 too: the engine clips
        scale_up=rng.random(shape + (p,)) < draw(st.floats(0, 0.5)),
    )
    return plan


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(plans(batch=3), st.integers(0, 10_000))
def test_no_nan_no_infinity_no_negative_stocks(plan, seed):
    result = simulate(SCENARIO, plan, seed)
    assert np.isfinite(result.indicators).all()
    assert np.isfinite(result.flows).all()
    for name in NON_NEGATIVE:
        assert (result.indicators[..., INDICATOR_INDEX[name]] >= 0).all(), name
    assert (result.stocks >= 0).all()
    assert (result.indicators[..., INDICATOR_INDEX["npl_ratio"]] <= 1).all()


@FAST
@given(plans(batch=2), st.integers(0, 10_000))
def test_budget_identity(plan, seed):
    """Spending + change in reserve − change in debt = budget + fund exits, every turn."""
    cs = SCENARIO.compiled()
    noise, uniforms = draw_randomness(seed, TURNS, len(SCENARIO.events))
    state, _ = start_state(SCENARIO, plan.batch)
    for t in range(TURNS):
        new, out = step(state, t, _inputs(plan, t, noise, uniforms), SCENARIO.params, cs)
        lhs = out.spending + (new.reserve - state.reserve) - (new.debt - state.debt)
        np.testing.assert_allclose(lhs, out.budget, rtol=1e-9, atol=1e-9)
        assert (new.reserve >= 0).all() and (new.debt >= 0).all()
        assert (out.shares.sum(axis=0) <= plan.shares[t].sum(axis=1) + 1e-12).all()
        state = new


@FAST
@given(plans(batch=1), st.integers(0, 10_000))
def test_determinism_and_batch_equals_single(plan, seed):
    once = simulate(SCENARIO, plan, seed)
    again = simulate(SCENARIO, plan, seed)
    assert np.array_equal(once.indicators, again.indicators)
    batch = simulate(SCENARIO, plan.broadcast(5), seed)
    for b in range(5):
        assert np.array_equal(batch.indicators[:, b], once.indicators[:, 0])


@FAST
@given(plans(batch=3), st.integers(0, 10_000))
def test_stepping_by_hand_equals_simulate(plan, seed):
    """simulate has the step write its outputs straight into the run's arrays (TurnBuffers); a
    step without them gives the same numbers, bit for bit (the deficit limit binds in some plans)."""
    run = simulate(SCENARIO, plan, seed)
    cs = SCENARIO.compiled()
    noise, uniforms = draw_randomness(seed, TURNS, len(SCENARIO.events))
    state, _ = start_state(SCENARIO, plan.batch)
    for t in range(TURNS):
        state, out = step(state, t, _inputs(plan, t, noise, uniforms), SCENARIO.params, cs)
        for mine, theirs in ((out.indicators, run.indicators), (out.flows, run.flows),
                             (out.shares, run.shares), (out.stocks, run.stocks),
                             (out.lever_spending, run.spending)):
            assert np.ascontiguousarray(theirs[t].T).tobytes() == np.ascontiguousarray(mine).tobytes()


def _same_bits(narrow_value, wide_value) -> bool:
    """One region's value (a number, or (k,)) holds the bits of the batch's (1,) or (k, 1) row."""
    if isinstance(wide_value, tuple):
        return all(_same_bits(a, b) for a, b in zip(narrow_value, wide_value, strict=True))
    wide_value = np.asarray(wide_value)
    mine = np.asarray(narrow_value, dtype=wide_value.dtype)
    return mine.shape == wide_value.shape[:-1] and mine.tobytes() == np.ascontiguousarray(wide_value[..., 0]).tobytes()


@FAST
@given(plans(batch=1), st.integers(0, 10_000))
def test_one_region_on_numbers_equals_a_row_of_one(plan, seed):
    """simulate runs one region on numbers (`narrow`) rather than on rows of one: every stock of
    the state and every output of every turn has the same bits as the step on rows of one."""
    cs = SCENARIO.compiled()
    noise, uniforms = draw_randomness(seed, TURNS, len(SCENARIO.events))
    wide, _ = start_state(SCENARIO, 1)
    one = narrow(wide)
    rows, numbers = _Columns(plan), _Columns(plan, one=True)
    for t in range(TURNS):
        wide, out_wide = step(wide, t, rows.turn(t, noise, uniforms), SCENARIO.params, cs)
        one, out_one = step(one, t, numbers.turn(t, noise, uniforms), SCENARIO.params, cs)
        for f in fields(wide):
            assert _same_bits(getattr(one, f.name), getattr(wide, f.name)), (t, f.name)
        for f in fields(out_wide):
            assert _same_bits(getattr(out_one, f.name), getattr(out_wide, f.name)), (t, f.name)


def test_different_seeds_differ_and_same_seed_is_bit_identical():
    plan = Plan.repeat(SCENARIO, SCENARIO.baseline)
    a, b = simulate(SCENARIO, plan, 1), simulate(SCENARIO, plan, 2)
    assert not np.array_equal(a.indicators, b.indicators)
    assert simulate(SCENARIO, plan, 1).indicators.tobytes() == a.indicators.tobytes()


def test_partial_run_is_a_prefix_of_the_full_run():
    plan = Plan.repeat(SCENARIO, SCENARIO.baseline)
    full = simulate(SCENARIO, plan, 4)
    part = simulate(SCENARIO, plan.head(7), 4)
    assert np.array_equal(full.indicators[:7], part.indicators)


def _level_plan(scenario, batch: int, seed: int) -> Plan:
    """A random plan for a level: any shares and dials, pilots opened and scaled up, and every
    event answered at random (−1: "this event does not happen here")."""
    rng = np.random.default_rng(seed)
    shape = (scenario.turns, batch)
    p, e = len(scenario.pilots), len(scenario.events)
    return Plan(
        shares=rng.random(shape + (len(LEVERS),)) * 0.3,
        credit_guidance=rng.random(shape),
        focus=rng.random(shape + (len(SECTORS),)),
        pilots=rng.random(shape + (p,)) < 0.3,
        choices=rng.integers(-1, 3, shape + (e,)),
        fund_horizon=rng.uniform(0.0, 20.0, shape),
        scale_up=rng.random(shape + (p,)) < 0.3,
    )


def test_every_level_batch_equals_single_with_events_and_pilots():
    """On every shipped level (scripted, random and conditional events, pilots): each member of
    a batch equals the same plan run alone (on numbers, `narrow`), bit for bit, and the events
    the game shows before a turn are the same for one region as for a batch."""
    from game.content.levels import shipped_levels
    from game.engine import pending_events

    for level in shipped_levels():
        scenario = level.scenario
        plan = _level_plan(scenario, 3, 11)
        batch = simulate(scenario, plan, 5)
        for b in range(plan.batch):
            alone = simulate(scenario, plan.members(slice(b, b + 1)), 5)
            for name in ("indicators", "flows", "stocks", "shares", "spending", "budget", "fired"):
                theirs, mine = getattr(batch, name)[:, b], getattr(alone, name)[:, 0]
                assert np.ascontiguousarray(theirs).tobytes() == np.ascontiguousarray(mine).tobytes(), (level.id, b, name)
        one = plan.members(slice(0, 1))
        for turn in (1, scenario.turns // 2, scenario.turns - 1):
            assert np.array_equal(pending_events(scenario, one, 5, turn)[0],
                                  pending_events(scenario, plan, 5, turn)[0]), (level.id, turn)


def test_an_extreme_credit_boom_saturates_defaults_without_overflow():
    """Past what a level may ask for (validate refuses it), a credit boom's factor on default
    rates is guarded: exp never overflows and the numbers stay finite (defaults at their 90%)."""
    from dataclasses import replace

    scenario = replace(SCENARIO, params=SCENARIO.params.with_overrides({"boom_sensitivity": 50.0}))
    rng = np.random.default_rng(3)
    plan = Plan.repeat(scenario, scenario.baseline).broadcast(32)
    plan.credit_guidance[:] = rng.random(plan.credit_guidance.shape)  # the dial up and down every year
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        run = simulate(scenario, plan, 0)
    assert np.isfinite(run.indicators).all() and np.isfinite(run.stocks).all()


def test_bad_loans_never_outgrow_the_loans_there_are():
    """A region that starts in a banking crisis (30% bad loans) with booms that never fade, the
    credit dial up and down every year: bad loans and loans at risk stay at most all credit
    (general credit follows output and is not written down by its own defaults, so without the
    identity a long crisis once piled up three times more bad loans than loans)."""
    from dataclasses import replace

    scenario = replace(SCENARIO, initial={**SCENARIO.initial, "npl_ratio": 0.3},
                       params=SCENARIO.params.with_overrides({"boom_memory": 1.0}))
    rng = np.random.default_rng(5)
    plan = Plan.repeat(scenario, scenario.baseline).broadcast(32)
    plan.credit_guidance[:] = rng.random(plan.credit_guidance.shape)
    run = simulate(scenario, plan, 0)
    npl = run.indicators[..., INDICATOR_INDEX["npl_ratio"]]
    at_risk = run.indicators[..., INDICATOR_INDEX["loans_at_risk"]]
    assert np.isfinite(npl).all() and npl.max() <= 1.0 and at_risk.max() <= 1.0
    assert npl.max() > 0.5, "the crisis is deep enough to test the identity"
