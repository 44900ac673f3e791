"""The fund-horizon slider: how many years the guidance funds set up this year run.

It costs no budget, so the track runs over the allowed years (5–15), not over money:
longer funds back earlier-stage technology and pay back later (docs/model.md).
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.schema import FUND_HORIZON_RANGE
from game.i18n import ngettext
from game.ui.widgets.look import Look
from game.ui.widgets.slider import LeverSlider

__all__ = ["HorizonSlider"]

LOW, HIGH = FUND_HORIZON_RANGE


class HorizonSlider(LeverSlider):
    """Proposes a fund life in whole years through ``on_change(years)``."""

    def __init__(self, look: Look, on_change: Callable[[float], None],
                 on_release: Callable[..., None] | None = None) -> None:
        super().__init__(look, "fund_horizon", "finance", lambda _name, years: on_change(years),
                         on_release)

    def set_years(self, years: float) -> None:
        self.set_state((years - LOW) / (HIGH - LOW), 1.0, 0.0)

    @property
    def years(self) -> int:
        return round(LOW + self.value * (HIGH - LOW))

    def _propose(self, share: float) -> None:
        self.on_change(self.lever, float(round(LOW + share * (HIGH - LOW))))

    def adjust(self, step: int) -> bool:
        # One key press is one year (Shift: ten).
        self.on_change(self.lever, float(min(HIGH, max(LOW, self.years + step))))
        self._release()
        return True

    def readout(self) -> str:
        return ngettext("{n} year", "{n} years", self.years).format(n=self.years)
