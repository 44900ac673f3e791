"""The one atomic write for every file the game writes (saves, settings, progress, results, reports).

Write a temporary file in the same folder, flush and fsync it, ``os.replace`` it over the target,
then fsync the folder so the rename itself survives a power cut. On any failure or interruption
the temporary file is removed. A temporary file a kill left (nothing can remove it then) is removed
by :func:`remove_stale_temporaries`: at the next start for the saves and settings folders, and by
the next write into the same folder for any other (exports, class reports, results). A symlink
is written through (its target is replaced atomically, the link stays); a device, a FIFO or a
folder is refused, never replaced by a regular file.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

from game.files.reader import FileProblem
from game.i18n import _
from game.i18n.oserror import os_reason

__all__ = ["write_atomically", "remove_stale_temporaries", "TEMP_SUFFIX"]

#: Every temporary file this module makes ends so; nothing else in our folders does.
TEMP_SUFFIX = ".vc-tmp"
#: A temporary file older than this is left from a killed write (a write takes milliseconds).
STALE_AFTER_SECONDS = 60.0


def write_atomically(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically; returns the file written.

    Raises FileProblem (with a translated reason) when the target cannot be written.
    """
    path = Path(path)
    target = _resolve_target(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as error:
        raise FileProblem(path, _write_reason(error)) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(target, tmp)
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise FileProblem(path, _write_reason(error)) from error
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    remove_stale_temporaries(folder)  # what a killed earlier write into this folder left
    return target


def remove_stale_temporaries(folder: str | os.PathLike[str],
                             older_than: float = STALE_AFTER_SECONDS) -> list[Path]:
    """Delete temporary files a killed write left in ``folder``; returns what was removed."""
    removed: list[Path] = []
    now = time.time()
    try:
        candidates = list(Path(folder).glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return removed
    for candidate in candidates:
        try:
            info = candidate.lstat()
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue  # another process got there first, or the folder is read-only
    return removed


def _resolve_target(path: Path) -> Path:
    """The regular file to replace: a symlink's target; devices, FIFOs and folders refused."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    except OSError as error:
        raise FileProblem(path, _write_reason(error)) from error
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(path, _("it is a folder; give the name of a file."))
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(path, _("it is a device or a pipe, not a file; the game writes only to files."))
    return target


def _copy_mode(target: Path, tmp: str) -> None:
    """Keep the permissions of the file being replaced (a new file gets the usual umask ones)."""
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data itself is synced
    finally:
        os.close(fd)


def _write_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return _("the game is not allowed to write there.")
    return _("the system could not write it ({reason}).").format(reason=os_reason(error))
