from django.apps import AppConfig


class RemediesConfig(AppConfig):
    name = "doorstep.remedies"
    label = "remedies"
    verbose_name = "Remedies and compensation"

    def ready(self) -> None:
        # Adds the remedies section to the case page (served by an app below).
        from doorstep.remedies import views  # noqa: F401
