"""Issue 11, point 4: every bad argument is exit 2 and one sentence; --out never replaces a
symlink or a device; Ctrl-C prints one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game import cli
from game.cli import main
from game.commands import run as run_command

LEVEL = Path(__file__).parents[1] / "session" / "data" / "lockstep.yaml"
PLAN = """\
default:
  research: {basic: 0.15, applied: 0.20, transfer: 0.10}
  credit_guidance: 0.5
  focus: {traditional: 0.3, emerging: 0.5, digital: 0.2}
"""


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["sweep", "--level", "tutorial", "--seed", "-1"], "--seed: the seed must be a whole number of 0"),
        (["sweep", "--level", "tutorial", "--samples", "0"], "--samples: must be a whole number from 10"),
        (["sweep", "--level", "tutorial", "--samples", str(10**9)], "--samples: must be a whole number"),
        (["sweep", "--level", "tutorial", "--seed", "9" * 30], "--seed: the seed must be"),
        (["run", "--level", "tutorial", "--plan", "p.yaml", "--seed", "-1"], "--seed: the seed"),
        (["run", "--level", "tutorial", "--plan", "p.yaml", "--seed", "abc"], "'abc' is not a whole number"),
        (["validate", "--seeds", "0"], "--seeds: must be a whole number from 1 to 50"),
        (["validate", "--seeds", "1000"], "--seeds: must be a whole number from 1 to 50"),
        (["audit", "--samples", "5"], "--samples: must be a whole number from 10"),
        (["calibrate", "--seed", "-3"], "--seed: the seed"),
        (["session", "new", "--level", "tutorial", "--seed", "-1", "--out", "x.vcs"], "--seed: the seed"),
        (["compare", "a.json", "--branch", "0", "--plan", "p.yaml"], "--branch: must be a whole number"),
    ],
)
def test_bad_arguments_exit_2_with_a_sentence(capsys, argv, words):
    with pytest.raises(SystemExit) as caught:
        main(["--lang", "en", *argv])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
@pytest.mark.parametrize("option", ["--out", "--csv"])
def test_out_refuses_a_device(tmp_path, capsys, option):
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN)
    with pytest.raises(SystemExit) as caught:
        main(["--lang", "en", "run", "--level", str(LEVEL), "--plan", str(plan), option, "/dev/null"])
    assert caught.value.code == 2
    assert "device or a pipe" in capsys.readouterr().err


def test_out_refuses_a_folder(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--lang", "en", "run", "--level", str(LEVEL), "--plan", "p.yaml", "--out", str(tmp_path)])
    assert caught.value.code == 2 and "is a folder" in capsys.readouterr().err


def test_out_writes_through_a_symlink_and_keeps_it(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN)
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code = main(["--lang", "en", "run", "--level", str(LEVEL), "--plan", str(plan), "--out", str(link)])
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("{")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".vc-tmp")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_out_through_a_symlink_to_a_pipe_is_refused(tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    with pytest.raises(SystemExit) as caught:
        main(["--lang", "en", "run", "--level", str(LEVEL), "--plan", "p.yaml", "--out", str(link)])
    assert caught.value.code == 2 and link.is_symlink()


def test_ctrl_c_prints_one_line(monkeypatch, capsys):
    def interrupted(args, *rest, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(run_command, "main", interrupted)
    code = main(["--lang", "en", "run", "--level", "tutorial", "--plan", "p.yaml"])
    assert code == cli.EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert err.strip() == "Interrupted." and "Traceback" not in err


def test_bad_arguments_are_explained_in_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "zh_CN", "sweep", "--level", "tutorial", "--seed", "-1"])
    err = capsys.readouterr().err
    assert "种子" in err and "-1" in err
