"""Levels: load and check `levels/*.yaml`, and compile them into engine scenarios.

`load_level(path)` returns a `Level` or raises `ContentError` with every problem
found (file, line, column, field, hint). `shipped_levels()` and `level_by_id()`
read the game's own `levels/` folder.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from game.content.decisions import Rules, budget_violations, status_quo_rules
from game.content.errors import ContentError, Problem, unknown_name_hint
from game.content.level_checks import check_level
from game.content.level_format import (
    Advisor,
    EventEntry,
    LevelFile,
    Objective,
    PilotCatalogueFile,
    PilotEntry,
)
from game.content.model_errors import validate_model
from game.content.yaml_source import load_yaml_file
from game.engine import TurnDecision
from game.engine.schema import DIALS, LEVER_GROUPS, LEVERS
from game.i18n import _
from game.paths import levels_dir

PILOT_CATALOGUE = "pilots.yaml"

__all__ = [
    "Level", "load_level", "level_by_id", "shipped_levels", "load_pilot_catalogue",
    "level_paths", "PILOT_CATALOGUE",
]


@dataclass(frozen=True, eq=False)
class Level:
    """A checked level. Text is English source text: translate it with `_()` when shown.

    Compared and hashed by identity (it holds dicts), so it can key a cache.
    """

    path: Path
    id: str
    title: str
    theme: str
    difficulty: int
    order: int
    region: str
    story: str
    briefing: str
    debrief: str
    start_year: int
    turns: int
    initial: dict[str, float]
    parameters: dict[str, float]
    budget: dict[str, float]
    levers: tuple[str, ...]
    dials: tuple[str, ...]
    pilots: tuple[PilotEntry, ...]
    max_pilots: int
    unlocks: dict[int, tuple[str, ...]]  # 1-based turn -> names opened that turn
    unlock_turn: dict[str, int]  # every lever, dial and "pilots" -> first turn usable
    baseline: TurnDecision  # the region's status quo, held wherever the player may not decide
    events: tuple[EventEntry, ...]
    optional_events: bool
    objectives: tuple[Objective, ...]
    stars: tuple[float, float, float]
    learning_objectives: tuple[str, ...]
    discussion_questions: tuple[str, ...]
    advisors: tuple[Advisor, ...]

    @property
    def pilot_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pilots)

    @cached_property
    def rules(self) -> Rules:
        return Rules(levers=self.levers, dials=self.dials, pilots=self.pilot_ids,
                     max_pilots=self.max_pilots, unlock_turn=self.unlock_turn,
                     event_choices={e.id: len(e.choices or ()) for e in self.events},
                     baseline=self.baseline)

    def available_at(self, turn: int) -> tuple[str, ...]:
        """Levers, dials and "pilots" the player may use at `turn` (1-based)."""
        names = (*self.levers, *self.dials, *(("pilots",) if self.pilots else ()))
        return tuple(n for n in names if turn >= self.unlock_turn.get(n, 1))

    def year_of(self, turn: int) -> int:
        """The calendar year of a 1-based turn."""
        return self.start_year + turn - 1

    @property
    def events_on(self) -> bool:
        """Whether events happen unless the player chooses otherwise."""
        return bool(self.events) and not self.optional_events

    @property
    def scenario(self):
        """The compiled engine scenario, events as the level sets them (docs/architecture.md)."""
        return self.scenario_for(self.events_on)

    def scenario_for(self, events_on: bool):
        """The compiled scenario with the level's events switched on or off (compiled once)."""
        from game.content.compile import compile_scenario

        cache = self.__dict__.setdefault("_scenarios", {})
        if events_on not in cache:
            cache[events_on] = compile_scenario(self, events_on=events_on)
        return cache[events_on]

    @property
    def baseline_decision(self) -> TurnDecision:
        """The status-quo decision (the same as `baseline`)."""
        return self.baseline


def load_pilot_catalogue(path: Path | str | None = None) -> dict[str, PilotEntry]:
    """Read a pilot-zone catalogue (default: the shipped `levels/pilots.yaml`)."""
    source = load_yaml_file(Path(path) if path else levels_dir() / PILOT_CATALOGUE)
    catalogue, problems = validate_model(PilotCatalogueFile, source)
    if catalogue is not None:
        seen: set[str] = set()
        for i, pilot in enumerate(catalogue.pilots):
            if pilot.id in seen:
                problems.append(source.problem(("pilots", i, "id"), _(
                    "the pilot id '{id}' is used twice").format(id=pilot.id)))
            seen.add(pilot.id)
    if problems:
        raise ContentError(problems)
    return {pilot.id: pilot for pilot in catalogue.pilots}


def _catalogue_for(level_path: Path) -> dict[str, PilotEntry]:
    """The catalogue beside the level file, or the shipped one."""
    beside = level_path.parent / PILOT_CATALOGUE
    if beside.is_file():
        return load_pilot_catalogue(beside)
    return load_pilot_catalogue(levels_dir() / PILOT_CATALOGUE)


#: Levels already read, by the bytes of the level file and of its pilot catalogue: screens,
#: saves, bots and replays open the same files again and again, and reading YAML with the
#: position of every value is the slow part. A changed file is read again.
_READ: dict[tuple, Level] = {}
_READ_LIMIT = 64
_SNAPSHOT_BYTES = 2 * 2**20


def load_level(path: Path | str) -> Level:
    """Load and check one level file; raises ContentError listing every problem."""
    path = Path(path)
    key = _read_key(path)
    if key is not None and key in _READ:
        return _READ[key]
    level = _load_level(path)
    if key is not None:
        if len(_READ) >= _READ_LIMIT:
            _READ.pop(next(iter(_READ)))
        _READ[key] = level
    return level


def _read_key(path: Path) -> tuple | None:
    """What a level's reading depends on (None: not cacheable, e.g. not a regular file)."""
    beside = path.parent / PILOT_CATALOGUE
    catalogue = beside if beside.is_file() else levels_dir() / PILOT_CATALOGUE
    digests = [_digest(path), _digest(catalogue)]
    if None in digests:
        return None
    return (str(path), str(catalogue), *digests)


def _digest(path: Path) -> bytes | None:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > _SNAPSHOT_BYTES:
            return None
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return None


def _load_level(path: Path) -> Level:
    source = load_yaml_file(path)
    catalogue = _catalogue_for(path)
    spec, problems = validate_model(LevelFile, source, context={"pilots": catalogue})
    if spec is None:
        raise ContentError(problems)
    problems = check_level(spec, source, catalogue)
    unlock_turn = _unlock_turns(spec)
    # The baseline is the region's status quo, not the player's choice: it may spend on
    # levers the player cannot touch, and those keep their baseline share all game.
    status_quo = status_quo_rules(tuple(p for p in spec.pilots if p in catalogue), spec.max_pilots)
    nothing = TurnDecision(shares={lever: 0.0 for lever in LEVERS})
    baseline, issues = status_quo.merge(spec.baseline, nothing, None, ("baseline",))
    issues += budget_violations(baseline, ("baseline",))
    baseline = status_quo.coerce(baseline)
    for where, message, hint in issues:
        problems.append(source.problem(where, message, hint))
    if spec.baseline.focus is None:
        problems.append(source.problem(("baseline",), _(
            "the baseline needs a focus (the region's status-quo sector focus)")))
    if problems:
        raise ContentError(problems)
    return _build(path, spec, catalogue, baseline, unlock_turn)


def _unlock_turns(spec: LevelFile) -> dict[str, int]:
    """First turn for every lever, dial and pilots; anything unlocks never names is open at 1."""
    first: dict[str, int] = {}
    for turn in sorted(spec.unlocks):
        for name in spec.unlocks[turn]:
            members = LEVER_GROUPS.get(name, (name,))
            for member in members:
                first.setdefault(member, turn)
    names = (*LEVERS, *DIALS, "pilots")
    return {name: first.get(name, 1) for name in names}


def _build(path: Path, spec: LevelFile, catalogue: dict[str, PilotEntry], baseline: TurnDecision,
           unlock_turn: dict[str, int]) -> Level:
    return Level(
        path=path, id=spec.id, title=spec.title, theme=spec.theme, difficulty=spec.difficulty,
        order=spec.order, region=spec.region.name, story=spec.region.story,
        briefing=spec.briefing, debrief=spec.debrief, start_year=spec.start_year,
        turns=spec.turns, initial=dict(spec.initial), parameters=dict(spec.parameters),
        budget=dict(spec.budget), levers=tuple(spec.levers), dials=tuple(spec.dials),
        pilots=tuple(catalogue[p] for p in spec.pilots), max_pilots=spec.max_pilots,
        unlocks={turn: tuple(names) for turn, names in sorted(spec.unlocks.items())},
        unlock_turn=unlock_turn, baseline=baseline, events=tuple(spec.events),
        optional_events=spec.optional_events,
        objectives=tuple(spec.objectives), stars=tuple(spec.stars),
        learning_objectives=tuple(spec.learning_objectives),
        discussion_questions=tuple(spec.discussion_questions), advisors=tuple(spec.advisors),
    )


def level_paths(folder: Path | None = None) -> list[Path]:
    """Every level file in a folder (the pilot catalogue is not a level)."""
    folder = folder or levels_dir()
    return sorted(p for p in folder.glob("*.yaml") if p.name != PILOT_CATALOGUE)


def shipped_levels() -> list[Level]:
    """Every level the game ships, in play order; raises ContentError if any is broken."""
    levels: list[Level] = []
    problems: list[Problem] = []
    for path in level_paths():
        try:
            levels.append(load_level(path))
        except ContentError as err:
            problems.extend(err.problems)
    if problems:
        raise ContentError(problems)
    return sorted(levels, key=lambda level: (level.order, level.id))


def level_by_id(level_id: str) -> Level:
    """The shipped level with this id; ContentError with a did-you-mean if there is none."""
    direct = levels_dir() / f"{level_id}.yaml"
    if direct.is_file():
        level = load_level(direct)
        if level.id == level_id:
            return level
    for level in shipped_levels():
        if level.id == level_id:
            return level
    known = [p.stem for p in level_paths()]
    raise ContentError([Problem(str(levels_dir()), None, None, "", _(
        "no level with the id '{id}'").format(id=level_id), unknown_name_hint(level_id, known))])
