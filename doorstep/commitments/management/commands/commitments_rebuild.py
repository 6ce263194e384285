"""`doorstep commitments_rebuild`: recompute the promise ledger's rows from the timeline."""

from typing import Any

from django.core.management.base import BaseCommand

from doorstep.commitments.services import commitments_rebuild


class Command(BaseCommand):
    help = (
        "Recompute every commitment's row from its household's events. Reports how many were "
        "new or differed: after an import, its commitments; otherwise none."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = commitments_rebuild()
        self.stdout.write(f"Commitments rebuilt; {changed} row(s) were new or differed.")
