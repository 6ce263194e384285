from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "doorstep.deadlines"
    label = "deadlines"
    verbose_name = "Deadlines"

    def ready(self) -> None:
        # Adds the clocks sections to the case and household pages (served by apps below).
        from doorstep.deadlines import views  # noqa: F401
