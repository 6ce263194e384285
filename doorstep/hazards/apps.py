from django.apps import AppConfig


class HazardsConfig(AppConfig):
    name = "doorstep.hazards"
    label = "hazards"
    verbose_name = "Hazards"

    def ready(self) -> None:
        # The event kinds this app owns (registered before the interchange's generic ones),
        # and the hazards section of the case page (served by the cases app below).
        from doorstep.hazards import events, views  # noqa: F401
