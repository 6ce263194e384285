from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "doorstep.learning"
    label = "learning"
    verbose_name = "Learning from complaints"

    def ready(self) -> None:
        # The event kinds this app owns (Doorstep's own, not the chronology format's), and
        # the learning section of the case page (served by the cases app below).
        from doorstep.learning import events, views  # noqa: F401
