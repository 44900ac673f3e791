"""Tables that commands regenerate inside docs/model.md (`game.commands.responses.DOCS`),
between `<!-- NAME:begin -->` and `<!-- NAME:end -->` (responses, calibration, audit): one
place that reads, replaces and writes."""

from __future__ import annotations

from pathlib import Path

from game.i18n import N_, _

#: What a missing pair of markers is called, per table.
_NO_MARKERS = {
    "responses": N_("{path} has no responses markers; nothing was written."),
    "calibration": N_("{path} has no calibration markers; nothing was written."),
    "audit": N_("{path} has no audit markers; nothing was written."),
}


def write_docs_table(docs: Path, name: str, lines: list[str]) -> bool:
    """Replace the `name` table of `docs` with `lines`; False (and a message) when the
    document has no markers for it."""
    from game.content.responses import replace_marked_block
    from game.files.atomic import write_atomically

    try:
        text = docs.read_text(encoding="utf-8")
    except OSError:
        text = ""
    new = replace_marked_block(text, lines, name=name)
    if new is None:
        print(_(_NO_MARKERS[name]).format(path=docs))
        return False
    write_atomically(docs, new)
    print(_("The table in {path} was regenerated.").format(path=docs))
    return True
