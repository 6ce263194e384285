"""`doorstep rebuild`: recompute every projection from the timeline."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from doorstep.cases.registry import project_cases
from doorstep.cases.services import projections_rebuild
from doorstep.commitments.services import commitments_rebuild
from doorstep.timeline.models import Event


class Command(BaseCommand):
    help = (
        "Recompute each case's status, the promise ledger and every app's rows (complaints, "
        "ASB cases, moves, permissions...) from the timeline. Reports how many case statuses "
        "differed; on a healthy record that is none."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            changed = projections_rebuild()
            promises = commitments_rebuild()
            rebuilt = project_cases(Event.objects.all())
        self.stdout.write(f"Projections rebuilt; {changed} case(s) differed from the timeline.")
        self.stdout.write(f"Promise ledger rebuilt: {promises} history(ies).")
        for name, count in rebuilt.items():
            self.stdout.write(f"{name}: {count} case(s) rebuilt from their events.")
