from django.apps import AppConfig


class OmbudsmanConfig(AppConfig):
    name = "doorstep.ombudsman"
    label = "ombudsman"
    verbose_name = "Housing Ombudsman"

    def ready(self) -> None:
        # The event kinds this app owns (registered before the interchange's generic ones),
        # and the Ombudsman section of the case page (served by the cases app below).
        from doorstep.ombudsman import events, views  # noqa: F401
