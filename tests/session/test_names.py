"""Every vocabulary name has a human label and indicators have a description."""

from game.engine.schema import INDICATORS, LEVER_GROUPS, LEVERS, SECTORS
from game.session import names


def test_every_name_has_a_label_that_is_not_the_raw_name():
    for name in (*LEVERS, *LEVER_GROUPS, *SECTORS, *INDICATORS, "credit_guidance", "focus"):
        text = names.label(name)
        assert text and text != name or name in ("gdp", "score", "research", "talent",
                                                 "finance", "education")


def test_every_indicator_has_a_one_line_description():
    for name in INDICATORS:
        text = names.describe(name)
        assert text.endswith(".") and "\n" not in text


def test_pilot_labels_use_level_names_or_a_readable_id():
    assert names.label("pilot:talent_zone") == "talent zone pilot"
    assert names.pilot_label("x", {"x": "Special zone"}) == "Special zone"


def test_unknown_name_is_returned_unchanged():
    assert names.label("no_such_thing") == "no_such_thing"
    assert names.describe("no_such_thing") == ""


def test_the_package_exports_the_playthrough():
    from game.session import DecisionError, Playthrough, SaveError, Score, TurnReport

    assert Playthrough.__name__ == "Playthrough" and issubclass(DecisionError, ValueError)
    assert Score and TurnReport and issubclass(SaveError, Exception)
