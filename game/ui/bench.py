"""The game's speed, measured with SDL's dummy video driver (no window opens).

``ui_bench()`` returns rows of (label, value, unit, target) for ``virtuous-circle bench``:

* start to title: a fresh Python process, from launch to the first drawn title frame;
* turn-screen frames per second at 1280×720, frame cap off, every frame redrawn;
* frames actually redrawn per second on an idle turn screen with the real 60 FPS loop;
* ending a turn with attribution: from pressing "End turn" to the report on screen.

Every measurement runs in throw-away config and data folders, so the player's settings,
saves and progress are never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from statistics import median

from game.i18n import _

__all__ = ["ui_bench"]

Row = tuple[str, float, str, str]

SIZE = (1280, 720)
FPS_FRAMES = 240
IDLE_SETTLE_S, IDLE_MEASURE_S = 1.5, 2.0
TURNS_TIMED = 5
#: A quick pass (the test of the bench itself): every figure, from far fewer samples.
QUICK = {"frames": 24, "settle": 0.5, "measure": 0.5, "turns": 1}

_START_SCRIPT = """
import time
start = time.perf_counter()
from game.ui.app import App
from game.ui.scenes.title import TitleScene
app = App(windowed=True, lang="en")
app.push(TitleScene(app))
assert app.step(0.0)
print(time.perf_counter() - start)
"""


@contextmanager
def _sandbox() -> Iterator[dict[str, str]]:
    """Headless video and throw-away user folders for the duration of a measurement."""
    keys = ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER", "VIRTUOUS_CIRCLE_CONFIG_DIR", "VIRTUOUS_CIRCLE_DATA_DIR")
    saved = {key: os.environ.get(key) for key in keys}
    with tempfile.TemporaryDirectory(prefix="vc-bench-") as folder:
        os.environ.update(
            SDL_VIDEODRIVER="dummy",
            SDL_AUDIODRIVER="dummy",
            VIRTUOUS_CIRCLE_CONFIG_DIR=os.path.join(folder, "config"),
            VIRTUOUS_CIRCLE_DATA_DIR=os.path.join(folder, "data"),
        )
        try:
            yield dict(os.environ)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _start_to_title(env: dict[str, str]) -> float:
    """Seconds from launching a new interpreter to the title drawn (imports included)."""
    # The child must find this very package, whether from a clone or an installed wheel.
    root = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _START_SCRIPT],
        env=env | {"PYGAME_HIDE_SUPPORT_PROMPT": "1", "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"the start-up measurement failed: {done.stderr.strip()[-500:]}")
    return elapsed


def _turn_screen_app():
    from game.session.playthrough import Playthrough
    from game.ui.app import App
    from game.ui.scenes.title import TitleScene
    from game.ui.scenes.turn import TurnScene

    app = App(windowed=True, lang="en", size=SIZE)
    scene = TurnScene(app, Playthrough.new("tutorial", 0))
    app.reset_to(TitleScene(app), scene)
    _settle(app, scene)
    return app, scene


def _settle(app, scene) -> None:
    """Answer any event dialog (first choice) until ``scene`` is on top again."""
    import pygame

    for _attempt in range(20):
        app.step(1 / 60)
        if app.top is scene:
            return
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
    raise RuntimeError(f"the turn screen did not come back ({type(app.top).__name__} on top)")


def _frames_per_second(app, frames: int = FPS_FRAMES) -> float:
    app.frame_cap = False
    for _warm in range(10):
        app.request_redraw()
        app.step(1 / 60)
    drawn = app.frames_drawn
    started = time.perf_counter()
    for _frame in range(frames):
        app.request_redraw()  # every frame counts: nothing is skipped as unchanged
        app.step(1 / 60)
    elapsed = time.perf_counter() - started
    return (app.frames_drawn - drawn) / elapsed


def _idle_redraws_per_second(app, settle: float = IDLE_SETTLE_S,
                             measure: float = IDLE_MEASURE_S) -> float:
    """Run the real capped loop with no input; count the frames it actually draws."""
    app.frame_cap = True
    app.request_redraw()
    end_settle = time.perf_counter() + settle
    while time.perf_counter() < end_settle:
        app.step(app.clock.tick(60) / 1000.0)
    drawn = app.frames_drawn
    started = time.perf_counter()
    while time.perf_counter() - started < measure:
        app.step(app.clock.tick(60) / 1000.0)
    return (app.frames_drawn - drawn) / (time.perf_counter() - started)


def _end_turn_ms(app, scene, turns: int = TURNS_TIMED) -> float:
    """Median time from the End-turn press to the report drawn, over several turns."""
    import pygame

    from game.ui.keyboard_focus import post_button_press
    from game.ui.scenes.report import ReportScene

    times = []
    for _turn in range(turns):
        _settle(app, scene)
        post_button_press(scene.buttons["end"])
        started = time.perf_counter()
        for _frame in range(10):
            app.step(1 / 60)
            if isinstance(app.top, ReportScene):
                break
        else:
            raise RuntimeError("ending the turn did not show the report")
        times.append((time.perf_counter() - started) * 1000.0)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0))
        app.step(1 / 60)
    return median(times)


def ui_bench(quick: bool = False) -> list[Row]:
    """The four figures; ``quick`` takes far fewer samples (for the bench's own test)."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    sizes = QUICK if quick else {"frames": FPS_FRAMES, "settle": IDLE_SETTLE_S,
                                 "measure": IDLE_MEASURE_S, "turns": TURNS_TIMED}
    import pygame

    with _sandbox() as env:
        start = _start_to_title(env)
        app, scene = _turn_screen_app()
        try:
            fps = _frames_per_second(app, sizes["frames"])
            idle = _idle_redraws_per_second(app, sizes["settle"], sizes["measure"])
            end_turn = _end_turn_ms(app, scene, sizes["turns"])
        finally:
            pygame.display.quit()
    return [
        (_("start to title"), start, "s", "≤ 2 s"),
        (_("turn screen at 1280×720, frame cap off"), fps, _("frames/s"), "≥ 60"),
        (_("idle turn screen, frames redrawn"), idle, _("frames/s"), "≈ 0"),
        (_("ending a turn, attribution and report included"), end_turn, "ms", "≤ 100 ms"),
    ]
