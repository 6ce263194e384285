"""The household page, the contact log's forms, and opening a case from a contact.

The household page lives here, not in `residents`, because it gathers cases and documents,
which people-and-places apps may not import (pyproject.toml's import contracts). Apps above
contacts add their sections to it (the running clocks, from `deadlines`) through
`HOUSEHOLD_PAGE_SECTIONS`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.models import Case
from doorstep.cases.selectors import cases_for_household
from doorstep.cases.views import CASE_PAGE_SECTIONS, PageSections
from doorstep.contacts.forms import ContactForm, OpenCaseForm
from doorstep.contacts.selectors import case_contact_suggestions, contact_get, household_record
from doorstep.contacts.services import case_open_from_contact, contact_record
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail
from doorstep.timeline.models import Event

# Sections of the household page, each given the request and the `household`.
HOUSEHOLD_PAGE_SECTIONS = PageSections()


@CASE_PAGE_SECTIONS.register(
    key="contact-suggestions",
    template="contacts/includes/case_suggestions.html",
    permission="cases.view_case",
    order=5,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """Triage's suggestions for the contacts received on the case (docs/triage.md)."""
    return {"contacts": case_contact_suggestions(case=case, user=request.user)}


@require_GET
@staff_view("residents.view_household")
def household_page(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        record = household_record(reference=reference, user=request.user, at=timezone.now())
    except Household.DoesNotExist:
        raise Http404 from None
    sections = HOUSEHOLD_PAGE_SECTIONS.shown(request, household=record.household)
    # After adding a contact, its suggestions at the top of the page (`contact_add`).
    added = record.suggestions_for(request.GET.get("added", ""))
    context = {"record": record, "sections": sections, "added": added}
    return render(request, "contacts/household.html", context)


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", "timeline.add_event")
def contact_add(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    cases = list(cases_for_household(household=household, open_only=True))
    initial = {"case": request.GET.get("case"), "occurred": timezone.localdate()}
    form = ContactForm(request.POST or None, cases=cases, initial=initial)
    if request.method == "POST" and form.is_valid():
        data, case = form.cleaned_data, form.chosen_case()
        try:
            contact = contact_record(
                actor=actor(request),
                household=household,
                direction=data["direction"],
                channel=data["channel"],
                party=data["party"],
                text=data["text"],
                occurred=data["occurred"],
                at=timezone.now(),
                case=case,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Contact added to the record."))
            if case is not None and request.GET.get("case") == case.reference:
                return redirect("cases:case", case.reference)
            # Land on the household page with the contact's suggestions, if it has any.
            url = reverse("contacts:household", args=[household.reference])
            return redirect(f"{url}?added={contact.uid}#event-{contact.uid}")
    return render(request, "contacts/contact_add.html", {"household": household, "form": form})


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", "cases.add_case")
def case_open_view(request: HttpRequest, reference: str, uid: uuid.UUID) -> HttpResponse:
    try:
        contact = contact_get(household_reference=reference, uid=uid)
    except Event.DoesNotExist:
        raise Http404 from None
    title = Truncator(contact.data.get("text", "")).chars(80)
    form = OpenCaseForm(request.POST or None, initial={"title": title})
    if request.method == "POST" and form.is_valid():
        try:
            case = case_open_from_contact(
                actor=actor(request),
                contact=contact,
                case_type=form.cleaned_data["case_type"],
                title=form.cleaned_data["title"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Case opened from the contact."))
            return redirect("cases:case", case.reference)
    return render(request, "contacts/case_open.html", {"contact": contact, "form": form})
