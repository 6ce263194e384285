from django.apps import AppConfig


class PermitsConfig(AppConfig):
    """Permissions a tenant asks the landlord for (a pet, an alteration, anything else). The
    code says "permit" because "permission" is Django's own word for what a role may do; every
    page says "permission"."""

    name = "doorstep.permits"
    label = "permits"
    verbose_name = "Permissions (pets, alterations)"

    def ready(self) -> None:
        # The event kinds this app owns (registered before the interchange's generic ones),
        # and its sections of the case page and the household page.
        from doorstep.cases.registry import case_projection
        from doorstep.permits import events, views  # noqa: F401
        from doorstep.permits.projections import KINDS, permit_project

        # Each permission's row, rebuilt from its case's events on import and by `rebuild`.
        case_projection(name="permissions", kinds=KINDS, project=permit_project)
