"""Resolve partial decisions (a level's baseline, each turn of a plan file) into whole ones.

A partial decision is merged onto the turn before it: a lever not mentioned keeps
its previous share, a dial not mentioned keeps its setting. Every problem is
collected with its field path; the caller turns paths into file positions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.content.errors import FieldPath, unknown_name_hint
from game.content.level_format import DecisionSpec
from game.engine.schema import LEVER_GROUPS, LEVERS, SECTORS
from game.i18n import _

#: Shares written with four decimals may add up to a hair above 1; within this, they are scaled to 1.
SHARE_TOLERANCE = 1e-3
FOCUS_TOLERANCE = 1e-3


@dataclass(frozen=True)
class Rules:
    """What a level lets a player decide, and from which turn (1-based)."""

    levers: tuple[str, ...]
    dials: tuple[str, ...]
    pilots: tuple[str, ...]
    max_pilots: int
    unlock_turn: dict[str, int]  # lever, dial or "pilots" -> first turn it may be used
    event_choices: dict[str, int]  # event id -> number of choices (0 when none)
    #: the status quo; restating it for a lever or dial the player cannot use is not an error
    status_quo: Resolved | None = None

    def is_status_quo(self, name: str, value: float) -> bool:
        if self.status_quo is None:
            return False
        if name in self.status_quo.shares:
            return abs(self.status_quo.shares[name] - value) < 1e-6
        if name == "credit_guidance":
            return abs(self.status_quo.credit_guidance - value) < 1e-6
        return False

    def open_at(self, name: str, turn: int) -> bool:
        return turn >= self.unlock_turn.get(name, 1)


@dataclass
class Resolved:
    """A whole decision in plain Python; `to_turn_decision` hands it to the engine."""

    shares: dict[str, float]
    credit_guidance: float
    focus: dict[str, float]
    pilots: tuple[str, ...] = ()
    choices: dict[str, int] = field(default_factory=dict)  # event id -> 0-based index

    def copy(self) -> Resolved:
        return Resolved(dict(self.shares), self.credit_guidance, dict(self.focus),
                        tuple(self.pilots), dict(self.choices))

    def to_turn_decision(self):
        from game.engine import TurnDecision

        return TurnDecision(shares=dict(self.shares), credit_guidance=float(self.credit_guidance),
                            focus=dict(self.focus), pilots=tuple(self.pilots),
                            choices=dict(self.choices))


def from_turn_decision(decision) -> Resolved:
    """The engine's TurnDecision as a Resolved (every lever present)."""
    return Resolved(shares={lever: float(decision.shares.get(lever, 0.0)) for lever in LEVERS},
                    credit_guidance=float(decision.credit_guidance),
                    focus={s: float(decision.focus.get(s, 0.0)) for s in SECTORS},
                    pilots=tuple(decision.pilots), choices=dict(decision.choices))


def empty_decision(credit_guidance: float = 0.0, focus: dict[str, float] | None = None) -> Resolved:
    return Resolved(shares={lever: 0.0 for lever in LEVERS}, credit_guidance=credit_guidance,
                    focus=dict(focus) if focus else {s: 1.0 / len(SECTORS) for s in SECTORS})


Issue = tuple[FieldPath, str, str]  # (path, message, hint)


def merge(spec: DecisionSpec, previous: Resolved, rules: Rules, turn: int | None,
          path: FieldPath) -> tuple[Resolved, list[Issue]]:
    """Merge `spec` onto `previous`; `turn` None means "every turn" (no unlock check)."""
    result = previous.copy()
    issues: list[Issue] = []
    for group in LEVER_GROUPS:
        shares = getattr(spec, group)
        if shares is None:
            continue
        for lever, value in shares.model_dump(exclude_none=True).items():
            where = (*path, group, lever)
            if lever not in rules.levers:
                if value > 0 and not rules.is_status_quo(lever, value):
                    issues.append((where, _("the lever '{lever}' is not available in this level")
                                   .format(lever=lever), ""))
                continue
            if (turn is not None and value > 0 and not rules.open_at(lever, turn)
                    and not rules.is_status_quo(lever, value)):
                issues.append((where, _("the lever '{lever}' is locked until turn {turn}").format(
                    lever=lever, turn=_unlock(rules, lever)), ""))
                continue
            result.shares[lever] = value
    if spec.credit_guidance is not None:
        where = (*path, "credit_guidance")
        if rules.is_status_quo("credit_guidance", spec.credit_guidance):
            result.credit_guidance = spec.credit_guidance
        elif _dial_usable("credit_guidance", rules, turn, where, issues):
            result.credit_guidance = spec.credit_guidance
    if spec.focus is not None:
        where = (*path, "focus")
        same = rules.status_quo is not None and all(
            abs(spec.focus.get(s, 0.0) - rules.status_quo.focus.get(s, 0.0)) < 1e-6 for s in SECTORS)
        if same or _dial_usable("focus", rules, turn, where, issues):
            total = sum(spec.focus.values())
            if abs(total - 1.0) > FOCUS_TOLERANCE:
                issues.append((where, _("the focus shares must add up to 1, found {total:.3f}")
                               .format(total=total), ""))
            else:
                result.focus = {s: spec.focus.get(s, 0.0) / total for s in SECTORS}
    if spec.pilots is not None:
        result.pilots = tuple(_check_pilots(spec.pilots, rules, turn, (*path, "pilots"), issues))
    if spec.choices is not None:
        for event_id, number in spec.choices.items():
            where = (*path, "choices", event_id)
            count = rules.event_choices.get(event_id)
            if count is None:
                issues.append((where, _("unknown event '{event}'").format(event=event_id),
                               unknown_name_hint(event_id, rules.event_choices)))
            elif number > count:
                issues.append((where, _("the event '{event}' has {count} choices, not {number}")
                               .format(event=event_id, count=count, number=number), ""))
            else:
                result.choices[event_id] = number - 1
    return result, issues


def check_total(decision: Resolved, path: FieldPath) -> list[Issue]:
    """Budget shares are fractions of the turn's budget: together at most 1.

    A total within SHARE_TOLERANCE above 1 (rounding) is scaled down to exactly 1.
    """
    total = sum(decision.shares.values())
    if total > 1.0 + SHARE_TOLERANCE:
        return [(path, _("the budget shares add up to {total:.3f}, more than 1").format(
            total=total), _("lower some shares; what is not spent goes to the reserve"))]
    if total > 1.0:
        for lever in decision.shares:
            decision.shares[lever] /= total
    return []


def enforce_locks(decision: Resolved, baseline: Resolved, rules: Rules, turn: int) -> Resolved:
    """Before a lever, dial or pilot zones unlock, the region keeps its status quo (baseline)."""
    result = decision.copy()
    for lever in LEVERS:
        if lever not in rules.levers:
            result.shares[lever] = baseline.shares.get(lever, 0.0)
        elif not rules.open_at(lever, turn):
            result.shares[lever] = baseline.shares.get(lever, 0.0)
    if "credit_guidance" not in rules.dials or not rules.open_at("credit_guidance", turn):
        result.credit_guidance = baseline.credit_guidance
    if "focus" not in rules.dials or not rules.open_at("focus", turn):
        result.focus = dict(baseline.focus)
    if not rules.open_at("pilots", turn):
        result.pilots = tuple(baseline.pilots)
    return result


def _unlock(rules: Rules, name: str) -> int:
    return rules.unlock_turn.get(name, 1)


def _dial_usable(dial: str, rules: Rules, turn: int | None, where: FieldPath,
                 issues: list[Issue]) -> bool:
    if dial not in rules.dials:
        issues.append((where, _("the dial '{dial}' is not available in this level").format(
            dial=dial), ""))
        return False
    if turn is not None and not rules.open_at(dial, turn):
        issues.append((where, _("the dial '{dial}' is locked until turn {turn}").format(
            dial=dial, turn=rules.unlock_turn[dial]), ""))
        return False
    return True


def _check_pilots(ids: list[str], rules: Rules, turn: int | None, where: FieldPath,
                  issues: list[Issue]) -> list[str]:
    chosen: list[str] = []
    if ids and turn is not None and not rules.open_at("pilots", turn):
        issues.append((where, _("pilot zones are locked until turn {turn}").format(
            turn=rules.unlock_turn["pilots"]), ""))
        return chosen
    for i, pilot in enumerate(ids):
        if pilot not in rules.pilots:
            issues.append(((*where, i), _("the pilot zone '{pilot}' is not available in this level")
                           .format(pilot=pilot), unknown_name_hint(pilot, rules.pilots)))
        elif pilot in chosen:
            issues.append(((*where, i), _("the pilot zone '{pilot}' is listed twice").format(
                pilot=pilot), ""))
        else:
            chosen.append(pilot)
    if len(chosen) > rules.max_pilots:
        issues.append((where, _("at most {count} pilot zones can run at once in this level")
                       .format(count=rules.max_pilots), ""))
        chosen = chosen[: rules.max_pilots]
    return chosen
