from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "doorstep.complaints"
    label = "complaints"
    verbose_name = "Complaints"

    def ready(self) -> None:
        # The event kinds this app owns (registered before the interchange's generic ones),
        # and the complaint section of the case page and the household page.
        from doorstep.cases.registry import case_projection
        from doorstep.complaints import events, views  # noqa: F401
        from doorstep.complaints.projections import KINDS, complaint_project

        # Each complaint's row, rebuilt from its case's events on import and by `rebuild`.
        case_projection(name="complaints", kinds=KINDS, project=complaint_project)
