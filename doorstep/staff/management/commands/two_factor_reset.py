"""`doorstep two-factor-reset USERNAME`: remove a member of staff's authenticator app (a lost
phone) and end their open sessions; they sign in and set up a new one."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doorstep.staff.models import User
from doorstep.staff.twofactor import two_factor_reset


class Command(BaseCommand):
    help = "Remove a staff account's authenticator app; a new one is set up at next sign-in."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No staff account is called {options['username']!r}.")
        removed, ended = two_factor_reset(user=user)
        self.stdout.write(
            f"Removed {removed} authenticator app(s) from {user.get_username()} and ended "
            f"{ended} session(s) they had open."
        )
