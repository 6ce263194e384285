"""`doorstep token USERNAME`: issue an API token."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from doorstep.staff.models import User
from doorstep.staff.services import api_token_create


class Command(BaseCommand):
    help = "Issue a bearer token for the JSON API to a staff account. It is printed once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="command line", help="what the token is for")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No staff account is called {options['username']!r}.")
        _, raw = api_token_create(user=user, name=options["name"], at=timezone.now())
        self.stdout.write(raw)
