"""`virtuous-circle run` end to end through game.cli.main, with good and bad plans."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from game.cli import main
from game.engine.schema import INDICATORS
from game.session.results import verify_result

LEVEL = Path(__file__).parent / "data" / "lockstep.yaml"

GOOD_PLAN = """\
default:
  research: {basic: 0.15, applied: 0.20, transfer: 0.10}
  credit_guidance: 0.5
  focus: {traditional: 0.3, emerging: 0.5, digital: 0.2}
turns:
  2:
    talent: {education: 0.10, attraction: 0.10, skills: 0.05}
    choices: {lab_offer: 2}
  3: {pilots: [tech_transfer_reform]}
"""


def _run(tmp_path, plan_text: str, *extra: str, name: str = "plan.yaml"):
    plan = tmp_path / name
    plan.write_text(plan_text)
    out = tmp_path / "result.json"
    code = main(["--lang", "en", "run", "--level", str(LEVEL), "--plan", str(plan),
                 "--seed", "3", "--out", str(out), *extra])
    return code, plan, out


def test_good_plan_writes_every_indicator_of_every_turn(tmp_path, capsys):
    code, _, out = _run(tmp_path, GOOD_PLAN, "--csv", str(tmp_path / "r.csv"))
    assert code == 0, capsys.readouterr().err
    doc = json.loads(out.read_text())
    assert doc["level"] == "lockstep" and doc["seed"] == 3
    assert [t["turn"] for t in doc["turns"]] == [1, 2, 3, 4, 5, 6]
    assert [t["year"] for t in doc["turns"]] == list(range(2030, 2036))
    for turn in doc["turns"]:
        assert list(turn["indicators"]) == list(INDICATORS)
        assert 0 <= turn["indicators"]["npl_ratio"] < 1, "ratios are fractions"
    assert doc["turns"][1]["events"] == [{"id": "lab_offer", "choice": 2}]
    assert doc["turns"][2]["events"] == [{"id": "orders_fall", "choice": 1}]
    assert doc["turns"][0]["decisions"]["shares"]["education"] == 0.10, "locked: status quo"
    assert doc["turns"][1]["decisions"]["shares"]["attraction"] == 0.10
    assert doc["turns"][2]["decisions"]["pilots"] == ["tech_transfer_reform"]
    assert {o["id"] for o in doc["objectives"]} == {"growth", "banks"}
    assert isinstance(doc["score"], float) and doc["stars"] in (0, 1, 2, 3)
    rows = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert len(rows) == 6 and list(rows[0]) == ["turn", "year", *INDICATORS]
    assert float(rows[5]["gdp"]) == doc["turns"][5]["indicators"]["gdp"]


def test_same_seed_same_result_and_stdout_when_no_out(tmp_path, capsys):
    plan = tmp_path / "p.yaml"
    plan.write_text(GOOD_PLAN)
    args = ["run", "--level", str(LEVEL), "--plan", str(plan), "--seed", "3"]
    assert main(args) == 0
    first = capsys.readouterr().out
    assert main(args) == 0
    assert capsys.readouterr().out == first and json.loads(first)["seed"] == 3


def test_result_files_verify_by_replay_and_tampering_is_caught(tmp_path, capsys):
    code, _, out = _run(tmp_path, GOOD_PLAN)
    assert code == 0
    ok, message = verify_result(out)
    assert not ok and "--level" in message, "a level of one's own is replayed only when named"
    ok, message = verify_result(out, (LEVEL,))
    assert ok, message
    doc = json.loads(out.read_text())
    doc["turns"][3]["indicators"]["gdp"] *= 1.01
    out.write_text(json.dumps(doc))
    ok, message = verify_result(out, (LEVEL,))
    assert not ok and "turns[3].indicators.gdp" in message
    doc = json.loads(out.read_text())
    doc["turns"][3]["indicators"]["gdp"] /= 1.01
    doc["turns"][0]["decisions"]["shares"]["basic"] = 0.3  # a decision edited afterwards
    out.write_text(json.dumps(doc))
    ok, message = verify_result(out, (LEVEL,))
    assert not ok and "turns[0]" in message


def test_verify_result_reports_broken_files_without_raising(tmp_path):
    path = tmp_path / "r.json"
    path.write_text('{"format_version": 1, "level": "lockstep", "se')
    ok, message = verify_result(path)
    assert not ok and "r.json" in message and "line 1" in message
    ok, message = verify_result(tmp_path / "missing.json")
    assert not ok and "missing.json" in message


@pytest.mark.parametrize(
    "plan_text, line, field",
    [
        ("default:\n  research: {basic: 0.1, basci: 0.2}\n", 2, "basci"),
        ("default:\n  research: {basic: 0.9, applied: 0.5}\n", 2, "default"),
        ("default:\n  credit_guidance: lots\n", 2, "credit_guidance"),
        ("turns:\n  1:\n    talent: {education: 0.2}\n", 3, "education"),
        ("turns:\n  3: {pilots: [moon_base]}\n", 2, "pilots"),
        ("default:\n  research: {basic: 0.1\n", 3, "YAML"),  # where the parser noticed
        ("default: [1, 2\n", 2, "YAML"),
    ],
)
def test_bad_plan_gives_file_line_and_field_and_exit_2(tmp_path, capsys, plan_text, line, field):
    code, plan, out = _run(tmp_path, plan_text)
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert f"{plan}:{line}" in err, err
    assert field in err, err
    assert not out.exists()


def test_missing_plan_and_unknown_level_exit_2(tmp_path, capsys):
    assert main(["run", "--level", str(LEVEL), "--plan", str(tmp_path / "nope.yaml")]) == 2
    err = capsys.readouterr().err
    assert "nope.yaml" in err and "Traceback" not in err
    plan = tmp_path / "p.yaml"
    plan.write_text(GOOD_PLAN)
    assert main(["run", "--level", "no_such_level", "--plan", str(plan)]) == 2
    err = capsys.readouterr().err
    assert "no_such_level" in err and "Traceback" not in err


def test_unwritable_output_is_a_message(tmp_path, capsys):
    plan = tmp_path / "p.yaml"
    plan.write_text(GOOD_PLAN)
    blocker = tmp_path / "file"
    blocker.write_text("")
    code = main(["run", "--level", str(LEVEL), "--plan", str(plan),
                 "--out", str(blocker / "sub" / "r.json")])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "sub" in err


def test_verify_result_handles_hostile_shapes(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("[" * 200_000)
    assert verify_result(path)[0] is False
    path.write_text(json.dumps({"format_version": 1, "level": "lockstep", "seed": 1,
                                "turns": [{"turn": 1, "year": 2025, "decisions": {}, "indicators": {}}]}))
    ok, message = verify_result(path)
    assert not ok and "turns[0].indicators.gdp" in message


def test_negative_seed_is_a_usage_error(tmp_path, capsys):
    plan = tmp_path / "p.yaml"
    plan.write_text(GOOD_PLAN)
    with pytest.raises(SystemExit) as caught:  # refused while parsing, as every bad argument
        main(["run", "--level", str(LEVEL), "--plan", str(plan), "--seed", "-4"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "--seed" in err and "Traceback" not in err


GOLDEN_PLAN = Path(__file__).parents[1] / "golden" / "plans" / "balanced.yaml"


def test_a_session_pack_gives_level_seed_and_events_and_the_result_records_it(tmp_path, capsys):
    pack = tmp_path / "class.vcs"
    assert main(["--lang", "en", "session", "new", "--level", "easy_money", "--seed", "7",
                 "--out", str(pack)]) == 0
    out = tmp_path / "ann.json"
    assert main(["--lang", "en", "run", "--session", str(pack), "--plan", str(GOLDEN_PLAN),
                 "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["level"] == "easy_money" and doc["seed"] == 7 and doc["session"]["id"]
    ok, message = verify_result(out)
    assert ok, message


RECKLESS_CREDIT = """\
default:
  research: {basic: 0.02, applied: 0.05, transfer: 0.02}
  talent: {education: 0.02, attraction: 0.02, skills: 0.02}
  finance: {risk_sharing: 0.6, guidance_fund: 0.1}
  credit_guidance: 1.0
  pilots: [financial_innovation_zone]
  choices: {monetary_easing: 1}
"""


def test_a_run_lost_early_ends_there_and_still_writes_its_result(tmp_path, capsys):
    """easy_money, seed 7, full credit guidance, most of the budget sharing banks' losses and
    the easing pushed: the required ceiling on loans at risk breaks within a few years; the remaining
    turns of the plan are not an error."""
    plan, out = tmp_path / "reckless.yaml", tmp_path / "lost.json"
    plan.write_text(RECKLESS_CREDIT, encoding="utf-8")
    assert main(["--lang", "en", "run", "--level", "easy_money", "--seed", "7", "--plan",
                 str(plan), "--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert 0 < len(doc["turns"]) < 12
    assert doc["turns"][-1]["indicators"]["loans_at_risk"] >= 0.035 and doc["stars"] == 0


def test_run_needs_a_level_or_a_session_pack_not_both(tmp_path, capsys):
    assert main(["run", "--plan", str(GOLDEN_PLAN)]) == 2
    assert "--session" in capsys.readouterr().err
