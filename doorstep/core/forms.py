"""Form machinery every page shares: GOV.UK error summaries, DomainError on the right field,
and a date field that keeps the precision a person gives ("March 2021", "3 March 2021, 14:05").

Forms only check shape. Every rule of the business is in a service; its `DomainError` comes
back here through `add_domain_error` so the person sees it on the field it is about.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from doorstep.core.errors import DomainError
from doorstep.timeline.when import When


class GovukForm(forms.Form):
    """A form whose errors render as a GOV.UK error summary, each linked to its field."""

    # Where a service's `DomainError.field` names an input by another name than the form's.
    domain_fields: dict[str, str] = {}

    def error_summary(self) -> list[dict[str, str]]:
        """The summary's items in page order: {"text", "href"}; non-field errors have no href."""
        items = [{"text": str(message), "href": ""} for message in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                items.append({"text": str(message), "href": f"#{anchor_id(self[name])}"})
        return items

    def add_domain_error(self, error: DomainError) -> None:
        name = self.domain_fields.get(error.field or "", error.field)
        self.add_error(name if name in self.fields else None, error.message)


def anchor_id(bound: forms.BoundField) -> str:
    """The id of the input an error summary link should focus (the first of a group)."""
    widget = bound.field.widget
    if isinstance(widget, WhenWidget):
        return f"{bound.auto_id}_day" if widget.with_day else f"{bound.auto_id}_month"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}_0"
    return bound.id_for_label or bound.auto_id


WHEN_PARTS = (_("Day"), _("Month"), _("Year"), _("Hour"), _("Minute"))


class WhenWidget(forms.MultiWidget):
    """GOV.UK's date input (day, month, year) with an optional time (hour, minute)."""

    def __init__(self, *, with_day: bool = True, with_time: bool = False) -> None:
        self.with_day, self.with_time = with_day, with_time
        numeric = {"inputmode": "numeric"}
        super().__init__(
            widgets={
                "day": forms.TextInput(attrs=numeric),
                "month": forms.TextInput(attrs=numeric),
                "year": forms.TextInput(attrs=numeric),
                "hour": forms.TextInput(attrs=numeric),
                "minute": forms.TextInput(attrs=numeric),
            }
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.datetime):
            return [value.day, value.month, value.year, f"{value.hour:02d}", f"{value.minute:02d}"]
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year, None, None]
        return [None] * 5

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for index, sub in enumerate(context["widget"]["subwidgets"]):
            sub["label"] = WHEN_PARTS[index]
            sub["shown"] = (index > 0 or self.with_day) and (index < 3 or self.with_time)
            sub["width"] = 4 if index == 2 else 2
        return context


ENTER_YEAR = _("Enter the year, like 2021")
REAL_DATE = _("Enter a real date")
REAL_TIME = _("Enter a real time, like 14:05")
NEED_DAY = _("Enter the day as well as the month and year")
NEED_DATE_FOR_TIME = _("Give the day, month and year to go with the time")


class WhenField(forms.MultiValueField):
    """A moment or period as precisely as a person knows it, cleaned to a `When`.

    Year alone is a year, month and year a month, a full date a day, and with a time a moment.
    `with_day=False` hides the day; `vague=False` insists on a full date.
    """

    def __init__(
        self, *, with_day: bool = True, with_time: bool = False, vague: bool = False, **kwargs: Any
    ) -> None:
        self.vague = vague
        parts = [forms.CharField(required=False, max_length=4) for _ in range(5)]
        super().__init__(
            fields=parts,
            require_all_fields=False,
            widget=WhenWidget(with_day=with_day, with_time=with_time),
            **kwargs,
        )

    def compress(self, data_list: list[str]) -> When | None:
        if not data_list or not any(p.strip() for p in data_list if p):
            return None
        day, month, year, hour, minute = (p.strip() if p else "" for p in data_list)
        if not year:
            raise ValidationError(ENTER_YEAR)
        if not (
            year.isdigit()
            and len(year) == 4
            and all(p.isdigit() for p in (day, month, hour, minute) if p)
        ):
            raise ValidationError(REAL_DATE)
        if day and not month:
            raise ValidationError(REAL_DATE)
        if not self.vague and not day:
            raise ValidationError(NEED_DAY)
        if (hour or minute) and not day:
            raise ValidationError(NEED_DATE_FOR_TIME)
        return self._when(year, month, day, hour, minute)

    @staticmethod
    def _when(year: str, month: str, day: str, hour: str, minute: str) -> When:
        try:
            if hour or minute:
                moment = dt.time(int(hour or 0), int(minute or 0))
                date = dt.date(int(year), int(month), int(day))
                return When.parse(f"{date.isoformat()}T{moment.isoformat(timespec='minutes')}")
            if day:
                return When.parse(dt.date(int(year), int(month), int(day)).isoformat())
            if month:
                if not 1 <= int(month) <= 12:
                    raise ValueError(month)
                return When.parse(f"{int(year):04d}-{int(month):02d}")
            return When.parse(f"{int(year):04d}")
        except ValueError:
            raise ValidationError(REAL_TIME if hour or minute else REAL_DATE) from None


class SearchForm(GovukForm):
    q = forms.CharField(
        label=_("Search for a household, property or case"),
        help_text=_("A name, reference, address, postcode, UPRN, or another system's reference"),
        max_length=200,
        required=False,
    )
