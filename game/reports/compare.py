"""Two runs side by side: the numbers, the decisions that differ, and why they ended apart.

Used by ``virtuous-circle compare A.json B.json`` and the compare screen. Both runs are
replays (``Playthrough``), so every number comes from the decisions, never from a file.

The explanation is counterfactual: for each kind of decision where the two runs differ
(a budget lever, credit guidance, the sector focus, the pilot zones), run A again with
B's choices for that kind alone, all in one batched ``simulate``; the change in A's final
score and GDP growth is what that kind of decision accounts for. The parts need not add up
to the whole difference: decisions interact.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass

import numpy as np

from game.engine import Plan
from game.engine.schema import INDICATOR_INDEX, INDICATOR_KIND, LEVERS, SECTORS
from game.i18n import N_, _
from game.i18n import format as fmt
from game.reports.class_charts import KEY_INDICATORS
from game.session.names import label

__all__ = ["Comparison", "compare", "DecisionDifference", "Explanation", "compare_chart",
           "compare_markdown", "compare_csv", "SHARE_STEP"]

#: Headings used inside f-strings, marked here so that the extractor finds them.
HEADINGS = (N_("Two runs compared"), N_("Why they ended apart"), N_("The decisions that differ"))

#: Budget shares closer than this (half a percentage point) count as the same decision.
SHARE_STEP = 0.005


@dataclass(frozen=True)
class DecisionDifference:
    turn: int
    year: int
    name: str  # lever, "credit_guidance", "focus", "pilots" or "event:<id>"
    a: str  # formatted
    b: str
    last_year: int | None = None  # the same difference held until this year

    def describe(self) -> str:
        years = (str(self.year) if self.last_year in (None, self.year)
                 else _("{first}–{last}").format(first=self.year, last=self.last_year))
        return _("{years}: {decision} {a} in A, {b} in B").format(
            years=years, decision=_decision_label(self.name), a=self.a, b=self.b)


@dataclass(frozen=True)
class Explanation:
    name: str  # the kind of decision
    score: float  # change in A's final score with B's choice for this kind alone
    growth: float  # change in A's final GDP growth

    def describe(self) -> str:
        return _("B's {decision} alone would move A's final score by {points} and its GDP "
                 "growth by {growth}.").format(decision=_decision_label(self.name),
                                               points=fmt.number(self.score, signed=True),
                                               growth=fmt.pp(self.growth))


@dataclass
class Comparison:
    a: object  # Playthrough
    b: object
    names: tuple[str, str]
    indicators: tuple[str, ...]
    differences: list[DecisionDifference]
    explanations: list[Explanation]
    notes: list[str]

    def final(self, which: int, name: str) -> float:
        play = (self.a, self.b)[which]
        return float(play.result().indicators[-1, 0, INDICATOR_INDEX[name]])

    @property
    def score_gap(self) -> float:
        return float(self.b.score().points - self.a.score().points)


def _decision_label(name: str) -> str:
    if name == "pilots":
        return _("pilot zones")
    if name == "scale_up":
        return _("pilots rolled out region-wide")
    if name.startswith("event:"):
        return _("the answer to event {event}").format(event=name.split(":", 1)[1])
    return label(name)


def compare(a, b, names: tuple[str, str] = ("A", "B")) -> Comparison:
    """Compare two replayed playthroughs (each with at least one turn played)."""
    notes = []
    if a.level.id != b.level.id:
        notes.append(_("The runs are on different levels; only the indicators compare."))
    elif a.seed != b.seed or a.events_on != b.events_on:
        notes.append(_("The runs have different seeds or events settings: some of the difference "
                       "is luck, not policy."))
    objective = tuple(o.indicator for o in a.level.objectives if o.indicator not in KEY_INDICATORS)
    indicators = ("score", *KEY_INDICATORS, *dict.fromkeys(objective))
    same_frame = (a.level.id == b.level.id and a.seed == b.seed and a.events_on == b.events_on
                  and len(a.log) == len(b.log))
    return Comparison(a, b, names, indicators, decision_differences(a, b),
                      explain(a, b) if same_frame else [], notes)


def decision_differences(a, b) -> list[DecisionDifference]:
    """Every decision that differs, a difference held over several years written once."""
    merged: list[DecisionDifference] = []
    open_runs: dict[tuple[str, str, str], int] = {}
    for d in _each_difference(a, b):
        key = (d.name, d.a, d.b)
        k = open_runs.get(key)
        if k is not None and merged[k].last_year == d.year - 1:
            merged[k] = dataclasses.replace(merged[k], last_year=d.year)
            continue
        open_runs[key] = len(merged)
        merged.append(dataclasses.replace(d, last_year=d.year))
    return merged


def _each_difference(a, b) -> list[DecisionDifference]:
    out: list[DecisionDifference] = []
    for t, (da, db) in enumerate(zip(a.log, b.log, strict=False), start=1):
        year = a.year_of(t)
        for lever in LEVERS:
            x, y = da.shares.get(lever, 0.0), db.shares.get(lever, 0.0)
            if abs(x - y) >= SHARE_STEP:
                out.append(DecisionDifference(t, year, lever, fmt.percent(x), fmt.percent(y)))
        if abs(da.credit_guidance - db.credit_guidance) >= SHARE_STEP:
            out.append(DecisionDifference(t, year, "credit_guidance", fmt.percent(da.credit_guidance),
                                          fmt.percent(db.credit_guidance)))
        if any(abs(da.focus.get(s, 0) - db.focus.get(s, 0)) >= SHARE_STEP for s in SECTORS):
            out.append(DecisionDifference(t, year, "focus", _focus(da.focus), _focus(db.focus)))
        if set(da.pilots) != set(db.pilots):
            out.append(DecisionDifference(t, year, "pilots", _pilots(da.pilots), _pilots(db.pilots)))
        if getattr(da, "fund_horizon", None) != getattr(db, "fund_horizon", None):
            out.append(DecisionDifference(t, year, "fund_horizon", fmt.number(da.fund_horizon, 0),
                                          fmt.number(db.fund_horizon, 0)))
        if set(getattr(da, "scale_up", ())) != set(getattr(db, "scale_up", ())):
            out.append(DecisionDifference(t, year, "scale_up", _pilots(da.scale_up),
                                          _pilots(db.scale_up)))
        for event in sorted(set(da.choices) & set(db.choices)):
            if da.choices[event] != db.choices[event]:
                out.append(DecisionDifference(t, year, f"event:{event}", str(da.choices[event] + 1),
                                              str(db.choices[event] + 1)))
    return out


def _focus(focus) -> str:
    return " / ".join(fmt.percent(focus.get(s, 0.0), 0) for s in SECTORS)


def _pilots(pilots) -> str:
    return _(", ").join(label(f"pilot:{p}") for p in sorted(pilots)) or _("none")


def explain(a, b) -> list[Explanation]:
    """A's run with B's choices for one kind of decision at a time, in one batched simulate."""
    from game.content.departure import simulate_scored

    scenario = a.scenario
    plan_a, plan_b = a.plan(), b.plan()
    kinds, members = [], [plan_a]
    for k, lever in enumerate(LEVERS):
        if not np.allclose(plan_a.shares[:, :, k], plan_b.shares[:, :, k], atol=SHARE_STEP / 2):
            member = plan_a.copy()
            member.shares[:, :, k] = plan_b.shares[:, :, k]
            kinds.append(lever), members.append(member)
    for name in ("credit_guidance", "focus", "pilots", "fund_horizon", "scale_up"):
        x, y = getattr(plan_a, name, None), getattr(plan_b, name, None)
        if x is not None and y is not None and not np.array_equal(x, y):
            member = plan_a.copy()
            getattr(member, name)[...] = getattr(plan_b, name)
            kinds.append(name), members.append(member)
    if not kinds:
        return []
    run, evaluation = simulate_scored(a.level, Plan.stack(members), a.seed, scenario)
    table = np.asarray(run.indicators, dtype=float)
    scores = evaluation.score
    growth = table[-1, :, INDICATOR_INDEX["gdp_growth"]]
    found = [Explanation(kind, float(scores[i + 1] - scores[0]), float(growth[i + 1] - growth[0]))
             for i, kind in enumerate(kinds)]
    # A kind that moves neither the score nor growth visibly explains nothing worth a line.
    found = [e for e in found if abs(e.score) >= 0.05 or abs(e.growth) >= 0.0005]
    return sorted(found, key=lambda e: (-abs(e.score), -abs(e.growth)))


# --- output ----------------------------------------------------------------------------------


def _value(name: str, value: float) -> str:
    if name == "score":
        return fmt.number(value)
    kind = INDICATOR_KIND[name]
    return fmt.percent(value) if kind == "ratio" else fmt.money(value) if kind == "money" else fmt.number(value)


def table_rows(c: Comparison) -> tuple[list[str], list[list[str]]]:
    header = [_("indicator"), c.names[0], c.names[1], _("B − A")]
    rows = []
    for name in c.indicators:
        x, y = c.final(0, name), c.final(1, name)
        kind = "score" if name == "score" else INDICATOR_KIND[name]
        gap = (fmt.pp(y - x) if kind == "ratio" else fmt.money(y - x, signed=True)
               if kind == "money" else fmt.number(y - x, signed=True))
        rows.append([label(name) if name != "score" else _("score"), _value(name, x), _value(name, y), gap])
    return header, rows


def compare_markdown(c: Comparison) -> str:
    from game.reports.class_report import markdown_cell

    header, rows = table_rows(c)
    lines = [f"# {_('Two runs compared')}", "", f"- A: {markdown_cell(c.names[0])}",
             f"- B: {markdown_cell(c.names[1])}", "", *c.notes, "",
             "| " + " | ".join(markdown_cell(h) for h in header) + " |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(markdown_cell(x) for x in row) + " |" for row in rows]
    lines += ["", f"## {_('Why they ended apart')}", ""]
    lines += [f"- {e.describe()}" for e in c.explanations[:5]] or [
        _("No single kind of decision explains the difference on its own.")]
    lines += ["", f"## {_('The decisions that differ')}", ""]
    lines += [f"- {d.describe()}" for d in c.differences] or [_("No decision differs.")]
    return "\n".join(lines) + "\n"


def compare_csv(c: Comparison) -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["turn", "year", "indicator", "a", "b"])
    ra, rb = c.a.result().indicators[:, 0, :], c.b.result().indicators[:, 0, :]
    for t in range(min(len(ra), len(rb))):
        for name in c.indicators:
            i = INDICATOR_INDEX[name]
            writer.writerow([t + 1, c.a.year_of(t + 1), name, repr(float(ra[t, i])), repr(float(rb[t, i]))])
    return out.getvalue()


def compare_chart(c: Comparison) -> bytes:
    """Each indicator of the comparison: A, B and the status quo, over the years (PNG)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from game.reports.class_charts import _figure, _png
    from game.reports.export import axis_formatter, chart_font_family

    family = chart_font_family()
    names = c.indicators[:9]
    cols = 3
    fig = _figure(13, 3.1 * -(-len(names) // cols) + 0.8)
    base = c.a.baseline_result().indicators[:, 0, :]
    for k, name in enumerate(names):
        ax = fig.add_subplot(-(-len(names) // cols), cols, k + 1)
        i = INDICATOR_INDEX[name]
        for play, colour, style, who in ((c.a, "#0072B2", "-", "A"), (c.b, "#D55E00", "--", "B")):
            values = play.result().indicators[:, 0, i]
            ax.plot([play.year_of(t + 1) for t in range(len(values))], values, color=colour,
                    linestyle=style, marker="o", markersize=3, linewidth=2, label=who)
        ax.plot([c.a.year_of(t + 1) for t in range(len(base))], base[:, i], color="#777777",
                linestyle=":", linewidth=1.5, label=_("no new policy"))
        ax.set_title(label(name) if name != "score" else _("score"), family=family, fontsize=11)
        kind = "number" if name == "score" else INDICATOR_KIND[name]
        ax.yaxis.set_major_formatter(FuncFormatter(axis_formatter(kind)))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.grid(True, alpha=0.3)
        if k == 0:
            ax.legend(prop={"family": family, "size": 8})
    fig.suptitle(_("Two runs compared"), family=family)
    return _png(fig)
