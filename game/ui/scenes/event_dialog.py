"""The dialog for an event that fires this turn: what happened and, if the level offers them,
the choices, each with what it means.

Two ways to open one:

* ``EventDialog(app, event, on_choice)``: ``event`` is the level's event entry (with title,
  text and choices), or the engine's EventSpec together with ``level=`` to look the entry up.
  ``on_choice(index)`` is called with the 0-based choice, or with None for an event that only
  informs.
* ``EventDialog(app, playthrough, event, on_done=callback)`` (what the turn screen uses): the
  dialog records the answer with ``playthrough.choose`` itself, then calls ``on_done()``.

A choice must be made: Esc does not close a dialog that offers choices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from game.i18n import _
from game.ui.widgets.dialog import DialogScene

__all__ = ["EventDialog", "event_entry"]


def event_entry(event, level=None):
    """The level's entry for ``event`` (which may already be one)."""
    if hasattr(event, "title") and hasattr(event, "text"):
        return event
    if level is None:
        raise ValueError(f"event {getattr(event, 'id', event)!r} has no text: pass the level")
    for entry in level.events:
        if entry.id == event.id:
            return entry
    raise KeyError(f"the level {level.id!r} has no event {event.id!r}")


class EventDialog(DialogScene):
    max_width = 700

    def __init__(
        self,
        app,
        event_or_playthrough,
        event_or_on_choice=None,
        on_choice: Callable[[int | None], object] | None = None,
        *,
        level=None,
        on_done: Callable[[], object] | None = None,
    ) -> None:
        if hasattr(event_or_playthrough, "choose"):
            playthrough, event = event_or_playthrough, event_or_on_choice
            self.entry = event_entry(event, playthrough.level)
            self.on_choice = self._recorder(playthrough, on_done)
        else:
            callback = event_or_on_choice if event_or_on_choice is not None else on_choice
            if callback is None:
                raise TypeError("EventDialog needs on_choice")
            self.entry = event_entry(event_or_playthrough, level)
            self.on_choice = callback
        has_choices = bool(self.entry.choices)
        # A real choice has no "default" answer: no button is drawn as the primary one.
        self.primary_index = None if has_choices else 0
        super().__init__(app, on_cancel=(lambda: None) if has_choices else self._inform_done)

    def _recorder(self, playthrough, on_done):
        def record(index: int | None) -> None:
            if index is not None:
                playthrough.choose(self.entry.id, index)
            if on_done is not None:
                on_done()

        return record

    def heading(self) -> str:
        return _(self.entry.title)

    def body(self) -> str:
        text = _(self.entry.text)
        if not self.entry.choices:
            return text
        lines = [text, ""]
        for choice in self.entry.choices:
            lines.append(
                _("• {choice}: {meaning}").format(choice=_(choice.label), meaning=_(choice.text))
            )
        return "\n".join(lines)

    def actions(self) -> Sequence[tuple[str, Callable[[], object]]]:
        if not self.entry.choices:
            return [(_("Continue"), self._inform_done)]
        return [
            (_(choice.label), lambda index=index: self._chosen(index))
            for index, choice in enumerate(self.entry.choices)
        ]

    def _chosen(self, index: int) -> None:
        self.close()
        self.on_choice(index)

    def _inform_done(self) -> None:
        self.close()
        self.on_choice(None)
