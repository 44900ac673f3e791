"""`virtuous-circle class-report`: students' result files, each verified by replay, compared.

A teacher collects the result files of a session (same level, same seed) and gets a
table (CSV and Markdown), charts (PNG), and a short summary on the terminal. A file
that does not verify is listed with the reason and left out of the comparison.
"""

from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.engine.schema import INDICATORS, LEVERS
from game.i18n import _
from game.i18n import format as fmt
from game.reports.export import ExportError, axis_formatter, chart_font_family, write_atomically
from game.session.names import label
from game.session.results import ResultError, read_result, verify_result

__all__ = ["Entry", "collect", "class_report_command", "KEY_INDICATORS"]

#: The indicators a class compares at the end of the level.
KEY_INDICATORS = ("gdp_growth", "rd_intensity", "tech_contribution", "emerging_share", "npl_ratio", "debt")


@dataclass
class Entry:
    path: Path
    verified: bool
    message: str
    doc: dict | None

    @property
    def student(self) -> str:
        return self.path.stem

    @property
    def group(self) -> tuple[str, int] | None:
        return (self.doc["level"], self.doc["seed"]) if self.doc else None

    def final(self, name: str) -> float:
        return float(self.doc["turns"][-1]["indicators"][name]) if self.doc and self.doc["turns"] else float("nan")

    def series(self, name: str) -> tuple[list[int], list[float]]:
        turns = self.doc["turns"] if self.doc else []
        return [t["year"] for t in turns], [float(t["indicators"][name]) for t in turns]

    def mean_share(self, lever: str) -> float:
        turns = self.doc["turns"] if self.doc else []
        values = [float(t.get("decisions", {}).get("shares", {}).get(lever, 0.0)) for t in turns]
        return float(np.mean(values)) if values else 0.0


def _result_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.json") if p.is_file()))
        else:
            files.append(path)
    return files


def collect(paths: list[str]) -> list[Entry]:
    """Read and verify every result file; never raises for a bad file."""
    entries = []
    for path in _result_files(paths):
        ok, message = verify_result(path)
        try:
            doc = read_result(path) if ok else None
        except ResultError as error:
            ok, message, doc = False, str(error), None
        entries.append(Entry(path, ok, message, doc))
    return entries


def _table_rows(entries: list[Entry]) -> tuple[list[str], list[list[str]]]:
    header = [_("student"), _("level"), _("seed"), _("verified"), _("score"), _("stars"),
              _("objectives met"), *(label(name) for name in KEY_INDICATORS)]
    rows = []
    for e in sorted(entries, key=lambda e: (-(e.doc or {}).get("score", -1), e.student)):
        if not e.verified:
            rows.append([e.student, "", "", _("no"), "", "", "", *([""] * len(KEY_INDICATORS))])
            continue
        met = sum(1 for o in e.doc.get("objectives", []) if o.get("met"))
        rows.append([
            e.student, e.doc["level"], str(e.doc["seed"]), _("yes"),
            fmt.number(e.doc["score"]), str(e.doc["stars"]),
            f"{met}/{len(e.doc.get('objectives', []))}",
            *(_format(name, e.final(name)) for name in KEY_INDICATORS),
        ])
    return header, rows


def _format(name: str, value: float) -> str:
    from game.engine.schema import INDICATOR_KIND

    kind = INDICATOR_KIND[name]
    if kind == "ratio":
        return fmt.percent(value)
    if kind == "money":
        return fmt.money(value)
    return fmt.number(value)


def _machine_csv(entries: list[Entry]) -> str:
    """Machine names and plain numbers, so that spreadsheets read it in any language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["student", "file", "verified", "level", "seed", "score", "stars",
                     *(f"final_{n}" for n in INDICATORS if n != "score"),
                     *(f"mean_share_{lever}" for lever in LEVERS), "message"])
    for e in entries:
        if e.verified:
            writer.writerow([e.student, str(e.path), 1, e.doc["level"], e.doc["seed"], e.doc["score"],
                             e.doc["stars"], *(repr(e.final(n)) for n in INDICATORS if n != "score"),
                             *(repr(e.mean_share(lever)) for lever in LEVERS), e.message])
        else:
            writer.writerow([e.student, str(e.path), 0, "", "", "", "",
                             *([""] * (len(INDICATORS) - 1 + len(LEVERS))), e.message])
    return out.getvalue()


def _markdown(entries: list[Entry], header: list[str], rows: list[list[str]]) -> str:
    good = [e for e in entries if e.verified]
    lines = [f"# {_('Class report')}", ""]
    lines.append(_("{verified} of {total} result files verified by replay.").format(
        verified=len(good), total=len(entries)))
    groups = sorted({e.group for e in good})
    if len(groups) > 1:
        lines.append(_("Warning: the files come from different levels or seeds ({groups}); compare within a group.").format(
            groups=", ".join(f"{lvl} / {seed}" for lvl, seed in groups)))
    if good:
        scores = np.array([e.doc["score"] for e in good])
        lines.append(_("Score: median {median}, lowest {low}, highest {high}.").format(
            median=fmt.number(float(np.median(scores))), low=fmt.number(float(scores.min())),
            high=fmt.number(float(scores.max()))))
        lines.extend(["", _strategy_lesson(good)])
    lines.extend(["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)])
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    bad = [e for e in entries if not e.verified]
    if bad:
        lines.extend(["", f"## {_('Files that did not verify')}", ""])
        lines.extend(f"- {e.message}" for e in bad)
    lines.extend(["", f"## {_('Charts')}", "", "![](scores.png)", "", "![](indicators.png)",
                  "", "![](strategies.png)", ""])
    return "\n".join(lines)


def _strategy_lesson(good: list[Entry]) -> str:
    """Which lever's average share went with higher scores in this class (a discussion opener)."""
    if len(good) < 3:
        return _("Too few verified files to relate strategies to scores.")
    scores = np.array([e.doc["score"] for e in good])
    best_lever, best_r = None, 0.0
    for lever in LEVERS:
        shares = np.array([e.mean_share(lever) for e in good])
        if shares.std() < 1e-9 or scores.std() < 1e-9:
            continue
        r = float(np.corrcoef(shares, scores)[0, 1])
        if abs(r) > abs(best_r):
            best_lever, best_r = lever, r
    if best_lever is None:
        return _("Every student used the same budget shares.")
    text = (_("In this class, students who gave more to {lever} tended to score higher (correlation {r}).")
            if best_r > 0 else
            _("In this class, students who gave more to {lever} tended to score lower (correlation {r})."))
    return text.format(lever=label(best_lever), r=fmt.number(best_r, 2))


def _charts(entries: list[Entry], folder: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    good = sorted((e for e in entries if e.verified), key=lambda e: -e.doc["score"])
    family = chart_font_family()

    def save(fig: Figure, name: str) -> None:
        FigureCanvasAgg(fig)
        write_atomically(folder / name, lambda f: fig.savefig(f, format="png", dpi=110), text=False)

    fig = Figure(figsize=(8, max(2.5, 0.35 * len(good) + 1)))
    ax = fig.add_subplot()
    ax.barh([e.student for e in good][::-1], [e.doc["score"] for e in good][::-1], color="#0072B2")
    ax.set_xlabel(_("score"), family=family)
    ax.set_title(_("Score by student"), family=family)
    ax.set_xlim(0, 100)
    fig.tight_layout()
    save(fig, "scores.png")

    from matplotlib.ticker import FuncFormatter

    from game.engine.schema import INDICATOR_KIND

    fig = Figure(figsize=(12, 7.5))
    styles = ["-", "--", ":", "-."]  # line style as well as colour tells students apart
    for k, name in enumerate(KEY_INDICATORS):
        ax = fig.add_subplot(2, 3, k + 1)
        for i, e in enumerate(good):
            years, values = e.series(name)
            ax.plot(years, values, linewidth=1.2, alpha=0.8, linestyle=styles[i % len(styles)], label=e.student)
        ax.set_title(label(name), family=family, fontsize=10)
        ax.yaxis.set_major_formatter(FuncFormatter(axis_formatter(INDICATOR_KIND[name])))
    handles, names = fig.axes[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=min(6, max(1, len(names))), prop={"family": family, "size": 8})
    fig.suptitle(_("Every student's run"), family=family)
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    save(fig, "indicators.png")

    fig = Figure(figsize=(11, max(3.0, 0.35 * len(good) + 1.5)))
    ax = fig.add_subplot()
    left = np.zeros(len(good))
    colours = ["#0072B2", "#56B4E9", "#009E73", "#E69F00", "#F0E442", "#D55E00", "#CC79A7", "#999999"]
    hatches = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]  # a cue besides colour
    names = [e.student for e in good]
    for lever, colour, hatch in zip(LEVERS, colours, hatches, strict=True):
        shares = np.array([e.mean_share(lever) for e in good])
        ax.barh(names, shares, left=left, color=colour, hatch=hatch, label=label(lever), edgecolor="white")
        left += shares
    ax.invert_yaxis()
    ax.set_xlabel(_("average share of the budget"), family=family)
    ax.set_title(_("How each student split the budget"), family=family)
    ax.legend(prop={"family": family, "size": 8}, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    save(fig, "strategies.png")


def class_report_command(args: argparse.Namespace) -> int:
    entries = collect(list(args.results))
    if not entries:
        print(_("No result files found in {paths}.").format(paths=", ".join(args.results)))
        return 1
    folder = Path(args.out)
    header, rows = _table_rows(entries)
    try:
        write_atomically(folder / "class-report.csv", lambda f: f.write(_machine_csv(entries)), text=True)
        write_atomically(folder / "class-report.md", lambda f: f.write(_markdown(entries, header, rows)), text=True)
        if any(e.verified for e in entries):
            _charts(entries, folder)
    except ExportError as error:
        print(str(error))
        return 1
    for e in entries:
        print(("✓ " if e.verified else "✗ ") + e.message)
    print(_("Report written to {folder} (class-report.md, class-report.csv, charts).").format(folder=folder))
    return 0 if all(e.verified for e in entries) else 1
