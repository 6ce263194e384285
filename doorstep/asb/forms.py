"""Reporting ASB, and each step of an ASB case. Shape only: every rule is in `services.py`
(and `clocks.asb`), whose `DomainError` comes back here on the field it is about."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from doorstep.asb.choices import (
    DECLINE_CHOICES,
    QUESTIONS,
    ActionType,
    Agency,
    Category,
    ClosingTold,
    ReporterUpdated,
    RiskLevel,
    answer_choices,
)
from doorstep.asb.models import AsbCase
from doorstep.clocks.asb import RISK_FACTORS
from doorstep.core.forms import GovukForm, WhenField
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
NEW_CASE = ""
POLICE = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


class StartForm(GovukForm):
    household = forms.CharField(
        label=_("Which household is the reporter in?"),
        max_length=30,
        help_text=_("The household reference, for example H-1234."),
        error_messages={"required": _("Enter the household reference")},
    )


class ReportForm(GovukForm):
    """What was reported, by whom, about whom, and the reporter's safety wishes."""

    domain_fields = {"from_event": "from_contact", "household": "from_contact"}

    case = forms.ChoiceField(
        label=_("Is this about a case already open?"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("A further report on a live case is added to it."),
    )
    reporter = forms.ChoiceField(
        label=_("Who is reporting it?"), error_messages={"required": _("Select the reporter")}
    )
    category = forms.ChoiceField(
        label=_("What kind of behaviour is it?"),
        choices=[("", _("Choose")), *list(Category.choices)],
        error_messages={"required": _("Select what kind of behaviour it is")},
    )
    from_contact = forms.ChoiceField(
        label=_("Did it come in a contact already on the record?"),
        required=False,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("What happened?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In the reporter's words. Leave blank to use the contact's words."),
    )
    alleged_perpetrator = forms.CharField(
        label=_("Who is it about? (optional)"),
        required=False,
        max_length=300,
        help_text=_("The alleged perpetrator, as the reporter describes them."),
    )
    location = forms.CharField(label=_("Where? (optional)"), required=False, max_length=300)
    communal = forms.BooleanField(
        label=_("It happens in a communal area (stairs, landing, car park, garden)"),
        required=False,
    )
    incident_date = WhenField(
        label=_("When did it happen? (optional)"),
        required=False,
        vague=True,
        help_text=_("As precisely as the reporter knows: a month and year is fine."),
    )
    police_involved = forms.ChoiceField(
        label=_("Have the police been told?"),
        choices=POLICE,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "For the record only: a report is never turned away because the police were not told."
        ),
    )
    crime_reference = forms.CharField(
        label=_("Crime reference (optional)"), required=False, max_length=60
    )
    delay_days = forms.IntegerField(
        label=_("Did the reporter ask us to wait before acting? (days, optional)"),
        required=False,
        min_value=0,
        max_value=90,
        help_text=_(
            "So that they are not identified. Until the delay ends, nothing that could reveal "
            "them (a letter, visit or warning to the person they reported) may be done, unless "
            "a manager overrides it with a reason."
        ),
    )
    channel = forms.ChoiceField(label=_("How did it come in?"), choices=CHANNELS, required=False)
    occurred = WhenField(
        label=_("When was it reported? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now. The first-response clock runs from then."),
    )

    def __init__(
        self,
        *args: Any,
        people: Iterable[Person] = (),
        cases: Iterable[AsbCase] = (),
        contacts: Iterable[Event] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = {p.reference: p for p in people}
        cast(forms.ChoiceField, self.fields["reporter"]).choices = [("", _("Choose"))] + [
            (ref, p.full_name) for ref, p in self.people.items()
        ]
        self.cases = {a.case.reference: a for a in cases}
        case_choices: list[tuple[str, Any]] = [(NEW_CASE, _("No: open a new ASB case"))]
        case_choices += [(ref, f"{ref}: {a.case.title}") for ref, a in self.cases.items()]
        cast(forms.ChoiceField, self.fields["case"]).choices = case_choices
        self.contacts = {str(c.uid): c for c in contacts}
        contact_choices: list[tuple[str, Any]] = [("", _("No: record what was said below"))]
        for uid, contact in self.contacts.items():
            words = str(contact.data.get("text") or "")[:120]
            contact_choices.append(
                (uid, f"{contact.occurred_text[:10]} ({contact.get_channel_display()}): {words}")
            )
        cast(forms.ChoiceField, self.fields["from_contact"]).choices = contact_choices
        if not self.cases:
            del self.fields["case"]
        if not self.contacts:
            del self.fields["from_contact"]

    def chosen_case(self) -> AsbCase | None:
        return self.cases.get(self.cleaned_data.get("case") or "")

    def chosen_contact(self) -> Event | None:
        return self.contacts.get(self.cleaned_data.get("from_contact") or "")

    def chosen_reporter(self) -> Person | None:
        return self.people.get(self.cleaned_data.get("reporter") or "")

    def police(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("police_involved") or "")


class WhenForm(GovukForm):
    occurred = WhenField(
        label=_("When? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now."),
    )


class DeclineForm(GovukForm):
    reason_code = forms.ChoiceField(
        label=_("Why is the case declined?"),
        choices=DECLINE_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "Only for a reason the ASB policy allows. Not having reported it to the police is "
            "never one."
        ),
        error_messages={"required": _("Select the reason")},
    )
    reason = forms.CharField(
        label=_("Explain the decision, as the reporter is told it"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    occurred = WhenForm.base_fields["occurred"]


class RiskFields(GovukForm):
    """The risk matrix's questions, each a set of radios; a level raised with a reason."""

    domain_fields = {"answers": "vulnerability"}

    raised_to = forms.ChoiceField(
        label=_("Raise the level above the score's? (optional)"),
        choices=[("", _("No: use the score's level")), *list(RiskLevel.choices)],
        required=False,
        help_text=_("An officer may raise it, with a reason, never lower it."),
    )
    raise_reason = forms.CharField(
        label=_("Why is it raised?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        matrix = {
            factor: forms.ChoiceField(
                label=str(QUESTIONS[factor]),
                choices=answer_choices(factor),
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this question")},
            )
            for factor in RISK_FACTORS
        }
        self.fields = {**matrix, **self.fields}

    def answers(self) -> dict[str, str]:
        return {f: self.cleaned_data[f] for f in RISK_FACTORS}


class AssessForm(RiskFields):
    occurred = WhenForm.base_fields["occurred"]


class ActionForm(GovukForm):
    type = forms.ChoiceField(
        label=_("What is the action?"),
        choices=[("", _("Choose")), *list(ActionType.choices)],
        error_messages={"required": _("Select the action")},
    )
    against = forms.CharField(
        label=_("Who is it directed at? (optional)"),
        required=False,
        max_length=300,
        help_text=_(
            "Leave blank for an action that involves only the reporter. A letter, visit, "
            "warning or other action directed at the person reported tells them they were "
            "reported."
        ),
    )
    details = forms.CharField(
        label=_("What was done?"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    agency = forms.ChoiceField(
        label=_("For a referral: who to?"),
        choices=[("", _("Not a referral")), *list(Agency.choices)],
        required=False,
    )
    agency_name = forms.CharField(label=_("Agency's name"), required=False, max_length=200)
    next_step = forms.CharField(
        label=_("The agreed next step (optional)"),
        required=False,
        max_length=500,
        help_text=_("It goes on the promise ledger, with its date."),
    )
    next_step_due = WhenField(label=_("By when?"), required=False)
    override_reason = forms.CharField(
        label=_("Manager's reason to act inside the reporter's delay (managers only)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    occurred = WhenField(
        label=_("When was it done? (optional)"),
        with_time=True,
        required=False,
        help_text=_("Leave blank for now."),
    )

    def __init__(self, *args: Any, can_override: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_override:
            del self.fields["override_reason"]


class ReviewForm(RiskFields):
    summary = forms.CharField(
        label=_("What has happened since the last review?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Enter a summary of the review")},
    )
    reporter_updated = forms.ChoiceField(
        label=_("How was the reporter updated?"),
        choices=ReporterUpdated.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the reporter was updated")},
    )
    to = forms.CharField(
        label=_("Email address or mobile number (to send a message)"),
        required=False,
        max_length=320,
    )
    occurred = WhenForm.base_fields["occurred"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        order = ["summary", *RISK_FACTORS, "raised_to", "raise_reason", "reporter_updated", "to"]
        self.fields = {name: self.fields[name] for name in [*order, "occurred"]}


class CloseForm(GovukForm):
    reason = forms.CharField(
        label=_("Why is the case closed?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Enter the reason")},
    )
    told = forms.ChoiceField(
        label=_("How is the reporter told?"),
        choices=ClosingTold.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the reporter is told")},
    )
    to = forms.CharField(
        label=_("Email address or mobile number (to send a message)"),
        required=False,
        max_length=320,
    )
    not_told_reason = forms.CharField(
        label=_("Why is the reporter not told?"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    occurred = WhenForm.base_fields["occurred"]


class CaseReviewForm(GovukForm):
    to = forms.CharField(
        label=_("Email address or mobile number to send it to"),
        max_length=320,
        error_messages={"required": _("Enter the reporter's email address or mobile number")},
    )


class ListForm(forms.Form):
    risk = forms.ChoiceField(
        label=_("Risk"),
        required=False,
        choices=[("", _("Any risk")), *list(RiskLevel.choices)],
    )
    closed = forms.BooleanField(label=_("Include closed and declined"), required=False)
