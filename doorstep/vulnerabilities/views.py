"""Recording a vulnerability in the register, from the household page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from doorstep.core.errors import DomainError
from doorstep.core.views import actor, staff_view
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail
from doorstep.vulnerabilities.choices import Category
from doorstep.vulnerabilities.forms import VulnerabilityForm
from doorstep.vulnerabilities.services import vulnerability_record


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", "vulnerabilities.add_vulnerability")
def vulnerability_add(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    people = [m.person for m in household.members.all() if m.left_on is None]
    # A suggestion on a contact names the category (`contacts.selectors.contact_suggestions`).
    category = request.GET.get("category")
    initial = {"category": category} if category in Category.values else {}
    form = VulnerabilityForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vulnerability_record(
                actor=actor(request),
                household=household,
                person=form.chosen_person(),
                category=data["category"],
                source=data["source"],
                source_detail=data["source_detail"],
                learned=data["learned"],
                at=timezone.now(),
                consent_to_record=data["consent_to_record"] == "yes",
                detail=data["detail"],
                review_on=data["review_on"].earliest_date if data["review_on"] else None,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Vulnerability recorded."))
            return redirect("contacts:household", household.reference)
    return render(request, "vulnerabilities/add.html", {"household": household, "form": form})
