"""Make pygame headless before anything imports it, and keep tests out of the user's folders."""

import os
import tempfile

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
