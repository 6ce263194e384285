"""`doorstep rebuild`: recompute every projection from the timeline."""

from typing import Any

from django.core.management.base import BaseCommand

from doorstep.cases.services import projections_rebuild


class Command(BaseCommand):
    help = (
        "Recompute each case's status from its events. Reports how many differed; "
        "on a healthy record that is none."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        changed = projections_rebuild()
        self.stdout.write(f"Projections rebuilt; {changed} case(s) differed from the timeline.")
