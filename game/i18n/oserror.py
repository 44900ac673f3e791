"""Operating-system errors in the player's language.

``OSError.strerror`` is the C library's English ("No such file or directory") whatever the
game's language; messages that explain a failed read or write take their reason from
:func:`os_reason` instead, which names the common causes in a translated clause and falls back
to the error's symbolic name for rare ones.
"""

from __future__ import annotations

import errno

from game.i18n import N_, _

__all__ = ["os_reason"]

# A short clause (no final full stop): messages put it after a colon or in brackets.
_REASONS: dict[int, str] = {
    errno.ENOENT: N_("the file or folder does not exist"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.EEXIST: N_("it already exists"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EIO: N_("the disk could not be read or written"),
    errno.EMFILE: N_("too many files are open"),
    errno.ENFILE: N_("too many files are open"),
    errno.EBUSY: N_("the file is in use"),
    errno.ELOOP: N_("too many symbolic links in the path"),
    errno.EINVAL: N_("the name is not valid here"),
    errno.ENOTEMPTY: N_("the folder is not empty"),
    errno.EXDEV: N_("the file cannot be moved to another disk"),
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = N_("the disk quota is used up")


def os_reason(error: BaseException) -> str:
    """Why an operation failed, as a translated clause ("the disk is full")."""
    if isinstance(error, OSError) and error.errno is not None:
        known = _REASONS.get(error.errno)
        if known is not None:
            return _(known)
        name = errno.errorcode.get(error.errno, str(error.errno))
        return _("system error {code}").format(code=name)
    if isinstance(error, OSError):
        return _("system error {code}").format(code=type(error).__name__)
    return str(error) or type(error).__name__
