from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "doorstep.inspections"
    label = "inspections"
    verbose_name = "Inspections and surveys"

    def ready(self) -> None:
        # The `inspection.done` kind (registered before the interchange's generic one), and
        # the inspections section of the case page (served by the cases app below).
        from doorstep.inspections import events, views  # noqa: F401
