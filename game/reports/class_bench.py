"""A synthetic class for `bench` and tests: many honest result files, made in one batched run.

Each student keeps one random budget mix all game (the level's locks and budget respected,
as the content layer's bots do); events take their first choice. The files have the shape
``game.session.results.build_result`` writes (a test checks one against it), so the class
report's speed can be measured on 500 or 2,000 files without playing 2,000 games.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import numpy as np

from game.content.decisions import record_of
from game.engine import Plan
from game.engine.schema import INDICATORS, LEVERS
from game.i18n import _

__all__ = ["synthetic_decisions", "synthetic_results", "write_synthetic_class", "class_report_bench"]


def synthetic_decisions(level, rng: np.random.Generator, count: int) -> list[list]:
    """``count`` decision logs for the whole level, each a random mix held every turn."""
    from game.content.decisions import replace

    logs = []
    for _member in range(count):
        weights = rng.dirichlet(np.ones(len(LEVERS))) * rng.uniform(0.4, 0.95)
        guidance = float(rng.uniform(0.0, 1.0))
        log = []
        for turn in range(1, level.turns + 1):
            wish = replace(level.baseline, credit_guidance=guidance, pilots=(), shares={
                lever: float(w) for lever, w in zip(LEVERS, weights, strict=True)})
            log.append(level.rules.coerce(wish, turn))
        logs.append(log)
    return logs


def synthetic_results(level, seed: int, count: int, rng_seed: int = 0) -> list[dict]:
    """``count`` result documents of ``level`` (events as the level sets them), one simulate."""
    from game.content.departure import run_with_departure
    from game.content.objectives import after_of, evaluate_batch, fill_running_scores
    from game.session.fingerprint import level_fingerprint

    scenario = level.scenario
    logs = synthetic_decisions(level, np.random.default_rng(rng_seed), count)
    plan = Plan.stack([Plan.from_decisions(scenario, log) for log in logs])
    run, after = run_with_departure(level, plan, seed)
    table = np.array(run.indicators, dtype=float)
    fill_running_scores(level, table, after)
    lengths = _lengths(level, table)
    fired = np.asarray(run.fired)
    ids = scenario.event_ids
    docs = []
    for b, log in enumerate(logs):
        del log[lengths[b]:]  # the level ends where a required objective is missed
        final = evaluate_batch(level, table[: lengths[b], b: b + 1],
                               after=after_of(after, slice(b, b + 1), lengths[b] == table.shape[0]))
        turns = []
        for t, decision in enumerate(log):
            happened = [ids[e] for e in np.flatnonzero(fired[t, b])]
            decision = dataclasses.replace(decision, choices=dict.fromkeys(happened, 0))
            log[t] = decision
            turns.append({"turn": t + 1, "year": level.year_of(t + 1),
                          "decisions": record_of(decision),
                          "indicators": {n: float(table[t, b, i]) for i, n in enumerate(INDICATORS)},
                          "events": [{"id": e, "choice": 1} for e in happened]})
        objectives = [{"id": o.id, "met": bool(final.met[0, k]),
                       "value": float(final.value[0, k]) if np.isfinite(final.value[0, k]) else None,
                       "credit": float(final.credit[0, k]), "pending": bool(final.pending[k])}
                      for k, o in enumerate(level.objectives)]
        docs.append({"format_version": 1, "level": level.id, "level_hash": level_fingerprint(level),
                     "seed": seed, "events_on": level.events_on, "turns": turns,
                     "objectives": objectives, "score": float(final.score[0]),
                     "stars": int(final.stars[0])})
    return docs


def _lengths(level, table: np.ndarray) -> np.ndarray:
    """(B,) turns each run lasts: all of them, or up to the first missed required objective."""
    from game.content.objectives import broken_batch, evaluate_batch

    turns = table.shape[0]
    lengths = np.full(table.shape[1], turns)
    ended = np.zeros(table.shape[1], dtype=bool)
    for t in range(1, turns + 1):
        now = broken_batch(level, evaluate_batch(level, table[:t]), t) & ~ended
        lengths[now] = t
        ended |= now
    return lengths


def write_synthetic_class(folder: Path, level_id: str, seed: int, count: int) -> list[Path]:
    from game.content.levels import level_by_id
    from game.session.results import result_json

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, doc in enumerate(synthetic_results(level_by_id(level_id), seed, count)):
        path = folder / f"student_{n:04d}.json"
        path.write_text(result_json(doc), encoding="utf-8")
        paths.append(path)
    return paths


def class_report_bench(tmp: Path) -> list[tuple[str, float, str, str]]:
    """Wall time of a whole class report (verify, charts, files) for 500 and 2,000 files,
    in this process; `/usr/bin/time -v virtuous-circle class-report` measures a whole process."""
    from game.reports.class_report import write_report
    from game.session.verify import verify_paths

    rows = []
    for count, target in ((500, "≤ 5 s"), (2000, "≤ 15 s")):
        folder = tmp / f"class_{count}"
        write_synthetic_class(folder, "easy_money", 7, count)
        start = time.perf_counter()
        write_report(verify_paths([folder]), tmp / f"report_{count}")
        rows.append((_("class report of {count} result files").format(count=f"{count:,}"),
                     time.perf_counter() - start, "s", target))
    return rows
