"""The case page: the case's header, its household's vulnerability flags, its timeline, and
the sections apps above cases add to it (the clocks, from `deadlines`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from doorstep.cases.forms import NoteForm
from doorstep.cases.models import Case
from doorstep.cases.selectors import CaseRecord, case_record, case_search, property_record
from doorstep.cases.services import note_add
from doorstep.core.errors import DomainError
from doorstep.core.views import actor, search_section, staff_view
from doorstep.properties.models import Property


@search_section(
    key="cases",
    title=_("Cases"),
    permission="cases.view_case",
    template="cases/search_results.html",
    order=30,
)
def find_cases(*, query: str, user: Any) -> Any:
    return case_search(query=query, user=user)


SectionContext = Callable[..., Mapping[str, Any]]


@dataclass(frozen=True)
class PageSection:
    """A section of a page that an app above the page's own adds: its template, rendered with
    `section` = `context(request=..., **subject)`, for people holding `permission`."""

    key: str
    template: str
    permission: str
    order: int
    context: SectionContext


class PageSections:
    """The sections apps above a page's app add to it, as the home page's search sections are
    registered (`core.views.search_section`): the page's app never imports theirs, so the
    dependency direction (pyproject.toml's contracts) holds."""

    def __init__(self) -> None:
        self._sections: dict[str, PageSection] = {}

    def register(
        self, *, key: str, template: str, permission: str, order: int
    ) -> Callable[[SectionContext], SectionContext]:
        def add(context: SectionContext) -> SectionContext:
            self._sections[key] = PageSection(key, template, permission, order, context)
            return context

        return add

    def shown(self, request: HttpRequest, **subject: Any) -> list[tuple[str, Mapping[str, Any]]]:
        """Each section this person may see, in order: (template, its context)."""
        return [
            (s.template, s.context(request=request, **subject))
            for s in sorted(self._sections.values(), key=lambda s: s.order)
            if request.user.has_perm(s.permission)
        ]


# Sections of the case page, each given the request and the `case`.
CASE_PAGE_SECTIONS = PageSections()


def _record(request: HttpRequest, reference: str) -> CaseRecord:
    try:
        return case_record(reference=reference, user=request.user, at=timezone.now())
    except Case.DoesNotExist:
        raise Http404 from None


@require_GET
@staff_view("cases.view_case")
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    record = _record(request, reference)
    form = NoteForm(entries=record.timeline, initial={"supersedes": request.GET.get("corrects")})
    return _render(request, record, form)


def _render(request: HttpRequest, record: CaseRecord, form: NoteForm) -> HttpResponse:
    sections = CASE_PAGE_SECTIONS.shown(request, case=record.case)
    context = {"record": record, "form": form, "sections": sections}
    return render(request, "cases/case.html", context)


@require_POST
@staff_view("cases.view_case", "timeline.add_event")
def note_add_view(request: HttpRequest, reference: str) -> HttpResponse:
    record = _record(request, reference)
    form = NoteForm(request.POST, entries=record.timeline)
    if form.is_valid():
        try:
            note_add(
                actor=actor(request),
                case=record.case,
                text=form.cleaned_data["text"],
                at=timezone.now(),
                supersedes=form.superseded(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Note added to the timeline."))
            return redirect(reverse("cases:case", args=[reference]) + "#timeline")
    return _render(request, record, form)


@require_GET
@staff_view("properties.view_property")
def property_page(request: HttpRequest, reference: str) -> HttpResponse:
    """A property: where it sits, what is inside it, who lives there, and its cases."""
    try:
        record = property_record(reference=reference, user=request.user)
    except Property.DoesNotExist:
        raise Http404 from None
    return render(request, "cases/property.html", {"record": record})
