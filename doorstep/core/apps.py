from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doorstep.core"
    label = "core"
    verbose_name = "Doorstep core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from doorstep.core.middleware import session_stamped

        # Not a business rule: the session's own clock starts when someone signs in.
        user_logged_in.connect(session_stamped, dispatch_uid="doorstep.core.session_stamped")
