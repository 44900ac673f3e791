"""`virtuous-circle class-report`: students' result files, each verified by replay, compared.

A teacher collects the result files of a session and gets one report to show in
class (``class-report.html``, self-contained), a table for a spreadsheet
(``class-report.csv``: ``file``, ``verified`` 1/0, ``message`` and the numbers),
``class-report.md`` and the charts as PNG. Verification is ``game.session.verify``:
files are replayed against the shipped levels (or ``--level FILE``), in one batched
run per level, seed and events setting; every entry of the folder is listed with
what became of it. Only finished, verified runs are ranked and charted.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.engine.schema import INDICATOR_INDEX, INDICATOR_KIND, INDICATORS, LEVERS
from game.i18n import N_, _, ngettext
from game.i18n import format as fmt
from game.reports.class_charts import KEY_INDICATORS, STRATEGIES, charts, strategy_of
from game.session.names import label
from game.session.report import digits_of
from game.session.verify import (
    DUPLICATE,
    REJECTED,
    SKIPPED,
    UNFINISHED,
    VERIFIED,
    Outcome,
    Verdict,
)

#: Headings used inside f-strings, marked here so that the extractor finds them.
HEADINGS = (N_("Class report"), N_("Finished runs, best first"), N_("Every entry of the folder"),
            N_("Charts"), N_("Strategy groups"), N_("file"), N_("status"), N_("message"))

__all__ = ["ClassReport", "build_report", "write_report", "plain", "csv_cell", "markdown_cell",
           "KEY_INDICATORS"]


@dataclass
class ClassReport:
    """Everything the report files say, computed once."""

    verdicts: list[Verdict]  # by name
    ranked: list[Verdict]  # verified, best score first
    level: object | None  # the level of the main group (the most verified files)
    group: tuple[str, int, bool] | None
    baseline: np.ndarray | None  # (T, I) the status quo of the main group
    strategies: dict[str, list[Verdict]]
    others: int  # verified files outside the main group (listed, not charted)

    def count(self, status: str) -> int:
        return sum(1 for v in self.verdicts if v.status == status)


def build_report(outcome: Outcome) -> ClassReport:
    verdicts = sorted(outcome.verdicts, key=lambda v: v.name)
    verified = [v for v in verdicts if v.verified]
    groups: dict[tuple[str, int, bool], list[Verdict]] = {}
    for v in verified:
        groups.setdefault(v.group, []).append(v)
    main = max(groups, key=lambda key: (len(groups[key]), key)) if groups else None
    members = groups.get(main, [])
    ranked = sorted(verified, key=lambda v: (-v.replay.score, v.name))
    strategies: dict[str, list[Verdict]] = {}
    for v in members:
        strategies.setdefault(strategy_of(v.replay.decisions), []).append(v)
    return ClassReport(verdicts, ranked, outcome.levels.get(main[0]) if main else None, main,
                       outcome.baselines.get(main) if main else None, strategies,
                       len(verified) - len(members))


# --- cells that are safe in every format -----------------------------------------------------


def plain(text: str) -> str:
    """No control characters (a file name may hold a newline) and no undecodable bytes of a
    file name (surrogates, which no terminal or UTF-8 file takes): each becomes a visible '?'."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch
                   for ch in str(text))


def csv_cell(text: str) -> str:
    """A spreadsheet never runs a cell as a formula: one starting = + - @ (or tab/CR) gets a '."""
    text = str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def markdown_cell(text: str) -> str:
    """Text that stays inside one Markdown table cell and is shown, not interpreted."""
    text = plain(text).replace("\\", "\\\\")
    for ch in "|`*_[]<>#!":
        text = text.replace(ch, "\\" + ch)
    return text


def format_value(name: str, value: float) -> str:
    kind = INDICATOR_KIND[name]
    if kind == "ratio":  # one precision per indicator, as on the game's cards and reports
        return fmt.percent(value, digits=digits_of(name), fixed=True)
    if kind == "money":
        return fmt.money(value)
    return fmt.number(value)


def status_text(v: Verdict) -> str:
    return {VERIFIED: _("verified"), DUPLICATE: _("duplicate"), UNFINISHED: _("unfinished"),
            REJECTED: _("rejected"), SKIPPED: _("skipped")}[v.status]


# --- CSV and Markdown ------------------------------------------------------------------------


def machine_csv(report: ClassReport) -> str:
    """Machine names and plain numbers, so that spreadsheets read it in any language."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    finals = [n for n in INDICATORS if n != "score"]
    writer.writerow(["file", "verified", "status", "level", "seed", "events_on", "turns", "score",
                     "stars", "strategy", *(f"final_{n}" for n in finals),
                     *(f"mean_share_{lever}" for lever in LEVERS), "message"])
    for v in report.verdicts:
        numbers: list[object] = [v.turns_played or "", "", "", "", *([""] * (len(finals) + len(LEVERS)))]
        if v.replay is not None:
            r = v.replay
            shares = np.mean([[d.shares.get(lever, 0.0) for lever in LEVERS] for d in r.decisions], axis=0)
            numbers = [len(r.decisions), repr(r.score), r.stars, strategy_of(r.decisions),
                       *(repr(float(r.indicators[-1, INDICATOR_INDEX[n]])) for n in finals),
                       *(repr(float(x)) for x in shares)]
        writer.writerow([csv_cell(plain(v.name)), int(v.verified), v.status,
                         csv_cell(plain(v.level or "")), "" if v.seed is None else v.seed,
                         "" if v.events_on is None else int(v.events_on), *numbers,
                         csv_cell(plain(v.message))])
    return out.getvalue()


def summary_lines(report: ClassReport) -> list[str]:
    total = len(report.verdicts)
    lines = [_("{verified} of {total} entries verified by replay; {unfinished} unfinished, "
               "{duplicates} duplicates, {rejected} rejected, {skipped} skipped.").format(
        verified=report.count(VERIFIED), total=total, unfinished=report.count(UNFINISHED),
        duplicates=report.count(DUPLICATE), rejected=report.count(REJECTED),
        skipped=report.count(SKIPPED))]
    if report.ranked:
        scores = np.array([v.replay.score for v in report.ranked])
        lines.append(_("Score: median {median}, lowest {low}, highest {high}.").format(
            median=fmt.number(float(np.median(scores))), low=fmt.number(float(scores.min())),
            high=fmt.number(float(scores.max()))))
    if report.others:
        lines.append(ngettext("{count} verified file comes from another level, seed or events "
                              "setting: it is ranked but not charted.",
                              "{count} verified files come from another level, seed or events "
                              "setting: they are ranked but not charted.",
                              report.others).format(count=report.others))
    return lines


def strategy_lines(report: ClassReport) -> list[str]:
    """One line per strategy group: how many, median score (a discussion opener)."""
    lines = []
    for key, members in sorted(report.strategies.items(), key=lambda kv: -len(kv[1])):
        scores = [v.replay.score for v in members]
        lines.append(ngettext("{strategy}: {count} student, median score {median}.",
                              "{strategy}: {count} students, median score {median}.",
                              len(members)).format(
            strategy=_(STRATEGIES[key]), count=len(members), median=fmt.number(float(np.median(scores)))))
    return lines


def ranking_rows(report: ClassReport) -> tuple[list[str], list[list[str]]]:
    """The ranking table in the current language (formatted once per report: a class of
    2,000 has 14,000 numbers to write)."""
    cached = report.__dict__.get("_rows")
    if cached is None:
        cached = report.__dict__["_rows"] = _ranking_rows(report)
    return cached


def _ranking_rows(report: ClassReport) -> tuple[list[str], list[list[str]]]:
    header = [_("rank"), _("file"), _("level"), _("score"), _("stars"), _("strategy"),
              *(label(name) for name in KEY_INDICATORS)]
    rows = []
    for rank, v in enumerate(report.ranked, start=1):
        r = v.replay
        rows.append([str(rank), v.name, v.level or "", fmt.number(r.score), str(r.stars),
                     _(STRATEGIES[strategy_of(r.decisions)]),
                     *(format_value(n, float(r.indicators[-1, INDICATOR_INDEX[n]])) for n in KEY_INDICATORS)])
    return header, rows


def markdown(report: ClassReport) -> str:
    lines = [f"# {_('Class report')}", "", *summary_lines(report), ""]
    lines += [f"- {markdown_cell(line)}" for line in strategy_lines(report)]
    header, rows = ranking_rows(report)
    lines += ["", f"## {_('Finished runs, best first')}", "",
              "| " + " | ".join(markdown_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(c) for c in row) + " |" for row in rows]
    lines += ["", f"## {_('Every entry of the folder')}", "",
              f"| {_('file')} | {_('status')} | {_('message')} |", "|---|---|---|"]
    lines += [f"| {markdown_cell(v.name)} | {status_text(v)} | {markdown_cell(v.reason)} |"
              for v in report.verdicts]
    if report.ranked:
        lines += ["", f"## {_('Charts')}", "", "![](scores.png)", "", "![](indicators.png)", "",
                  "![](strategies.png)"]
    return "\n".join(lines) + "\n"


def chart_images(report: ClassReport) -> dict[str, bytes]:
    """The charts of the main group (nothing when no run verified)."""
    members = [v for v in report.ranked if v.group == report.group]
    if not members or report.level is None:
        return {}
    level = report.level
    # A run that ended early (a required objective missed) has no numbers after its last year.
    runs = np.full((len(members), level.turns, len(INDICATORS)), np.nan)
    for b, v in enumerate(members):
        runs[b, : len(v.replay.indicators)] = v.replay.indicators
    years = [level.year_of(t) for t in range(1, level.turns + 1)]
    mean_shares = {key: np.mean([[d.shares.get(lever, 0.0) for lever in LEVERS]
                                 for v in group for d in v.replay.decisions], axis=0)
                   for key, group in report.strategies.items()}
    scores = {key: [v.replay.score for v in group] for key, group in report.strategies.items()}
    return charts([plain(Path(v.name).stem) for v in members], np.array([v.replay.score for v in members]),
                  tuple(level.stars), years, runs, report.baseline, scores, mean_shares)


# --- the files ------------------------------------------------------------------------------


def write_report(outcome: Outcome, folder: Path, pack=None) -> ClassReport:
    """Write the HTML, Markdown, CSV and charts; raises FileProblem when a file cannot be written."""
    from game.files.atomic import write_atomically
    from game.reports.class_html import html_report

    report = build_report(outcome)
    images = chart_images(report)
    for name, data in images.items():
        write_atomically(folder / name, data)
    write_atomically(folder / "class-report.csv", machine_csv(report))
    write_atomically(folder / "class-report.md", markdown(report))
    write_atomically(folder / "class-report.html", html_report(report, images, pack))
    return report
