"""Recording a request to move, and each action on it. Shape only: every rule is in
`services.py`, whose `DomainError` comes back here on the field it is about."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField
from doorstep.documents.choices import DocumentType
from doorstep.documents.models import Document
from doorstep.moves.choices import Ground, Route
from doorstep.residents.models import Person
from doorstep.timeline.models import Channel, Event

CHANNELS = [
    (c.value, c.label)
    for c in (
        Channel.PHONE,
        Channel.EMAIL,
        Channel.LETTER,
        Channel.VISIT,
        Channel.PORTAL,
        Channel.IN_PERSON,
    )
]
NONE = ""


def _occurred(question: Any) -> WhenField:
    return WhenField(
        label=question, with_time=False, required=False, help_text=_("Leave blank for today.")
    )


def _document_choices(documents: Iterable[Document]) -> list[tuple[str, str]]:
    return [
        (
            d.reference,
            f"{d.reference}: {d.title} ({d.get_doc_type_display()}, "
            f"added {d.uploaded_at:%d %B %Y})",
        )
        for d in documents
    ]


class RequestForm(GovukForm):
    """The household's request to move: its words, the grounds, and the evidence on record."""

    domain_fields = {"from_event": "from_contact", "household": "from_contact"}

    from_contact = forms.ChoiceField(
        label=_("Did it come in a contact already on the record?"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The case keeps the contact as its origin, with its words, date and channel."),
    )
    reason = forms.CharField(
        label=_("Why does the household ask to move?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In their words. Leave blank to use the contact's words."),
    )
    grounds = forms.MultipleChoiceField(
        label=_("What grounds does the request rest on?"),
        choices=Ground.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply: each is a kind of evidence you may need."),
    )
    evidence = forms.MultipleChoiceField(
        label=_("Which documents on record support it? (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    channel = forms.ChoiceField(
        label=_("How did it come in?"),
        choices=CHANNELS,
        required=False,
        help_text=_("Not needed for a contact on the record: its channel is kept."),
    )
    occurred = _occurred(_("When did the household ask? (optional)"))
    title = forms.CharField(label=_("Case title (optional)"), required=False, max_length=120)

    def __init__(
        self,
        *args: Any,
        contacts: Iterable[Event] = (),
        documents: Iterable[Document] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.contacts = {str(c.uid): c for c in contacts}
        self.documents = {d.reference: d for d in documents}
        choices: list[tuple[str, Any]] = [(NONE, _("No: record what the household said below"))]
        for uid, contact in self.contacts.items():
            words = str(contact.data.get("text") or "")[:120]
            choices.append(
                (uid, f"{contact.occurred_text[:10]} ({contact.get_channel_display()}): {words}")
            )
        cast(forms.ChoiceField, self.fields["from_contact"]).choices = choices
        cast(forms.ChoiceField, self.fields["evidence"]).choices = _document_choices(
            self.documents.values()
        )

    def chosen_contact(self) -> Event | None:
        return self.contacts.get(self.cleaned_data.get("from_contact") or "")

    def chosen_documents(self) -> list[Document]:
        return [self.documents[r] for r in self.cleaned_data.get("evidence") or ()]


class _People(GovukForm):
    """A form that names a person on record."""

    person_field = "person"

    def __init__(self, *args: Any, people: Iterable[Person] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {p.reference: p for p in people}
        cast(forms.ChoiceField, self.fields[self.person_field]).choices = [
            (NONE, _("Someone not on the record (name them below)")),
            *((p.reference, p.full_name) for p in self.people.values()),
        ]

    def chosen_person(self) -> Person | None:
        return self.people.get(self.cleaned_data.get(self.person_field) or "")


class EvidenceRequestForm(_People):
    person_field = "to"

    what = forms.CharField(
        label=_("What evidence is asked for?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    to = forms.ChoiceField(label=_("Who is it asked of?"), required=False)
    to_name = forms.CharField(
        label=_("Their name and role (if not on the record)"), required=False, max_length=200
    )
    types = forms.MultipleChoiceField(
        label=_("What kind of document would answer it? (optional)"),
        choices=DocumentType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A document of this kind added to the household's record is flagged."),
    )
    occurred = _occurred(_("When was it asked for? (optional)"))


class EvidenceReceiveForm(_People):
    person_field = "source"
    domain_fields = {"file": "file", "title": "title"}

    what = forms.CharField(label=_("What was received?"), required=False, max_length=5000)
    source = forms.ChoiceField(label=_("Who sent it?"), required=False)
    source_name = forms.CharField(
        label=_("Their name and role (if not on the record)"), required=False, max_length=200
    )
    document = forms.ChoiceField(label=_("A document already on the record"), required=False)
    file = forms.FileField(label=_("Or attach the document"), required=False)
    doc_type = forms.ChoiceField(
        label=_("Kind of document attached"),
        choices=DocumentType.choices,
        required=False,
        initial=DocumentType.MEDICAL_EVIDENCE,
    )
    title = forms.CharField(label=_("Title of the document attached"), required=False)
    occurred = _occurred(_("When was it received? (optional)"))

    def __init__(self, *args: Any, documents: Iterable[Document] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.documents = {d.reference: d for d in documents}
        cast(forms.ChoiceField, self.fields["document"]).choices = [
            (NONE, _("None: attach it below")),
            *_document_choices(self.documents.values()),
        ]

    def chosen_document(self) -> Document | None:
        return self.documents.get(self.cleaned_data.get("document") or "")


class PanelForm(GovukForm):
    reason = forms.CharField(
        label=_("Why does it go to the panel, and what is the panel asked to decide?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    occurred = _occurred(_("When was it referred? (optional)"))


class DecideForm(GovukForm):
    outcome = forms.ChoiceField(
        label=_("What is the decision?"),
        choices=[
            ("approved", _("Approved: the household will be moved")),
            ("declined", _("Declined")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select approved or declined")},
    )
    reason = forms.CharField(
        label=_("The reason, as the household will be told it"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "A decline must say which grounds and evidence were considered and why they do not "
            "meet the policy."
        ),
    )
    occurred = _occurred(_("When was it decided? (optional)"))


class RoutesForm(GovukForm):
    routes = forms.MultipleChoiceField(
        label=_("Which other routes were offered?"),
        choices=Route.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    support = forms.CharField(
        label=_("What support was given?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: registered her on HomeSwapper and sent the council's form."),
    )
    occurred = _occurred(_("When were they offered? (optional)"))
