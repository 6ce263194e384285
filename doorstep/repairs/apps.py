from django.apps import AppConfig


class RepairsConfig(AppConfig):
    name = "doorstep.repairs"
    label = "repairs"
    verbose_name = "Repairs"

    def ready(self) -> None:
        # The event kinds this app owns (registered before the interchange's generic ones),
        # and the repairs sections of the household and case pages (served by apps below).
        from doorstep.repairs import events, views  # noqa: F401
