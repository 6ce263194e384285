"""Adding a document."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField
from doorstep.documents.choices import DocumentType


class DocumentForm(GovukForm):
    doc_type = forms.ChoiceField(
        label=_("What kind of document is it?"),
        choices=DocumentType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of document")},
    )
    # Not required here: `document_add` refuses a missing title with its own message.
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        required=False,
        help_text=_("For example 'Damp survey, April 2021'"),
    )
    file = forms.FileField(
        label=_("Upload a file"),
        help_text=_("PDF, PNG, JPEG, GIF, Word (.docx), MP3, WAV, plain text or email"),
        error_messages={"required": _("Select a file")},
    )
    dated = WhenField(label=_("The document's own date (optional)"), required=False)
