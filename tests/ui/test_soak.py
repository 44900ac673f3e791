"""A soak: seeded random input events through the real app, and not one error.

The app never lets an exception reach the player: it logs it to errors.log and shows a
message. So "no error" here means the log stays empty, not merely that nothing was raised.
The suite's walk is 2,000 events (it still reaches the menus, a turn and its report); a
longer one: ``VC_SOAK_EVENTS=20000 pytest tests/ui/test_soak.py``.
"""

from __future__ import annotations

import os
import random

import pygame

EVENTS = int(os.environ.get("VC_SOAK_EVENTS", "2000"))
#: Events posted between two frames: several inputs often arrive within one frame.
EVENTS_PER_FRAME = 8
KEYS = (
    pygame.K_TAB, pygame.K_TAB, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN,
    pygame.K_RETURN, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_PAGEDOWN,
    pygame.K_PAGEUP, pygame.K_BACKSPACE, pygame.K_HOME, pygame.K_END, pygame.K_z, pygame.K_a,
    pygame.K_1,
)
MODS = (0, 0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL)


def random_event(rng: random.Random, app, buttons) -> list[pygame.event.Event]:
    width, height = app.size
    roll = rng.random()
    if roll < 0.38:
        # Half the clicks land on a button, so the soak travels through every screen.
        if buttons and rng.random() < 0.5:
            pos = rng.choice(buttons).rect.center
        else:
            pos = (rng.randrange(width), rng.randrange(height))
        button = 1 if rng.random() < 0.9 else 3
        return [
            pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button),
        ]
    if roll < 0.52:
        pos = (rng.randrange(width), rng.randrange(height))
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))]
    if roll < 0.57:
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)), flipped=False)]
    if roll < 0.95:
        key, mod = rng.choice(KEYS), rng.choice(MODS)
        return [
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0),
        ]
    if roll < 0.99:
        return [pygame.event.Event(pygame.TEXTINPUT, text=rng.choice("ab1-_ 中"))]
    w, h = rng.randrange(700, 2000), rng.randrange(450, 1200)
    return [pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h))]


def clickable(driver) -> list:
    """Buttons the soak aims at. Exporting charts (seconds of matplotlib per press, tested
    with the debrief) is left to the random clicks that happen to land on it."""
    from game.i18n import _

    export = _("Export result, charts and numbers")
    return [b for b in driver.buttons() if b.text != export]


def test_random_inputs_raise_nothing(driver, user_dirs):
    _config, data = user_dirs
    app = driver.app
    rng = random.Random(20240601)
    screens_seen: set[str] = set()
    buttons = clickable(driver)
    for index in range(EVENTS):
        for event in random_event(rng, app, buttons):
            if event.type == pygame.MOUSEBUTTONDOWN:
                pygame.mouse.set_pos(event.pos)
            pygame.event.post(event)
        if index % EVENTS_PER_FRAME == EVENTS_PER_FRAME - 1:
            app.step(1 / 60)
            app.running = True  # "Quit" may be clicked: the soak goes on regardless
            screens_seen.add(type(app.top).__name__)
            buttons = clickable(driver)
    driver.frames()
    log = data / "errors.log"
    assert not log.exists(), log.read_text(encoding="utf-8")[-4000:]
    assert app.stack, "the scene stack never empties"
    # The random walk reached the menus and the game itself.
    assert {"TitleScene", "SettingsScene", "LevelSelectScene", "TurnScene", "ReportScene"} <= screens_seen, (
        screens_seen
    )
