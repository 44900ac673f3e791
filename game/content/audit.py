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
- the search bot, and the level's debrief-recommended and naive strategies;
- the cheap family (the red team's, exhaustively): the status-quo budget, nothing, one lever
  with the whole budget or two levers half each, each with the focus at the status quo or
  100 % on one sector, credit guidance at the status quo, 0 or 1, the fund life at the status
  quo or an extreme, and no pilot zone or one (opened, rolled out once it works) — thousands
  of plans a level, built as arrays and run in batches;
- pushes on top of the recommended strategy: credit guidance 1 or the focus on one sector in
  the last turn, the last three turns or all game; the whole budget on one lever in the last
  turn or the last three.

Bars: no costless setting moves 20-year GDP by more than 3 % against the status quo (the
losses of a credit boom that ends in crunches are lesson 3, not a trap, and are not counted);
no single dial, no single lever alone, no single pilot zone and no single answer to an event
earns a star; doing nothing earns none; the search bot earns three; the recommended strategy
beats the naive one; no cheap plan earns a star on any seed while it leaves 20-year GDP below
doing nothing's (the status quo resuming after the level: a region left worse off than if
nothing had been done has not learned the lesson, whatever the indicators said in the last
year); no cheap plan beats the recommended strategy's mean score (a run lost to a broken
required objective scores nothing there: it ends the level with no stars); no push on top of the
recommended strategy adds a star on any seed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace

import numpy as np

from game.content.bots import debrief_strategy, random_plans, roll_out_when_working, search
from game.content.departure import simulate_scored
from game.content.objectives import required_met
from game.engine import FUND_HORIZON_RANGE, LEVERS, Plan, TurnDecision, simulate
from game.engine.schema import SECTORS
from game.i18n import N_

__all__ = ["StrategyOutcome", "LevelAudit", "CheapPlan", "CheapOutcome", "CheapSummary",
           "audit_level", "cheap_family", "cheap_decisions", "cheap_gdp_after", "pushes",
           "r_squared", "strategies", "strategy_decisions",
           "GDP_BAR", "HORIZON", "SEEDS"]

GDP_BAR = 0.03       # no costless setting moves 20-year GDP by more than this
HORIZON = 20         # years over which GDP is compared
SEEDS = (0, 1, 2)    # the fixed strategies are scored on each; a star on any seed counts
CREDIT_SETTINGS = (0.0, 0.5, 1.0)
FUND_HORIZONS = FUND_HORIZON_RANGE  # the extremes of the fund-life dial
CHEAP_CREDIT = (0.0, 1.0)           # the credit-guidance extremes of the cheap family
PUSH_SPANS = (1, 3)                 # end-of-level pushes last this many turns (or all game)
CHUNK = 4096                        # plans simulated in one call (bounds the memory)
SCORE_TOLERANCE = 1e-9              # scores closer than this are equal
SHRINK_TOLERANCE = 1e-6             # a GDP change smaller than this is rounding, not a loss


@dataclass(frozen=True)
class StrategyOutcome:
    name: str             # e.g. "focus:emerging", "lever:transfer", "do_nothing"
    kind: str             # status_quo | dial | lever | search | recommended | naive
    stars: int            # the most stars on any seed
    score: float          # mean score over the seeds
    gdp_change: float     # GDP after HORIZON years against the status quo (0.02 = +2 %)
    seed_stars: tuple[int, ...] = ()  # stars on each of SEEDS
    gdp_after: float | None = None    # the same, with the status quo resuming after the level

    def as_dict(self) -> dict:
        return {"strategy": self.name, "kind": self.kind, "stars": self.stars,
                "stars_by_seed": list(self.seed_stars), "score": self.score,
                "gdp_change": self.gdp_change, "gdp_after_level": self.gdp_after}


@dataclass
class LevelAudit:
    level: str
    outcomes: list[StrategyOutcome]
    r2_focus: float
    r2_shares: float
    samples: int
    failures: list[tuple[str, str]] = field(default_factory=list)  # (bar, strategy)
    cheap: CheapSummary | None = None

    def as_dict(self) -> dict:
        return {"level": self.level, "samples": self.samples, "r2_focus": self.r2_focus,
                "r2_shares": self.r2_shares, "strategies": [o.as_dict() for o in self.outcomes],
                "cheap": self.cheap.as_dict() if self.cheap else None,
                "failures": [{"bar": bar, "strategy": who} for bar, who in self.failures]}


@dataclass(frozen=True)
class CheapOutcome:
    name: str                   # CheapPlan.name
    seed_stars: tuple[int, ...]  # stars on each of SEEDS
    score: float                # mean score over SEEDS
    gdp_after: float            # 20-year GDP, the status quo after the level, vs doing nothing

    def as_dict(self) -> dict:
        return {"strategy": self.name, "stars_by_seed": list(self.seed_stars),
                "score": self.score, "gdp_after_level": self.gdp_after}


@dataclass(frozen=True)
class CheapSummary:
    """What the cheap family did on a level."""

    plans: int                  # distinct plans run
    starred: int                # earned a star on some seed
    shrinking: int              # of those, left 20-year GDP below doing nothing's
    beating: int                # beat the recommended strategy's mean score
    best: CheapOutcome          # the highest mean score (then the most stars)
    worst: CheapOutcome | None  # the most rewarded of the shrinking ones
    lowest_gdp: float | None    # the lowest 20-year GDP change of a plan with a star

    def as_dict(self) -> dict:
        return {"plans": self.plans, "with_a_star": self.starred,
                "with_a_star_lowering_gdp": self.shrinking,
                "beating_recommended": self.beating, "best": self.best.as_dict(),
                "worst_lowering_gdp": self.worst.as_dict() if self.worst else None,
                "lowest_gdp_with_a_star": self.lowest_gdp}


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
    for name, decisions in pushes(level):
        out.append((name, "push", lambda turn, d=decisions: d[min(turn, len(d)) - 1]))
    return out


def pushes(level) -> list[tuple[str, list[TurnDecision]]]:
    """The recommended strategy with a costless push at the end of the level (or all game):
    credit guidance 1, the focus 100 % on one sector, or the whole budget on one lever."""
    recommended = debrief_strategy(level, "recommended")
    if recommended is None:
        return []
    turns, out = level.turns, []

    def push(name: str, change: Callable[[TurnDecision], TurnDecision], span: int) -> None:
        out.append((f"push:{name}:" + (f"last{span}" if span < turns else "all"),
                    [level.rules.coerce(change(d), t) if t > turns - span else d
                     for t, d in enumerate(recommended, start=1)]))

    for span in sorted({min(span, turns) for span in (*PUSH_SPANS, turns)}):
        push("credit_guidance=1", lambda d: replace(d, credit_guidance=1.0), span)
        for sector in SECTORS:
            focus = {s: float(s == sector) for s in SECTORS}
            push(f"focus={sector}", lambda d, f=focus: replace(d, focus=f), span)
    for span in sorted({min(span, turns) for span in PUSH_SPANS}):
        for lever in (lv for lv in LEVERS if lv in level.levers):
            alone = {lv: float(lv == lever) for lv in LEVERS}
            push(f"lever={lever}", lambda d, a=alone: replace(d, shares=a), span)
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


# --- the cheap family ---------------------------------------------------------------------


@dataclass(frozen=True)
class CheapPlan:
    """A plan of the cheap family, the same every turn. `levers`: None keeps the status-quo
    budget, () spends nothing, one lever takes the whole budget, two take half each. A dial
    left None stays at the status quo. `pilot` is opened (with the status quo's) and rolled
    out region-wide once it works."""

    levers: tuple[str, ...] | None = None
    focus: str | None = None
    credit_guidance: float | None = None
    fund_horizon: float | None = None
    pilot: str | None = None

    @property
    def name(self) -> str:
        """E.g. "cheap:skills+transfer;focus=emerging;credit_guidance=1;pilot=x"."""
        budget = "status_quo" if self.levers is None else "+".join(self.levers) or "nothing"
        dials = [f"{key}={value:g}" if isinstance(value, float) else f"{key}={value}"
                 for key, value in (("focus", self.focus),
                                    ("credit_guidance", self.credit_guidance),
                                    ("fund_horizon", self.fund_horizon), ("pilot", self.pilot))
                 if value is not None]
        return ";".join([f"cheap:{budget}", *dials])

    @classmethod
    def parse(cls, name: str) -> CheapPlan:
        """The plan a `name` names (the inverse of `name`)."""
        budget, *dials = name.removeprefix("cheap:").split(";")
        levers = None if budget == "status_quo" else () if budget == "nothing" else tuple(
            budget.split("+"))
        given = dict(part.split("=", 1) for part in dials)
        number = {k: float(given[k]) for k in ("credit_guidance", "fund_horizon") if k in given}
        return cls(levers, given.get("focus"), number.get("credit_guidance"),
                   number.get("fund_horizon"), given.get("pilot"))

    def wanted(self, level) -> TurnDecision:
        """The decision the plan asks for, before the level's rules fit it to a turn."""
        base, change = level.baseline, {}
        if self.levers is not None:
            change["shares"] = {lv: (1.0 / len(self.levers) if lv in self.levers else 0.0)
                                for lv in LEVERS}
        if self.focus is not None:
            change["focus"] = {s: float(s == self.focus) for s in SECTORS}
        for dial in ("credit_guidance", "fund_horizon"):
            if getattr(self, dial) is not None:
                change[dial] = getattr(self, dial)
        if self.pilot is not None:
            change["pilots"] = tuple(sorted({*base.pilots, self.pilot}))
        return replace(base, **change)


def cheap_decisions(level, plan: CheapPlan, turns: int | None = None) -> list[TurnDecision]:
    """The plan's decisions over `turns` years (default: the level's): fitted to the level's
    rules each turn, the pilot rolled out once it works, the status quo after the level."""
    length = level.turns if turns is None else turns
    wanted = plan.wanted(level)
    decisions = [level.rules.coerce(wanted, t) for t in range(1, level.turns + 1)]
    if plan.pilot is not None:
        decisions = roll_out_when_working(level, decisions, (plan.pilot,))
    after = level.rules.coerce(level.baseline, level.turns + 1)
    return (decisions + [after] * (length - level.turns))[:length]


#: Which Plan fields each part of a cheap plan sets (the rules fit each part on its own).
_PARTS = {"levers": ("shares",), "focus": ("focus",), "credit_guidance": ("credit_guidance",),
          "fund_horizon": ("fund_horizon",), "pilot": ("pilots", "scale_up")}


def _part_options(level) -> dict[str, list]:
    """Each part's settings in the cheap family, before duplicates are dropped."""
    levers = [lv for lv in LEVERS if lv in level.levers]
    return {"levers": [None, (), *((lv,) for lv in levers), *itertools.combinations(levers, 2)],
            "focus": [None, *SECTORS], "credit_guidance": [None, *CHEAP_CREDIT],
            "fund_horizon": [None, *FUND_HORIZONS], "pilot": [None, *level.pilot_ids]}


def _part_arrays(level, part: str, options: list, turns: int) -> tuple[list, dict]:
    """The distinct settings of one part (a setting the rules make equal to an earlier one is
    dropped) and, per Plan field it sets, an array (turn, setting, ...)."""
    kept, arrays = [], []
    for option in options:
        one = Plan.from_decisions(level.scenario, cheap_decisions(
            level, CheapPlan(**{part: option}), turns))
        columns = [getattr(one, name) for name in _PARTS[part]]
        if not any(all(np.array_equal(a, b) for a, b in zip(columns, seen, strict=True))
                   for seen in arrays):
            kept.append(option)
            arrays.append(columns)
    return kept, {name: np.concatenate([cols[k] for cols in arrays], axis=1)
                  for k, name in enumerate(_PARTS[part])}


def cheap_family(level, turns: int | None = None) -> tuple[list[CheapPlan], Plan]:
    """Every distinct plan of the cheap family and all of them as one batched plan over
    `turns` years (default: the level's; the status quo resumes after the level). Built part
    by part as arrays: the rules fit shares, dials and pilots each on their own."""
    length = level.turns if turns is None else turns
    base = Plan.from_decisions(level.scenario, cheap_decisions(level, CheapPlan(), length))
    kept, arrays = {}, {}
    for part, options in _part_options(level).items():
        kept[part], columns = _part_arrays(level, part, options, length)
        arrays.update(columns)
    grid = np.indices([len(kept[part]) for part in _PARTS]).reshape(len(_PARTS), -1)
    index = dict(zip(_PARTS, grid, strict=True))
    plans = [CheapPlan(**{part: kept[part][i] for part, i in zip(_PARTS, combo, strict=True)})
             for combo in grid.T]
    batch = len(plans)
    fields_of = {name: arrays[name][:, index[part]] for part, names in _PARTS.items()
                 for name in names}
    choices = np.repeat(base.choices, batch, axis=1)
    return plans, Plan(fields_of["shares"], fields_of["credit_guidance"], fields_of["focus"],
                       fields_of["pilots"], choices, fields_of["fund_horizon"],
                       fields_of["scale_up"])


def cheap_gdp_after(level, batch: Plan, members=slice(None)) -> np.ndarray:
    """20-year GDP (mean over SEEDS) of cheap-family `members` of `batch` (from
    `cheap_family(level, turns)` with turns ≥ HORIZON) against the family's own status quo
    (member 0), the status quo resuming after the level: 0.02 = +2 %."""
    horizon = replace(level.scenario, turns=batch.turns)
    picked = np.concatenate([[0], np.arange(batch.batch)[members]])
    gdp = _final_gdp(horizon, batch.members(picked))
    return gdp[1:] / gdp[0] - 1.0


def strategy_decisions(level, name: str) -> list[TurnDecision] | None:
    """The level's decisions of an audit strategy named `name` (a cheap plan's name or one of
    `strategies`), turn by turn — to save as a plan file and replay; None if unknown."""
    if name.startswith("cheap:"):
        return cheap_decisions(level, CheapPlan.parse(name))
    found = next((s for n, _kind, s in strategies(level) if n == name), None)
    return None if found is None else [found(t) for t in range(1, level.turns + 1)]


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
    score = simulate_scored(level, plan, seed)[1].score
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
    "cheap_shrinks": N_("a cheap plan earns a star on a seed and leaves 20-year GDP below doing "
                        "nothing's (the status quo after the level)"),
    "cheap_beats_lesson": N_("a cheap plan beats the recommended strategy's mean score"),
    "push_star": N_("a push on top of the recommended strategy adds a star on a seed"),
}


def _scored(level, plans: Plan, lost_scores_nothing: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Stars and scores (seed, batch member) over the level's turns, in chunks of CHUNK. With
    `lost_scores_nothing`, a run that broke a required objective scores 0: a lost level is not
    a result that beats anyone's (its points are shown, but it ends with no stars)."""
    stars, scores = np.zeros((len(SEEDS), plans.batch), int), np.zeros((len(SEEDS), plans.batch))
    level_plans = plans.head(level.turns)
    for start in range(0, plans.batch, CHUNK):
        part = level_plans.members(slice(start, start + CHUNK))
        for k, seed in enumerate(SEEDS):
            _run, ev = simulate_scored(level, part, seed)
            score = ev.score
            if lost_scores_nothing:
                score = np.where(required_met(level, ev.met), score, 0.0)
            stars[k, start:start + CHUNK], scores[k, start:start + CHUNK] = ev.stars, score
    return stars, scores


def _final_gdp(horizon_scenario, plans: Plan) -> np.ndarray:
    """GDP in the horizon's last year, mean over SEEDS, per batch member (in chunks)."""
    out = np.zeros(plans.batch)
    for start in range(0, plans.batch, CHUNK):
        part = plans.members(slice(start, start + CHUNK))
        out[start:start + CHUNK] = np.mean(
            [simulate(horizon_scenario, part, seed).final("gdp") for seed in SEEDS], axis=0)
    return out


def _play(level, plans: Plan, horizon_scenario) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stars (seed, member), mean score and mean GDP after the horizon, per batch member."""
    stars, scores = _scored(level, plans)
    return stars, scores.mean(axis=0), _final_gdp(horizon_scenario, plans)


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
    if good:
        out += [("push_star", o.name) for o in audit.outcomes if o.kind == "push"
                and any(p > r for p, r in zip(o.seed_stars, good.seed_stars, strict=False))]
    cheap = audit.cheap
    if cheap and cheap.worst is not None:
        out.append(("cheap_shrinks", cheap.worst.name))
    if cheap and good and cheap.best.score > good.score + SCORE_TOLERANCE:
        out.append(("cheap_beats_lesson", cheap.best.name))
    return out


def _cheap_audit(level, horizon_scenario, recommended: float | None) -> CheapSummary:
    """Every cheap plan on SEEDS; 20-year GDP (the status quo after the level) of those that
    earn a star on a seed and of the best, against the family's own status quo (member 0)."""
    plans, batch = cheap_family(level, horizon_scenario.turns)
    stars, scores = _scored(level, batch, lost_scores_nothing=True)
    most, mean = stars.max(axis=0), scores.mean(axis=0)
    best = int(np.lexsort((-most, -mean))[0])  # the highest mean score, then the most stars
    starred = np.flatnonzero(most >= 1)
    picked = np.unique(np.concatenate([[0, best], starred]))
    gdp = _final_gdp(horizon_scenario, batch.members(picked))
    change = dict(zip(picked.tolist(), (gdp / gdp[0] - 1.0).tolist(), strict=True))
    shrinking = [int(b) for b in starred if change[b] < -SHRINK_TOLERANCE]
    worst = max(shrinking, key=lambda b: (most[b], mean[b], -change[b]), default=None)

    def outcome(b: int) -> CheapOutcome:
        return CheapOutcome(plans[b].name, tuple(int(x) for x in stars[:, b]), float(mean[b]),
                            change[b])

    beating = 0 if recommended is None else int((mean > recommended + SCORE_TOLERANCE).sum())
    return CheapSummary(len(plans), len(starred), len(shrinking), beating, outcome(best),
                        None if worst is None else outcome(worst),
                        min((change[int(b)] for b in starred), default=None))


def _named_plans(level, named, turns: int) -> tuple[Plan, Plan]:
    """The named strategies over `turns` years: their last decision held, and the status quo
    resuming after the level."""
    horizon = replace(level.scenario, turns=turns)
    after = level.rules.coerce(level.baseline, level.turns + 1)
    held = [[s(t) for t in range(1, turns + 1)] for _name, _kind, s in named]
    resumed = [d[:level.turns] + [after] * (turns - level.turns) for d in held]
    return (Plan.stack([Plan.from_decisions(horizon, d) for d in held]),
            Plan.stack([Plan.from_decisions(horizon, d) for d in resumed]))


def audit_level(level, samples: int = 1000, seed: int = 0, with_search: bool = True,
                progress: Callable[[str], None] | None = None) -> LevelAudit:
    """Every experiment of the audit on one level; failures name the bar and the strategy."""
    tick = progress or (lambda _step: None)
    turns = max(HORIZON, level.turns)
    horizon_scenario = replace(level.scenario, turns=turns)
    named = strategies(level)
    held, resumed = _named_plans(level, named, turns)
    tick("strategies")
    stars, score, gdp = _play(level, held, horizon_scenario)
    after = _final_gdp(horizon_scenario, resumed)
    outcomes = [StrategyOutcome(name, kind, int(stars[:, b].max()), float(score[b]),
                                float(gdp[b] / gdp[0] - 1.0), tuple(int(x) for x in stars[:, b]),
                                float(after[b] / after[0] - 1.0))
                for b, (name, kind, _s) in enumerate(named)]
    if with_search:
        tick("search")
        best, plan = search(level, seed)
        s_stars, s_score, s_gdp = _play(level, _extend(plan, turns), horizon_scenario)
        outcomes.append(StrategyOutcome("search", "search", int(best.stars), float(s_score[0]),
                                        float(s_gdp[0] / gdp[0] - 1.0),
                                        tuple(int(x) for x in s_stars[:, 0])))
    tick("cheap plans")
    recommended = next((o.score for o in outcomes if o.kind == "recommended"), None)
    cheap = _cheap_audit(level, horizon_scenario, recommended)
    tick("random")
    r2_focus, r2_shares = _random_r2(level, samples, seed)
    audit = LevelAudit(level.id, outcomes, r2_focus, r2_shares, samples, cheap=cheap)
    audit.failures = _failures(audit)
    return audit
