"""The note form on the case page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm
from doorstep.timeline.models import Event
from doorstep.timeline.selectors import TimelineEntry


class NoteForm(GovukForm):
    # Not required here: an empty note is refused by `note_add`, whose message the page shows.
    text = forms.CharField(
        label=_("Add a note"),
        required=False,
        strip=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What you did, saw or decided. Notes are never edited: to put one right, "
            "add a note that corrects it."
        ),
    )
    supersedes = forms.ChoiceField(
        label=_("Does this note correct an earlier entry?"), required=False
    )

    def __init__(self, *args: Any, entries: Sequence[TimelineEntry] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._events = {str(e.event.uid): e.event for e in entries}
        cast(forms.ChoiceField, self.fields["supersedes"]).choices = [
            ("", _("No, it is a new note"))
        ] + [
            (str(e.event.uid), f"{e.when}, {e.label}: {Truncator(e.sentence).chars(60)}")
            for e in entries
        ]

    def superseded(self) -> Event | None:
        return self._events.get(self.cleaned_data.get("supersedes") or "")
