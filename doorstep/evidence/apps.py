from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "doorstep.evidence"
    label = "evidence"
    verbose_name = "Evidence packs"

    def ready(self) -> None:
        # The event kind this app owns (Doorstep's own: `evidence.produced`).
        from doorstep.evidence import events  # noqa: F401
