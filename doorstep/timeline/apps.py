from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "doorstep.timeline"
    label = "timeline"
    verbose_name = "Timeline"

    def ready(self) -> None:
        from doorstep.timeline import events  # noqa: F401  (registers the timeline's kinds)
