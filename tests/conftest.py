"""Make pygame headless before anything imports it, and keep tests out of the user's folders."""

import os
import tempfile

import pytest
from hypothesis import settings

# Property tests are derandomised in the suite (the same examples every run, no database):
# a failure is reproducible and the run time is stable. HYPOTHESIS_PROFILE=thorough draws
# fresh random examples, 1,000 for each test that does not fix its own number.
settings.register_profile("suite", max_examples=50, derandomize=True, database=None,
                          deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

# Saves, progress, settings and logs of every test go to a throw-away folder, never to the
# real ~/.local/share/virtuous-circle of whoever runs the suite (tests that need their own
# folders still set these themselves).
_SCRATCH = tempfile.mkdtemp(prefix="virtuous-circle-tests-")
os.environ["VIRTUOUS_CIRCLE_DATA_DIR"] = os.path.join(_SCRATCH, "data")
os.environ["VIRTUOUS_CIRCLE_CONFIG_DIR"] = os.path.join(_SCRATCH, "config")
os.environ["XDG_STATE_HOME"] = os.path.join(_SCRATCH, "state")
os.environ["XDG_CACHE_HOME"] = os.path.join(_SCRATCH, "cache")


@pytest.fixture(autouse=True)
def english_again():
    """Every test starts from the language it found and leaves English behind: a command run
    with --lang zh_CN switches the process's language, and under xdist the next test in the
    same worker would otherwise read Chinese."""
    yield
    from game.i18n import get_language, set_language

    if get_language() != "en":
        set_language("en")


@pytest.fixture
def user_dirs(tmp_path, monkeypatch):
    """Fresh config and data folders for one test; the language is English again afterwards."""
    from game.i18n import set_language

    config, data = tmp_path / "config", tmp_path / "data"
    monkeypatch.setenv("VIRTUOUS_CIRCLE_CONFIG_DIR", str(config))
    monkeypatch.setenv("VIRTUOUS_CIRCLE_DATA_DIR", str(data))
    yield config, data
    set_language("en")


@pytest.fixture
def driver(user_dirs):
    """The real app at its title screen, in English, driven by posted events."""
    import pygame

    from game.ui.app import App
    from game.ui.scenes.title import TitleScene
    from tests.ui.driver import Driver

    app = App(windowed=True, lang="en")
    app.push(TitleScene(app))
    drive = Driver(app)
    drive.frames()
    yield drive
    pygame.event.clear()
