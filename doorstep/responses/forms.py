"""The response draft's forms: the draft as a whole, and one row per point, commitment and
claim (Django formsets, each with a few blank rows to add to). Shape only: what a response must
say is checked by `services.response_send`, whose refusals come back on the right field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from doorstep.core.forms import GovukForm, WhenField
from doorstep.responses.choices import ResponseDecision, escalation_wording
from doorstep.responses.models import ResponseDraft
from doorstep.timeline.when import When

LONG = 20000
BLANK_ROWS = 2
DECISIONS = [("", _("Choose the decision")), *ResponseDecision.choices]


class DraftForm(GovukForm):
    understood = forms.CharField(
        label=_("The complaint, as you understand it"),
        help_text=_(
            "Define the complaint in your own words: what went wrong, and what the "
            "resident wants put right"
        ),
        max_length=LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    outcome = forms.ChoiceField(
        label=_("Overall outcome"),
        choices=ResponseDecision.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    remedy = forms.CharField(
        label=_("What will be put right"),
        help_text=_(
            "The remedy, and any compensation offered (record the offer itself on "
            "the case's compensation)"
        ),
        max_length=LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    outstanding = forms.CharField(
        label=_("Actions still outstanding"),
        help_text=_("What is not yet done, and how the resident will be kept updated"),
        max_length=LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    escalation = forms.CharField(
        label=_("How to take it further"),
        help_text=_(
            "Stage 1: how to escalate to stage 2. Stage 2: how and when to go to the "
            "Housing Ombudsman, with the Ombudsman's details"
        ),
        max_length=LONG,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    send_to = forms.CharField(
        label=_("Send it to"),
        help_text=_(
            "The resident's email address or mobile number, as they asked to be "
            "contacted; leave empty if it is posted"
        ),
        max_length=320,
        required=False,
    )
    posted = forms.BooleanField(label=_("It is posted to the resident's address"), required=False)


class PointForm(GovukForm):
    point = forms.CharField(label=_("What the resident raised"), max_length=2000, required=False)
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, required=False)
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=LONG,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class CommitmentForm(GovukForm):
    action = forms.CharField(label=_("What will be done"), max_length=2000, required=False)
    due = WhenField(
        label=_("Done by"),
        help_text=_("A date from today on, for example 27 3 2025"),
        vague=True,
        required=False,
    )
    job = forms.CharField(
        label=_("Job (for works)"),
        help_text=_("The job's reference"),
        max_length=100,
        required=False,
    )
    items = forms.CharField(
        label=_("Items of the job"),
        help_text=_("Item ids, separated by commas; leave empty for the whole job"),
        max_length=500,
        required=False,
    )


class ClaimForm(GovukForm):
    commitment = forms.CharField(
        label=_("Commitment said to be kept"),
        help_text=_("Its reference, for example COM-2024-000001"),
        max_length=100,
        required=False,
    )
    job = forms.CharField(label=_("Or a job said to be done"), max_length=100, required=False)
    items = forms.CharField(
        label=_("Items of the job"),
        help_text=_("Separated by commas"),
        max_length=500,
        required=False,
    )
    action = forms.CharField(
        label=_("Or an action said to be done"),
        help_text=_("For example 'spoke to the neighbours'"),
        max_length=2000,
        required=False,
    )


PointFormSet = formset_factory(PointForm, extra=0)
CommitmentFormSet = formset_factory(CommitmentForm, extra=0)
ClaimFormSet = formset_factory(ClaimForm, extra=0)


def _due_initial(text: str) -> Any:
    """A due date's parts for the date input (day, month, year), as precise as it was given."""
    if not text:
        return None
    try:
        when = When.parse(text)
    except ValueError:
        return None
    day = when.earliest_date
    return [
        day.day if len(text) >= 10 else None,
        day.month if len(text) >= 7 else None,
        day.year,
        None,
        None,
    ]


def _rows(saved: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [*saved, *({} for _ in range(BLANK_ROWS))]


class DraftForms:
    """The draft form and its three formsets, bound to a POST or filled from the draft."""

    def __init__(self, data: Any = None, *, stage: int, draft: ResponseDraft | None = None) -> None:
        points = draft.points if draft else []
        commitments = [
            {**c, "due": _due_initial(c.get("due") or ""), "items": ", ".join(c.get("items") or [])}
            for c in (draft.commitments if draft else [])
        ]
        claims = [
            {**c, "items": ", ".join(c.get("items") or [])}
            for c in (draft.claims_done if draft else [])
        ]
        initial = (
            {
                f: getattr(draft, f)
                for f in (
                    "understood",
                    "outcome",
                    "remedy",
                    "outstanding",
                    "escalation",
                    "send_to",
                    "posted",
                )
            }
            if draft
            else {"escalation": escalation_wording(stage)}
        )
        self.main = DraftForm(data, initial=initial)
        # Bound, the rows are read as posted: a row equal to its initial value would count as
        # unchanged (and be dropped) were the draft's rows given as initial too.
        bound = data is not None
        self.points = PointFormSet(data, prefix="points", initial=None if bound else _rows(points))
        self.commitments = CommitmentFormSet(
            data, prefix="commitments", initial=None if bound else _rows(commitments)
        )
        self.claims = ClaimFormSet(data, prefix="claims", initial=None if bound else _rows(claims))

    def error_summary(self) -> list[dict[str, str]]:
        """Every problem on the page, in page order, for the GOV.UK error summary."""
        items = self.main.error_summary()
        for formset in (self.points, self.commitments, self.claims):
            for form in formset:
                items += form.error_summary()
        return items

    def is_valid(self) -> bool:
        return all(
            [
                self.main.is_valid(),
                self.points.is_valid(),
                self.commitments.is_valid(),
                self.claims.is_valid(),
            ]
        )

    def content(self) -> dict[str, Any]:
        """The draft's content, as `services.response_draft_save` takes it."""
        main = self.main.cleaned_data
        return {
            "understood": main["understood"],
            "outcome": main["outcome"],
            "remedy": main["remedy"],
            "outstanding": main["outstanding"],
            "escalation": main["escalation"],
            "send_to": main["send_to"],
            "posted": main["posted"],
            "points": [f.cleaned_data for f in self.points if f.cleaned_data],
            "commitments": [
                {**f.cleaned_data, "due": f.cleaned_data.get("due") or ""}
                for f in self.commitments
                if f.cleaned_data
            ],
            "claims_done": [f.cleaned_data for f in self.claims if f.cleaned_data],
        }
