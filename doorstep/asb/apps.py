from django.apps import AppConfig


class AsbConfig(AppConfig):
    name = "doorstep.asb"
    label = "asb"
    verbose_name = "Anti-social behaviour"

    def ready(self) -> None:
        # The event kinds this app owns (registered before the interchange's generic ones),
        # and the ASB section of the case page and the household page.
        from doorstep.asb import events, views  # noqa: F401
        from doorstep.asb.projections import KINDS, asb_project
        from doorstep.cases.registry import case_projection

        # Each ASB case's row, rebuilt from its case's events on import and by `rebuild`.
        case_projection(name="asb", kinds=KINDS, project=asb_project)
