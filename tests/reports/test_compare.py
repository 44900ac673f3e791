"""Branch and compare, headless: two runs side by side, the decisions that differ, and a
counterfactual explanation that is checked against a run of its own."""

from __future__ import annotations

import argparse

import pytest

from game.commands import compare as compare_command
from game.engine.schema import INDICATOR_INDEX
from game.reports.compare import compare
from game.session.playthrough import Playthrough
from game.session.results import build_result, result_json


def _run(guidance: float, basic: float, seed: int = 3) -> Playthrough:
    play = Playthrough.new("digital_leap", seed)
    while not play.finished:
        if play.is_open("credit_guidance"):
            play.set_credit_guidance(guidance)
        if play.is_open("basic"):
            play.set_share("basic", basic)
        play.end_turn(report=False)
    return play


def test_differences_are_listed_once_per_stretch_and_explained():
    a, b = _run(0.8, 0.05), _run(0.2, 0.05)
    c = compare(a, b)
    assert [d.name for d in c.differences] == ["credit_guidance"]
    assert c.differences[0].last_year == a.year_of(a.turns)
    assert [e.name for e in c.explanations] == ["credit_guidance"]
    # With only one kind of decision differing, A with B's guidance *is* B.
    assert c.explanations[0].score == pytest.approx(c.score_gap, abs=1e-9)
    assert c.final(1, "gdp_growth") == b.result().indicators[-1, 0, INDICATOR_INDEX["gdp_growth"]]


def test_the_command_compares_files_and_branches(tmp_path, capsys):
    a, b = _run(0.8, 0.10), _run(0.3, 0.02)
    (tmp_path / "a.json").write_text(result_json(build_result(a)), encoding="utf-8")
    (tmp_path / "b.json").write_text(result_json(build_result(b)), encoding="utf-8")
    args = argparse.Namespace(runs=[str(tmp_path / "a.json"), str(tmp_path / "b.json")], branch=None,
                              plan=None, level=[], out=str(tmp_path / "out"))
    assert compare_command.main(args) == 0
    text = capsys.readouterr().out
    assert "credit guidance" in text and "basic research" in text
    for name in ("compare.md", "compare.csv", "compare.png"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    plan = tmp_path / "plan.yaml"
    plan.write_text("default:\n  credit_guidance: 0.1\n", encoding="utf-8")
    args = argparse.Namespace(runs=[str(tmp_path / "a.json")], branch=5, plan=str(plan), level=[],
                              out=None)
    assert compare_command.main(args) == 0
    text = capsys.readouterr().out
    assert "branch from turn 5" in text
    assert f"{a.year_of(5)}–{a.year_of(a.turns)}: credit guidance" in text


def test_a_forged_file_is_refused_with_its_reason(tmp_path, capsys):
    doc = build_result(_run(0.5, 0.05))
    doc["level_file"] = "/etc/shadow"
    (tmp_path / "a.json").write_text(result_json(doc), encoding="utf-8")
    args = argparse.Namespace(runs=[str(tmp_path / "a.json"), str(tmp_path / "a.json")], branch=None,
                              plan=None, level=[], out=None)
    assert compare_command.main(args) == 2
    assert "level_file" in capsys.readouterr().err
