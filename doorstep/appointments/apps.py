from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "doorstep.appointments"
    label = "appointments"
    verbose_name = "Appointments"

    def ready(self) -> None:
        # The event kinds this app owns (registered before the interchange's generic ones),
        # and the appointments section of the case page.
        from doorstep.appointments import events, views  # noqa: F401
