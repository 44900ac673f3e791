"""Bots that play a level to show it can be won and lost (used by `validate` and the tests).

Four fixed strategies (do nothing, balanced, research only, credit heavy) and a
search bot: cross-entropy search over whole plans, each generation of
`population` plans run as one batched `simulate` call. The search (and the random
plans drawn like its first generation) decides every kind of decision a level offers:
budget shares, credit guidance, focus, the guidance funds' life (`fund_horizon`),
pilot zones and rolling a working pilot out region-wide (`scale_up`). Every bot
respects the level's rules: only available levers and dials, locked ones held at the
status quo, shares never above the budget, at most `max_pilots` pilot zones, a
pilot rolled out only once it works.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.content.decisions import replace
from game.content.departure import simulate_scored
from game.engine import Plan, TurnDecision
from game.engine.schema import FUND_HORIZON_RANGE, LEVERS, SECTORS
from game.i18n import N_

#: Bot names as shown in the validate table (translated when shown).
BOT_TITLES: dict[str, str] = {
    "do_nothing": N_("do nothing"),
    "balanced": N_("balanced"),
    "research_only": N_("research only"),
    "credit_heavy": N_("credit heavy"),
    "search": N_("search"),
}


@dataclass(frozen=True)
class BotResult:
    bot: str
    seed: int
    score: float
    stars: int


def _constant(level, shares: dict[str, float], credit_guidance: float, focus: dict[str, float],
              pilots: tuple[str, ...], fund_horizon: float | None = None,
              scale_up: tuple[str, ...] = (), choices: dict[str, int] | None = None) -> list:
    """The same decision every turn, fitted to the level's rules each turn; the pilots named
    in `scale_up` are rolled out region-wide as soon as they work; `choices` answers events."""
    wanted = TurnDecision(shares={lv: shares.get(lv, 0.0) for lv in LEVERS},
                          credit_guidance=credit_guidance, focus=dict(focus), pilots=pilots,
                          fund_horizon=level.baseline.fund_horizon if fund_horizon is None
                          else fund_horizon, choices=dict(choices or {}))
    decisions = [level.rules.coerce(wanted, turn) for turn in range(1, level.turns + 1)]
    return roll_out_when_working(level, decisions, scale_up)


def roll_out_when_working(level, decisions: list, pilot_ids: tuple[str, ...]) -> list:
    """`decisions` with each pilot of `pilot_ids` rolled out region-wide (复制推广) in the first
    turn it works — open longer than its delay without a break, as the engine counts it —
    while it runs and pilot zones are open to the player; never before, never twice."""
    delay = {p.id: p.delay for p in level.scenario.pilots}
    age, scaled, out = dict.fromkeys(delay, 0), set(), []
    for turn, decision in enumerate(decisions, start=1):
        roll = {p for p in pilot_ids if p in decision.pilots and p not in scaled
                and p in delay and age[p] > delay[p]}
        if roll and level.rules.open_at("pilots", turn):
            decision = replace(decision, scale_up=tuple(sorted(roll | set(decision.scale_up))))
        scaled |= {p for p in decision.scale_up if p in delay and age[p] > delay[p]}
        opened = set(decision.pilots) | scaled
        age = {p: age[p] + 1 if p in opened else 0 for p in delay}
        out.append(decision)
    return out


def do_nothing(level) -> list:
    """The status quo every year: the level's baseline."""
    return [level.baseline] * level.turns


def balanced(level) -> list:
    """Feed every part of the loop a little; spend nearly the whole budget."""
    shares = {"basic": 0.12, "applied": 0.18, "transfer": 0.12, "education": 0.10,
              "attraction": 0.10, "skills": 0.10, "risk_sharing": 0.10, "guidance_fund": 0.13}
    focus = {"traditional": 0.3, "emerging": 0.45, "digital": 0.25}
    return _constant(level, shares, 0.4, focus, level.pilot_ids)


def research_only(level) -> list:
    """Everything into research, nothing into talent or finance."""
    shares = {"basic": 0.35, "applied": 0.40, "transfer": 0.20}
    return _constant(level, shares, level.baseline.credit_guidance, level.baseline.focus, ())


def credit_heavy(level) -> list:
    """Push the banks as hard as possible and pour the budget into finance."""
    shares = {"risk_sharing": 0.50, "guidance_fund": 0.40, "applied": 0.05}
    focus = {"traditional": 0.2, "emerging": 0.6, "digital": 0.2}
    pilots = tuple(p for p in level.pilot_ids if p in ("financial_innovation_zone",
                                                       "capital_market_link"))
    return _constant(level, shares, 1.0, focus, pilots)


# --- each level's lesson as two strategies: what its debrief recommends, and the naive one ---
# Shares name levers that may not exist in every engine version; `_constant` keeps only LEVERS.
# `fund_horizon` is the funds' life in years; `scale_up` names pilots rolled out region-wide
# (复制推广) as soon as they work.
_LOOP = {"basic": 0.16, "applied": 0.12, "transfer": 0.06, "joint_programmes": 0.10,
         "education": 0.10, "attraction": 0.13, "skills": 0.08, "risk_sharing": 0.04,
         "guidance_fund": 0.08, "rd_tax_credit": 0.08}
DEBRIEF_STRATEGIES: dict[str, dict[str, dict]] = {
    # "research, industry and finance feed each other" vs everything into research
    "tutorial": {"recommended": {"shares": _LOOP | {"basic": 0.12, "applied": 0.12, "transfer": 0.1,
                                                    "education": 0.06, "attraction": 0.12,
                                                    "skills": 0.12, "guidance_fund": 0.1},
                                 "credit_guidance": 0.4,
                                 "pilots": ("incubation_cluster",), "scale_up": ("incubation_cluster",)},
                 "naive": {"shares": {"basic": 0.45, "applied": 0.5}}},
    "sandbox": {"recommended": {"shares": _LOOP, "credit_guidance": 0.5, "fund_horizon": 10.0,
                                "pilots": ("talent_special_zone", "incubation_cluster",
                                           "digital_economy_zone"),
                                "scale_up": ("talent_special_zone", "incubation_cluster",
                                             "digital_economy_zone")},
                "naive": {"shares": {"basic": 0.45, "applied": 0.5}}},
    # "what was missing was the bridge and the money to cross it" vs more of the same research
    "university_town": {
        "recommended": {"shares": _LOOP | {"basic": 0.15, "transfer": 0.2, "joint_programmes": 0.08},
                        "credit_guidance": 0.4,
                        "pilots": ("tech_transfer_reform", "incubation_cluster", "capital_market_link")},
        "naive": {"shares": {"basic": 0.5, "applied": 0.25, "education": 0.2}}},
    # "transform and upgrade traditional industry and grow emerging industries, together"
    # vs "put everything into new industries"
    "old_industrial_base": {
        "recommended": {"shares": _LOOP | {"skills": 0.16, "basic": 0.05, "transfer": 0.12},
                        "focus": {"traditional": 0.5, "emerging": 0.35, "digital": 0.15},
                        "pilots": ("smart_green_manufacturing",),
                        "scale_up": ("smart_green_manufacturing",)},
        "naive": {"shares": {"attraction": 0.3, "guidance_fund": 0.4, "risk_sharing": 0.2,
                             "applied": 0.1},
                  "credit_guidance": 0.6, "focus": {"traditional": 0.05, "emerging": 0.9,
                                                    "digital": 0.05}}},
    # "let credit grow with technology, not ahead of it" vs keep pushing the banks
    "easy_money": {
        "recommended": {"shares": _LOOP | {"risk_sharing": 0.1}, "credit_guidance": 0.3,
                        "pilots": ("financial_innovation_zone",),
                        "choices": {"monetary_easing": 1}},  # "tell the banks to be selective"
        "naive": {"shares": {"risk_sharing": 0.5, "guidance_fund": 0.3, "applied": 0.1},
                  "credit_guidance": 1.0}},
    # "a guidance fund is the last link of the loop, not the first": the fund kept, with the
    # technology it needs (transfer, joint programmes, firms' R&D, an exit market) vs fund only
    "government_as_vc": {
        "recommended": {"shares": {"basic": 0.05, "applied": 0.12, "transfer": 0.12,
                                   "joint_programmes": 0.1, "education": 0.05, "attraction": 0.08,
                                   "skills": 0.05, "risk_sharing": 0.03, "guidance_fund": 0.3,
                                   "rd_tax_credit": 0.08},
                        "fund_horizon": 12.0,  # patient capital backs earlier-stage technology
                        "pilots": ("tech_transfer_reform", "capital_market_link"),
                        "scale_up": ("tech_transfer_reform",)},
        "naive": {"shares": {"guidance_fund": 0.7, "risk_sharing": 0.1, "applied": 0.1}}},
    # "growth came where digital tools reached ordinary firms … and workers trained to use them"
    # vs data centres alone
    "digital_leap": {
        "recommended": {"shares": _LOOP | {"skills": 0.16, "basic": 0.04},
                        "focus": {"traditional": 0.45, "emerging": 0.2, "digital": 0.35},
                        "pilots": ("digital_economy_zone", "smart_green_manufacturing")},
        "naive": {"shares": {"guidance_fund": 0.5, "attraction": 0.2, "applied": 0.2},
                  "focus": {"traditional": 0.05, "emerging": 0.05, "digital": 0.9}}},
    # "the key value of long-term, foundational technology" vs short-term applied work only
    "chain_break": {
        # foundational research and the people to do it, patient funds, and the two pilots that
        # bring finance and talent to it (rolled out once they work)
        "recommended": {"shares": _LOOP | {"basic": 0.18, "applied": 0.1, "attraction": 0.14,
                                           "guidance_fund": 0.12, "rd_tax_credit": 0.08},
                        "fund_horizon": 12.0,  # "patient finance"
                        "pilots": ("financial_innovation_zone", "talent_special_zone"),
                        "scale_up": ("financial_innovation_zone", "talent_special_zone")},
        "naive": {"shares": {"applied": 0.6, "transfer": 0.2, "skills": 0.1},
                  "credit_guidance": 0.5}},
}


def debrief_strategy(level, which: str) -> list | None:
    """The level's "recommended" or "naive" strategy as decisions, or None if it has none."""
    spec = DEBRIEF_STRATEGIES.get(level.id, {}).get(which)
    if spec is None:
        return None
    base = level.baseline
    pilots = tuple(p for p in spec.get("pilots", ()) if p in level.pilot_ids)
    return _constant(level, spec["shares"], spec.get("credit_guidance", base.credit_guidance),
                     spec.get("focus", base.focus), pilots, spec.get("fund_horizon"),
                     tuple(p for p in spec.get("scale_up", ()) if p in pilots),
                     spec.get("choices"))


FIXED_BOTS: dict[str, Callable[[object], list]] = {
    "do_nothing": do_nothing,
    "balanced": balanced,
    "research_only": research_only,
    "credit_heavy": credit_heavy,
}


def play_fixed(level, bot: str, seeds: list[int]) -> list[BotResult]:
    scenario = level.scenario
    plan = Plan.from_decisions(scenario, FIXED_BOTS[bot](level))
    results = []
    for seed in seeds:
        _run, ev = simulate_scored(level, plan, seed)
        results.append(BotResult(bot, seed, float(ev.score[0]), int(ev.stars[0])))
    return results


# --- search bot ---------------------------------------------------------------------------


@dataclass
class _Distribution:
    """Independent Gaussians over plan parameters: per phase shares, spend, credit guidance,
    focus and fund life; per pilot zone whether to open it and to roll it out, and when."""

    mean: np.ndarray
    std: np.ndarray


PHASES = 3  # the plan changes at most twice during the level
_N_SHARE, _N_FOCUS = len(LEVERS), len(SECTORS)
# share logits, spend, credit guidance, focus logits, fund life
_PER_PHASE = _N_SHARE + 1 + 1 + _N_FOCUS + 1
_HORIZON = _PER_PHASE - 1
#: per pilot zone: open it; roll it out region-wide once it works; how long after that
PILOT_GENES = 3


def _softmax(x: np.ndarray) -> np.ndarray:
    z = np.exp(x - x.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _build_plan(level, scenario, theta: np.ndarray, pilot_genes: np.ndarray,
                choice_logits: list[np.ndarray]) -> Plan:
    """Turn B parameter vectors into a batched plan that obeys the level's rules.

    `theta` is (B, PHASES * _PER_PHASE); `pilot_genes` (B, PILOT_GENES * P): the pilots'
    open logits, then their roll-out logits, then the roll-out timing."""
    batch, turns, rules = theta.shape[0], level.turns, level.rules
    params = theta.reshape(batch, PHASES, _PER_PHASE)
    phase_of_turn = np.minimum(np.arange(turns) * PHASES // turns, PHASES - 1)
    shares = np.zeros((turns, batch, _N_SHARE))
    guidance = np.zeros((turns, batch))
    focus = np.zeros((turns, batch, _N_FOCUS))
    horizon = np.zeros((turns, batch))
    base = level.baseline
    base_shares = np.array([base.shares.get(lv, 0.0) for lv in LEVERS])
    base_focus = np.array([base.focus.get(s, 0.0) for s in SECTORS])
    low, high = FUND_HORIZON_RANGE
    for t in range(turns):
        turn = t + 1
        p = params[:, phase_of_turn[t]]
        open_mask = np.array([rules.open_at(lv, turn) for lv in LEVERS])
        fixed_total = base_shares[~open_mask].sum()
        logits = np.where(open_mask[None, :], p[:, :_N_SHARE], -np.inf)
        spend = _sigmoid(p[:, _N_SHARE]) * max(0.0, 1.0 - fixed_total)
        chosen = _softmax(logits) * spend[:, None] if open_mask.any() else np.zeros((batch, _N_SHARE))
        shares[t] = np.where(open_mask[None, :], chosen, base_shares[None, :])
        guidance[t] = (_sigmoid(p[:, _N_SHARE + 1]) if rules.open_at("credit_guidance", turn)
                       else base.credit_guidance)
        focus[t] = (_softmax(p[:, _N_SHARE + 2:_HORIZON]) if rules.open_at("focus", turn)
                    else base_focus[None, :])
        horizon[t] = (low + (high - low) * _sigmoid(p[:, _HORIZON])
                      if rules.open_at("fund_horizon", turn) else base.fund_horizon)
    pilots, scale_up = _pilot_plan(level, scenario, pilot_genes)
    choices = np.zeros((turns, batch, len(scenario.events)), dtype=np.int64)
    for e, logits in enumerate(choice_logits):
        choices[:, :, e] = np.argmax(logits, axis=1)[None, :]
    return Plan(shares, guidance, focus, pilots, choices, horizon, scale_up)


def _pilot_plan(level, scenario, pilot_genes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pilots open from the turn pilot zones unlock (the `max_pilots` with the largest
    positive logits) and, where chosen, rolled out region-wide in one turn at or after
    the first turn they work (their delay, as the engine counts it), never before."""
    turns, rules = level.turns, level.rules
    batch, n_pilots = pilot_genes.shape[0], len(scenario.pilots)
    pilots = np.zeros((turns, batch, n_pilots), dtype=bool)
    scale_up = np.zeros((turns, batch, n_pilots), dtype=bool)
    if not n_pilots or not rules.max_pilots or not rules.offers("pilots"):
        return pilots, scale_up
    genes = pilot_genes.reshape(batch, PILOT_GENES, n_pilots)
    open_logits, roll_logits, timing = genes[:, 0], genes[:, 1], genes[:, 2]
    order = np.argsort(-open_logits, axis=1, kind="stable")
    on = np.zeros((batch, n_pilots), dtype=bool)
    rows = np.arange(batch)
    for k in range(min(rules.max_pilots, n_pilots)):
        pick = order[:, k]
        on[rows, pick] = open_logits[rows, pick] > 0
    first = next((t for t in range(1, turns + 1) if rules.open_at("pilots", t)), turns + 1)
    pilots[first - 1:] = on
    # open without a break from `first`: a pilot has run `turn - first` years before `turn`,
    # and works once that exceeds its delay
    works_from = first + 1 + np.array([int(spec.delay) for spec in scenario.pilots])
    span = np.maximum(turns - works_from + 1, 0)
    roll_turn = works_from[None, :] + np.floor(_sigmoid(timing) * span[None, :]).astype(int)
    rolled = on & (roll_logits > 0) & (roll_turn <= turns)
    for t in range(turns):
        scale_up[t] = rolled & (roll_turn == t + 1)
    return pilots, scale_up


def _first_draw(level, rng: np.random.Generator, population: int, spread: float = 1.5):
    """The search's first generation: (theta, pilot genes, choice logits), centred at 0."""
    theta = spread * rng.standard_normal((population, PHASES * _PER_PHASE))
    genes = spread * rng.standard_normal((population, PILOT_GENES * len(level.scenario.pilots)))
    choices = [rng.standard_normal((population, len(e.choices))) for e in level.scenario.events]
    return theta, genes, choices


def search(level, seed: int, population: int = 1000, generations: int = 6,
           elite: float = 0.1, rng_seed: int = 12345) -> tuple[BotResult, Plan]:
    """Cross-entropy search over plans for one seed; returns the best plan found."""
    scenario = level.scenario
    rng = np.random.Generator(np.random.PCG64(rng_seed + seed))
    dim = PHASES * _PER_PHASE
    dist = _Distribution(np.zeros(dim), np.full(dim, 1.5))
    n_genes = PILOT_GENES * len(scenario.pilots)
    pilot_dist = _Distribution(np.zeros(n_genes), np.full(n_genes, 1.5))
    n_choices = [len(e.choices) for e in scenario.events]
    choice_mean = [np.zeros(n) for n in n_choices]
    best_score, best_plan, best_stars = -np.inf, None, 0
    n_elite = max(2, int(population * elite))
    for _ in range(generations):
        theta = dist.mean + dist.std * rng.standard_normal((population, dim))
        genes = pilot_dist.mean + pilot_dist.std * rng.standard_normal((population, n_genes))
        choice_logits = [m + rng.standard_normal((population, len(m))) for m in choice_mean]
        plan = _build_plan(level, scenario, theta, genes, choice_logits)
        _run, ev = simulate_scored(level, plan, seed)
        rank = np.lexsort((-ev.score, -ev.stars))  # stars first, then score
        top = rank[:n_elite]
        if (ev.stars[top[0]], ev.score[top[0]]) > (best_stars, best_score):
            best_stars, best_score = int(ev.stars[top[0]]), float(ev.score[top[0]])
            best_plan = plan_member(plan, int(top[0]))
        dist = _Distribution(theta[top].mean(axis=0), theta[top].std(axis=0) + 0.05)
        pilot_dist = _Distribution(genes[top].mean(axis=0), genes[top].std(axis=0) + 0.05)
        choice_mean = [c[top].mean(axis=0) for c in choice_logits]
    return BotResult("search", seed, best_score, best_stars), best_plan


def random_win_share(level, seed: int, population: int = 1000, rng_seed: int = 777) -> float:
    """Share of random plans (one batched run) that earn at least one star: a difficulty gauge."""
    rng = np.random.Generator(np.random.PCG64(rng_seed + seed))
    plan = random_plans(level, rng, population)
    stars = simulate_scored(level, plan, seed)[1].stars
    return float((stars >= 1).mean())


def random_plans(level, rng: np.random.Generator, population: int) -> Plan:
    """`population` random plans that obey the level's rules (the search bot's first draw):
    every decision the level offers varies, the fund life and pilot roll-outs included."""
    return _build_plan(level, level.scenario, *_first_draw(level, rng, population))


def plan_member(plan: Plan, b: int) -> Plan:
    """Batch member `b` of a plan, as a plan of one (every field, the new levers' too)."""
    return plan.members(slice(b, b + 1)).copy()


def play_all(level, seeds: list[int], with_search: bool = True) -> dict[str, list[BotResult]]:
    """Every bot on every seed: {bot: [BotResult per seed]}."""
    results = {bot: play_fixed(level, bot, seeds) for bot in FIXED_BOTS}
    if with_search:
        results["search"] = [search(level, seed)[0] for seed in seeds]
    return results
