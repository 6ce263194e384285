"""`doorstep roles`: create or update the staff roles from the role table."""

from typing import Any

from django.core.management.base import BaseCommand

from doorstep.staff.roles import ROLE_PERMISSIONS
from doorstep.staff.services import roles_sync


class Command(BaseCommand):
    help = (
        "Create or update each staff role (a group) with exactly the permissions in staff/roles.py."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        roles_sync()
        self.stdout.write(f"{len(ROLE_PERMISSIONS)} roles up to date.")
