"""`doorstep serve`: migrate, then run the web UI and API."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Bring the database up to date and serve Doorstep's web UI and API. "
        "For a single machine or a demo; in production run gunicorn (docs/operations.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "address",
            nargs="?",
            default="127.0.0.1:8000",
            help="host:port to listen on (default 127.0.0.1:8000)",
        )
        parser.add_argument("--no-migrate", action="store_true", help="skip migrations")
        parser.add_argument("--no-reload", action="store_true", help="do not reload on change")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("roles")
        call_command("runserver", options["address"], use_reloader=not options["no_reload"])
