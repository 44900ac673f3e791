"""The turn report: causes as data, netted per lever, and plain-language sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.i18n import get_language, set_language
from game.session.playthrough import Playthrough
from game.session.report import Cause, IndicatorChange, format_amount, format_value

LEVEL = Path(__file__).parent / "data" / "lockstep.yaml"


@pytest.fixture(autouse=True)
def english():
    before = get_language()
    set_language("en")
    yield
    set_language(before)


def test_a_cause_reads_as_a_sentence_naming_lever_and_year():
    cause = Cause("applied", 2, 2026, 0.012, "gdp_growth")
    assert cause.describe() == "+1.2 pp of GDP growth from the applied research of 2026"
    money = Cause("transfer", 1, 2025, -0.75, "tech_contract_value")
    assert money.describe() == "-¥750 m of technology contracts from the technology transfer of 2025"
    people = Cause("attraction", 3, 2027, 1.2, "talent")
    assert people.describe() == "+1,200 researchers from the talent attraction of 2027"
    pilot = Cause("pilot:tech_transfer_reform", 3, 2027, 0.002, "emerging_share")
    assert "Reform" in pilot.describe({"tech_transfer_reform": "Transfer Reform"})


def test_a_cause_is_translated_when_shown():
    cause = Cause("applied", 2, 2026, 0.012, "gdp_growth")
    set_language("zh_CN")
    text = cause.describe()
    assert "2026" in text and "个百分点" in text and "applied" not in text


def test_indicator_change_lines():
    change = IndicatorChange("npl_ratio", 0.010, 0.012, (Cause("risk_sharing", 1, 2025, 0.0015,
                                                                "npl_ratio"),))
    assert change.describe() == "bad-loan ratio: 1% → 1.2% (+0.2 pp)"
    assert change.other == pytest.approx(0.0005)
    assert change.describe_other().startswith("+0.05 pp from everything else")


def test_report_names_the_decision_that_moved_an_indicator():
    play = Playthrough.new(LEVEL, seed=4)
    play.set_share("basic", 0.0)
    play.set_share("applied", 0.7)
    report = play.end_turn()
    assert (report.turn, report.year) == (1, 2030)
    rd = report.change("rd_intensity")
    assert rd.causes, "a much larger applied budget must show in R&D intensity"
    top = rd.causes[0]
    assert (top.lever, top.decision_turn, top.decision_year) == ("applied", 1, 2030)
    assert top.amount > 0 and "applied research of 2030" in top.describe()
    lines = report.describe()
    assert lines[0] == "What changed in 2030" and any("2030" in line for line in lines[1:])


def test_holding_a_policy_steady_does_not_list_offsetting_causes():
    play = Playthrough.new(LEVEL, seed=4)
    play.set_share("applied", 0.5)
    play.end_turn()
    report = play.end_turn()  # the same decision again
    levers = [c.lever for c in report.change("rd_intensity").causes]
    assert levers.count("applied") <= 1
    for change in report.changes:
        assert change.before == pytest.approx(report.previous[change.indicator])
        assert change.after == pytest.approx(report.indicators[change.indicator])


def test_values_and_amounts_follow_the_indicator_kind():
    assert format_value("gdp_growth", 0.061) == "6.1%"
    assert format_amount("gdp_growth", -0.004) == "-0.4 pp"
    assert format_value("gdp", 1234.5).startswith("¥")
    assert format_amount("skilled_workers", 2.0) == "+2,000 skilled workers"
    assert format_amount("score", 3.25) == "+3.2" or format_amount("score", 3.25) == "+3.3"
