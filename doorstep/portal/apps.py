from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "doorstep.portal"
    label = "portal"
    verbose_name = "Residents' portal"

    def ready(self) -> None:
        from doorstep.portal import events  # noqa: F401 (registers the portal's event kinds)
