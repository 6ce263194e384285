from django.apps import AppConfig


class RepeatsConfig(AppConfig):
    name = "doorstep.repeats"
    label = "repeats"
    verbose_name = "Recurring defects"

    def ready(self) -> None:
        # Adds the recurring-defects section to the case page (served by an app below).
        from doorstep.repeats import views  # noqa: F401
