"""The residents' portal: signing in (by an invitation, or registering with the tenancy
reference and a code), and the household's own cases. Staff invite from the household page.

Who may see what is decided once, in `selectors`: a resident's pages read only their own
household. `middleware.PortalBoundary` keeps residents inside `/portal/` and staff out of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods

from doorstep.cases.choices import CaseStatus, CaseType
from doorstep.cases.models import Case
from doorstep.contacts.views import HOUSEHOLD_PAGE_SECTIONS
from doorstep.core.access import Access, declare, public_view
from doorstep.core.errors import DomainError
from doorstep.core.views import View, actor, form_step, staff_view
from doorstep.documents.services import document_open
from doorstep.portal.choices import AccountKind
from doorstep.portal.forms import (
    AdjustmentForm,
    AsbForm,
    CodeForm,
    ConfirmForm,
    EscalateForm,
    InviteForm,
    PasswordChoiceForm,
    PreferenceForm,
    RegisterForm,
    ReportForm,
    ResidentSignInForm,
    ShareForm,
    TellForm,
    UnsuitableForm,
)
from doorstep.portal.models import PortalAccount, PortalKey
from doorstep.portal.selectors import (
    account_of,
    claimed_done,
    claimed_promise,
    may,
    resident_appointment,
    resident_appointments,
    resident_case,
    resident_cases,
    resident_dates,
    resident_document,
    resident_documents,
    resident_timeline,
)
from doorstep.portal.services import (
    CODE_WRONG,
    Photo,
    invitation_for,
    portal_account_open,
    portal_adjustment_record,
    portal_appointment_unsuitable,
    portal_asb_report,
    portal_code_check,
    portal_code_send,
    portal_confirm_done,
    portal_escalate,
    portal_invite,
    portal_preference_set,
    portal_report,
    portal_tell,
    portal_vulnerability_share,
)
from doorstep.residents.choices import ThirdPartyScope
from doorstep.residents.models import ContactPreference, Household, ReasonableAdjustment

# What only a member of the household may do (their own details), whatever a consent says.
RESIDENTS_ONLY = "residents only"
# The registration key a code was sent for, between the two steps of registering.
SESSION_KEY = "portal_registration_key"
BACKEND = "django.contrib.auth.backends.ModelBackend"
ResidentView = Callable[..., HttpResponse]


class ResidentSignInView(LoginView):
    template_name = "portal/sign_in.html"
    authentication_form = ResidentSignInForm
    redirect_authenticated_user = False

    def get_default_redirect_url(self) -> str:
        return reverse("portal:home")


class ResidentSignOutView(LogoutView):
    """POST only, as for staff."""

    next_page = "portal:signed-out"


@require_GET
@public_view("says only that the resident has signed out")
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/signed_out.html")


def _case_url(case: Case) -> str:
    return reverse("portal:case", args=[case.reference])


def _received(case: Case) -> str:
    """What the resident is told when what they sent opened a case."""
    said = (
        _("We have your complaint. Its reference is %(reference)s.")
        if case.case_type == CaseType.COMPLAINT
        else _("We have your report. Its reference is %(reference)s.")
        if case.case_type in (CaseType.REPAIR, CaseType.HAZARD, CaseType.ASB)
        else _("We have your message. Its reference is %(reference)s.")
    )
    return said % {"reference": case.reference}


def _can(account: PortalAccount) -> dict[str, bool]:
    """What the account may do, for the pages to offer only that."""
    return {
        "repairs": may(account, ThirdPartyScope.REPAIRS),
        "complaints": may(account, ThirdPartyScope.COMPLAINTS),
        "asb": may(account, ThirdPartyScope.ASB),
        "details": account.kind == AccountKind.RESIDENT,
    }


def _resident(request: HttpRequest, scope: str = "") -> PortalAccount | HttpResponse:
    """The signed-in resident's account, or the way to sign in. With `scope`, a
    representative outside the consent's scope is refused (403); `RESIDENTS_ONLY`, anyone but a
    member of the household."""
    account = account_of(request.user, on=timezone.localdate())
    if account is None:
        return redirect(f"{reverse('portal:sign-in')}?next={request.path}")
    if scope == RESIDENTS_ONLY and account.kind != AccountKind.RESIDENT:
        raise PermissionDenied
    if scope and scope != RESIDENTS_ONLY and not may(account, scope):
        raise PermissionDenied
    return account


def resident_view(scope: str = "") -> Callable[[ResidentView], View]:
    """A portal page: signed in as a resident or representative (else to the portal's sign-in),
    within `scope` (else 403); the view is handed the account. Declares its access for the walk
    over every URL (`core/tests/test_access.py`)."""

    def wrap(view: ResidentView) -> View:
        @wraps(view)
        def page(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            account = _resident(request, scope)
            if isinstance(account, HttpResponse):
                return account
            return view(request, account, *args, **kwargs)

        return declare(page, Access.for_residents(scope or "any account"))

    return wrap


@require_GET
@resident_view()
def home(request: HttpRequest, account: PortalAccount) -> HttpResponse:
    cases = list(resident_cases(account))
    return render(
        request,
        "portal/home.html",
        {
            "account": account,
            "can": _can(account),
            "household": account.household,
            "open_cases": [c for c in cases if c.status == CaseStatus.OPEN],
            "closed_cases": [c for c in cases if c.status != CaseStatus.OPEN],
        },
    )


@require_GET
@resident_view()
def case_page(request: HttpRequest, account: PortalAccount, reference: str) -> HttpResponse:
    case = resident_case(account, reference)
    if case is None:
        raise Http404
    dates, promises = resident_dates(case, as_of=timezone.localdate())
    return render(
        request,
        "portal/case.html",
        {
            "account": account,
            "can": _can(account),
            "case": case,
            "timeline": resident_timeline(account, case),
            "dates": dates,
            "promises": promises,
            "claimed": claimed_done(account, case),
            "appointments": resident_appointments(case),
            "documents": resident_documents(account, case),
            "complaint": getattr(case, "complaint", None)
            if case.case_type == CaseType.COMPLAINT
            else None,
        },
    )


@require_http_methods(["GET", "POST"])
@resident_view(ThirdPartyScope.REPAIRS)
def report(request: HttpRequest, account: PortalAccount) -> HttpResponse:
    """Report a problem in the home: damp or mould, or a repair, with photos."""
    form = ReportForm(request.POST or None, request.FILES or None)
    return form_step(
        request,
        form=form,
        act=lambda data: portal_report(
            account=account,
            problem=data["problem"],
            urgency=data.get("urgency") or "",
            location=data["location"],
            description=data["description"],
            access=data.get("access") or "",
            photos=[Photo(f.read(), f.name or "") for f in data.get("photos") or []],
            at=timezone.now(),
        ),
        done=_received,
        then=_case_url,
        template="portal/report.html",
        context={"account": account},
    )


@require_http_methods(["GET", "POST"])
@resident_view(ThirdPartyScope.COMPLAINTS)
def tell(request: HttpRequest, account: PortalAccount) -> HttpResponse:
    """Tell us anything, in your own words: a complaint or a request, as the triage reads it."""
    return form_step(
        request,
        form=TellForm(request.POST or None),
        act=lambda data: portal_tell(account=account, text=data["text"], at=timezone.now()),
        done=_received,
        then=_case_url,
        template="portal/tell.html",
        context={"account": account},
    )


@require_http_methods(["GET", "POST"])
@resident_view(ThirdPartyScope.ASB)
def asb(request: HttpRequest, account: PortalAccount) -> HttpResponse:
    """Report anti-social behaviour."""
    form = AsbForm(request.POST or None)
    return form_step(
        request,
        form=form,
        act=lambda data: portal_asb_report(
            account=account,
            category=data["category"],
            text=data["text"],
            location=data.get("location") or "",
            alleged_perpetrator=data.get("alleged_perpetrator") or "",
            police_involved=form.police(),
            crime_reference=data.get("crime_reference") or "",
            delay_days=data.get("delay_days"),
            at=timezone.now(),
        ),
        done=_received,
        then=_case_url,
        template="portal/asb.html",
        context={"account": account},
    )


@require_GET
@resident_view(RESIDENTS_ONLY)
def details(request: HttpRequest, account: PortalAccount) -> HttpResponse:
    """Your details: how we contact you, what helps you, and telling us something we should
    know. Shows only what the resident gave: the contact preference and adjustments on record
    for them, never the register's detail."""
    person = account.person
    return render(
        request,
        "portal/details.html",
        {
            "account": account,
            "preference": ContactPreference.objects.filter(person=person).first(),
            "adjustments": list(ReasonableAdjustment.objects.filter(person=person).order_by("pk")),
        },
    )


# Each details form: its form class, the service call, the message after it, its heading.
DETAIL_FORMS: dict[str, tuple[Any, Any, Any, Any]] = {
    "contact": (
        PreferenceForm,
        lambda account, data, at: portal_preference_set(
            account=account,
            channel=data["channel"],
            language=data.get("language") or "",
            notes=data.get("notes") or "",
            at=at,
        ),
        _lazy("We will contact you as you asked."),
        _lazy("How we contact you"),
    ),
    "help": (
        AdjustmentForm,
        lambda account, data, at: portal_adjustment_record(
            account=account, kind=data["kind"], detail=data.get("detail") or "", at=at
        ),
        _lazy("We have recorded what helps you."),
        _lazy("What would help you"),
    ),
    "share": (
        ShareForm,
        lambda account, data, at: portal_vulnerability_share(
            account=account,
            person=data["person"],
            category=data["category"],
            detail=data.get("detail") or "",
            consent=bool(data.get("consent")),
            at=at,
        ),
        _lazy("Thank you for telling us. We have recorded it."),
        _lazy("Tell us something we should know about you or your household"),
    ),
}


@require_http_methods(["GET", "POST"])
@resident_view(RESIDENTS_ONLY)
def detail_form(request: HttpRequest, account: PortalAccount, which: str) -> HttpResponse:
    if which not in DETAIL_FORMS:
        raise Http404
    form_class, act, done, heading = DETAIL_FORMS[which]
    extra = {"household": account.household} if form_class is ShareForm else {}
    return form_step(
        request,
        form=form_class(request.POST or None, **extra),
        act=lambda data: act(account, data, timezone.now()),
        done=done,
        then=reverse("portal:details"),
        template="portal/detail_form.html",
        context={"account": account, "heading": str(heading)},
    )


@require_GET
@resident_view()
def document(
    request: HttpRequest, account: PortalAccount, reference: str, document: str
) -> HttpResponse:
    """A document of the case the household may read (`selectors.resident_documents`),
    checked against its checksum, as an attachment never cached."""
    case = resident_case(account, reference)
    found = resident_document(account, case, document) if case is not None else None
    if case is None or found is None:
        raise Http404
    try:
        content = document_open(document=found)
    except DomainError:
        raise Http404 from None
    response = HttpResponse(content, content_type=found.content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=found.original_name) or "attachment"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@resident_view(ThirdPartyScope.REPAIRS)
def unsuitable(
    request: HttpRequest, account: PortalAccount, reference: str, appointment: str
) -> HttpResponse:
    """Say an appointment does not suit."""
    case = resident_case(account, reference)
    visit = resident_appointment(case, appointment) if case is not None else None
    if case is None or visit is None:
        raise Http404
    return form_step(
        request,
        form=UnsuitableForm(request.POST or None),
        act=lambda data: portal_appointment_unsuitable(
            account=account, appointment=visit, words=data["words"], at=timezone.now()
        ),
        done=_("Thank you. We will contact you to arrange another time."),
        then=_case_url(case),
        template="portal/unsuitable.html",
        context={"account": account, "case": case, "appointment": visit},
    )


@require_http_methods(["GET", "POST"])
@resident_view(ThirdPartyScope.REPAIRS)
def confirm(request: HttpRequest, account: PortalAccount, reference: str, pk: int) -> HttpResponse:
    """Confirm or dispute work we say is done."""
    case = resident_case(account, reference)
    promise = claimed_promise(account, case, pk) if case is not None else None
    if case is None or promise is None:
        raise Http404
    return form_step(
        request,
        form=ConfirmForm(request.POST or None),
        act=lambda data: portal_confirm_done(
            account=account,
            commitment=promise,
            done=data["done"] == "yes",
            words=data.get("words") or "",
            at=timezone.now(),
        ),
        done=_("Thank you: we have recorded your answer."),
        then=_case_url(case),
        template="portal/confirm.html",
        context={"account": account, "case": case, "promise": promise},
    )


@require_http_methods(["GET", "POST"])
@resident_view(ThirdPartyScope.COMPLAINTS)
def escalate(request: HttpRequest, account: PortalAccount, reference: str) -> HttpResponse:
    """Ask for a complaint to go to stage 2."""
    case = resident_case(account, reference)
    if case is None or case.case_type != CaseType.COMPLAINT:
        raise Http404
    return form_step(
        request,
        form=EscalateForm(request.POST or None),
        act=lambda data: portal_escalate(
            account=account, case=case, text=data["text"], at=timezone.now()
        ),
        done=_("Your complaint has gone to stage 2."),
        then=_case_url(case),
        template="portal/escalate.html",
        context={"account": account, "case": case},
    )


@require_http_methods(["GET", "POST"])
@public_view("registering is done signed out; it tells no one whether the details matched")
def register(request: HttpRequest) -> HttpResponse:
    """Step 1: the tenancy reference and a contact on record; a code goes to the contact.
    The same answer whether or not they matched."""
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key = portal_code_send(
            tenancy_reference=form.cleaned_data["tenancy"],
            contact=form.cleaned_data["contact"],
            at=timezone.now(),
        )
        request.session[SESSION_KEY] = key.pk if key is not None else None
        request.session["portal_registration_contact"] = form.cleaned_data["contact"]
        return redirect("portal:register-code")
    return render(request, "portal/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
@public_view("the code's step of registering: needs the key the first step put in the session")
def register_code(request: HttpRequest) -> HttpResponse:
    """Step 2: the code, and a password; the account opens and the resident is signed in."""
    if "portal_registration_contact" not in request.session:
        return redirect("portal:register")
    form = CodeForm(request.POST or None)
    key_id = request.session.get(SESSION_KEY)
    if request.method == "POST" and form.is_valid():
        at = timezone.now()
        key = PortalKey.objects.filter(pk=key_id).first() if key_id else None
        try:
            if key is None:
                # Nothing was sent (the details did not match): the same answer as a wrong code.
                raise DomainError(str(CODE_WRONG), field="code")
            portal_code_check(key=key, code=form.cleaned_data["code"], at=at)
            account = portal_account_open(key=key, password=form.cleaned_data["password"], at=at)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            for name in (SESSION_KEY, "portal_registration_contact"):
                request.session.pop(name, None)
            login(request, account.user, backend=BACKEND)
            messages.success(request, _("Your account is open."))
            return redirect("portal:home")
    return render(
        request,
        "portal/register_code.html",
        {"form": form, "contact": request.session["portal_registration_contact"]},
    )


@require_http_methods(["GET", "POST"])
@public_view("an invitation's link: works once, for 14 days, for the holder of the token")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation's link: choose a password; the account opens and the resident is in."""
    at = timezone.now()
    try:
        key = invitation_for(token, at=at)
    except DomainError as error:
        return render(
            request, "portal/invitation_void.html", {"problem": error.message}, status=410
        )
    form = PasswordChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = portal_account_open(key=key, password=form.cleaned_data["password"], at=at)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            login(request, account.user, backend=BACKEND)
            messages.success(request, _("Your account is open."))
            return redirect("portal:home")
    return render(
        request, "portal/invitation.html", {"form": form, "key": key, "person": key.person}
    )


# --- staff: inviting from the household page -----------------------------------------------


@HOUSEHOLD_PAGE_SECTIONS.register(
    key="portal",
    template="portal/includes/household_portal.html",
    permission="portal.invite_portalaccount",
    order=28,
)
def household_section(*, request: HttpRequest, household: Household) -> Mapping[str, Any]:
    """Who in the household has a portal account, and the way to invite someone."""
    accounts = (
        PortalAccount.objects.filter(household=household, closed_at__isnull=True)
        .select_related("person")
        .order_by("pk")
    )
    return {"household": household, "accounts": list(accounts)}


@require_http_methods(["GET", "POST"])
@staff_view("residents.view_household", "portal.invite_portalaccount")
def invite(request: HttpRequest, reference: str) -> HttpResponse:
    household = Household.objects.filter(reference=reference).select_related("property").first()
    if household is None:
        raise Http404
    form = InviteForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        person = form.cleaned_data["person"]
        try:
            portal_invite(
                actor=actor(request),
                household=household,
                person=person,
                link=lambda token: request.build_absolute_uri(
                    reverse("portal:invitation", args=[token])
                ),
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, _("%(name)s has been invited to the portal.") % {"name": person.full_name}
            )
            return redirect("contacts:household", reference=household.reference)
    return render(request, "portal/invite.html", {"form": form, "household": household})
