"""The commands of `virtuous-circle`, one module each; `game.cli` only parses and dispatches.

A command module has:

- ``NAME`` — the word on the command line (``"class-report"``);
- ``add_parser(sub, common)`` — adds its sub-parser with ``sub.add_parser(NAME,
  parents=[common], help=_("..."))`` and its arguments (help texts through ``_()``: the
  parser is built after ``--lang`` is applied), and returns the sub-parser;
- ``main(args) -> int`` — reads the arguments, calls the layer that does the work
  (content, session, reports, ui), prints messages, and returns one of the exit codes below.
  Bad input is a message and ``EXIT_USAGE``/``EXIT_FAIL``, never a traceback; library code
  below never exits. Heavy layers (the UI, matplotlib) are imported inside ``main`` so that
  ``--help`` stays fast.

To add a command, write ``game/commands/<name>.py`` and list it in ``game.cli.COMMANDS``.
"""

from __future__ import annotations

__all__ = ["EXIT_OK", "EXIT_FAIL", "EXIT_USAGE"]

EXIT_OK = 0      # done, and everything checked was fine
EXIT_FAIL = 1    # done, but something failed (a problem found, a file not written)
EXIT_USAGE = 2   # bad input: arguments or files the command cannot use
