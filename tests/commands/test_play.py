"""`virtuous-circle --level ID --seed N`: the game opens on that level's briefing; a wrong
level or seed is one message on the terminal before any window opens."""

from __future__ import annotations

import pytest

from game.cli import main
from game.commands import EXIT_USAGE
from game.commands.play import MAX_BRIEFING_SEED, _shipped_level
from game.session.packs import MAX_PACK_SEED


@pytest.mark.parametrize("argv, says", [
    (["--level", "old_industrial"], "old_industrial_base"),  # did you mean
    (["play", "--level", "levels/my_level.yaml"], "session new"),  # a file: make a pack of it
    (["--seed", "4"], "--level"),
    (["play", "--level", "tutorial", "--session", "class.vcs"], "not both"),
])
def test_a_wrong_start_is_one_message_and_no_window(argv, says, capsys, monkeypatch):
    import game.ui.app as app

    monkeypatch.setattr(app, "run_app", lambda **_kw: pytest.fail("a window was opened"))
    assert main(argv) == EXIT_USAGE
    assert says in capsys.readouterr().err


@pytest.mark.parametrize("seed", ["-1", "1000000000", "x"])
def test_a_seed_the_briefing_cannot_show_is_refused(seed, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--level", "tutorial", "--seed", seed])
    assert stop.value.code == EXIT_USAGE
    assert "--seed" in capsys.readouterr().err


def test_the_seed_limit_is_the_briefings():
    assert MAX_BRIEFING_SEED == MAX_PACK_SEED


@pytest.mark.parametrize("argv", [["--level", "easy_money", "--seed", "77"],
                                  ["play", "--level", "easy_money", "--seed", "77"]])
def test_the_level_and_seed_reach_the_window(argv, monkeypatch):
    import game.ui.app as app

    seen = {}
    monkeypatch.setattr(app, "run_app", lambda **kw: seen.update(kw) or 0)
    assert main(argv) == 0
    assert (seen["level"].id, seen["seed"], seen["pack"]) == ("easy_money", 77, None)


def test_the_game_opens_on_the_briefing_and_plays_that_seed(user_dirs):
    from game.ui.app import App, open_start
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.title import TitleScene
    from tests.ui.driver import Driver

    app = App(windowed=True, lang="en")
    open_start(app, level=_shipped_level("easy_money"), seed=77)
    driver = Driver(app)
    driver.frames()
    briefing = app.top
    assert isinstance(briefing, BriefingScene) and briefing.seed_entry.get_text() == "77"
    driver.press("Start the level")
    assert (app.top.play.level.id, app.top.play.seed) == ("easy_money", 77)
    assert any(isinstance(scene, TitleScene) for scene in app.stack), "Back leads to the title screen"
