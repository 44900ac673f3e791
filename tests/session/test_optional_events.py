"""Optional events (the sandbox): off by default, switchable, kept in saves and result files."""

import json

from game.cli import main
from game.session import saves
from game.session.playthrough import Playthrough
from game.session.results import build_result, result_json, verify_result


def _until_an_event_fires(events_on):
    for seed in range(40):
        play = Playthrough.new("sandbox", seed, events_on)
        while not play.finished:
            play.end_turn(report=False)
        if any(play.fired_events(t) for t in range(1, play.turns + 1)):
            return play
    return play


def test_sandbox_events_are_off_by_default_and_can_be_switched_on():
    off = Playthrough.new("sandbox", 3)
    assert not off.events_on and off.scenario.events == ()
    on = _until_an_event_fires(True)
    assert on.events_on
    assert any(on.fired_events(t) for t in range(1, on.turns + 1)), "some seed fires an event"
    quiet = Playthrough.from_decisions("sandbox", on.seed, on.log, events_on=False)
    assert not any(quiet.fired_events(t) for t in range(1, quiet.turns + 1))
    assert quiet.result().series("gdp")[-1] != on.result().series("gdp")[-1]


def test_the_switch_survives_a_save_and_a_result_file(tmp_path):
    play = _until_an_event_fires(True)
    path = tmp_path / "game.json"
    saves.save(play, path)
    again = saves.load(path)
    assert again.events_on
    assert (again.result().indicators == play.result().indicators).all()
    result = tmp_path / "result.json"
    result.write_text(result_json(build_result(play)), encoding="utf-8")
    assert json.loads(result.read_text(encoding="utf-8"))["events_on"] is True
    ok, message = verify_result(result)
    assert ok, message


def test_run_switches_events_on(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("default:\n  research: {basic: 0.1, applied: 0.3, transfer: 0.1}\n", encoding="utf-8")
    out_on, out_off = tmp_path / "on.json", tmp_path / "off.json"
    assert main(["run", "--level", "sandbox", "--plan", str(plan), "--seed", "1",
                 "--events", "on", "--out", str(out_on)]) == 0
    assert main(["run", "--level", "sandbox", "--plan", str(plan), "--seed", "1", "--out", str(out_off)]) == 0
    assert json.loads(out_on.read_text(encoding="utf-8"))["events_on"] is True
    assert json.loads(out_off.read_text(encoding="utf-8"))["events_on"] is False
    assert verify_result(out_on)[0] and verify_result(out_off)[0]
