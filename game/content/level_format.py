"""The typed shape of level files, the pilot-zone catalogue and decisions (pydantic v2).

These models check structure, types, ranges and vocabulary names; checks that
need the whole file (turn numbers within the level, pilot ids in the
catalogue, parameter names) live in `level_checks`. Unknown keys are errors.
Translatable text sits in keys listed in `TRANSLATABLE_KEYS`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    field_validator,
)
from pydantic_core import PydanticCustomError

from game.content.vocabulary import (
    DIAL_NAMES,
    BudgetKey,
    Comparison,
    DialName,
    IndicatorName,
    InitialKey,
    LeverName,
    ParameterValues,
    PilotEffectName,
    SectorName,
    ShockName,
    UnlockableName,
    check_pilot_id,
)
from game.engine.schema import FUND_HORIZON_RANGE, LEVER_GROUPS, LEVERS
from game.i18n import _

FORMAT_VERSION = 1

#: Keys whose string values (or lists of strings) are shown to players and translated.
TRANSLATABLE_KEYS: tuple[str, ...] = (
    "title", "theme", "name", "role", "story", "briefing", "debrief", "text", "label",
    "question", "line", "learning_objectives", "discussion_questions", "risk_text",
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$")]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Turn = Annotated[int, Field(ge=1, le=100)]
FundHorizon = Annotated[float, Field(ge=FUND_HORIZON_RANGE[0], le=FUND_HORIZON_RANGE[1])]
ChoiceNumber = Annotated[int, Field(ge=1, le=3)]


#: The starting state a level may set, (low, high) inclusive: the region the model is calibrated
#: for (a prefecture-level city to a large province; Chinese data 2012-2024) with room to spare.
#: Outside it the model divides by zero, takes logs of negatives or overflows (issue 11).
INITIAL_RANGES: dict[str, tuple[float, float]] = {
    "gdp": (10.0, 500_000.0),  # bn yuan
    "emerging_share": (0.01, 0.6),  # every sector exists: its share is divided by
    "digital_share": (0.01, 0.6),
    "capital_output": (1.0, 6.0),
    "labour": (100.0, 1_000_000.0),  # thousand workers
    "researchers": (0.1, 10_000.0),  # thousand
    "skilled_workers": (1.0, 200_000.0),  # thousand
    "basic_knowledge": (0.1, 10.0),  # indices, 1 = the calibrated region
    "applied_knowledge": (0.1, 10.0),
    "commercialised_tech": (0.4, 40.0),
    "transfer_capacity": (0.1, 10.0),
    "firm_rd_stock": (0.1, 10.0),
    "npl_ratio": (0.0, 0.3),
    "fund_capital": (0.0, 100_000.0),  # bn yuan
    "private_capital": (0.0, 100_000.0),
    "reserve": (0.0, 100_000.0),
    "debt": (0.0, 500_000.0),
    "prior_gdp_growth": (-0.2, 0.2),
    "prior_capital_growth": (-0.2, 0.2),
    "prior_labour_growth": (-0.2, 0.2),
}
#: Traditional industry keeps at least this share of output.
MIN_TRADITIONAL_SHARE = 0.2
#: Researchers as a share of all workers (the most research-dense economies have about 2%).
MAX_RESEARCHER_SHARE = 0.05
#: The budget rule: a fixed part (bn yuan a year), a share of last year's GDP, a deficit limit.
BUDGET_RANGES: dict[str, tuple[float, float]] = {
    "base": (0.0, 10_000.0),
    "gdp_share": (0.0, 0.1),  # China's S&T budget is about 1% of GDP
    "deficit_limit": (0.0, 1.0),
}
#: A level may move a model parameter at most this factor from its calibrated value
#: (params.yaml), inside the engine's own ranges (PARAM_RANGES).
PARAMETER_FACTOR = 10.0


class Strict(BaseModel):
    """Unknown keys are errors; no silent string-to-number coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


class Condition(Strict):
    """Checked on the indicators of the turn before (e.g. NPL ratio above 3%)."""

    indicator: IndicatorName
    comparison: Comparison
    threshold: float


# --- decisions (a level's baseline and every turn of a plan file) -------------------------


def _group_model(group: str) -> type[Strict]:
    """The shares of one lever group, one optional field per lever (schema.LEVER_GROUPS)."""
    fields = {lever: (Share | None, None) for lever in LEVER_GROUPS[group]}
    return create_model(f"{group.title()}Shares", __base__=Strict, **fields)


ResearchShares = _group_model("research")
TalentShares = _group_model("talent")
FinanceShares = _group_model("finance")


class DecisionSpec(Strict):
    """A whole or partial turn decision; absent parts are taken from the turn before."""

    research: ResearchShares | None = None
    talent: TalentShares | None = None
    finance: FinanceShares | None = None
    credit_guidance: Share | None = None
    focus: dict[SectorName, Share] | None = None
    pilots: list[Identifier] | None = None
    #: event id -> choice number (1-based, like turns)
    choices: dict[Identifier, ChoiceNumber] | None = None
    fund_horizon: FundHorizon | None = None  # years a guidance fund set up this turn runs
    scale_up: list[Identifier] | None = None  # working pilot zones rolled out region-wide


# --- pilot-zone catalogue ---------------------------------------------------------------


class PilotEntry(Strict):
    id: Identifier
    title: Text
    text: Text
    risk_text: Text | None = None
    cost: Share  # one-off, share of the S&T budget in the opening year
    upkeep: Share  # every later year, share of the S&T budget
    delay: Annotated[int, Field(ge=0, le=20)]  # years before the effects start
    effects: dict[PilotEffectName, Annotated[float, Field(ge=-5.0, le=5.0)]]
    risks: dict[PilotEffectName, Annotated[float, Field(ge=-5.0, le=5.0)]] = {}


class PilotCatalogueFile(Strict):
    format_version: Literal[1]
    pilots: list[PilotEntry] = Field(min_length=1)


# --- level file -------------------------------------------------------------------------


class Region(Strict):
    name: Text
    story: Text


class Choice(Strict):
    label: Text
    text: Text
    effects: dict[ShockName, Annotated[float, Field(ge=-1.0, le=1.0)]] = {}


class EventEntry(Strict):
    id: Identifier
    title: Text
    text: Text
    turn: Turn | None = None  # scripted at this turn (1-based); None for a random event
    probability: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    from_turn: Turn | None = None  # a random event cannot fire before this turn (1-based)
    condition: Condition | None = None
    duration: Annotated[int, Field(ge=1, le=20)] = 1
    effects: dict[ShockName, Annotated[float, Field(ge=-1.0, le=1.0)]] | None = None
    choices: list[Choice] | None = Field(default=None, min_length=2, max_length=3)


When = int | Literal["end", "always", "after"]


class Objective(Strict):
    id: Identifier
    text: Text
    indicator: IndicatorName
    comparison: Comparison
    threshold: float
    #: a turn (1-based), "end" (the last turn), "always" (every turn) or "after" (the mean of
    #: the five years after the level, the successor back at the status quo: the departure
    #: audit, game.content.departure)
    when: When = "end"
    #: judged on the mean of the last `over` years up to `when` (1: that year alone), so a
    #: one-year spike or rebound in a flow does not meet it; not with "always" (level_checks)
    over: Annotated[int, Field(ge=1, le=40)] = 1
    weight: Annotated[float, Field(gt=0.0, le=100.0)] = 1.0
    #: partial credit falls linearly to zero this far on the wrong side of the threshold
    tolerance: Annotated[float, Field(gt=0.0)] | None = None
    #: a failed required objective means no stars at all
    required: bool = False

    @field_validator("when", mode="before")
    @classmethod
    def _when(cls, value: object) -> object:
        if value in ("end", "always", "after") or (isinstance(value, int) and not isinstance(value, bool)):
            if isinstance(value, int) and value < 1:
                raise PydanticCustomError(
                    "turn_range", "{message}", {"message": _("a turn number starts at 1")}
                )
            return value
        raise PydanticCustomError("when", "{message}", {
            "message": _("'when' must be a turn number, 'end', 'always' or 'after'")})


class AdvisorLine(Strict):
    line: Text
    turn: Turn | None = None  # only in this turn (1-based)
    condition: Condition | None = None  # only while this holds


class Advisor(Strict):
    id: Identifier
    name: Text
    role: Text
    lines: list[AdvisorLine] = Field(min_length=1)


class LevelFile(Strict):
    format_version: Literal[1]
    id: Identifier
    title: Text
    theme: Text
    difficulty: Annotated[int, Field(ge=1, le=5)]
    region: Region
    start_year: Annotated[int, Field(ge=1950, le=2200)]
    turns: Annotated[int, Field(ge=1, le=40)]
    initial: dict[InitialKey, float] = {}
    parameters: ParameterValues = {}
    budget: dict[BudgetKey, float] = {}
    order: Annotated[int, Field(ge=0, le=1000)] = 100  # position in the level list
    levers: list[LeverName] = Field(default_factory=lambda: list(LEVERS))
    dials: list[DialName] = Field(default_factory=lambda: list(DIAL_NAMES))
    pilots: list[Annotated[Identifier, AfterValidator(check_pilot_id)]] = []
    max_pilots: Annotated[int, Field(ge=0, le=10)] = 2
    unlocks: dict[Turn, list[UnlockableName]] = {}
    baseline: DecisionSpec
    events: list[EventEntry] = []
    #: the events are off unless the player switches them on (the sandbox)
    optional_events: bool = False
    objectives: list[Objective] = Field(min_length=1)
    stars: list[Annotated[float, Field(ge=0.0, le=100.0)]] = Field(min_length=3, max_length=3)
    learning_objectives: list[Text] = Field(min_length=1)
    briefing: Text
    debrief: Text
    discussion_questions: list[Text] = Field(min_length=1)
    advisors: list[Advisor] = []

    @field_validator("levers", mode="before")
    @classmethod
    def _all_levers(cls, value: object) -> object:
        return list(LEVERS) if value == "all" else value

