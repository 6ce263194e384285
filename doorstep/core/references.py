"""Human references: `CMP-2022-000123`, `HH-2024-000001`. Numbered per prefix and year."""

from __future__ import annotations

from django.db import transaction

from doorstep.core.models import ReferenceCounter


def next_reference(prefix: str, year: int) -> str:
    return next_references(prefix, year, 1)[0]


@transaction.atomic
def next_references(prefix: str, year: int, count: int) -> list[str]:
    """The next `count` references of a prefix and year, in order, taken under the counter's
    lock (an import opening a household's cases takes them in one go)."""
    counter, _ = ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return [f"{prefix}-{year}-{n:06d}" for n in range(first, counter.last + 1)]
