"""The access log (/audit/): who read special category detail, about whom, from which page
or call; and every request Doorstep refused a known person. For managers and the auditor.

Only here is the clock read: the page's default window is the 30 days to today."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from doorstep.audit.forms import AccessLogForm
from doorstep.audit.selectors import Window, refusals, special_category_reads
from doorstep.core.views import staff_view

PAGE_SIZE = 100
DEFAULT_DAYS = 30
SHOWN = {"reads", "refusals"}


@require_GET
@staff_view("vulnerabilities.view_specialcategoryaccess", "audit.view_accessrefusal")
def access_log(request: HttpRequest) -> HttpResponse:
    form = AccessLogForm(request.GET or None)
    today = timezone.localdate()
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    until = data.get("until") or today
    window = Window(
        since=data.get("since") or until - dt.timedelta(days=DEFAULT_DAYS),
        until=until,
        who=(data.get("who") or "").strip(),
        about=(data.get("about") or "").strip(),
    )
    shown = request.GET.get("show", "reads")
    shown = shown if shown in SHOWN else "reads"
    rows = special_category_reads(window) if shown == "reads" else refusals(window)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "window": window,
            "shown": shown,
            "page": page,
            "nav": "audit",
        },
    )
