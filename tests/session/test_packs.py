"""Session packs: made by `session new`, read strictly, started, recorded in result files, and
checked by the class report."""

from __future__ import annotations

import argparse
import json

import pytest

from game.commands import session as session_command
from game.session.packs import PackError, new_pack, pack_level, read_pack, start, write_pack
from game.session.results import build_result, result_json
from game.session.verify import LevelTable, verify_paths


def _new(tmp_path, level="easy_money", seed=1127, events=None, forecast="on", lang=None):
    out = tmp_path / "class.vcs"
    args = argparse.Namespace(level=level, seed=seed, events=events, forecast=forecast, out=str(out))
    if lang:
        args.lang = lang
    return session_command.main(args), out


def _finish(play):
    while not play.finished:
        play.end_turn(report=False)
    return play


def test_session_new_writes_a_small_pack_that_reads_back(tmp_path, capsys):
    code, out = _new(tmp_path, forecast="off", lang="zh_CN")
    assert code == 0 and out.stat().st_size < 1000
    pack = read_pack(out)
    assert (pack.level, pack.seed, pack.events_on, pack.forecast, pack.lang) == (
        "easy_money", 1127, True, False, "zh_CN")
    assert pack.id in capsys.readouterr().out
    assert read_pack(out).id == pack.id, "the same file, the same id"


def test_a_pack_refuses_to_switch_off_a_levels_own_events(tmp_path, capsys):
    code, out = _new(tmp_path, events="off")
    assert code == 2 and not out.exists()
    assert "events" in capsys.readouterr().err
    code, out = _new(tmp_path, level="sandbox", events="on")
    assert code == 0 and read_pack(out).events_on


@pytest.mark.parametrize("change, field", [
    ({"seed": 10**40}, "seed"),
    ({"extra": 1}, "extra"),
    ({"level_hash": "sha256:00"}, "level_hash"),
    ({"events_on": "yes"}, "events_on"),
])
def test_a_damaged_pack_names_the_field(tmp_path, change, field):
    code, out = _new(tmp_path)
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc.update(change)
    out.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(PackError) as error:
        read_pack(out)
    assert field in str(error.value) or "large" in str(error.value)


def test_a_pack_for_another_version_of_the_level_is_refused(tmp_path):
    from game.content.levels import level_by_id

    pack = new_pack(level_by_id("easy_money"), 5).model_copy(update={"level_hash": "sha256:" + "0" * 64})
    with pytest.raises(PackError, match="another version"):
        pack_level(pack)


def test_runs_record_the_pack_and_the_report_checks_against_it(tmp_path):
    from game.content.levels import level_by_id

    level = level_by_id("digital_leap")
    pack = new_pack(level, 42)
    other = new_pack(level, 43)
    write_pack(pack, tmp_path / "class.vcs")
    folder = tmp_path / "in"
    folder.mkdir()
    good = build_result(_finish(start(pack)))
    assert good["session"] == {"id": pack.id, "hash": pack.fingerprint()}
    (folder / "good.json").write_text(result_json(good), encoding="utf-8")
    (folder / "other_pack.json").write_text(result_json(build_result(_finish(start(other)))),
                                            encoding="utf-8")
    forged = {**good, "session": {"id": other.id, "hash": other.fingerprint()}}
    (folder / "forged_record.json").write_text(result_json(forged), encoding="utf-8")
    verdicts = {v.name: v for v in verify_paths([folder], LevelTable(), read_pack(tmp_path / "class.vcs")).verdicts}
    assert verdicts["good.json"].verified, verdicts["good.json"].reason
    assert "session" in verdicts["other_pack.json"].reason
    assert "session" in verdicts["forged_record.json"].reason


def test_the_command_line_starts_with_a_bad_pack_as_a_message(tmp_path, capsys):
    from game.cli import main

    bad = tmp_path / "class.vcs"
    bad.write_text("not json", encoding="utf-8")
    assert main(["--session", str(bad)]) == 2
    assert "class.vcs" in capsys.readouterr().err
    assert main(["class-report", "--session", str(bad), str(tmp_path)]) == 2
    assert "class.vcs" in capsys.readouterr().err


def test_a_game_saved_and_loaded_keeps_its_pack(tmp_path):
    from game.content.levels import level_by_id
    from game.session import saves

    pack = new_pack(level_by_id("digital_leap"), 9, forecast=False)
    play = start(pack)
    play.end_turn(report=False)
    saves.save(play, tmp_path / "game.json")
    again = saves.load(tmp_path / "game.json")
    assert again.pack == pack
    doc = json.loads((tmp_path / "game.json").read_text(encoding="utf-8"))
    doc["session_pack"]["seed"] = 10  # a pack that is not this game's is dropped, not trusted
    (tmp_path / "other.json").write_text(json.dumps(doc), encoding="utf-8")
    assert saves.load(tmp_path / "other.json").pack is None
