"""`class-report.html`: one self-contained page to show in class, in the class's language.

The charts are embedded as base64 PNG, the style is inline, nothing is fetched; every
text from a student's file is escaped. Large type: it is meant for a projector.
"""

from __future__ import annotations

import base64
import html

from game.i18n import _, get_language
from game.reports.class_report import (
    ClassReport,
    plain,
    ranking_rows,
    status_text,
    strategy_lines,
    summary_lines,
)

__all__ = ["html_report"]

STYLE = """
body{font-family:"Noto Sans SC","Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1a1a1a;font-size:18px;line-height:1.5}
h1{font-size:2rem;margin-bottom:.3rem}h2{margin-top:2.2rem;border-bottom:2px solid #0072B2}
table{border-collapse:collapse;width:100%;font-size:15px}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef4fa}td.num{text-align:right;font-variant-numeric:tabular-nums}
img{max-width:100%;height:auto;display:block;margin:1rem 0}
.verified{color:#006d3c}.rejected,.skipped,.duplicate{color:#a33}.unfinished{color:#8a5a00}
.summary{font-size:1.15rem}.pack{color:#555}
"""


def _e(text: object) -> str:
    return html.escape(plain(str(text)), quote=True)


def _table(header: list[str], rows: list[list[str]], numeric_from: int = 3) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = []
    for row in rows:
        cells = "".join(f'<td class="num">{_e(c)}</td>' if i >= numeric_from and i != 5 else
                        f"<td>{_e(c)}</td>" for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _entries(report: ClassReport) -> str:
    rows = []
    for v in report.verdicts:
        rows.append(f'<tr><td>{_e(v.name)}</td><td class="{v.status}">{_e(status_text(v))}</td>'
                    f"<td>{_e(v.reason)}</td></tr>")
    head = f"<tr><th>{_e(_('file'))}</th><th>{_e(_('status'))}</th><th>{_e(_('message'))}</th></tr>"
    return f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _images(images: dict[str, bytes]) -> str:
    alt = {"scores.png": _("Scores of the class"),
           "indicators.png": _("The class against the no-new-policy line"),
           "strategies.png": _("Strategy groups and the scores they reached")}
    return "".join(
        f'<img alt="{_e(alt.get(name, name))}" src="data:image/png;base64,'
        f'{base64.b64encode(data).decode("ascii")}">' for name, data in images.items())


def _heading(report: ClassReport, pack) -> str:
    parts = [f"<h1>{_e(_('Class report'))}</h1>"]
    level = report.level
    if level is not None:
        level_id, seed, events = report.group
        parts.append('<p class="pack">' + _e(_(
            "Level: {title} ({id}) · seed {seed} · events {events}").format(
            title=_(level.title), id=level_id, seed=seed,
            events=_("on") if events else _("off"))) + "</p>")
    if pack is not None:
        parts.append('<p class="pack">' + _e(_("Session pack {id}: every file was checked "
                                                 "against it.").format(id=pack.id)) + "</p>")
    return "".join(parts)


def html_report(report: ClassReport, images: dict[str, bytes], pack=None) -> str:
    lang = "zh-CN" if get_language().startswith("zh") else "en"
    summary = "".join(f"<p>{_e(line)}</p>" for line in summary_lines(report))
    strategies = "".join(f"<li>{_e(line)}</li>" for line in strategy_lines(report))
    header, rows = ranking_rows(report)
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(_('Class report'))}</title><style>{STYLE}</style></head><body>",
        _heading(report, pack),
        f'<div class="summary">{summary}</div>',
    ]
    if strategies:
        parts.append(f"<h2>{_e(_('Strategy groups'))}</h2><ul>{strategies}</ul>")
    if images:
        parts.append(f"<h2>{_e(_('Charts'))}</h2>{_images(images)}")
    if rows:
        parts.append(f"<h2>{_e(_('Finished runs, best first'))}</h2>{_table(header, rows)}")
    parts.append(f"<h2>{_e(_('Every entry of the folder'))}</h2>{_entries(report)}")
    parts.append("</body></html>\n")
    return "".join(parts)
