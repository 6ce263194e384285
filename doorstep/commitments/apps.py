from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "doorstep.commitments"
    label = "commitments"
    verbose_name = "Commitments"

    def ready(self) -> None:
        # The event kinds this app owns (registered before the interchange's generic ones),
        # and the promise ledger's section of the case page (served by an app below).
        from doorstep.commitments import events, views  # noqa: F401
