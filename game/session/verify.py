"""Verify students' result files by replay: many at once, and trusting nothing in them.

A result file says which level (id *and* fingerprint, ``game.session.fingerprint``),
which seed, whether events were on, and every decision. Only the decisions are
replayed; every number in the file must then match the replay. The level comes
from the game's shipped levels or from level files the teacher names, never from
a path inside a student's file. The files of one level, seed and events setting
are replayed together in one batched ``simulate`` (a batch of one equals a single
run, so this is the same check as replaying each file alone, only faster).

A rejection says *what* does not match, never the value that would pass, so a
forged file cannot be repaired field by field from the report.
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from game.content.decisions import record_of
from game.content.objectives import broken_batch
from game.engine import Plan, TurnDecision
from game.engine.schema import INDICATORS
from game.i18n import _, get_language, ngettext
from game.i18n.oserror import os_reason
from game.session.fingerprint import level_fingerprint
from game.session.levels import LevelTable

__all__ = ["Verdict", "Replay", "LevelTable", "verify_paths", "list_inputs", "MAX_RESULT_BYTES",
           "load_run", "RunRefused", "broken_batch",
           "VERIFIED", "DUPLICATE", "UNFINISHED", "REJECTED", "SKIPPED"]

#: A 20-turn result file is about 40 kB; anything far larger is not one.
MAX_RESULT_BYTES = 2_000_000
MAX_DEPTH = 12
REL_TOLERANCE = 1e-9
ABS_TOLERANCE = 1e-9

VERIFIED, DUPLICATE, UNFINISHED, REJECTED, SKIPPED = (
    "verified", "duplicate", "unfinished", "rejected", "skipped")


@dataclass
class Replay:
    """The replayed run of a verified file (numbers from the replay, never from the file)."""

    decisions: list[TurnDecision]
    indicators: np.ndarray  # (T, len(INDICATORS)); the score column is the running score
    score: float
    stars: int
    met: tuple[bool, ...]  # one per objective of the level
    #: every turn played, or the level ended early because a required objective was missed
    finished: bool = True


@dataclass
class Verdict:
    """What the report says about one entry of the folder."""

    name: str  # as shown: the name within the folder, or the path given
    path: Path
    status: str
    reason: str
    level: str | None = None
    seed: int | None = None
    events_on: bool | None = None
    turns_played: int = 0
    replay: Replay | None = None
    duplicates: list[str] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return self.status == VERIFIED

    @property
    def message(self) -> str:
        return f"{self.name}: {self.reason}"

    @property
    def group(self) -> tuple[str, int, bool]:
        return (self.level or "", self.seed or 0, bool(self.events_on))


@dataclass
class _Claim:
    """What a readable result file claims, kept compact (a class may hand in 2,000); typed
    by ``game.session.result_model``, not yet compared with the replay."""

    level: str
    level_hash: str | None
    seed: int
    events_on: bool | None
    session: Any  # result_model.SessionRecord | None
    decisions: list[TurnDecision]
    years: list[int]
    indicators: np.ndarray  # (T, I)
    events: list[list[dict]]  # per turn [{"id", "choice"}]
    score: float
    stars: int
    objectives: list[dict]  # [{"id", "met"}]


class _Reject(Exception):
    """One file fails; the text is the reason (already translated, no value that would pass)."""


# --- the folder ------------------------------------------------------------------------------


def list_inputs(paths: Iterable[str | Path]) -> tuple[list[tuple[str, Path]], list[Verdict]]:
    """Result files to read, and every other entry with the reason it is skipped.

    In a folder only regular ``.json`` files are read: no sub-folders, pipes, devices or
    sockets, and a link only when it leads to a regular file inside the same folder.
    A file named on the command line is the teacher's choice and is read if regular.
    """
    files: list[tuple[str, Path]] = []
    skipped: list[Verdict] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for name, entry, problem in _folder_entries(path):
                if problem:
                    skipped.append(Verdict(name, entry, SKIPPED, problem))
                else:
                    files.append((name, entry))
        else:
            files.append((str(path), path))
    return files, skipped


def _folder_entries(folder: Path):
    root = os.path.realpath(folder)
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        yield str(folder), folder, _("the folder cannot be read ({reason}).").format(
            reason=os_reason(error))
        return
    for name in names:
        entry = folder / name
        yield name, entry, _entry_problem(entry, root)


def _entry_problem(entry: Path, root: str) -> str | None:
    try:
        info = entry.lstat()
    except OSError:
        return _("skipped: the entry vanished while the folder was read.")
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(entry)
        if not os.path.exists(target):
            return _("skipped: a link that leads nowhere.")
        if os.path.dirname(target) != root:
            return _("skipped: a link to something outside this folder.")
        info = os.stat(target)
    if stat.S_ISDIR(info.st_mode):
        return _("skipped: a folder, not a result file.")
    if not stat.S_ISREG(info.st_mode):
        return _("skipped: not a regular file (a pipe, a device or a socket).")
    if not entry.name.lower().endswith(".json"):
        return _("skipped: not a result file (result files end in .json).")
    return None


# --- reading one file ------------------------------------------------------------------------


def _read_claim(path: Path) -> _Claim:
    """What a result file claims, read through the one defensive reader and the strict model
    (``game.session.result_model``); a refusal names the field, never its value."""
    from pydantic import ValidationError

    from game.files.reader import FileProblem, problem_from_validation, read_json
    from game.session.result_model import ResultFile

    try:
        doc = read_json(path, max_bytes=MAX_RESULT_BYTES, max_depth=MAX_DEPTH)
    except FileProblem as problem:
        raise _Reject(problem.reason) from problem
    if not isinstance(doc, dict):
        raise _Reject(_("the file does not hold a result."))
    if doc.get("format_version") != 1:
        raise _Reject(_("format_version: not a result file this version of the game reads."))
    if "level_file" in doc:  # older files named any path; it is never opened, the file refused
        raise _Reject(_("level_file: a result file may not name a level file; the report replays "
                        "the game's levels, or a level the teacher names with --level."))
    try:
        model = ResultFile.model_validate(doc, strict=True)
    except ValidationError as error:
        raise _Reject(problem_from_validation(path, error).reason) from error
    for i, turn in enumerate(model.turns):
        if turn.turn != i + 1:
            raise _Reject(_("{field}: not turn {number} of the run.").format(
                field=f"turns[{i}]", number=i + 1))
    # An indicator the file does not give (written before it existed) never matches a replay.
    table = np.array([[_or_nan(getattr(t.indicators, name)) for name in INDICATORS]
                      for t in model.turns], dtype=float).reshape(len(model.turns), len(INDICATORS))
    return _Claim(model.level, model.level_hash, model.seed, model.events_on, model.session,
                  [t.decisions.to_engine() for t in model.turns], [t.year for t in model.turns],
                  table, [[e.model_dump() for e in t.events] for t in model.turns],
                  model.score, model.stars,
                  [{"id": o.id, "met": o.met} for o in model.objectives])


def _or_nan(value: float | None) -> float:
    return math.nan if value is None else value


# --- checking a claim against the level and the session pack -------------------------------


def _check_frame(claim: _Claim, level, pack) -> bool:
    """Level, fingerprint, events rule and session pack; returns the events setting."""
    if level is None:
        raise _Reject(_("level: not one of the game's levels; if it is your own level, name its "
                        "file with --level."))
    if claim.level_hash is None:
        raise _Reject(_("level_hash: missing; the file does not say which version of the level "
                        "it was played on."))
    if claim.level_hash != level_fingerprint(level):
        raise _Reject(_("level_hash: the level played is not the level '{level}' this report "
                        "replays against (its numbers or objectives differ, or the file was made "
                        "by another version of the game).").format(level=level.id))
    events_on = level.events_on if claim.events_on is None else claim.events_on
    if events_on and not level.events:
        raise _Reject(_("events_on: this level has no events."))
    if pack is not None:
        _check_pack(claim, events_on, pack)
    elif not events_on and level.events and not level.optional_events:
        raise _Reject(_("events_on: the events were switched off, but this level is played with "
                        "its events."))
    if len(claim.decisions) > level.turns:
        raise _Reject(_("turns: more turns than the level has."))
    return events_on


def _check_pack(claim: _Claim, events_on: bool, pack) -> None:
    # A run without a pack record (started by hand, or continued from a save) still counts
    # when level, seed and events are the pack's; a record of another pack never does.
    session = claim.session
    if session is not None and (session.id != pack.id or session.hash != pack.fingerprint()):
        raise _Reject(_("session: not played from this session pack."))
    if claim.level != pack.level or claim.level_hash != pack.level_hash:
        raise _Reject(_("level: not the level of the session pack."))
    if claim.seed != pack.seed:
        raise _Reject(_("seed: not the seed of the session pack."))
    if events_on != pack.events_on:
        raise _Reject(_("events_on: not the events setting of the session pack."))


def _check_rules(level, seed: int, events_on: bool, decisions: list[TurnDecision]) -> None:
    """Every decision allowed at its turn (locks, pilots, budget): the level's one set of
    rules (``game.content.decisions.Rules``), as the game checks each turn."""
    rules = level.rules
    # Students hold a decision for several years and many decide alike: the verdict depends
    # only on the decision and on what is unlocked, so it is worked out once per pair.
    cache = level.__dict__.setdefault("_verdicts", {})
    for t, decision in enumerate(decisions):
        unlocked = tuple(level.available_at(t + 1))
        key = (repr(decision), unlocked, get_language())  # the messages are translated
        if key not in cache:
            cache[key] = rules.violations(decision, t + 1)
        problems = cache[key]
        if problems:
            raise _Reject(_("{field}: {reason}").format(
                field=f"turns[{t}].decisions", reason=problems[0].message))
    ids = {e.id: len(e.choices) for e in level.scenario_for(events_on).events}
    for t, decision in enumerate(decisions):
        for event, index in decision.choices.items():
            if event not in ids or not 0 <= index < max(1, ids[event]):
                raise _Reject(_("{field}: not an event of this level or not one of its "
                                "choices.").format(field=f"turns[{t}].decisions.choices"))


class RunRefused(Exception):
    """A result file that cannot be replayed as it claims; ``str(error)`` names file and field."""


def load_run(path: str | Path, levels: LevelTable | None = None):
    """A result file as a replayed Playthrough (for compare and branching); finished or not.

    The file's level, fingerprint, events rule and decisions are checked as the class
    report checks them; its numbers are not needed (everything is replayed).
    """
    from game.session.playthrough import Playthrough

    path = Path(path)
    levels = levels or LevelTable()
    try:
        claim = _read_claim(path)
        level = levels.get(claim.level)
        events_on = _check_frame(claim, level, None)
        _check_rules(level, claim.seed, events_on, claim.decisions)
        return Playthrough.from_decisions(level, claim.seed, claim.decisions, events_on)
    except _Reject as reject:
        raise RunRefused(f"{path.name}: {reject}") from reject
    except Exception as error:  # DecisionError from a choice the replay refuses, or worse
        raise RunRefused(f"{path.name}: " + _("the file cannot be replayed ({kind}).").format(
            kind=type(error).__name__)) from error


# --- the batched replay ----------------------------------------------------------------------


def _replay_group(level, seed: int, events_on: bool, members: list[tuple[int, _Claim]]):
    """One ``simulate`` for the status quo and every member; returns the status-quo run and
    (index, Replay | reason) for each member.

    A shorter log is held at the status quo to the level's end in the batch: a turn never
    depends on the turns after it, so its first turns are exactly its own replay.
    """
    from game.content.departure import run_with_departure
    from game.content.objectives import after_of, evaluate_batch, fill_running_scores

    scenario = level.scenario_for(events_on)
    full = scenario.turns
    plans = [Plan.from_decisions(scenario, [scenario.baseline] * full)]
    plans += [Plan.from_decisions(scenario, [*c.decisions, *[scenario.baseline] * (full - len(c.decisions))])
              for _i, c in members]
    # A finished run is scored with the years after the level (the departure audit).
    run, after = run_with_departure(level, Plan.stack(plans), seed, scenario)
    table = np.array(run.indicators, dtype=float)  # (T, B, I)
    fill_running_scores(level, table, after)
    fired = np.asarray(run.fired)
    results = []
    lengths = np.array([len(c.decisions) for _i, c in members])
    for played in np.unique(lengths):
        chosen = np.flatnonzero(lengths == played)
        ev = evaluate_batch(level, table[:played, chosen + 1], after=after_of(after, chosen + 1, played == full))
        lost = broken_batch(level, ev, played)
        lost_before = (broken_batch(level, evaluate_batch(level, table[: played - 1, chosen + 1]), played - 1)
                       if played > 1 else np.zeros(len(chosen), dtype=bool))
        for j, m in enumerate(chosen):
            index, claim = members[m]
            replay = Replay(claim.decisions, table[:played, m + 1, :].copy(), float(ev.score[j]),
                            int(ev.stars[j]), tuple(bool(x) for x in ev.met[j]),
                            finished=bool(played == full or lost[j]))
            problem = (_("turns: the run goes on after a required objective was missed, when the "
                         "level ends.") if lost_before[j] else
                       _difference(claim, replay, fired[:, m + 1, :], scenario, level))
            results.append((index, problem or replay))
    return table[:, 0, :], results


def _difference(claim: _Claim, replay: Replay, fired: np.ndarray, scenario, level) -> str | None:
    """The first field of the file that the replay does not give (named, never the value)."""
    ids = scenario.event_ids
    for t, decision in enumerate(claim.decisions):
        where = f"turns[{t}]"
        happened = {ids[e] for e in np.flatnonzero(fired[t])}
        if set(decision.choices) != happened:
            return _("{field}: answers events that did not happen, or leaves out one that "
                     "did.").format(field=f"{where}.decisions.choices")
        if claim.years[t] != level.year_of(t + 1):
            return _mismatch(f"{where}.year")
        for k, name in enumerate(INDICATORS):
            if not math.isclose(claim.indicators[t, k], replay.indicators[t, k],
                                rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE):
                return _mismatch(f"{where}.indicators.{name}")
        expected = [{"id": e, "choice": decision.choices[e] + 1} for e in ids if e in happened]
        if claim.events[t] != expected:
            return _mismatch(f"{where}.events")
    if not math.isclose(claim.score, replay.score, rel_tol=REL_TOLERANCE, abs_tol=ABS_TOLERANCE):
        return _mismatch("score")
    if claim.stars != replay.stars:
        return _mismatch("stars")
    actual = [{"id": o.id, "met": m} for o, m in zip(level.objectives, replay.met, strict=True)]
    if claim.objectives != actual:
        return _mismatch("objectives")
    return None


def _mismatch(field_name: str) -> str:
    return _("{field}: does not match the replay of the decisions.").format(field=field_name)


# --- the whole folder ------------------------------------------------------------------------


@dataclass
class Outcome:
    """Every verdict, in the order listed, and the status-quo run of each group replayed."""

    verdicts: list[Verdict]
    baselines: dict[tuple[str, int, bool], np.ndarray]
    levels: dict[str, Any]


def verify_paths(paths: Iterable[str | Path], levels: LevelTable | None = None, pack=None,
                 progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Verify every result file under ``paths``; never raises for anything a file holds."""
    levels = levels or LevelTable()
    files, verdicts = list_inputs(paths)
    groups: dict[tuple[str, int, bool], list[tuple[int, _Claim]]] = {}
    total = len(files)
    for n, (name, path) in enumerate(files, start=1):
        verdict = Verdict(name, path, REJECTED, "")
        verdicts.append(verdict)
        try:
            claim = _read_claim(path)
            verdict.level, verdict.seed = claim.level, claim.seed
            verdict.turns_played = len(claim.decisions)
            level = levels.get(claim.level)
            verdict.events_on = _check_frame(claim, level, pack)
            _sort_claim(verdict, claim, level, groups, len(verdicts) - 1)
        except _Reject as reject:
            verdict.reason = str(reject)
        except Exception as error:  # anything odd in a handed-in file is still a verdict
            verdict.reason = _("the file cannot be replayed ({kind}).").format(kind=type(error).__name__)
        if progress:
            progress(n, total)
    baselines = _replay_groups(groups, verdicts, levels)
    _flag_duplicates(verdicts)
    return Outcome(verdicts, baselines, {key[0]: levels.get(key[0]) for key in groups})


def _unfinished(played: int, turns: int) -> str:
    return ngettext("unfinished, {played} of {turns} turn played.",
                    "unfinished, {played} of {turns} turns played.", turns).format(
        played=played, turns=turns)


def _sort_claim(verdict: Verdict, claim: _Claim, level, groups, index: int) -> None:
    if not claim.decisions:
        verdict.status, verdict.reason = UNFINISHED, _unfinished(0, level.turns)
        return
    _check_rules(level, claim.seed, verdict.events_on, claim.decisions)
    groups.setdefault((claim.level, claim.seed, verdict.events_on), []).append((index, claim))


def _replay_groups(groups, verdicts: list[Verdict], levels: LevelTable):
    from game.session.report import stars_text

    baselines = {}
    for key, members in groups.items():
        level = levels.get(key[0])
        try:
            baseline, results = _replay_group(level, key[1], key[2], members)
        except Exception as error:  # a replay that cannot run rejects the group, not the report
            for index, _claim in members:
                verdicts[index].reason = _("the file cannot be replayed ({kind}).").format(
                    kind=type(error).__name__)
            continue
        baselines[key] = baseline
        for index, outcome in results:
            verdict = verdicts[index]
            if isinstance(outcome, str):
                verdict.reason = outcome
                continue
            if not outcome.finished:  # numbers checked, but not ranked
                verdict.status = UNFINISHED
                verdict.reason = _unfinished(len(outcome.decisions), level.turns)
                continue
            verdict.status, verdict.replay = VERIFIED, outcome
            verdict.reason = _("verified by replay: {turns} turns of '{level}', seed {seed}, "
                               "score {score}, {stars}.").format(
                turns=len(outcome.decisions), level=level.id, seed=key[1],
                score=f"{outcome.score:.1f}", stars=stars_text(outcome.stars))
            if len(outcome.decisions) < level.turns:
                verdict.reason += " " + _("The level ended early: a required objective was missed.")
    return baselines


def _flag_duplicates(verdicts: list[Verdict]) -> None:
    """Identical decision logs on the same level, seed and events: the first by name stays,
    the others are set aside, and both name each other."""
    seen: dict[str, Verdict] = {}
    for verdict in sorted((v for v in verdicts if v.verified), key=lambda v: v.name):
        key = json.dumps([verdict.group, [record_of(d) for d in verdict.replay.decisions]],
                         sort_keys=True)
        first = seen.setdefault(key, verdict)
        if first is verdict:
            continue
        verdict.status = DUPLICATE
        verdict.reason = _("duplicate: the same decisions, turn for turn, as {other}.").format(
            other=first.name)
        first.duplicates.append(verdict.name)
    for verdict in seen.values():
        if verdict.duplicates:
            verdict.reason += " " + _("Warning: the same decisions, turn for turn, as "
                                      "{others}.").format(others=", ".join(verdict.duplicates))
