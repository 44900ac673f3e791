"""`virtuous-circle validate`: exit codes, the list of problems, the bot table and its warnings."""

from __future__ import annotations

import io
from argparse import Namespace
from pathlib import Path

from game.cli import main
from game.commands.validate import main as validate_command
from game.content.bots import BotResult
from game.content.levels import level_by_id
from game.content.validation import bot_table

HERE = Path(__file__).parent


def _run(paths, no_bots=True, seeds=1):
    out = io.StringIO()
    code = validate_command(Namespace(paths=[str(p) for p in paths], no_bots=no_bots,
                                      seeds=seeds), out)
    return code, out.getvalue()


def test_shipped_levels_are_ok():
    code, text = _run([])
    assert code == 0
    assert text.count("OK ") == 9  # eight levels and the pilot catalogue


def test_broken_files_fail_with_every_problem_listed():
    broken = HERE / "broken"
    code, text = _run([HERE / "minimal_level.yaml", broken / "unknown_lever_key.yaml",
                       broken / "unknown_pilot.yaml"])
    assert code == 1
    assert "OK " in text
    assert "unknown_lever_key.yaml:23:14: baseline.research.basci: unknown key 'basci'" in text
    assert "did you mean 'tech_transfer_reform'?" in text
    assert "2 problem(s) found." in text


def test_a_folder_and_a_missing_file():
    code, text = _run([HERE / "does_not_exist.yaml"])
    assert code == 1 and "does_not_exist.yaml: the file does not exist." in text


def test_bots_play_and_print_a_table_of_stars():
    code, text = _run([HERE.parent.parent / "levels" / "tutorial.yaml"], no_bots=False, seeds=1)
    assert code == 0
    for bot in ("do nothing", "balanced", "research only", "credit heavy", "search"):
        assert bot in text
    assert "seed 0" in text
    assert "★" in text


def test_bad_seed_count_is_refused():
    code, text = _run([], seeds=0)
    assert code == 2 and "--seeds" in text  # a usage error, as every bad argument


def test_warnings_when_no_bot_or_every_bot_wins():
    level = level_by_id("tutorial")
    out = io.StringIO()
    losing = {"do_nothing": [BotResult("do_nothing", 0, 10.0, 0)],
              "search": [BotResult("search", 0, 20.0, 0)]}
    assert any("no bot wins" in w for w in bot_table(level, losing, out))
    winning = {"do_nothing": [BotResult("do_nothing", 0, 95.0, 3)],
               "search": [BotResult("search", 0, 99.0, 3)]}
    assert any("every bot wins" in w for w in bot_table(level, winning, out))
    fine = {"do_nothing": [BotResult("do_nothing", 0, 10.0, 0)],
            "search": [BotResult("search", 0, 99.0, 3)]}
    assert bot_table(level, fine, out) == []


def test_the_cli_calls_the_validator(capsys):
    code = main(["--lang", "en", "validate", "--no-bots", str(HERE / "broken" / "turns_zero.yaml")])
    assert code == 1
    assert "turns: must be at least 1, found 0" in capsys.readouterr().out


def test_two_files_with_one_id_are_a_problem(tmp_path):
    text = (HERE / "minimal_level.yaml").read_text(encoding="utf-8")
    (tmp_path / "one.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "two.yaml").write_text(text, encoding="utf-8")
    code, text = _run([tmp_path])
    assert code == 1
    assert "the id 'minimal' is also used by" in text


def test_parameters_outside_the_model_ranges_are_a_located_problem(tmp_path):
    text = (HERE / "minimal_level.yaml").read_text(encoding="utf-8")
    text = text.replace("initial:\n", "parameters:\n  researcher_cost: 0.0\ninitial:\n")
    path = tmp_path / "unstable.yaml"
    path.write_text(text, encoding="utf-8")
    code, text = _run([path], no_bots=False, seeds=1)
    assert code == 1
    assert "parameters: 'researcher_cost' must be more than 0" in text


def test_a_starting_state_the_model_cannot_run_is_a_problem(tmp_path):
    text = (HERE / "minimal_level.yaml").read_text(encoding="utf-8")
    text = text.replace("initial:\n", "initial:\n  labour: 0.0\n")
    path = tmp_path / "unstable.yaml"
    path.write_text(text, encoding="utf-8")
    code, text = _run([path], no_bots=True, seeds=1)
    assert code == 1  # refused by the file check alone: --no-bots accepts only what runs
    assert "initial.labour: must be between 100 and" in text
