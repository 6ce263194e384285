from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "doorstep.interchange"
    label = "interchange"
    verbose_name = "Chronology interchange"

    def ready(self) -> None:
        # Registers the format's kinds no app declares itself; must load after those apps.
        from doorstep.interchange import events  # noqa: F401
