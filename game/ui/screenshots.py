"""Screenshots of every screen, in each language and interface size, without a display.

    python -m game.ui.screenshots OUT_DIR [--lang en zh_CN] [--scale 1 2] [--only turn,report]
    python -m game.ui.screenshots --readme      # refresh docs/screenshots/turn-{en,zh}.png

Each screen is opened on a fresh playthrough of a shipped level (seed 0) in temporary settings and
save folders, drawn with SDL's dummy video driver and saved as PNG. Used to look at the screens
as a player would and to refresh the README's pictures from the current game.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

README_SHOTS = {"en": "turn-en.png", "zh_CN": "turn-zh.png"}


def _scenes(app) -> Iterator[tuple[str, Callable[[], None]]]:
    """(name, opener) for every screen; each opener pushes its scene onto a fresh title."""
    from game.ui.scenes.briefing import BriefingScene
    from game.ui.scenes.charts import ChartsScene
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.level_select import LevelSelectScene
    from game.ui.scenes.saves import SavesScene, _say_level_changed
    from game.ui.scenes.settings_scene import SettingsScene
    from game.ui.scenes.turn import TurnScene

    def played(turns: int):
        from game.session.playthrough import Playthrough

        play = Playthrough.new("tutorial", 0)
        for _turn in range(min(turns, play.turns)):
            play.end_turn()
        return play

    def pushed(turns: int):
        """government_as_vc with full credit guidance from its third year: loans at risk climb
        past the warning (year 3) and then break the required bank rule (year 4: lost)."""
        from game.session.playthrough import Playthrough

        play = Playthrough.new("government_as_vc", 0)
        for turn in range(turns):
            if play.finished:
                break
            if turn >= 2:
                play.set_credit_guidance(1.0)
            play.end_turn()
        return play

    def research_cut(turns: int):
        """old_industrial_base with skills training and the guidance fund, no research: good
        figures at the level's end, a departure audit missed after it."""
        from game.content.audit import CheapPlan, cheap_decisions
        from game.session.playthrough import Playthrough

        level = _level("old_industrial_base")
        plan = CheapPlan(("skills", "guidance_fund"), "emerging", None, 15.0, "incubation_cluster")
        return Playthrough.from_decisions(level, 0, cheap_decisions(level, plan)[:turns])

    def departure_report() -> None:
        """The year report's objectives, the departure audit judged after the level."""
        app.push(TurnScene(app, research_cut(3)))
        _frames(app)
        app.top.end_turn()
        _frames(app)
        app.top.column.scroll_by(app.top.column.max_offset)

    def report() -> None:
        app.push(TurnScene(app, played(4)))
        _frames(app)
        app.top.end_turn()

    yield "title", lambda: None
    yield "levels", lambda: app.push(LevelSelectScene(app))
    yield "briefing", lambda: app.push(BriefingScene(app, _level("sandbox")))
    yield "settings", lambda: app.push(SettingsScene(app))
    yield "saves", lambda: app.push(SavesScene(app))
    yield "level-changed", lambda: (app.push(TurnScene(app, played(2))), _say_level_changed(app))
    yield "turn", lambda: app.push(TurnScene(app, played(2)))
    yield "event", lambda: app.push(TurnScene(app, played(5)))
    yield "report", report
    yield "charts", lambda: app.push(ChartsScene(app, played(4)))
    yield "debrief", lambda: app.push(DebriefScene(app, played(99)))
    yield "bank-warning", lambda: app.push(TurnScene(app, pushed(3)))
    yield "lost", lambda: app.push(DebriefScene(app, pushed(99)))
    yield "departure-briefing", lambda: app.push(BriefingScene(app, _level("old_industrial_base")))
    yield "departure-turn", lambda: app.push(TurnScene(app, research_cut(6)))
    yield "departure-report", departure_report
    yield "departure-debrief", lambda: app.push(DebriefScene(app, research_cut(99)))


def _level(level_id: str):
    from game.content.levels import level_by_id

    return level_by_id(level_id)


def _frames(app, count: int = 6) -> None:
    for _frame in range(count):
        app.step(1 / 60)


def shoot(out: Path, langs: list[str], scales: list[float], only: set[str] | None = None,
          size: tuple[int, int] = (1280, 800), names: dict[str, str] | None = None) -> list[Path]:
    """Save ``<screen>-<lang>-<percent>.png`` (or ``names[lang]`` for the turn screen)."""
    import pygame

    from game.ui.app import App
    from game.ui.scenes.title import TitleScene
    from game.ui.settings import Settings

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in langs:
        for scale in scales:
            settings = Settings()
            settings.language, settings.ui_scale, settings.fullscreen = lang, scale, False
            app = App(windowed=True, lang=lang, settings=settings, size=size)
            for name, open_scene in _scenes(app):
                if only and name not in only:
                    continue
                app.reset_to(TitleScene(app))
                _frames(app)
                open_scene()
                _frames(app)
                app.request_redraw()
                app.step(1 / 60)
                file = (names or {}).get(lang) if name == "turn" and names else None
                path = out / (file or f"{name}-{lang}-{round(scale * 100)}.png")
                pygame.image.save(app.window, str(path))
                written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.ui.screenshots")
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("--lang", nargs="+", default=["en", "zh_CN"])
    parser.add_argument("--scale", nargs="+", type=float, default=[1.0, 2.0])
    parser.add_argument("--only", default="")
    parser.add_argument("--readme", action="store_true", help="refresh docs/screenshots/")
    args = parser.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    folder = tempfile.mkdtemp(prefix="vc-shots-")
    # Fresh settings and saves: the pictures never show (or touch) the player's own games.
    os.environ["VIRTUOUS_CIRCLE_CONFIG_DIR"] = str(Path(folder) / "config")
    os.environ["VIRTUOUS_CIRCLE_DATA_DIR"] = str(Path(folder) / "data")
    if args.readme:
        docs = Path(__file__).resolve().parents[2] / "docs" / "screenshots"  # a clone's docs
        paths = shoot(docs, list(README_SHOTS), [1.0], {"turn"}, (1280, 720), README_SHOTS)
    else:
        only = set(args.only.split(",")) if args.only else None
        paths = shoot(Path(args.out), args.lang, args.scale, only)
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
