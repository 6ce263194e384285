from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "doorstep.documents"
    label = "documents"

    def ready(self) -> None:
        from importlib import import_module
        from importlib.util import find_spec

        if find_spec(f"{self.name}.events"):
            import_module(f"{self.name}.events")

        from doorstep.documents.services import documents_verify
        from doorstep.timeline.verify import HELD_CHECKS

        if documents_verify not in HELD_CHECKS:
            HELD_CHECKS.append(documents_verify)
