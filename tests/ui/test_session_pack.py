"""A session pack opened from the title screen: the briefing of its level, seed and events
fixed, and the game that starts records the pack."""

from __future__ import annotations

from game.content.levels import level_by_id
from game.session.packs import new_pack, write_pack
from game.ui.scenes.briefing import BriefingScene


def test_a_pack_opens_its_briefing_and_starts_its_game(driver, tmp_path):
    pack = new_pack(level_by_id("digital_leap"), 2024, forecast=False)
    path = tmp_path / "class.vcs"
    write_pack(pack, path)
    driver.app.top.open_pack_file(str(path))
    driver.frames()
    briefing = driver.app.top
    assert isinstance(briefing, BriefingScene) and briefing.pack == pack
    assert briefing.seed_entry.get_text() == "2024" and not briefing.seed_entry.is_enabled
    driver.press("Start the level")
    play = driver.app.top.play
    assert (play.level.id, play.seed, play.pack) == ("digital_leap", 2024, pack)
    assert driver.app.settings.forecast is True, "the player's own setting is left alone"
    turn = driver.app.top
    assert all(not card.forecast for card in turn.cards.values()), "no forecast for this class"


def test_a_broken_pack_is_a_message(driver, tmp_path):
    path = tmp_path / "class.vcs"
    path.write_text('{"format": "virtuous-circle-session", "seed": -1}', encoding="utf-8")
    driver.app.top.open_pack_file(str(path))
    driver.frames()
    assert type(driver.app.top).__name__ == "MessageDialog"
    assert "class.vcs" in driver.app.top.body()
