from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "doorstep.commitments"
    label = "commitments"

    def ready(self) -> None:
        from importlib import import_module
        from importlib.util import find_spec

        if find_spec(f"{self.name}.events"):
            import_module(f"{self.name}.events")
