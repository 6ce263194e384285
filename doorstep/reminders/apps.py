from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "doorstep.reminders"
    label = "reminders"
    verbose_name = "Reminders before a clock breaches"

    def ready(self) -> None:
        from doorstep.reminders import events  # noqa: F401 (registers `reminder.sent`)
