"""Human references: `CMP-2022-000123`, `HH-2024-000001`. Numbered per prefix and year."""

from __future__ import annotations

from django.db import transaction

from doorstep.core.models import ReferenceCounter


@transaction.atomic
def next_reference(prefix: str, year: int) -> str:
    counter, _ = ReferenceCounter.objects.get_or_create(prefix=prefix, year=year)
    counter = ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}-{year}-{counter.last:06d}"
