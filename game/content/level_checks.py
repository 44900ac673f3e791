"""Checks that need a whole level file: turn numbers, ids, references, sums and bands."""

from __future__ import annotations

from game.content.errors import Problem
from game.content.level_format import (
    BUDGET_RANGES,
    INITIAL_RANGES,
    MAX_RESEARCHER_SHARE,
    MIN_TRADITIONAL_SHARE,
    LevelFile,
    PilotEntry,
)
from game.content.yaml_source import Source
from game.engine.schema import GROUP_OF_LEVER, LEVER_GROUPS
from game.i18n import _
from game.i18n.format import people


def check_level(spec: LevelFile, source: Source, catalogue: dict[str, PilotEntry]) -> list[Problem]:
    problems: list[Problem] = []

    def add(path, message, hint="", key=False):
        problems.append(source.problem(path, message, hint, key=key))

    _check_names(spec, add)
    _check_numbers(spec, add)
    _check_parameter_order(spec, add)
    _check_pilots(spec, catalogue, add)
    _check_unlocks(spec, add)
    _check_events(spec, add)
    _check_objectives(spec, add)
    _check_advisors(spec, add)
    return problems


def _check_names(spec: LevelFile, add) -> None:
    """No lever or dial listed twice (unknown names are caught by the models)."""
    for section in ("levers", "dials"):
        seen: set[str] = set()
        for i, name in enumerate(getattr(spec, section)):
            if name in seen:
                add((section, i), _("'{name}' is listed twice").format(name=name))
            seen.add(name)


def _check_numbers(spec: LevelFile, add) -> None:
    """Every starting value and budget number inside the range where the model runs."""
    for section, ranges in (("initial", INITIAL_RANGES), ("budget", BUDGET_RANGES)):
        for key, value in getattr(spec, section).items():
            low, high = ranges.get(key, (float("-inf"), float("inf")))
            if not low <= value <= high:
                add((section, key), _("must be between {low} and {high}, found {value}").format(
                    low=f"{low:g}", high=f"{high:g}", value=f"{value:g}"))
    modern = sum(spec.initial.get(k, _default_initial(k)) for k in ("emerging_share", "digital_share"))
    if modern > 1.0 - MIN_TRADITIONAL_SHARE:
        add(("initial",), _("emerging and digital industries together may make at most {share} "
                            "of output (traditional industry keeps the rest)").format(
            share=f"{1.0 - MIN_TRADITIONAL_SHARE:.0%}"))
    # Against the workers the level starts with, the default head counts too: a level that only
    # shrinks `labour` must not keep the calibrated region's researchers and skilled workers.
    initial = {k: spec.initial.get(k, _default_initial(k)) for k in ("labour", "skilled_workers", "researchers")}
    labour = initial["labour"]

    def where(key: str) -> tuple[str, str]:  # the number the file gives, else the workers it changed
        return ("initial", key if key in spec.initial else "labour")

    if initial["skilled_workers"] > labour:
        add(where("skilled_workers"), _(
            "there cannot be more skilled workers ({skilled}) than workers ({labour})").format(
            skilled=people(initial["skilled_workers"]), labour=people(labour)))
    if initial["researchers"] > MAX_RESEARCHER_SHARE * labour:
        add(where("researchers"), _(
            "researchers ({researchers}) may be at most {share} of the workers ({labour})").format(
            share=f"{MAX_RESEARCHER_SHARE:.0%}", researchers=people(initial["researchers"]), labour=people(labour)))


def _check_parameter_order(spec: LevelFile, add) -> None:
    """Parameters that must rise in order (param_bounds.yaml), the level's onto the defaults."""
    from game.content.param_bounds import parameter_order
    from game.content.params import default_params

    defaults = default_params()
    for names in parameter_order():
        values = [float(spec.parameters.get(n, getattr(defaults, n))) for n in names]
        if any(a >= b for a, b in zip(values, values[1:], strict=False)):
            where = next((n for n in names if n in spec.parameters), names[0])
            add(("parameters", where) if where in spec.parameters else ("parameters",),
                _("these parameters must rise in this order: {names}").format(names=" < ".join(names)))


def _default_initial(key: str) -> float:
    from game.engine.params import INITIAL_KEYS

    return INITIAL_KEYS[key]


def _check_pilots(spec: LevelFile, catalogue: dict[str, PilotEntry], add) -> None:
    seen: set[str] = set()
    for i, pilot in enumerate(spec.pilots):
        if pilot in seen:
            add(("pilots", i), _("the pilot zone '{pilot}' is listed twice").format(pilot=pilot))
        seen.add(pilot)
    if spec.pilots and spec.max_pilots == 0:
        add(("max_pilots",), _("the level offers pilot zones but allows none to run"))


def _check_unlocks(spec: LevelFile, add) -> None:
    for turn, names in spec.unlocks.items():
        if turn > spec.turns:
            add(("unlocks", turn), _("turn {turn} is after the last turn ({turns})").format(
                turn=turn, turns=spec.turns), key=True)
        for i, name in enumerate(names):
            members = LEVER_GROUPS.get(name)
            if members is not None:
                if not any(lever in spec.levers for lever in members):
                    add(("unlocks", turn, i), _(
                        "no lever of the group '{group}' is available in this level").format(
                        group=name))
            elif name in GROUP_OF_LEVER:
                if name not in spec.levers:
                    add(("unlocks", turn, i), _(
                        "the lever '{lever}' is not available in this level").format(lever=name))
            elif name == "pilots":
                if not spec.pilots:
                    add(("unlocks", turn, i), _("the level offers no pilot zones to unlock"))
            elif name not in spec.dials:
                add(("unlocks", turn, i), _(
                    "the dial '{dial}' is not available in this level").format(dial=name))


def _check_events(spec: LevelFile, add) -> None:
    seen: set[str] = set()
    for i, event in enumerate(spec.events):
        where = ("events", i)
        if event.id in seen:
            add((*where, "id"), _("the event id '{id}' is used twice").format(id=event.id))
        seen.add(event.id)
        if event.turn is not None and event.turn > spec.turns:
            add((*where, "turn"), _("turn {turn} is after the last turn ({turns})").format(
                turn=event.turn, turns=spec.turns))
        if event.from_turn is not None and event.from_turn > spec.turns:
            add((*where, "from_turn"), _("turn {turn} is after the last turn ({turns})").format(
                turn=event.from_turn, turns=spec.turns))
        if event.turn is not None and event.from_turn is not None:
            add((*where, "from_turn"), _("'from_turn' is for random events; this one has a turn"))
        if event.turn is None and event.probability is None:
            add(where, _("a random event needs a probability; a scripted event needs a turn"))
        if event.effects is None and event.choices is None:
            add(where, _("an event needs either effects or two or three choices"))
        if event.effects is not None and event.choices is not None:
            add((*where, "effects"), _(
                "an event has either effects or choices, not both: put the effects in each choice"))
        if event.choices:
            labels = [c.label for c in event.choices]
            if len(set(labels)) != len(labels):
                add((*where, "choices"), _("two choices of an event have the same label"))


def _check_over(spec: LevelFile, i: int, objective, add) -> None:
    """`over` years end at the objective's turn: they must fit before it, and "always" (judged
    on the worst single year) has no years to average."""
    if objective.over == 1:
        return
    if objective.when in ("always", "after"):
        add(("objectives", i, "over"), _(
            "'over' averages the years before a turn: use it with 'when: end' or a turn number, "
            "not with '{when}'").format(when=objective.when))
        return
    due = spec.turns if objective.when == "end" else objective.when
    if objective.over > due:
        add(("objectives", i, "over"), _(
            "'over: {over}' reaches back before the first turn: the objective is judged at "
            "turn {turn}").format(over=objective.over, turn=due))


def _check_objectives(spec: LevelFile, add) -> None:
    seen: set[str] = set()
    for i, objective in enumerate(spec.objectives):
        if objective.id in seen:
            add(("objectives", i, "id"), _("the objective id '{id}' is used twice").format(
                id=objective.id))
        seen.add(objective.id)
        if isinstance(objective.when, int) and objective.when > spec.turns:
            add(("objectives", i, "when"), _("turn {turn} is after the last turn ({turns})").format(
                turn=objective.when, turns=spec.turns))
        _check_over(spec, i, objective, add)
    low, middle, high = spec.stars
    if not low < middle < high:
        add(("stars",), _("the three star bands must rise: one star < two stars < three stars"))
    if low <= 0:
        add(("stars", 0), _("the one-star band must be above 0, or doing nothing would win"))


def _check_advisors(spec: LevelFile, add) -> None:
    seen: set[str] = set()
    for i, advisor in enumerate(spec.advisors):
        if advisor.id in seen:
            add(("advisors", i, "id"), _("the advisor id '{id}' is used twice").format(
                id=advisor.id))
        seen.add(advisor.id)
        for j, line in enumerate(advisor.lines):
            if line.turn is not None and line.turn > spec.turns:
                add(("advisors", i, "lines", j, "turn"), _(
                    "turn {turn} is after the last turn ({turns})").format(
                    turn=line.turn, turns=spec.turns))
