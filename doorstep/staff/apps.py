from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "doorstep.staff"
    label = "staff"

    def ready(self) -> None:
        from importlib import import_module
        from importlib.util import find_spec

        if find_spec(f"{self.name}.events"):
            import_module(f"{self.name}.events")

        from django.contrib.auth.signals import user_logged_in

        from doorstep.staff.twofactor import two_factor_stamped

        # Not a business rule: what a fresh session owes (a code, or nothing) is set at sign-in.
        user_logged_in.connect(two_factor_stamped, dispatch_uid="doorstep.staff.two_factor")
