from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "doorstep.evidence"
    label = "evidence"
    verbose_name = "Evidence packs"

    def ready(self) -> None:
        # The event kind this app owns (Doorstep's own: `evidence.produced`), and the link to
        # produce a pack on the case and household pages (served by apps below).
        from doorstep.evidence import events, views  # noqa: F401
