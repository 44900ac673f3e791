"""The class report's charts: distributions that read at any class size.

One bar per student only while a class is small enough to read names; beyond that a
score histogram, percentile fans of each indicator against the no-new-policy line,
and the strategy groups with their outcomes. Every image stays within 2,000 px on
a side whatever the class size (fixed figure sizes, fixed dpi). PNG bytes are
returned, for files and for embedding in the HTML report.
"""

from __future__ import annotations

import io
import warnings

import numpy as np

from game.engine.schema import INDICATOR_INDEX, INDICATOR_KIND, LEVER_GROUPS, LEVER_INDEX
from game.i18n import N_, _
from game.reports.export import axis_formatter, chart_font_family
from game.session.names import label

__all__ = ["KEY_INDICATORS", "FEW", "STRATEGIES", "strategy_of", "charts", "MAX_SIDE_PX"]

#: The indicators a class compares.
KEY_INDICATORS = ("gdp_growth", "rd_intensity", "tech_contribution", "emerging_share", "npl_ratio", "debt")
#: Up to this many students, charts name them; beyond, they show distributions.
FEW = 12
DPI = 100
MAX_SIDE_PX = 2000
#: Strategy groups: the lever group that took most of the spending, or a balanced mix.
STRATEGIES = {
    "research": N_("research-led"),
    "talent": N_("talent-led"),
    "finance": N_("finance-led"),
    "balanced": N_("balanced"),
}
BLUE, GREY, ORANGE = "#0072B2", "#555555", "#E69F00"


def strategy_of(decisions) -> str:
    """The group that took more than 45% of the budget spent over the run, else balanced."""
    totals = {group: 0.0 for group in LEVER_GROUPS}
    for decision in decisions:
        for group, levers in LEVER_GROUPS.items():
            totals[group] += sum(float(decision.shares.get(lever, 0.0)) for lever in levers)
    spent = sum(totals.values())
    group = max(totals, key=totals.get)
    return group if spent > 0 and totals[group] > 0.45 * spent else "balanced"


def _figure(width_in: float, height_in: float, layout: str | None = "constrained"):
    """A figure within MAX_SIDE_PX; ``layout=None`` for fixed margins (constrained layout
    measures every label and costs a second on the large charts of a big class)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    width_in = min(width_in, MAX_SIDE_PX / DPI)
    height_in = min(height_in, MAX_SIDE_PX / DPI)
    fig = Figure(figsize=(width_in, height_in), dpi=DPI, layout=layout)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)  # never bbox "tight": it could grow the image
    return out.getvalue()


def scores_chart(names: list[str], scores: np.ndarray, stars: tuple[float, ...]) -> bytes:
    family = chart_font_family()
    fig = _figure(9, 4.8 if len(names) > FEW else max(2.6, 0.38 * len(names) + 1.4))
    ax = fig.add_subplot()
    if len(names) <= FEW:  # few students: one bar each, named
        order = np.argsort(-scores, kind="stable")
        ax.barh([names[i] for i in order][::-1], scores[order][::-1], color=BLUE)
        ax.set_xlabel(_("score"), family=family)
        for tick in ax.get_yticklabels():
            tick.set_family(family)
    else:
        ax.hist(scores, bins=np.linspace(0, 100, 21), color=BLUE, edgecolor="white")
        ax.set_xlabel(_("score"), family=family)
        ax.set_ylabel(_("students"), family=family)
    for band, text in zip(stars, ("★", "★★", "★★★"), strict=False):
        ax.axvline(band, color=GREY, linestyle=":", linewidth=1)
        ax.annotate(text, (band, 1.0), xycoords=("data", "axes fraction"), ha="left", va="top",
                    color=GREY, family="DejaVu Sans", fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_title(_("Scores of the class ({count} verified runs)").format(count=len(names)),
                 family=family)
    return _png(fig)


def fans_chart(years: list[int], runs: np.ndarray, baseline: np.ndarray, names: list[str]) -> bytes:
    """Each key indicator: the class's median and 10–90 / 25–75 percentile bands, the status quo."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    family = chart_font_family()
    fig = _figure(13, 8, layout=None)
    fig.subplots_adjust(left=0.06, right=0.98, top=0.9, bottom=0.13, wspace=0.28, hspace=0.32)
    for k, name in enumerate(KEY_INDICATORS):
        ax = fig.add_subplot(2, 3, k + 1)
        series = runs[:, :, INDICATOR_INDEX[name]]  # (B, T)
        if len(names) <= 5:  # a handful: each run, named
            for b, who in enumerate(names):
                ax.plot(years, series[b], linewidth=1.5, label=who)
        else:
            with warnings.catch_warnings():  # a year every run had already ended: no band
                warnings.simplefilter("ignore", RuntimeWarning)
                low, q1, mid, q3, high = np.nanpercentile(series, [10, 25, 50, 75, 90], axis=0)
            ax.fill_between(years, low, high, color=BLUE, alpha=0.18, linewidth=0,
                            label=_("middle 80% of the class"))
            ax.fill_between(years, q1, q3, color=BLUE, alpha=0.35, linewidth=0,
                            label=_("middle half of the class"))
            ax.plot(years, mid, color=BLUE, linewidth=2, label=_("median student"))
        ax.plot(years, baseline[:, INDICATOR_INDEX[name]], color=GREY, linestyle="--",
                linewidth=1.5, label=_("no new policy"))
        ax.set_title(label(name), family=family, fontsize=11)
        ax.yaxis.set_major_formatter(FuncFormatter(axis_formatter(INDICATOR_KIND[name])))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.grid(True, alpha=0.3)
    handles, texts = fig.axes[0].get_legend_handles_labels()
    fig.legend(handles, texts, loc="lower center", ncol=min(6, len(texts)),
               prop={"family": family, "size": 9})
    fig.suptitle(_("The class against the no-new-policy line"), family=family)
    return _png(fig)


def strategies_chart(groups: dict[str, list[float]], mean_shares: dict[str, np.ndarray]) -> bytes:
    """Left: how each strategy group split the budget; right: the scores each group reached."""
    family = chart_font_family()
    present = [g for g in STRATEGIES if groups.get(g)]
    fig = _figure(12, 1.9 + 0.9 * max(2, len(present)))
    split, outcome = fig.subplots(1, 2)
    titles = [_("{strategy} ({count})").format(strategy=_(STRATEGIES[g]), count=len(groups[g]))
              for g in present]
    rows = np.arange(len(present))
    colours = {"research": BLUE, "talent": "#009E73", "finance": ORANGE}
    hatches = {"research": "", "talent": "//", "finance": ".."}
    left = np.zeros(len(present))
    for group, levers in LEVER_GROUPS.items():
        width = np.array([sum(mean_shares[g][LEVER_INDEX[lever]] for lever in levers)
                          for g in present])
        split.barh(rows, width, left=left, color=colours[group], hatch=hatches[group],
                   edgecolor="white", label=label(group))
        left += width
    split.set_yticks(rows, titles, family=family)
    split.set_xlim(0, 1)
    split.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    split.set_xlabel(_("average share of the budget"), family=family)
    split.legend(prop={"family": family, "size": 9}, loc="upper center", ncol=3,
                 bbox_to_anchor=(0.5, -0.13 if len(present) > 2 else -0.25))
    outcome.boxplot([groups[g] for g in present], orientation="horizontal", positions=rows,
                    widths=0.5, patch_artist=True, boxprops={"facecolor": "#cfe3f3"})
    for i, g in enumerate(present):
        outcome.scatter(groups[g], np.full(len(groups[g]), i), s=8, color=BLUE, alpha=0.5, zorder=3)
    outcome.set_yticks(rows, [""] * len(rows))
    outcome.set_xlim(0, 100)
    outcome.set_xlabel(_("score"), family=family)
    for ax in (split, outcome):
        ax.set_ylim(len(present) - 0.5, -0.5)  # the largest group on top, rows aligned
    fig.suptitle(_("Strategy groups and the scores they reached"), family=family)
    return _png(fig)


def charts(names, scores, stars, years, runs, baseline, groups, mean_shares) -> dict[str, bytes]:
    """Every chart of the report as PNG bytes, by file name."""
    return {
        "scores.png": scores_chart(names, scores, stars),
        "indicators.png": fans_chart(years, runs, baseline, names),
        "strategies.png": strategies_chart(groups, mean_shares),
    }
