from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "doorstep.interchange"
    label = "interchange"
    verbose_name = "Chronology interchange"

    def ready(self) -> None:
        # Registers the format's kinds no app declares itself; must load after those apps.
        from doorstep.interchange import events  # noqa: F401
        from doorstep.interchange.stamps import engine_version

        # The code this process loaded, named now: a release that replaces the files under a
        # running process must not have its replays kept under the new code's name (ADR 19).
        engine_version()
