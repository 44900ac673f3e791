"""Write a run to disk: a CSV of every indicator by year and a PNG of the charts.

Both take a :class:`RunSeries`. Failures to write raise :class:`ExportError`
with a message that names the file, never a bare traceback.
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Sequence
from pathlib import Path

from game.engine.schema import INDICATOR_KIND
from game.i18n import _, get_language
from game.i18n.format import axis_scale
from game.paths import assets_dir
from game.reports.series import RunSeries

__all__ = ["ExportError", "write_csv", "write_charts_png", "axis_formatter", "chart_font_family", "write_atomically"]


class ExportError(Exception):
    """A file could not be written; the message is ready to show to the player."""


def write_csv(series: RunSeries, path: str | os.PathLike[str]) -> Path:
    """Write one row per year: ``year``, then each indicator, then ``<name>_baseline``.

    Column names are the vocabulary's machine names so that spreadsheets and the
    class report read the file in any language.
    """
    path = Path(path)
    names = series.indicators
    header = ["year", *names, *(f"{n}_baseline" for n in names if n in series.baseline)]
    rows = []
    for k, year in enumerate(series.years):
        row: list[object] = [year]
        row += [_plain(series.actual[n][k]) for n in names]
        row += [_plain(series.baseline[n][k]) for n in names if n in series.baseline]
        rows.append(row)
    write_atomically(path, lambda f: _csv_to(f, header, rows), text=True)
    return path


def write_charts_png(
    series: RunSeries,
    path: str | os.PathLike[str],
    indicators: Sequence[str] | None = None,
    title: str = "",
) -> Path:
    """Draw each indicator over the years against the baseline, in a grid, as a PNG."""
    # Figure + Agg canvas, not pyplot: no global figure state, no GUI backend.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    from game.session.names import label

    path = Path(path)
    names = list(indicators) if indicators is not None else list(series.indicators)
    if not names:
        raise ExportError(_("There is nothing to chart."))
    cols = 3 if len(names) > 4 else max(1, len(names))
    rows = math.ceil(len(names) / cols)
    family = chart_font_family()
    # Constrained layout keeps the title, subplot titles and tick labels apart.
    fig = Figure(figsize=(4.2 * cols, 2.9 * rows + (0.6 if title else 0.2)), dpi=110,
                 layout="constrained")
    FigureCanvasAgg(fig)
    if title:
        fig.suptitle(title, fontsize=14, family=family)
    years = list(series.years)
    for i, name in enumerate(names):
        ax = fig.add_subplot(rows, cols, i + 1)
        # The axis unit follows the language: 亿元 and 万人 in Chinese, as on the screens.
        scale = axis_scale(INDICATOR_KIND[name])
        ax.plot(years, [v * scale for v in series.actual[name]], color="#0072B2", marker="o", markersize=3,
                linewidth=2, label=_("your policy"))
        if name in series.baseline:
            ax.plot(years, [v * scale for v in series.baseline[name]], color="#7f7f7f", linestyle="--",
                    linewidth=1.5, label=_("no new policy"))
        ax.set_title(_chart_title(name, label(name)), fontsize=11, family=family)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6))
        ticks = [t for t in ax.get_yticks()]
        step = min((b - a for a, b in zip(ticks, ticks[1:], strict=False)), default=1.0)
        ax.yaxis.set_major_formatter(FuncFormatter(axis_formatter(INDICATOR_KIND[name], step)))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        ax.grid(True, alpha=0.3)
        for tick in (*ax.get_xticklabels(), *ax.get_yticklabels()):
            tick.set_fontsize(8)
        if i == 0:
            ax.legend(fontsize=8, prop={"family": family, "size": 8})

    def save(f) -> None:
        fig.savefig(f, format="png")

    write_atomically(path, save, text=False)
    return path


def _chart_title(name: str, title: str) -> str:
    """The indicator's name with its unit where the axis alone would not say it."""
    kind = INDICATOR_KIND[name]
    if kind == "money":
        # Translators: the chart's axis unit; Chinese axes are drawn in 亿元 (100 million yuan).
        return _("{name} (bn yuan)").format(name=title)
    if kind == "people":
        # Translators: the chart's axis unit; Chinese axes are drawn in 万人 (ten thousand people).
        return _("{name} (thousands)").format(name=title)
    return title


def axis_formatter(kind: str, step: float | None = None):
    """Tick labels with just enough decimals to tell neighbouring ticks apart.

    Without ``step`` (the distance between ticks) ratios get one decimal and amounts none.
    The class report shares this formatter.
    """
    if step is None:
        def plain(value: float, _pos: int) -> str:
            if kind == "ratio":
                return f"{value * 100:.1f}%"
            return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"

        return plain
    shown = abs(step) * (100 if kind == "ratio" else 1)
    digits = max(0, -math.floor(math.log10(shown))) if shown > 0 else 1

    def fmt(value: float, _pos: int) -> str:
        if kind == "ratio":
            return f"{value * 100:.{digits}f}%"
        return f"{value:,.{digits}f}"

    return fmt


def chart_font_family() -> str:
    """Register the shipped Noto Sans SC with matplotlib so Chinese titles show glyphs."""
    from matplotlib import font_manager

    font = assets_dir() / "fonts" / "NotoSansSC-Regular.otf"
    if font.is_file():
        known = {f.fname for f in font_manager.fontManager.ttflist}
        if str(font) not in known:
            font_manager.fontManager.addfont(str(font))
        return "Noto Sans SC"
    # Without the font Chinese would render as boxes; English still reads fine.
    return "DejaVu Sans" if get_language() == "en" else "sans-serif"


def _plain(value: float) -> str:
    return repr(float(value))


def _csv_to(f, header: list[str], rows: list[list[object]]) -> None:
    writer = csv.writer(f)
    writer.writerow(header)
    writer.writerows(rows)


def write_atomically(path: Path, write, text: bool) -> None:
    """Let ``write`` fill a file object in memory, then write it whole with the game's one atomic
    write (game.files.atomic: temporary file, fsync, rename; symlinks written through)."""
    import io

    from game.files import FileProblem
    from game.files import write_atomically as write_file

    buffer = io.StringIO(newline="") if text else io.BytesIO()
    write(buffer)
    try:
        write_file(path, buffer.getvalue())
    except FileProblem as problem:
        raise ExportError(_("Could not write {path}: {reason}").format(
            path=path, reason=problem.reason)) from problem
