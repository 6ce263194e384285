from django.apps import AppConfig


class VulnerabilitiesConfig(AppConfig):
    name = "doorstep.vulnerabilities"
    label = "vulnerabilities"

    def ready(self) -> None:
        from importlib import import_module
        from importlib.util import find_spec

        if find_spec(f"{self.name}.events"):
            import_module(f"{self.name}.events")
