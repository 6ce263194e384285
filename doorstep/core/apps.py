from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doorstep.core"
    label = "core"
    verbose_name = "Doorstep core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.core.signals import got_request_exception

        from doorstep.core.logs import exception_logged
        from doorstep.core.middleware import session_stamped

        # Not a business rule: the session's own clock starts when someone signs in.
        user_logged_in.connect(session_stamped, dispatch_uid="doorstep.core.session_stamped")
        # A 500's traceback in the log, without its message (core/logs.py).
        got_request_exception.connect(exception_logged, dispatch_uid="doorstep.core.errors")
