"""Lever responses: each budget lever's 20-year benefit-cost ratio around the status quo.

Issue 8's bar for the engine's economics: extra cumulative GDP ÷ extra spending
when a lever's share of the budget moves by ±5 points (a central difference,
one-sided where the share cannot go lower), held for twenty years with no
events, is within 1.5–8 for every lever. The range follows from estimates of the
social return to R&D of 20–50 % a year (Hall, Mairesse & Mohnen 2010), which
over twenty years give benefit-cost ratios in the low single digits.

Every lever of `game.engine.schema.LEVERS` is measured, so a new lever appears
without a change here; all variants run as one batched `simulate` call.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from game.content.text_table import markdown_table, text_table
from game.engine import INDICATOR_INDEX, LEVERS, Plan, simulate

__all__ = ["STEP", "YEARS", "BAR", "SOURCE", "LeverResponse", "lever_responses",
           "responses_table", "responses_report", "write_docs_table", "DOCS_BEGIN", "DOCS_END"]

STEP = 0.05          # five points of the budget
YEARS = 20           # the horizon of the ratio
BAR = (1.5, 8.0)     # the range every lever must land in
SOURCE = "Hall, Mairesse & Mohnen (2010): social return to R&D 20–50 %/yr"
DOCS_BEGIN, DOCS_END = "<!-- responses:begin -->", "<!-- responses:end -->"


@dataclass(frozen=True)
class LeverResponse:
    lever: str
    ratio: float            # extra cumulative GDP / extra cumulative spending on the lever
    payback: int | None     # first year cumulative extra GDP >= cumulative extra spending
    extra_gdp: float        # bn yuan, cumulative over YEARS, between the two variants
    extra_spending: float   # bn yuan, cumulative over YEARS
    step_down: float        # the share removed (less than STEP when the share is smaller)

    @property
    def inside(self) -> bool:
        return BAR[0] <= self.ratio <= BAR[1]

    def as_dict(self) -> dict:
        return {"lever": self.lever, "ratio": self.ratio, "payback_years": self.payback,
                "extra_gdp": self.extra_gdp, "extra_spending": self.extra_spending,
                "step_up": STEP, "step_down": self.step_down, "bar": list(BAR),
                "inside_bar": self.inside, "source": SOURCE}


def _scenario(level):
    """The level's region with no events, run for YEARS turns from its own start."""
    return replace(level.scenario_for(False), turns=YEARS)


def _variants(scenario) -> tuple[Plan, list[float]]:
    """Member 0 is the status quo; members 1+2k / 2+2k move lever k down / up."""
    base = Plan.repeat(scenario, scenario.baseline)
    plan = base.broadcast(1 + 2 * len(LEVERS))
    downs = []
    for k, _lever in enumerate(LEVERS):
        share = float(base.shares[0, 0, k])
        down = min(STEP, share)
        plan.shares[:, 1 + 2 * k, k] = share - down
        plan.shares[:, 2 + 2 * k, k] = share + STEP
        downs.append(down)
    return plan, downs


def _payback(gdp_gain: np.ndarray, cost: np.ndarray) -> int | None:
    reached = np.nonzero((np.cumsum(gdp_gain) >= np.cumsum(cost)) & (np.cumsum(cost) > 0))[0]
    return int(reached[0]) + 1 if len(reached) else None


def lever_responses(level, seed: int = 0) -> list[LeverResponse]:
    """Every lever's response around the level's status quo (one batched run)."""
    scenario = _scenario(level)
    plan, downs = _variants(scenario)
    run = simulate(scenario, plan, seed)
    gdp = run.indicators[:, :, INDICATOR_INDEX["gdp"]]            # (T, B)
    spending = run.budget[:, :, None] * run.shares                # (T, B, L) as resolved
    rows = []
    for k, lever in enumerate(LEVERS):
        lo, hi = 1 + 2 * k, 2 + 2 * k
        gain = gdp[:, hi] - gdp[:, lo]
        cost = spending[:, hi, k] - spending[:, lo, k]
        total_cost = float(cost.sum())
        ratio = float(gain.sum() / total_cost) if total_cost > 0 else float("nan")
        rows.append(LeverResponse(lever, ratio, _payback(gain, cost), float(gain.sum()),
                                  total_cost, downs[k]))
    return rows


def responses_table(rows: list[LeverResponse], markdown: bool = False) -> list[str]:
    """The table as lines of text (translated headings and lever names)."""
    from game.i18n import _
    from game.i18n import format as fmt
    from game.session.names import label

    head = (_("lever"), _("benefit-cost ratio"), _("pays back after"), _("evidence range"))
    cells = []
    for row in rows:
        payback = (_("{years} years").format(years=row.payback) if row.payback is not None
                   else _("not within {years} years").format(years=YEARS))
        ratio = fmt.number(row.ratio, 1) if np.isfinite(row.ratio) else "—"
        cells.append((label(row.lever), ratio, payback,
                      f"{fmt.number(BAR[0], 1)}–{fmt.number(BAR[1], 0)}"))
    return markdown_table(head, cells) if markdown else text_table(head, cells)


def write_docs_table(path, rows: list[LeverResponse], level_id: str) -> bool:
    """Replace the marked block of docs/model.md with the table (English). False if no markers."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(DOCS_BEGIN), text.find(DOCS_END)
    if start < 0 or end < start:
        return False
    note = (f"Generated by `virtuous-circle responses --write-docs` (level `{level_id}`, "
            f"±{STEP * 100:.0f} points of the budget, {YEARS} years, no events, seed 0). "
            f"Bar: {BAR[0]}–{BAR[1]:g}, from {SOURCE}.")
    block = "\n".join([DOCS_BEGIN, note, "", *responses_table(rows, markdown=True), DOCS_END])
    path.write_text(text[:start] + block + text[end + len(DOCS_END):], encoding="utf-8")
    return True


def responses_report(level, *, as_json: bool = False, write_docs: bool = False) -> int:
    """Print the table (or JSON) for an opened level; regenerate docs/model.md if asked."""
    import json

    from game.i18n import _

    rows = lever_responses(level)
    if as_json:
        print(json.dumps({"level": level.id, "years": YEARS, "step": STEP,
                          "levers": [r.as_dict() for r in rows]}, ensure_ascii=False, indent=2))
    else:
        print(_("{level}: {years}-year benefit-cost ratio of each budget lever, ±{step} points "
                "of the budget around the status quo (no events)").format(
            level=level.id, years=YEARS, step=round(STEP * 100)))
        print("\n".join(responses_table(rows)))
        outside = [r for r in rows if not r.inside]
        print(_("{count} of {total} levers outside the evidence range.").format(
            count=len(outside), total=len(rows)))
    if write_docs:
        docs = Path(__file__).resolve().parents[2] / "docs" / "model.md"
        if not docs.is_file() or not write_docs_table(docs, rows, level.id):
            print(_("{path} has no responses markers; nothing was written.").format(path=docs))
            return 1
        print(_("The table in {path} was regenerated.").format(path=docs))
    return 0
