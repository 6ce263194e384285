"""`doorstep demo`: load the demo landlord and print the demo logins."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.demo.loader import DEMO_PASSWORD, RESIDENT_EMAIL, load_demo
from doorstep.residents.models import Household
from doorstep.staff.models import User


class Command(BaseCommand):
    help = (
        "Load a small demo estate (a block, flats, houses), households, vulnerabilities, "
        "cases in progress, and one login per staff role. Refuses a database that already "
        "has households unless --if-empty is given (then it does nothing)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="load only when the database has no households; else just print the logins",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="allow demo logins with a known password outside DEBUG",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "The demo creates logins with a published password; it runs "
                "only with DEBUG on (doorstep.settings.dev)."
            )
        if Household.objects.exists():
            if not options["if_empty"]:
                raise CommandError(
                    "This database already has households; the demo loads into an empty one."
                )
            self.stdout.write("Demo data already loaded.")
        else:
            demo = load_demo(today=timezone.localdate())
            self.stdout.write(f"Loaded the demo: {len(demo.households)} households.")
        self._logins()

    def _logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for each: {DEMO_PASSWORD}):")
        for user in User.objects.filter(email__endswith="@demo.invalid").order_by("pk"):
            self.stdout.write(f"  {user.username:<12} {', '.join(user.role_names())}")
        self.stdout.write(
            f"\nResident (the residents' portal, /portal/sign-in/): {RESIDENT_EMAIL}, "
            f"the same password."
        )
