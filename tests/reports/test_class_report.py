"""class-report: a corpus of forged and broken result files, each rejected with a named reason,
while the honest files in the same folder verify. No test depends on an economic number: the
honest files are played through a Playthrough and the forged ones are made from them."""

from __future__ import annotations

import argparse
import csv
import json
import os
from pathlib import Path

import pytest
import yaml

from game.commands.class_report import main as class_report_command
from game.paths import levels_dir
from game.reports.class_report import csv_cell, markdown_cell
from game.session.playthrough import Playthrough
from game.session.results import build_result, result_json
from game.session.verify import verify_paths

LEVEL = "digital_leap"  # events are part of the level; no required objective ends it early


def play(level=LEVEL, seed: int = 3, share: float = 0.1, turns: int | None = None,
         events_on: bool | None = None) -> Playthrough:
    """A run whose open levers all get `share` of the budget (distinct shares, distinct runs)."""
    run = Playthrough.new(level, seed, events_on)
    for _turn in range(run.turns if turns is None else turns):
        if run.finished:
            break
        for lever in run.level.levers:
            if run.is_open(lever):
                run.set_share(lever, share)
        run.end_turn(report=False)
    return run


def write(folder: Path, name: str, doc: dict) -> Path:
    path = folder / name
    path.write_text(result_json(doc) if isinstance(doc, dict) else doc, encoding="utf-8")
    return path


def report(folder: Path, out: Path, *extra: str, level=(), session=None) -> int:
    args = argparse.Namespace(results=[str(folder), *extra], out=str(out), level=list(level),
                              session=session)
    return class_report_command(args)


@pytest.fixture(scope="module")
def honest() -> dict[str, dict]:
    return {"ana": build_result(play(share=0.08)), "bo": build_result(play(share=0.05)),
            "chen": build_result(play(share=0.02))}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, honest) -> tuple[Path, dict[str, str]]:
    """The folder a teacher might receive: three honest files and every forgery of issue 10."""
    folder = tmp_path_factory.mktemp("handed_in")
    for name, doc in honest.items():
        write(folder, f"{name}.json", doc)
    expected: dict[str, str] = {}  # file name -> words its reason must contain

    # A level swap: a copy of the level with trivial objectives, named in level_file ...
    copy_dir = tmp_path_factory.mktemp("levels")
    spec = yaml.safe_load((levels_dir() / f"{LEVEL}.yaml").read_text(encoding="utf-8"))
    for objective in spec["objectives"]:
        objective.update(comparison=">", threshold=-1e9, when="end")
        objective.pop("tolerance", None)
    trivial = copy_dir / f"{LEVEL}.yaml"
    trivial.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    swapped = build_result(Playthrough.from_decisions(trivial, 3, play(share=0.08).log))
    assert swapped["score"] == 100.0 and swapped["level"] == LEVEL
    write(folder, "swap_hash.json", swapped)
    expected["swap_hash.json"] = "level_hash"
    write(folder, "swap_file.json", {**swapped, "level_file": str(trivial)})
    expected["swap_file.json"] = "level_file"
    write(folder, "shadow.json", {**honest["ana"], "level_file": "/etc/shadow"})
    expected["shadow.json"] = "level_file"
    write(folder, "stdin.json", {**honest["bo"], "level_file": "/dev/stdin"})
    expected["stdin.json"] = "level_file"
    write(folder, "old_version.json", {k: v for k, v in honest["chen"].items() if k != "level_hash"})
    expected["old_version.json"] = "level_hash"
    # Made by the game before loans at risk (an older engine: another fingerprint, one indicator
    # fewer): refused for the level it was played on, not as a damaged file.
    older = json.loads(result_json(honest["ana"]))
    older["level_hash"] = "sha256:" + "0" * 64
    for turn in older["turns"]:
        del turn["indicators"]["loans_at_risk"]
    write(folder, "older_engine.json", older)
    expected["older_engine.json"] = "level_hash"

    write(folder, "no_events.json", build_result(play(share=0.08, events_on=False)))
    expected["no_events.json"] = "events_on"
    write(folder, "three_turns.json", build_result(play(share=0.08, turns=3)))
    expected["three_turns.json"] = "unfinished, 3 of 12"
    write(folder, "no_turns.json", build_result(play(turns=0)))
    expected["no_turns.json"] = "unfinished, 0 of 12"
    write(folder, "zz_copy_of_ana.json", honest["ana"])
    expected["zz_copy_of_ana.json"] = "duplicate"

    tampered = json.loads(result_json(honest["bo"]))
    tampered["turns"][4]["indicators"]["gdp"] *= 1.02
    write(folder, "tampered.json", tampered)
    expected["tampered.json"] = "turns[4].indicators.gdp"
    better = json.loads(result_json(honest["chen"]))
    better["score"], better["stars"] = 99.0, 3
    write(folder, "better_score.json", better)
    expected["better_score.json"] = "score"
    edited = json.loads(result_json(honest["ana"]))
    edited["turns"][0]["decisions"]["shares"]["basic"] = 0.0
    write(folder, "edited_decision.json", edited)
    expected["edited_decision.json"] = "turns[0]"

    huge = result_json(honest["ana"]).replace('"seed": 3', '"seed": ' + "9" * 4301)
    write(folder, "huge_number.json", huge)
    expected["huge_number.json"] = "too large"
    write(folder, "cut.json", result_json(honest["bo"])[:400])
    expected["cut.json"] = "not valid JSON"

    # Hostile names on honest runs: they verify, and no output format is broken by them.
    write(folder, "=SUM(1+2).json", build_result(play(share=0.03)))
    write(folder, "a|b.json", build_result(play(share=0.04)))
    write(folder, "line\nbreak.json", build_result(play(share=0.06)))

    (folder / "x.json").mkdir()
    expected["x.json"] = "folder"
    os.mkfifo(folder / "fifo.json")
    expected["fifo.json"] = "not a regular file"
    (folder / "dangling.json").symlink_to(folder / "gone.json")
    expected["dangling.json"] = "leads nowhere"
    (folder / "outside.json").symlink_to("/etc/passwd")
    expected["outside.json"] = "outside this folder"
    (folder / "notes.txt").write_text("hello", encoding="utf-8")
    expected["notes.txt"] = ".json"
    (folder / "too_big.json").write_bytes(b" " * 3_000_000)
    expected["too_big.json"] = "larger than"
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    expected["deep.json"] = "nested too deeply"
    # A file name that is not UTF-8 (any byte but / and NUL is allowed on Linux).
    with open(os.path.join(os.fsencode(folder), b"bad\xff.json"), "w", encoding="utf-8") as f:
        f.write(result_json(build_result(play(share=0.07))))
    return folder, expected


def test_every_forgery_is_rejected_with_its_reason_and_the_honest_files_verify(corpus):
    folder, expected = corpus
    verdicts = {v.name: v for v in verify_paths([folder]).verdicts}
    assert set(verdicts) == {p.name for p in folder.iterdir()}, "every entry is listed"
    for name in ("ana.json", "bo.json", "chen.json", "=SUM(1+2).json", "a|b.json",
                 "line\nbreak.json", os.fsdecode(b"bad\xff.json")):
        assert verdicts[name].verified, verdicts[name].message
    for name, words in expected.items():
        assert not verdicts[name].verified, name
        assert words in verdicts[name].reason, (name, verdicts[name].reason)
    assert "zz_copy_of_ana.json" in verdicts["ana.json"].reason, "both files are named"
    assert "ana.json" in verdicts["zz_copy_of_ana.json"].reason


def test_a_rejection_never_tells_the_value_that_would_pass(corpus, honest):
    folder, _expected = corpus
    verdicts = {v.name: v for v in verify_paths([folder]).verdicts}
    true_gdp = honest["bo"]["turns"][4]["indicators"]["gdp"]
    for text in (repr(true_gdp), f"{true_gdp:.1f}", f"{true_gdp:,.1f}", f"{true_gdp:.0f}"):
        assert text not in verdicts["tampered.json"].reason
    true_score = honest["chen"]["score"]
    assert f"{true_score:.1f}" not in verdicts["better_score.json"].reason
    assert "root" not in verdicts["shadow.json"].reason


def test_the_report_files_are_safe_for_spreadsheets_markdown_and_html(corpus, tmp_path, capsys):
    folder, _expected = corpus
    out = tmp_path / "report"
    assert report(folder, out) == 1  # not everything verified
    rows = list(csv.DictReader((out / "class-report.csv").open(encoding="utf-8", newline="")))
    assert {"file", "verified", "message"} <= set(rows[0])
    by_file = {row["file"]: row for row in rows}
    assert by_file["'=SUM(1+2).json"]["verified"] == "1"
    assert all(not row[key].startswith(("=", "+", "-", "@", "\t", "\r"))
               for row in rows for key in ("file", "message", "level"))
    assert by_file["line?break.json"]["verified"] == "1"
    table = [line for line in (out / "class-report.md").read_text(encoding="utf-8").splitlines()
             if line.startswith("|")]
    assert all(line.count("|") - line.count("\\|") == table[0].count("|") for line in table[:2])
    entries = [line for line in table if line.count("|") - line.count("\\|") == 4]
    assert len(entries) == len(rows) + 2  # header, rule, one row per entry
    page = (out / "class-report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "data:image/png;base64," in page
    assert 'a|b.json' in page and "line?break.json" in page
    printed = capsys.readouterr().out
    assert "line\nbreak" not in printed and "bad?.json" in printed


def test_charts_stay_readable_for_a_large_class(tmp_path):
    from PIL import Image

    from game.reports.class_bench import write_synthetic_class

    folder = tmp_path / "class"
    write_synthetic_class(folder, LEVEL, seed=5, count=60)
    out = tmp_path / "report"
    assert report(folder, out) == 0
    for name in ("scores.png", "indicators.png", "strategies.png"):
        width, height = Image.open(out / name).size
        assert max(width, height) <= 2000, name
    assert "60 of 60 entries verified" in (out / "class-report.md").read_text(encoding="utf-8")


def test_helpers_neutralise_formulas_and_escape_markdown():
    assert csv_cell("=1+1") == "'=1+1" and csv_cell("@SUM") == "'@SUM" and csv_cell("ana") == "ana"
    assert csv_cell("\tx") == "'\tx" and csv_cell("-2") == "'-2"
    assert "\n" not in markdown_cell("a\nb") and markdown_cell("a|b") == "a\\|b"


def test_a_level_the_teacher_names_is_used_and_a_path_in_a_file_never_is(tmp_path):
    custom = Path(__file__).parents[1] / "session" / "data" / "lockstep.yaml"
    run = Playthrough.new(custom, 2)
    while not run.finished:
        run.end_turn(report=False)
    write(tmp_path, "mine.json", build_result(run))
    assert "--level" in verify_paths([tmp_path]).verdicts[0].reason
    from game.session.verify import LevelTable

    assert verify_paths([tmp_path], LevelTable([custom])).verdicts[0].verified


def test_no_files_is_a_message(tmp_path, capsys):
    assert report(tmp_path, tmp_path / "r") == 1
    assert "No result files found" in capsys.readouterr().out


def test_unreadable_output_folder_is_a_message(corpus, tmp_path, capsys):
    folder, _expected = corpus
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert report(folder, blocker / "sub") == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_class_report_leaves_no_temporary_file_behind(corpus, tmp_path, monkeypatch):
    """A write that fails half-way (the disk fills at the HTML page) leaves no temporary file;
    one a killed earlier report left is cleared by the next report into the folder."""
    import errno

    import game.files.atomic as atomic
    from game.files.atomic import TEMP_SUFFIX

    folder, _expected = corpus
    out = tmp_path / "report"
    out.mkdir()
    killed = out / f".class-report.html.abc{TEMP_SUFFIX}"
    killed.write_text("half a page")
    old = killed.stat().st_mtime - 3600
    os.utime(killed, (old, old))
    replace = atomic.os.replace

    def full_at_the_page(src, dst):
        if str(dst).endswith(".html"):
            raise OSError(errno.ENOSPC, "No space left on device")
        replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", full_at_the_page)
    assert report(folder, out) == 1
    assert not [p for p in out.iterdir() if p.name.endswith(TEMP_SUFFIX)]
    assert not (out / "class-report.html").exists()


@pytest.fixture(autouse=True)
def _english():
    from game.i18n import set_language

    set_language("en")
    yield


def test_a_synthetic_class_has_the_shape_of_played_files():
    """The bench's synthetic files are what the game writes for the same decisions."""
    from game.content.levels import level_by_id
    from game.reports.class_bench import synthetic_decisions, synthetic_results

    level = level_by_id(LEVEL)
    doc = synthetic_results(level, 4, 3, rng_seed=11)[2]
    log = synthetic_decisions(level, __import__("numpy").random.default_rng(11), 3)[2]
    played = Playthrough.new(level, 4)
    for decision in log:
        played.set_draft(decision)
        played.end_turn(report=False)
    mine = json.loads(result_json(build_result(played)))
    assert [t["decisions"] for t in mine["turns"]] == [t["decisions"] for t in doc["turns"]]
    assert [t["events"] for t in mine["turns"]] == [t["events"] for t in doc["turns"]]
    assert mine["score"] == pytest.approx(doc["score"], rel=1e-9, abs=1e-9)
    assert mine["objectives"] == doc["objectives"] or all(
        a["met"] == b["met"] for a, b in zip(mine["objectives"], doc["objectives"], strict=True))


def test_a_run_lost_early_is_finished_and_one_going_on_after_is_refused(tmp_path):
    """A required objective missed ends the level: that short run ranks; a log that goes on
    past the loss does not. The level is the teacher's (--level), made impossible to keep."""
    from game.session.verify import LevelTable

    spec = yaml.safe_load((levels_dir() / f"{LEVEL}.yaml").read_text(encoding="utf-8"))
    spec["objectives"][0].update(indicator="gdp", comparison=">", threshold=1e15, when="always",
                                 required=True)
    spec["objectives"][0].pop("tolerance", None)
    hard = tmp_path / "levels" / "hard.yaml"
    hard.parent.mkdir()
    hard.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    lost = Playthrough.new(hard, 1)
    lost.end_turn(report=False)
    assert lost.finished and len(lost.log) == 1
    folder = tmp_path / "in"
    folder.mkdir()
    write(folder, "lost.json", build_result(lost))
    doc = json.loads(result_json(build_result(lost)))
    doc["turns"].append(dict(doc["turns"][0], turn=2, year=doc["turns"][0]["year"] + 1))
    write(folder, "goes_on.json", doc)
    verdicts = {v.name: v for v in verify_paths([folder], LevelTable([hard])).verdicts}
    assert verdicts["lost.json"].verified, verdicts["lost.json"].reason
    assert "ended early" in verdicts["lost.json"].reason
    assert not verdicts["goes_on.json"].verified
    assert "required objective" in verdicts["goes_on.json"].reason
