"""Permission pages: the permissions list (waiting for a decision first), asking for permission
for a household, deciding and withdrawing, the pet check any officer can use, and the sections
of the case page (a permission case's request and decision; on an ASB case with a report about
pets, the pet permission of the household it is about) and of the household page (the
household's permissions with their conditions).

Only here is the clock read: each view passes now to the services.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.choices import CaseType
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.views import actor, form_step, staff_view
from doorstep.permits.forms import CheckForm, DecideForm, ListForm, RequestForm, WithdrawForm
from doorstep.permits.models import TenancyPermission
from doorstep.permits.selectors import (
    household_named,
    households_named,
    permit_for_case,
    permits_for_household,
    permits_list,
    pet_permission_check,
    pet_reports,
)
from doorstep.permits.services import (
    AlterationIn,
    PetIn,
    permission_decide,
    permission_request,
    permission_withdraw,
)
from doorstep.residents.models import Household
from doorstep.residents.selectors import household_detail

VIEW = "permits.view_tenancypermission"
REQUEST = ("residents.view_household", "permits.request_permit")
DECIDE = ("cases.view_case", "permits.decide_permit")
PAGE_SIZE = 50
UNKNOWN_HOUSEHOLD = _("There is no household with the reference {reference}.")


@require_GET
@staff_view(VIEW)
def permits_page(request: HttpRequest) -> HttpResponse:
    """Every permission, those waiting for a decision first."""
    form = ListForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    found = permits_list(
        user=request.user, status=data.get("status") or "", subject=data.get("subject") or ""
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "permits/list.html", {"form": form, "page": page, "nav": "permissions"})


@require_GET
@staff_view(VIEW, "residents.view_household")
def check_page(request: HttpRequest) -> HttpResponse:
    """The pet permissions on record for a household, looked up by its reference (read only)."""
    form = CheckForm(request.GET or None)
    check = None
    if form.is_valid():
        reference = form.cleaned_data["household"].strip()
        household = household_named(reference=reference)
        if household is None:
            form.add_error("household", str(UNKNOWN_HOUSEHOLD).format(reference=reference))
        else:
            check = pet_permission_check(household=household, on=timezone.localdate())
    return render(request, "permits/check.html", {"form": form, "check": check})


@require_http_methods(["GET", "POST"])
@staff_view(*REQUEST)
def request_view(request: HttpRequest, reference: str) -> HttpResponse:
    """Ask for permission: record a tenant's request (opens a permission case)."""
    try:
        household = household_detail(reference=reference)
    except Household.DoesNotExist:
        raise Http404 from None
    form = RequestForm(request.POST or None, initial={"channel": "phone"})
    made: list[TenancyPermission] = []

    def act(data: Mapping[str, Any]) -> None:
        made.append(
            permission_request(
                actor=actor(request),
                household=household,
                subject=data["subject"],
                detail=data["detail"],
                pet=PetIn(data["pet_species"], data["pet_number"], data["pet_description"]),
                alteration=AlterationIn(data["alteration_what"], data["alteration_where"]),
                channel=data["channel"],
                occurred=data["occurred"],
                at=timezone.now(),
            )
        )

    response = form_step(
        request,
        form=form,
        act=act,
        done=_("Request for permission recorded."),
        then=reverse("contacts:household", args=[household.reference]),
        template="permits/request.html",
        context={"household": household},
    )
    if made and response.status_code == 302:
        response["Location"] = reverse("cases:case", args=[made[0].case.reference]) + "#permission"
    return response


def _permit(request: HttpRequest, reference: str) -> TenancyPermission:
    try:
        case = case_visible(reference=reference, user=request.user)
        return permit_for_case(case=case)
    except (Case.DoesNotExist, TenancyPermission.DoesNotExist):
        raise Http404 from None


def _back(permit: TenancyPermission) -> str:
    return reverse("cases:case", args=[permit.case.reference]) + "#permission"


@require_http_methods(["GET", "POST"])
@staff_view(*DECIDE)
def decide_view(request: HttpRequest, reference: str) -> HttpResponse:
    permit = _permit(request, reference)
    form = DecideForm(request.POST or None)

    def act(data: Mapping[str, Any]) -> None:
        permission_decide(
            actor=actor(request),
            permit=permit,
            outcome=data["outcome"],
            conditions=form.condition_list(),
            reason=data["reason"],
            review_on=data["review_on"].latest_date if data.get("review_on") else None,
            occurred=data.get("occurred") or None,
            at=timezone.now(),
        )

    return form_step(
        request,
        form=form,
        act=act,
        done=_("Decision recorded."),
        then=_back(permit),
        template="permits/step.html",
        context={
            "permit": permit,
            "case": permit.case,
            "heading": _("Decide the request"),
            "submit": _("Record the decision"),
        },
    )


@require_http_methods(["GET", "POST"])
@staff_view(*DECIDE)
def withdraw_view(request: HttpRequest, reference: str) -> HttpResponse:
    permit = _permit(request, reference)
    form = WithdrawForm(request.POST or None)

    def act(data: Mapping[str, Any]) -> None:
        permission_withdraw(
            actor=actor(request),
            permit=permit,
            reason=data["reason"],
            occurred=data.get("occurred") or None,
            at=timezone.now(),
        )

    return form_step(
        request,
        form=form,
        act=act,
        done=_("Permission withdrawn."),
        then=_back(permit),
        template="permits/step.html",
        context={
            "permit": permit,
            "case": permit.case,
            "heading": _("Withdraw the permission"),
            "submit": _("Withdraw the permission"),
        },
    )


# --- the case page and the household page ----------------------------------------------------


@CASE_PAGE_SECTIONS.register(
    key="permission",
    template="permits/includes/case_permission.html",
    permission=VIEW,
    order=14,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """A permission case's request and decision, with the ways in to decide or withdraw."""
    if case.case_type != CaseType.PERMISSION:
        return {"case": case, "shown": False}
    try:
        permit = permit_for_case(case=case)
    except TenancyPermission.DoesNotExist:
        return {"case": case, "shown": True, "permit": None}
    return {"case": case, "shown": True, "permit": permit}


@CASE_PAGE_SECTIONS.register(
    key="pet_permission",
    template="permits/includes/case_pet_check.html",
    permission=VIEW,
    order=15,
)
def pet_check_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """On an ASB case whose reports include one about pets: the pet permission on record for
    the household each report is about, on the day of the report; where no household is named,
    a way to look one up."""
    if case.case_type != CaseType.ASB:
        return {"case": case, "shown": False}
    reports = pet_reports(case=case)
    if not reports:
        return {"case": case, "shown": False}
    checks = []
    for household in households_named(reports):
        about = [r for r in reports if r.household is not None and r.household.pk == household.pk]
        latest = about[-1]
        checks.append(pet_permission_check(household=household, on=latest.on, words=latest.words))
    unnamed = [r for r in reports if r.household is None]
    return {
        "case": case,
        "shown": True,
        "checks": checks,
        "unnamed": unnamed,
        "form": CheckForm(),
    }


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="permissions",
    template="permits/includes/household_permissions.html",
    permission=VIEW,
    order=27,
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """The household's permissions (pets, alterations, other) with their conditions, and the
    way in to record a request."""
    return {"household": household, "permits": permits_for_household(household=household)}
