"""The numbers a debrief shows: every indicator by year, for the player's run and the baseline.

Charts, tables and CSV export all read this one shape, so that what the player
sees on screen and what they hand in are the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from game.engine.schema import INDICATORS

__all__ = ["RunSeries"]


@dataclass(frozen=True)
class RunSeries:
    """Indicator values by year: ``actual[name][k]`` is the value in ``years[k]``.

    ``baseline`` holds the "no new policy" run over the same years; it may be empty
    when no baseline is known, and charts then draw the player's run alone.
    """

    years: tuple[int, ...]
    actual: Mapping[str, np.ndarray]
    baseline: Mapping[str, np.ndarray]

    def __post_init__(self) -> None:
        for label, table in (("actual", self.actual), ("baseline", self.baseline)):
            for name, values in table.items():
                if name not in INDICATORS:
                    raise ValueError(f"{label}: unknown indicator '{name}'")
                if len(values) != len(self.years):
                    raise ValueError(
                        f"{label}['{name}'] has {len(values)} values for {len(self.years)} years"
                    )

    @classmethod
    def from_arrays(
        cls,
        years: Sequence[int],
        actual: np.ndarray,
        baseline: np.ndarray | None = None,
    ) -> RunSeries:
        """Build from ``(years, len(INDICATORS))`` arrays in the vocabulary's order."""
        actual = np.asarray(actual, dtype=float)
        if actual.shape != (len(years), len(INDICATORS)):
            raise ValueError(
                f"actual has shape {actual.shape}, expected {(len(years), len(INDICATORS))}"
            )
        base: dict[str, np.ndarray] = {}
        if baseline is not None:
            baseline = np.asarray(baseline, dtype=float)
            if baseline.shape != actual.shape:
                raise ValueError(f"baseline has shape {baseline.shape}, expected {actual.shape}")
            base = {name: baseline[:, i] for i, name in enumerate(INDICATORS)}
        return cls(
            years=tuple(int(y) for y in years),
            actual={name: actual[:, i] for i, name in enumerate(INDICATORS)},
            baseline=base,
        )

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(name for name in INDICATORS if name in self.actual)
