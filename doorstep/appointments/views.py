"""Appointment pages: book a visit on a case, move it, cancel it, record it attended or
missed; and the case page's "Appointments" section (each appointment, where it stands, and its
history, with the ways in to each form).

Only here is the clock read: each view passes now to the services.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from doorstep.appointments import services
from doorstep.appointments.forms import (
    AppointmentForm,
    AttendForm,
    BookForm,
    CancelForm,
    MissForm,
    MoveForm,
)
from doorstep.appointments.models import Appointment
from doorstep.appointments.selectors import appointment_visible, appointments_for_case
from doorstep.cases.models import Case
from doorstep.cases.selectors import case_visible
from doorstep.cases.views import CASE_PAGE_SECTIONS
from doorstep.core.errors import DomainError, NotPermitted
from doorstep.core.views import actor, staff_view
from doorstep.deadlines.views import clocks_for_page, page_as_of
from doorstep.repairs.selectors import jobs_for_case

VIEW = "appointments.view_appointment"


def _done(case: Case) -> HttpResponse:
    return redirect(reverse("cases:case", args=[case.reference]) + "#appointments")


@require_http_methods(["GET", "POST"])
@staff_view("cases.view_case", VIEW, "appointments.add_appointment")
def book_view(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        case = case_visible(reference=reference, user=request.user)
    except Case.DoesNotExist:
        raise Http404 from None
    jobs = list(jobs_for_case(case=case, user=request.user))
    initial = {"job": jobs[0].reference} if len(jobs) == 1 else {}
    form = BookForm(request.POST or None, jobs=jobs, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booked = services.appointment_book(
                actor=actor(request),
                case=case,
                purpose=data["purpose"],
                job=data["job"],
                for_ref=data["for_ref"],
                items=form.item_ids(),
                date=form.day(),
                slot=data["slot"],
                window_start=data["window_start"],
                window_end=data["window_end"],
                at=timezone.now(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Appointment %(ref)s booked.") % {"ref": booked.reference})
            return _done(case)
    context = {"case": case, "form": form, "title": _("Book an appointment"), "button": _("Book")}
    return render(request, "appointments/form.html", context)


def _appointment(request: HttpRequest, reference: str) -> Appointment:
    try:
        return appointment_visible(reference=reference, user=request.user)
    except Appointment.DoesNotExist:
        raise Http404 from None


def _record(
    request: HttpRequest,
    reference: str,
    form_class: type[AppointmentForm],
    write: Callable[[Appointment, AppointmentForm], Appointment],
    *,
    title: Any,
    button: Any,
    done: Any,
) -> HttpResponse:
    """The shape every change takes: the form, the service, its refusal on the form."""
    appointment = _appointment(request, reference)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            write(appointment, form)
        except NotPermitted:
            raise PermissionDenied from None
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, str(done) % {"ref": appointment.reference})
            return _done(appointment.case)
    context = {
        "case": appointment.case,
        "appointment": appointment,
        "form": form,
        "title": title,
        "button": button,
    }
    return render(request, "appointments/form.html", context)


@require_http_methods(["GET", "POST"])
@staff_view(VIEW, "appointments.change_appointment")
def move_view(request: HttpRequest, reference: str) -> HttpResponse:
    def write(appointment: Appointment, form: AppointmentForm) -> Appointment:
        assert isinstance(form, MoveForm)  # noqa: S101 (narrowing for the type checker)
        data = form.cleaned_data
        return services.appointment_move(
            actor=actor(request),
            appointment=appointment,
            date=form.day(),
            slot=data["slot"],
            window_start=data["window_start"],
            window_end=data["window_end"],
            reason=data["reason"],
            at=timezone.now(),
            **form.told(),
        )

    return _record(
        request,
        reference,
        MoveForm,
        write,
        title=_("Move the appointment"),
        button=_("Move it"),
        done=_("Appointment %(ref)s moved."),
    )


@require_http_methods(["GET", "POST"])
@staff_view(VIEW, "appointments.change_appointment")
def cancel_view(request: HttpRequest, reference: str) -> HttpResponse:
    def write(appointment: Appointment, form: AppointmentForm) -> Appointment:
        assert isinstance(form, CancelForm)  # noqa: S101
        return services.appointment_cancel(
            actor=actor(request),
            appointment=appointment,
            reason=form.cleaned_data["reason"],
            at=timezone.now(),
            **form.told(),
        )

    return _record(
        request,
        reference,
        CancelForm,
        write,
        title=_("Cancel the appointment"),
        button=_("Cancel it"),
        done=_("Appointment %(ref)s cancelled."),
    )


@require_http_methods(["GET", "POST"])
@staff_view(VIEW, "appointments.attend_appointment")
def attend_view(request: HttpRequest, reference: str) -> HttpResponse:
    def write(appointment: Appointment, form: AppointmentForm) -> Appointment:
        return services.appointment_attend(
            actor=actor(request),
            appointment=appointment,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            at=timezone.now(),
        )

    return _record(
        request,
        reference,
        AttendForm,
        write,
        title=_("Record the visit"),
        button=_("Record it"),
        done=_("Appointment %(ref)s recorded attended."),
    )


@require_http_methods(["GET", "POST"])
@staff_view(VIEW, "appointments.attend_appointment")
def miss_view(request: HttpRequest, reference: str) -> HttpResponse:
    def write(appointment: Appointment, form: AppointmentForm) -> Appointment:
        return services.appointment_miss(
            actor=actor(request),
            appointment=appointment,
            by=form.cleaned_data["by"],
            reason=form.cleaned_data["reason"],
            at=timezone.now(),
        )

    return _record(
        request,
        reference,
        MissForm,
        write,
        title=_("Record a missed appointment"),
        button=_("Record it"),
        done=_("Appointment %(ref)s recorded missed."),
    )


@CASE_PAGE_SECTIONS.register(
    key="appointments",
    template="appointments/includes/case_appointments.html",
    permission=VIEW,
    order=25,
)
def case_section(*, request: HttpRequest, case: Case) -> Mapping[str, Any]:
    """The case's appointments, each with where it stands and its history, and the ways in to
    book, move, cancel and record them; each time one failed the resident (missed by the
    landlord, moved or cancelled without telling her, left unfinished), read from the replay
    the clocks section shows; and the appointments the record holds only as events (an
    imported chronology's), with theirs."""
    shown = appointments_for_case(case=case, user=request.user)
    visits = {
        str(v.data["appointment"]): v
        for v in clocks_for_page(request, case, page_as_of(request)).appointments
        if v.case.pk == case.pk
    }
    failures = {
        item.appointment.reference: visits.pop(item.appointment.reference).failures
        for item in shown
        if item.appointment.reference in visits
    }
    # A contractor sees only its own firm's appointments: the record's others are not shown.
    on_record = [] if getattr(request.user, "contractor_id", None) else list(visits.values())
    return {
        "case": case,
        "appointments": [(item, failures.get(item.appointment.reference, [])) for item in shown],
        "on_record": on_record,
    }
