"""`doorstep permits_rebuild`: recompute the permissions' rows from the timeline."""

from typing import Any

from django.core.management.base import BaseCommand

from doorstep.permits.projections import permits_rebuild


class Command(BaseCommand):
    help = (
        "Recompute every permission's row (pets, alterations) from its case's events. Reports "
        "how many were new, differed or went: on a healthy record, none."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = permits_rebuild()
        self.stdout.write(f"Permissions rebuilt; {changed} row(s) were new, differed or went.")
