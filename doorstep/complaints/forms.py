"""Receiving a complaint (or a service request instead), and each action on it. Shape only:
every rule is in `services.py`, whose `DomainError` comes back here on the field it is about."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.complaints.choices import (
    COMPLAINT_DEFINITION,
    SERVICE_REQUEST_DEFINITION,
    Classification,
    NotifiedHow,
    RefusalReason,
)
from doorstep.core.forms import GovukForm, WhenField
from doorstep.staff.models import User
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
NOT_FROM_A_CONTACT = ""


class ReceiveForm(GovukForm):
    """What the resident said, and the officer's decision: a complaint or a service request."""

    domain_fields = {"from_event": "from_contact", "household": "from_contact"}

    classification = forms.ChoiceField(
        label=_("Is this a complaint or a service request?"),
        choices=[
            (
                Classification.COMPLAINT.value,
                f"{Classification.COMPLAINT.label}. {COMPLAINT_DEFINITION}",
            ),
            (
                Classification.SERVICE_REQUEST.value,
                f"{Classification.SERVICE_REQUEST.label}. {SERVICE_REQUEST_DEFINITION}",
            ),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "Decide from what the resident said, not the words they used. Unhappiness with how a "
            "service request was handled is a complaint."
        ),
        error_messages={"required": _("Select whether this is a complaint or a service request")},
    )
    from_contact = forms.ChoiceField(
        label=_("Did it come in a contact already on the record?"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("The case keeps the contact as its origin, with its words, date and channel."),
    )
    text = forms.CharField(
        label=_("What did the resident say?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("In their words. Leave blank to use the contact's words."),
    )
    channel = forms.ChoiceField(
        label=_("How did it come in?"),
        choices=CHANNELS,
        required=False,
        help_text=_("Not needed for a contact on the record: its channel is kept."),
    )
    occurred = WhenField(
        label=_("When was it received? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now, or the contact's date. The Code's clocks run from then."),
    )
    title = forms.CharField(
        label=_("Case title (optional)"),
        required=False,
        max_length=120,
        help_text=_("A few words to find the case by. Leave blank to use the start of the words."),
    )

    def __init__(self, *args: Any, contacts: Iterable[Event] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contacts = {str(c.uid): c for c in contacts}
        choices: list[tuple[str, Any]] = [
            (NOT_FROM_A_CONTACT, _("No: record what the resident said below"))
        ]
        for uid, contact in self.contacts.items():
            words = str(contact.data.get("text") or "")[:120]
            choices.append(
                (uid, f"{contact.occurred_text[:10]} ({contact.get_channel_display()}): {words}")
            )
        cast(forms.ChoiceField, self.fields["from_contact"]).choices = choices

    def chosen_contact(self) -> Event | None:
        return self.contacts.get(self.cleaned_data.get("from_contact") or "")


class AcknowledgeForm(GovukForm):
    occurred = WhenField(
        label=_("When was it acknowledged? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now."),
    )


class ExtendForm(GovukForm):
    domain_fields = {"occurred": "occurred"}

    new_due = WhenField(
        label=_("What is the new date for the response?"),
        help_text=_(
            "No more than a further 10 working days at stage 1, or 20 at stage 2, unless there is "
            "a good reason."
        ),
        error_messages={"required": _("Enter the new date")},
    )
    reason = forms.CharField(
        label=_("Why is more time needed?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("As the resident is told it."),
        error_messages={"required": _("Enter the reason for the extension")},
    )
    good_reason = forms.CharField(
        label=_("Good reason for going beyond the Code's limit (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreed_with_resident = forms.BooleanField(
        label=_("The resident agreed to the extension"), required=False
    )
    notified_how = forms.ChoiceField(
        label=_("How is the resident told the reason and the new date?"),
        choices=NotifiedHow.choices,
        widget=forms.RadioSelect,
        help_text=_("The Code requires it in writing, before the response was due."),
        error_messages={"required": _("Select how the resident is told")},
    )
    to = forms.CharField(
        label=_("Email address or mobile number (to send it through Doorstep)"),
        required=False,
        max_length=200,
    )
    occurred = WhenField(
        label=_("When was the resident told? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now."),
    )


class EscalateForm(GovukForm):
    text = forms.CharField(
        label=_("What did the resident say when asking to escalate?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In their words. They do not have to give reasons."),
        error_messages={"required": _("Enter the resident's request")},
    )
    occurred = WhenField(
        label=_("When did they ask? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now. The stage 2 clocks run from then."),
    )


class RefuseForm(GovukForm):
    reason_code = forms.ChoiceField(
        label=_("Why is the complaint not accepted?"),
        choices=RefusalReason.choices,
        widget=forms.RadioSelect,
        help_text=_("Only for a reason the complaints policy sets out in line with the Code."),
        error_messages={"required": _("Select the reason")},
    )
    explanation = forms.CharField(
        label=_("Explain the decision, as the resident is told it"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    ombudsman_informed = forms.BooleanField(
        label=_(
            "The resident is told of their right to take the complaint to the Housing Ombudsman"
        ),
        required=False,
    )
    occurred = WhenField(
        label=_("When was the resident told? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now."),
    )


class AssignForm(GovukForm):
    officer = forms.ChoiceField(
        label=_("Who is the complaints officer?"),
        help_text=_("At stage 2, someone not involved at stage 1."),
        error_messages={"required": _("Select the complaints officer")},
    )

    def __init__(self, *args: Any, officers: Iterable[User] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officers = {u.username: u for u in officers}
        cast(forms.ChoiceField, self.fields["officer"]).choices = [("", _("Choose an officer"))] + [
            (u.username, u.get_full_name() or u.username) for u in self.officers.values()
        ]

    def chosen(self) -> User:
        return self.officers[self.cleaned_data["officer"]]


class ListForm(forms.Form):
    """The complaints list's filters."""

    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("Both stages")), ("1", _("Stage 1")), ("2", _("Stage 2"))],
    )
    officer = forms.ChoiceField(label=_("Officer"), required=False)

    def __init__(self, *args: Any, officers: Iterable[User] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["officer"]).choices = [
            ("", _("Anyone")),
            ("none", _("Not named")),
            *((u.username, u.get_full_name() or u.username) for u in officers),
        ]
