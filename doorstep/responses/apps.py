"""Complaint responses: drafted in Doorstep with what the Complaint Handling Code requires,
sent as a letter, recorded as `complaint.response`, and their promises put on the ledger."""

from django.apps import AppConfig


class ResponsesConfig(AppConfig):
    name = "doorstep.responses"
    label = "responses"
    verbose_name = "Complaint responses"

    def ready(self) -> None:
        # The event kind this app owns (registered before the interchange's generic one), and
        # its section of the case page.
        from doorstep.responses import events, views  # noqa: F401
