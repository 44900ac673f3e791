"""Files on disk: the one defensive reader, the one atomic write and the player's folders.

Importable by content and everything above it, never by the engine (which touches no files).
"""

from game.files.atomic import remove_stale_temporaries, write_atomically
from game.files.reader import (
    FileProblem,
    keep_aside,
    read_bytes,
    read_json,
    read_model,
    read_text,
)

__all__ = [
    "FileProblem",
    "read_bytes",
    "read_text",
    "read_json",
    "read_model",
    "keep_aside",
    "write_atomically",
    "remove_stale_temporaries",
]
