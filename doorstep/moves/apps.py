from django.apps import AppConfig


class MovesConfig(AppConfig):
    name = "doorstep.moves"
    label = "moves"
    verbose_name = "Management moves"

    def ready(self) -> None:
        # The transfer event kinds this app owns (registered before the interchange's generic
        # ones), and the move section of the case page and the household page.
        from doorstep.cases.registry import case_projection
        from doorstep.moves import events, views  # noqa: F401
        from doorstep.moves.projections import KINDS, move_project

        # Each request's row, rebuilt from its case's events on import and by `rebuild`.
        case_projection(name="moves", kinds=KINDS, project=move_project)
