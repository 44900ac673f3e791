"""A handed-in result file is read by one strict model (game.session.result_model): anything
this game does not write is refused, naming the field and never its value, in the player's
language; an honest file still verifies."""

from __future__ import annotations

import copy
import json

import pytest

from game.i18n import set_language
from game.session.playthrough import Playthrough
from game.session.results import build_result, result_json
from game.session.verify import RunRefused, load_run, verify_paths


@pytest.fixture(scope="module")
def honest() -> dict:
    play = Playthrough.new("tutorial", seed=4)
    while not play.finished:
        play.end_turn(report=False)
    return json.loads(result_json(build_result(play)))


def _verdict(tmp_path, doc: dict):
    path = tmp_path / "student.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return verify_paths([path]).verdicts[0]


def _set(path: tuple, value):
    def change(doc: dict) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return change


#: (what, change, the field named, words of the reason). Each was let through, or checked only
#: loosely, before the strict model: True for a 1, unknown keys ignored, a session of any shape.
FORGERIES = [
    ("an unknown key", _set(("bonus",), 5), "bonus", "does not belong"),
    ("a session that is not a record", _set(("session",), "approved by the teacher"), "session",
     "wrong type"),
    ("an objective met given as 1", lambda d: d["objectives"][0].update(met=int(d["objectives"][0]["met"])),
     "objectives[0].met", "wrong type"),
    ("an indicator the game does not have", _set(("turns", 0, "indicators", "happiness"), 1.0),
     "turns[0].indicators.happiness", "does not belong"),
    ("a budget given as text", _set(("turns", 1, "budget"), "plenty"), "turns[1].budget", "wrong type"),
    ("a year given as text", _set(("turns", 0, "year"), "2025"), "turns[0].year", "wrong type"),
    ("a share given as text", _set(("turns", 2, "decisions", "shares", "basic"), "0.1"),
     "turns[2].decisions.shares.basic", "wrong type"),
    ("an event answered with true", _set(("turns", 3, "events"), [{"id": "x", "choice": True}]),
     "turns[3].events[0].choice", "wrong type"),
    ("stars out of range", _set(("stars",), 7), "stars", "out of range"),
    ("a score given as true", _set(("score",), True), "score", "wrong type"),
    ("an indicator left out", lambda d: d["turns"][4]["indicators"].pop("npl_ratio"),
     "turns[4].indicators.npl_ratio", "missing"),
]


def test_the_honest_file_verifies(tmp_path, honest):
    verdict = _verdict(tmp_path, honest)
    assert verdict.verified, verdict.reason


@pytest.mark.parametrize("what, change, field, words", FORGERIES, ids=[f[0] for f in FORGERIES])
def test_each_forgery_is_refused_naming_its_field_not_its_value(tmp_path, honest, what, change,
                                                                field, words):
    doc = copy.deepcopy(honest)
    change(doc)
    verdict = _verdict(tmp_path, doc)
    assert not verdict.verified, what
    assert f"'{field}'" in verdict.reason and words in verdict.reason, verdict.reason
    for value in ("plenty", "approved", "2025", "0.1"):
        assert value not in verdict.reason
    with pytest.raises(RunRefused, match=field.replace("[", r"\[").replace("]", r"\]")):
        load_run(tmp_path / "student.json")  # compare and branching read the same way


def test_the_refusal_is_in_the_players_language(tmp_path, honest):
    doc = copy.deepcopy(honest)
    doc["turns"][1]["budget"] = "plenty"
    set_language("zh_CN")
    try:
        reason = _verdict(tmp_path, doc).reason
    finally:
        set_language("en")
    assert "'turns[1].budget'" in reason or "“turns[1].budget”" in reason
    assert any("\u4e00" <= ch <= "\u9fff" for ch in reason), reason
