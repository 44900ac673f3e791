"""The gaming audit: does any cheap trick win a level, and does the level's lesson win?

For every level, batched experiments (issue 8, point 7):
- doing nothing (the status quo);
- dial-only plans with the status-quo budget: focus 100 % on each sector, credit
  guidance 0 / 0.5 / 1, the guidance-fund horizon at its extremes when the dial exists;
- each other answer to each event that asks for one, with the status quo otherwise;
- each pilot zone alone, opened in the first turn, as it is and rolled out region-wide once it
  works;
- each budget lever alone (the whole budget in it, as far as the level's rules allow);
- random plans (bots.random_plans, seeded): how much of the score the focus setting
  explains (R²) against the budget shares;
- the search bot, and the level's debrief-recommended and naive strategies.

Bars: no costless setting moves 20-year GDP by more than 3 % against the status quo (the
losses of a credit boom that ends in crunches are lesson 3, not a trap, and are not counted);
no single dial, no single lever alone, no single pilot zone and no single answer to an event
earns a star; doing nothing earns none; the search bot earns three; the recommended strategy beats the naive one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace

import numpy as np

from game.content.bots import debrief_strategy, random_plans, roll_out_when_working, search
from game.content.objectives import evaluate_batch
from game.engine import FUND_HORIZON_RANGE, LEVERS, Plan, TurnDecision, simulate
from game.engine.schema import SECTORS
from game.i18n import N_

__all__ = ["StrategyOutcome", "LevelAudit", "audit_level", "r_squared", "strategies",
           "GDP_BAR", "HORIZON", "SEEDS"]

GDP_BAR = 0.03       # no costless setting moves 20-year GDP by more than this
HORIZON = 20         # years over which GDP is compared
SEEDS = (0, 1, 2)    # the fixed strategies are scored on each; a star on any seed counts
CREDIT_SETTINGS = (0.0, 0.5, 1.0)
FUND_HORIZONS = FUND_HORIZON_RANGE  # the extremes of the fund-life dial


@dataclass(frozen=True)
class StrategyOutcome:
    name: str             # e.g. "focus:emerging", "lever:transfer", "do_nothing"
    kind: str             # status_quo | dial | lever | search | recommended | naive
    stars: int            # the most stars on any seed
    score: float          # mean score over the seeds
    gdp_change: float     # GDP after HORIZON years against the status quo (0.02 = +2 %)

    def as_dict(self) -> dict:
        return {"strategy": self.name, "kind": self.kind, "stars": self.stars,
                "score": self.score, "gdp_change": self.gdp_change}


@dataclass
class LevelAudit:
    level: str
    outcomes: list[StrategyOutcome]
    r2_focus: float
    r2_shares: float
    samples: int
    failures: list[tuple[str, str]] = field(default_factory=list)  # (bar, strategy)

    def as_dict(self) -> dict:
        return {"level": self.level, "samples": self.samples, "r2_focus": self.r2_focus,
                "r2_shares": self.r2_shares, "strategies": [o.as_dict() for o in self.outcomes],
                "failures": [{"bar": bar, "strategy": who} for bar, who in self.failures]}


Strategy = Callable[[int], TurnDecision]  # turn (1-based) -> decision


def _fitted(level, wanted: TurnDecision, turn: int) -> TurnDecision:
    fitted = level.rules.coerce(wanted, turn)
    extra = {f: getattr(wanted, f) for f in ("fund_horizon",) if hasattr(wanted, f)}
    return replace(fitted, **extra) if extra else fitted


def _with_dial(level, **dial) -> Strategy:
    base = level.baseline_decision
    return lambda turn: _fitted(level, replace(base, **dial), turn)


def strategies(level) -> list[tuple[str, str, Strategy]]:
    """(name, kind, decision by turn) for every constant strategy of the audit."""
    base = level.baseline
    out: list[tuple[str, str, Strategy]] = [("do_nothing", "status_quo", lambda turn: base)]
    for sector in SECTORS:
        focus = {s: float(s == sector) for s in SECTORS}
        out.append((f"focus:{sector}", "dial", _with_dial(level, focus=focus)))
    for value in CREDIT_SETTINGS:
        out.append((f"credit_guidance:{value:g}", "dial", _with_dial(level, credit_guidance=value)))
    for years in FUND_HORIZONS:
        out.append((f"fund_horizon:{years:g}", "dial", _with_dial(level, fund_horizon=years)))
    for event in level.events:
        for choice in range(1, len(event.choices or ())):
            out.append((f"answer:{event.id}:{choice}", "answer",
                        _with_dial(level, choices={event.id: choice})))
    out += _pilot_strategies(level)
    for lever in LEVERS:
        if lever in level.levers:
            alone = replace(base, shares={lv: float(lv == lever) for lv in LEVERS})
            out.append((f"lever:{lever}", "lever",
                        lambda turn, alone=alone: level.rules.coerce(alone, turn)))
    for which in ("recommended", "naive"):
        decisions = debrief_strategy(level, which)
        if decisions is not None:
            out.append((which, which, lambda turn, d=decisions: d[min(turn, len(d)) - 1]))
    return out


def _pilot_strategies(level) -> list[tuple[str, str, Strategy]]:
    """Each pilot zone alone with the status quo, as it is and rolled out once it works."""
    out: list[tuple[str, str, Strategy]] = []
    for pilot in level.pilot_ids:
        opened = _with_dial(level, pilots=tuple(sorted({*level.baseline_decision.pilots, pilot})))
        out.append((f"pilot:{pilot}", "pilot", opened))
        rolled = roll_out_when_working(level, [opened(t) for t in range(1, level.turns + 1)], (pilot,))
        out.append((f"pilot:{pilot}+scale", "pilot", lambda turn, d=rolled: d[min(turn, len(d)) - 1]))
    return out


def _extend(plan: Plan, turns: int) -> Plan:
    """The plan held at its last turn's decisions until `turns`."""
    extra = turns - plan.turns
    if extra <= 0:
        return plan
    return Plan(**{f.name: np.concatenate(
        [getattr(plan, f.name), np.repeat(getattr(plan, f.name)[-1:], extra, axis=0)])
        for f in fields(Plan)})


def r_squared(x: np.ndarray, y: np.ndarray) -> float:
    """Share of the variance of y explained by a least-squares fit on the columns of x."""
    design = np.column_stack([np.ones(len(y)), x])
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    resid = y - design @ coef
    total = float(((y - y.mean()) ** 2).sum())
    return 1.0 - float((resid ** 2).sum()) / total if total > 0 else 0.0


def _random_r2(level, samples: int, seed: int) -> tuple[float, float]:
    plan = random_plans(level, np.random.Generator(np.random.PCG64(seed)), samples)
    score = evaluate_batch(level, simulate(level.scenario, plan, seed).indicators).score
    return (r_squared(plan.focus.mean(axis=0), score),
            r_squared(plan.shares.mean(axis=0), score))


#: The bars, by id, as shown (translated when printed).
BARS: dict[str, str] = {
    "costless_gdp": N_("a costless setting moves 20-year GDP by more than 3% (credit-boom "
                       "losses excepted)"),
    "dial_star": N_("a single dial earns a star"),
    "lever_star": N_("a single lever alone earns a star"),
    "answer_star": N_("a single answer to an event earns a star"),
    "pilot_star": N_("a single pilot zone earns a star"),
    "nothing_star": N_("doing nothing earns a star"),
    "search_short": N_("the search bot does not earn three stars"),
    "lesson_lost": N_("the recommended strategy does not beat the naive one"),
    "focus_dominates": N_("the focus explains more of the score than the budget shares"),
}


def _play(level, plans: Plan, horizon_scenario) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stars (max over seeds), mean score and mean GDP after the horizon, per batch member."""
    stars, scores, gdp = [], [], []
    for seed in SEEDS:
        run = simulate(level.scenario, plans.head(level.turns), seed)
        ev = evaluate_batch(level, run.indicators)
        stars.append(ev.stars)
        scores.append(ev.score)
        gdp.append(simulate(horizon_scenario, plans, seed).final("gdp"))
    return np.max(stars, axis=0), np.mean(scores, axis=0), np.mean(gdp, axis=0)


def _free_lunch_or_trap(outcome: StrategyOutcome) -> bool:
    """A costless setting may not raise 20-year GDP by more than the bar, nor lower it — except
    that pushing credit guidance can end in crunches, whose losses are lesson 3, not a trap."""
    if outcome.gdp_change > GDP_BAR:
        return True
    return outcome.gdp_change < -GDP_BAR and not outcome.name.startswith("credit_guidance:")


def _failures(audit: LevelAudit) -> list[tuple[str, str]]:
    out = []
    by_name = {o.name: o for o in audit.outcomes}
    for o in audit.outcomes:
        if o.kind == "dial" and _free_lunch_or_trap(o):
            out.append(("costless_gdp", o.name))
        if o.stars >= 1 and o.kind in ("dial", "lever", "answer", "pilot", "status_quo"):
            out.append(({"dial": "dial_star", "lever": "lever_star", "answer": "answer_star",
                         "pilot": "pilot_star"}.get(o.kind, "nothing_star"), o.name))
    if "search" in by_name and by_name["search"].stars < 3:
        out.append(("search_short", "search"))
    good, naive = by_name.get("recommended"), by_name.get("naive")
    if good and naive and (good.stars, good.score) <= (naive.stars, naive.score):
        out.append(("lesson_lost", "recommended"))
    if audit.r2_focus > audit.r2_shares:
        out.append(("focus_dominates", "random"))
    return out


def audit_level(level, samples: int = 1000, seed: int = 0, with_search: bool = True,
                progress: Callable[[str], None] | None = None) -> LevelAudit:
    """Every experiment of the audit on one level; failures name the bar and the strategy."""
    tick = progress or (lambda _step: None)
    turns = max(HORIZON, level.turns)
    horizon_scenario = replace(level.scenario, turns=turns)
    named = strategies(level)
    plans = Plan.stack([Plan.from_decisions(horizon_scenario, [s(t) for t in range(1, turns + 1)])
                        for _name, _kind, s in named])
    tick("strategies")
    stars, score, gdp = _play(level, plans, horizon_scenario)
    status_quo_gdp = gdp[0]
    outcomes = [StrategyOutcome(name, kind, int(stars[b]), float(score[b]),
                                float(gdp[b] / status_quo_gdp - 1.0))
                for b, (name, kind, _s) in enumerate(named)]
    if with_search:
        tick("search")
        best, plan = search(level, seed)
        s_stars, s_score, s_gdp = _play(level, _extend(plan, turns), horizon_scenario)
        outcomes.append(StrategyOutcome("search", "search", int(best.stars), float(s_score[0]),
                                        float(s_gdp[0] / status_quo_gdp - 1.0)))
    tick("random")
    r2_focus, r2_shares = _random_r2(level, samples, seed)
    audit = LevelAudit(level.id, outcomes, r2_focus, r2_shares, samples)
    audit.failures = _failures(audit)
    return audit
